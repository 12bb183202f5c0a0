/// Renders a `DefinitionDiff` as text (a table per product), Markdown or JSON.
///
/// JSON shape (version 1):
///
/// ```text
/// {
///   "format": "kpi-diff", "version": 1,
///   "old": label, "new": label,            // kpi-definitions/cms.yaml@HEAD, kpi-definitions/cms.yaml
///   "document": id | null, "base": bool,   // what the file declares
///   "has_changes": bool,
///   "products": [{
///     "product", "status",                 // "changed" | "added" | "removed"
///     "changes": [{"kind", "item", "old", "new"}]
///   }]
/// }
/// ```
///
/// `kind` is one of `metric-added`, `metric-removed`, `re-weighted`, `re-targeted`,
/// `thresholds-changed`, `formula-changed`, `direction-changed`, `unit-changed`,
/// `concept-changed`, `health-added`, `health-removed`, `health-component-added`,
/// `health-component-removed`, `health-weight-changed`, `health-bands-changed`,
/// `signal-added`, `signal-removed`. `old` and `new` are null on the side where the item
/// is absent; otherwise a number (target), a string (formula, direction, unit, concept),
/// `{"green", "yellow"}` (thresholds, bands), `{"weight", "share"}` (weights; share of
/// the total, 0..1), `{"concept", "weight", "share", "formula"}` (a metric added or
/// removed) or `{"kind", "when"}` (a signal).
public struct DefinitionDiffRenderer: Sendable {
    /// A renderer.
    public init() {}

    /// The diff in `format` (`.html` renders as `.table`).
    public func render(_ diff: DefinitionDiff, as format: ReportFormat) -> String {
        switch format {
        case .table, .html: return text(diff)
        case .markdown: return markdown(diff)
        case .json: return json(diff)
        }
    }

    // MARK: - Text

    private func text(_ diff: DefinitionDiff) -> String {
        var out = "kpi diff: \(diff.oldLabel) -> \(diff.newLabel)\n"
        out += scope(diff) + "\n"
        for product in diff.products {
            out += "\n\(product.product): \(summary(product))\n"
            guard !product.changes.isEmpty else { continue }
            var table = TextTable(headers: ["change", "item", "old", "new"])
            for change in product.changes {
                table.addRow([change.kind.rawValue, change.item, change.old.map(Self.text) ?? "-", change.new.map(Self.text) ?? "-"])
            }
            out += table.render(indent: "  ")
        }
        if !diff.hasChanges { out += "\nNo differences in the KPI definitions.\n" }
        return out
    }

    // MARK: - Markdown

    private func markdown(_ diff: DefinitionDiff) -> String {
        var out = "# KPI definition changes\n\n`\(diff.oldLabel)` → `\(diff.newLabel)`: \(ComparisonMarkdownRenderer.escapeText(scope(diff)))\n"
        for product in diff.products {
            out += "\n## \(product.product)\n\n\(summary(product).prefix(1).uppercased() + summary(product).dropFirst()).\n"
            guard !product.changes.isEmpty else { continue }
            out += "\n" + ComparisonMarkdownRenderer.header(["change", "item", "old", "new"], right: [])
            for change in product.changes {
                out += ComparisonMarkdownRenderer.row([change.kind.rawValue, "`\(change.item)`", Self.markdownCell(change.old, change.kind), Self.markdownCell(change.new, change.kind)])
            }
        }
        if !diff.hasChanges { out += "\nNo differences in the KPI definitions.\n" }
        return out
    }

    private static func markdownCell(_ value: DiffValue?, _ kind: DefinitionChange.Kind) -> String {
        guard let value else { return "-" }
        switch value {
        case .text(let text) where kind == .formulaChanged: return "`\(text)`"
        case .metric(_, _, _, let formula): return text(value).replacing(formula, with: "`\(formula)`")
        case .signal(_, let when): return text(value).replacing(when, with: "`\(when)`")
        default: return text(value)
        }
    }

    // MARK: - JSON

    private func json(_ diff: DefinitionDiff) -> String {
        JSONValue.object([
            ("format", "kpi-diff"),
            ("version", .number(1)),
            ("old", .string(diff.oldLabel)),
            ("new", .string(diff.newLabel)),
            ("document", .string(diff.document)),
            ("base", .bool(diff.isBase)),
            ("has_changes", .bool(diff.hasChanges)),
            ("products", .array(diff.products.map { product in
                .object([
                    ("product", .string(product.product)),
                    ("status", .string(product.status.rawValue)),
                    ("changes", .array(product.changes.map { change in
                        .object([
                            ("kind", .string(change.kind.code)),
                            ("item", .string(change.item)),
                            ("old", change.old.map(Self.json) ?? .null),
                            ("new", change.new.map(Self.json) ?? .null),
                        ])
                    })),
                ])
            })),
        ]).rendered()
    }

    private static func json(_ value: DiffValue) -> JSONValue {
        switch value {
        case .number(let number): return .number(number)
        case .text(let text): return .string(text)
        case .thresholds(let green, let yellow): return .object([("green", .number(green)), ("yellow", .number(yellow))])
        case .weight(let weight, let share): return .object([("weight", .number(weight)), ("share", .number(share))])
        case .metric(let concept, let weight, let share, let formula):
            return .object([("concept", .string(concept)), ("weight", .number(weight)), ("share", .number(share)), ("formula", .string(formula))])
        case .signal(let kind, let when): return .object([("kind", .string(kind.rawValue)), ("when", .string(when))])
        }
    }

    // MARK: - Shared

    private func scope(_ diff: DefinitionDiff) -> String {
        guard let document = diff.document else { return "the file declares no product or base" }
        guard diff.isBase else { return "product \(document)" }
        let reached = diff.products.map(\.product)
        return "base \(document), " + (reached.isEmpty ? "extended by no product" : "reaching \(reached.joined(separator: ", "))")
    }

    private func summary(_ product: ProductDiff) -> String {
        switch product.status {
        case .added: return "product added"
        case .removed: return "product removed"
        case .changed:
            let count = product.changes.count
            return count == 0 ? "no changes" : "\(count) change\(count == 1 ? "" : "s")"
        }
    }

    /// A value as a table cell.
    static func text(_ value: DiffValue) -> String {
        switch value {
        case .number(let number): return NumberText.plain(number)
        case .text(let text): return text
        case .thresholds(let green, let yellow): return "green \(NumberText.plain(green)), yellow \(NumberText.plain(yellow))"
        case .weight(let weight, let share):
            guard let weight else { return "unweighted" }
            return NumberText.plain(weight) + (share.map { " (\(NumberText.share($0)))" } ?? "")
        case .metric(let concept, let weight, let share, let formula):
            let weightText = weight.map { "weight \(NumberText.plain($0))" + (share.map { " (\(NumberText.share($0)))" } ?? "") } ?? "unweighted"
            return "\(concept ?? "no concept"), \(weightText): \(formula)"
        case .signal(let kind, let when): return "\(kind.rawValue): \(when)"
        }
    }
}
