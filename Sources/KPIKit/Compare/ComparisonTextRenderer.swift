/// Renders a comparison as text for a terminal: the products, a matrix of weight shares
/// by concept, then one table per concept with its marks under it. Columns are padded by
/// display width, so Japanese names and labels line up.
public struct ComparisonTextRenderer: Sendable {
    /// Whether to colour the marks (ANSI); only on a terminal.
    public var colors: Bool

    /// A renderer; `colors` only for a terminal.
    public init(colors: Bool = false) {
        self.colors = colors
    }

    /// The comparison as text, ending in a newline.
    public func render(_ comparison: CatalogComparison) -> String {
        var out = "KPI comparison: \(comparison.products.map(\.id).joined(separator: ", "))\n\n"
        out += products(comparison)
        out += "\n" + shares(comparison)
        for concept in comparison.concepts {
            out += "\n" + section(concept, in: comparison)
        }
        if comparison.marks.isEmpty {
            out += "\nNo marks: these products weight, compute and measure their shared concepts alike.\n"
        } else {
            let count = comparison.marks.count
            out += "\n\(count) mark\(count == 1 ? "" : "s") where the teams talk past each other (! in the tables).\n"
        }
        return out
    }

    // MARK: - Sections

    private func products(_ comparison: CatalogComparison) -> String {
        let evaluated = comparison.products.contains { $0.evaluation != nil }
        var headers = ["product", "name", "team", "model", "module", "touch high/low/tech", "metrics", "total weight"]
        if evaluated { headers += ["period", "score", "coverage"] }
        var table = TextTable(headers: headers, alignments: [.left, .left, .left, .left, .left, .left, .right, .right, .left, .right, .right])
        for product in comparison.products {
            var row = [product.id, product.name ?? "-", product.team ?? "-", product.model.rawValue, product.module, product.touchText,
                       String(product.metricCount), NumberText.plain(product.totalWeight)]
            if evaluated {
                row += [product.evaluation?.period ?? "", product.evaluation?.score.map { NumberText.plain(($0 * 10).rounded() / 10) } ?? "",
                        product.evaluation?.coverage.map(NumberText.share) ?? ""]
            }
            table.addRow(row)
        }
        var out = "Products\n" + table.render(indent: "  ") + "\n"
        let width = comparison.products.map(\.id.displayWidth).max() ?? 0
        for product in comparison.products {
            out += "  " + product.id.padded(to: width) + "  " + (product.summary ?? "(no description)") + "\n"
        }
        return out
    }

    private func shares(_ comparison: CatalogComparison) -> String {
        let ids = comparison.products.map(\.id)
        var table = TextTable(headers: ["concept"] + ids, alignments: [.left] + ids.map { _ in .right })
        for concept in comparison.concepts {
            let marked = Set(comparison.marks(for: concept.concept).filter { $0.kind == .weight }.flatMap(\.products))
            let cells = concept.shares.map { share in share.shareText + (marked.contains(share.product) ? " !" : "  ") }
            table.addRow([concept.title] + cells)
        }
        return "Weight share by concept (- not measured; ! heavy, >= 15%, in one product and light, < 5%, or missing in another)\n" + table.render(indent: "  ")
    }

    private func section(_ concept: ConceptComparison, in comparison: CatalogComparison) -> String {
        let evaluated = comparison.hasEvaluations
        var headers = ["", "product", "metric", "label", "share", "weight"]
        var alignments: [TextTable.Alignment] = [.left, .left, .left, .left, .right, .right]
        if evaluated {
            headers += ["value", "status"]
            alignments += [.right, .left]
        }
        headers += ["target", "direction", "green / yellow", "unit", "window", "formula"]
        alignments += [.right, .left, .left, .left, .left, .left]
        var table = TextTable(headers: headers, alignments: alignments)
        for metric in concept.metrics {
            var row = [metric.marks.isEmpty ? "" : "!", metric.product, metric.id, metric.label ?? "-", metric.shareText, metric.weightText]
            if evaluated { row += [metric.valueText, metric.statusText] }
            row += [metric.targetText, metric.direction.rawValue, metric.thresholdsText, metric.unitText, metric.window.description, metric.formula]
            table.addRow(row)
        }
        let heading = concept.title + (concept.isCatalogConcept ? " (catalog concept)" : "")
        var out = heading + "\n" + table.render(indent: "  ")
        for mark in comparison.marks(for: concept.concept) {
            out += "  " + highlighted("! \(mark.kind.rawValue): \(mark.message)") + "\n"
        }
        return out
    }

    private func highlighted(_ text: String) -> String {
        colors ? "\u{1B}[33m" + text + "\u{1B}[0m" : text
    }
}
