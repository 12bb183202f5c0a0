/// Renders `kpi explain` output as text for a terminal.
public struct ExplanationTextRenderer: Sendable {
    /// A renderer.
    public init() {}

    /// A metric: its settings with where each is written, then its dependency tree down
    /// to the fields read from the data, each node with its type and place.
    public func render(_ explanation: MetricExplanation) -> String {
        var out = "\(explanation.product) / \(explanation.metric)" + (explanation.label.map { ": \($0)" } ?? "") + "\n"
        if let description = explanation.description {
            out += ComparedMetric.collapsed(description) + "\n"
        }
        let weight = explanation.weight.map { "weight \(NumberText.plain($0)) (\(explanation.share.map(NumberText.share) ?? "-") of the product's weight)" } ?? "unweighted"
        out += "concept \(explanation.concept ?? "-"), unit \(explanation.unit?.rawValue ?? "-"), \(explanation.direction.rawValue) is better, \(weight)\n\n"

        var settings = TextTable(headers: ["setting", "value", "defined in", "location"])
        for setting in explanation.settings {
            settings.addRow([setting.key, setting.value, setting.location.documentDescription, setting.location.description])
        }
        out += settings.render(indent: "  ")

        out += "\nDependencies (metrics, sources, derived fields and segments, down to the fields read from the data)\n"
        var tree = TextTable(headers: ["name", "kind", "type", "defined in", "location", "definition"])
        addRows(explanation.tree, prefix: "", childPrefix: "", to: &tree)
        out += tree.render(indent: "  ")
        if containsRepeat(explanation.tree) {
            out += "  (see above): expanded where it first appears.\n"
        }
        return out
    }

    /// A product: each metric with its concept, weight share and where its formula is.
    public func render(_ explanation: ProductExplanation) -> String {
        var out = explanation.product + (explanation.name.map { ": \($0)" } ?? "") + (explanation.team.map { " (\($0))" } ?? "") + "\n"
        out += "model \(explanation.model.rawValue), module \(explanation.module)"
        out += explanation.bases.isEmpty ? ", no bases" : ", extends \(explanation.bases.joined(separator: ", "))"
        out += ", declared in \(explanation.path)\n\n"
        var table = TextTable(
            headers: ["metric", "label", "concept", "unit", "direction", "weight", "share", "formula defined in", "location"],
            alignments: [.left, .left, .left, .left, .left, .right, .right, .left, .left])
        for entry in explanation.entries {
            table.addRow([
                entry.metric, entry.label ?? "-", entry.concept ?? "-", entry.unit?.rawValue ?? "-", entry.direction.rawValue,
                entry.weight.map { NumberText.plain($0) } ?? "-", entry.share.map(NumberText.share) ?? "-",
                entry.location.documentDescription, entry.location.description,
            ])
        }
        out += table.render(indent: "  ")
        let weighted = explanation.entries.filter { ($0.weight ?? 0) > 0 }.count
        out += "\n\(explanation.entries.count) metrics, \(weighted) weighted, total weight \(NumberText.plain(explanation.totalWeight)). "
        out += "Run `kpi explain \(explanation.product) METRIC` for a metric's dependencies.\n"
        return out
    }

    private func addRows(_ node: DependencyNode, prefix: String, childPrefix: String, to table: inout TextTable) {
        let name = prefix + node.name + (node.isRepeated ? " (see above)" : "")
        table.addRow([
            name, node.kind.rawValue, node.type ?? "-", node.location?.documentDescription ?? "-",
            node.location?.description ?? "-", node.isRepeated ? "" : (node.detail ?? ""),
        ])
        for (index, child) in node.children.enumerated() {
            let last = index == node.children.count - 1
            addRows(child, prefix: childPrefix + (last ? "└─ " : "├─ "), childPrefix: childPrefix + (last ? "   " : "│  "), to: &table)
        }
    }

    private func containsRepeat(_ node: DependencyNode) -> Bool {
        node.isRepeated || node.children.contains(where: containsRepeat)
    }
}
