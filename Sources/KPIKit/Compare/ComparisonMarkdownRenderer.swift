/// Renders a comparison as GitHub-flavoured Markdown: a products table, the weight-share
/// matrix, and a table per concept with its marks as a list under it (marked cells carry
/// ⚠ and are bold).
public struct ComparisonMarkdownRenderer: Sendable {
    /// A renderer.
    public init() {}

    /// The comparison as Markdown, ending in a newline.
    public func render(_ comparison: CatalogComparison) -> String {
        var out = "# KPI comparison: \(comparison.products.map(\.id).joined(separator: ", "))\n\n"
        out += "## Products\n\n"
        let evaluated = comparison.products.contains { $0.evaluation != nil }
        var headers = ["product", "name", "team", "model", "module", "touch (high / low / tech)", "metrics", "total weight"]
        if evaluated { headers += ["period", "score", "coverage"] }
        out += Self.header(headers, right: [6, 7, 9, 10])
        for product in comparison.products {
            var row = ["**\(product.id)**", product.name ?? "-", product.team ?? "-", product.model.rawValue, product.module,
                       product.touchText, String(product.metricCount), NumberText.plain(product.totalWeight)]
            if evaluated {
                row += [product.evaluation?.period ?? "", product.evaluation?.score.map { NumberText.plain(($0 * 10).rounded() / 10) } ?? "",
                        product.evaluation?.coverage.map(NumberText.share) ?? ""]
            }
            out += Self.row(row)
        }
        out += "\n"
        for product in comparison.products {
            out += "- **\(product.id)**: \(Self.escapeText(product.summary ?? "(no description)"))\n"
        }

        out += "\n## Weight share by concept\n\n"
        let ids = comparison.products.map(\.id)
        out += Self.header(["concept"] + ids, right: Set(1...max(1, ids.count)))
        for concept in comparison.concepts {
            let marked = Set(comparison.marks(for: concept.concept).filter { $0.kind == .weight }.flatMap(\.products))
            out += Self.row([concept.title] + concept.shares.map { share in
                marked.contains(share.product) ? "**\(share.shareText) ⚠**" : share.shareText
            })
        }
        out += "\n(- not measured; ⚠ heavy, at least 15% of the weight, in one product and light, under 5%, or missing in another.)\n"

        for concept in comparison.concepts {
            out += "\n## \(concept.title)\(concept.isCatalogConcept ? " (catalog concept)" : "")\n\n"
            var headers = ["", "product", "metric", "label", "share", "weight"]
            var right: Set<Int> = [4, 5]
            if comparison.hasEvaluations {
                headers += ["value", "status"]
                right.insert(6)
            }
            right.insert(headers.count)
            headers += ["target", "direction", "green / yellow", "unit", "window", "formula"]
            out += Self.header(headers, right: right)
            for metric in concept.metrics {
                let flagged = Set(metric.marks)
                func cell(_ text: String, _ kinds: Set<ComparisonMark.Kind>) -> String {
                    flagged.isDisjoint(with: kinds) ? text : "**\(text)**"
                }
                var row = [metric.marks.isEmpty ? "" : "⚠", metric.product, "`\(metric.id)`", metric.label ?? "", cell(metric.shareText, [.weight]), metric.weightText]
                if comparison.hasEvaluations { row += [metric.valueText, metric.statusText] }
                row += [metric.targetText, cell(metric.direction.rawValue, [.direction]), metric.thresholdsText,
                        cell(metric.unitText, [.unit]), cell(metric.window.description, [.window]),
                        flagged.contains(.formula) ? "**`\(metric.formula)`**" : "`\(metric.formula)`"]
                out += Self.row(row)
            }
            let marks = comparison.marks(for: concept.concept)
            if !marks.isEmpty {
                out += "\n"
                for mark in marks { out += "- ⚠ **\(mark.kind.rawValue)**: \(Self.escapeText(mark.message))\n" }
            }
        }
        return out
    }

    // MARK: - Markdown

    /// A header row and its delimiter row; `right` holds the (0-based) right-aligned columns.
    static func header(_ cells: [String], right: Set<Int>) -> String {
        row(cells) + "|" + cells.indices.map { right.contains($0) ? "---:" : "---" }.joined(separator: "|") + "|\n"
    }

    /// One table row; `|` inside a cell is escaped, line breaks become spaces.
    static func row(_ cells: [String]) -> String {
        "| " + cells.map { $0.replacing("|", with: "\\|").replacing("\n", with: " ") }.joined(separator: " | ") + " |\n"
    }

    /// Free text: characters that would start Markdown markup escaped, except inside
    /// `code spans`, which Markdown shows as they are.
    static func escapeText(_ text: String) -> String {
        var out = ""
        var inCode = false
        for character in text {
            if character == "`" { inCode.toggle() }
            if !inCode, "*_<>[]|".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
