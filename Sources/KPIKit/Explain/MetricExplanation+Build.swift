import KPIYAML
import KPILanguage

extension MetricExplanation {
    /// The explanation of metric `id` of `product`; nil when the product has no such metric.
    /// - Parameters:
    ///   - id: the metric id.
    ///   - product: a checked product.
    public init?(metric id: String, in product: CheckedProduct) {
        guard let checked = product.metric(id) else { return nil }
        let definition = checked.definition
        let total = product.definition.metrics.reduce(0) { $0 + ($1.weight?.value ?? 0) }
        var settings = [Setting(key: "formula", value: ComparedMetric.collapsed(definition.formula.text), location: DefinitionLocation(definition.formula.range, in: product))]
        if let concept = definition.concept {
            settings.append(Setting(key: "concept", value: concept.value, location: DefinitionLocation(concept.range, in: product)))
        }
        if let unit = definition.unit {
            settings.append(Setting(key: "unit", value: unit.value.rawValue, location: DefinitionLocation(unit.range, in: product)))
        }
        if let weight = definition.weight {
            settings.append(Setting(key: "weight", value: NumberText.plain(weight.value), location: DefinitionLocation(weight.range, in: product)))
        }
        if let target = definition.target {
            settings.append(Setting(key: "target", value: NumberText.plain(target.value), location: DefinitionLocation(target.range, in: product)))
        }
        if let thresholds = definition.thresholds {
            settings.append(Setting(key: "thresholds", value: "green \(NumberText.plain(thresholds.green)), yellow \(NumberText.plain(thresholds.yellow))", location: DefinitionLocation(thresholds.range, in: product)))
        }
        if let scale = definition.scale {
            let points = scale.points.map { "\(NumberText.plain($0.input)): \(NumberText.plain($0.output))" }.joined(separator: ", ")
            settings.append(Setting(key: "scale", value: "{ \(points) }", location: DefinitionLocation(scale.range, in: product)))
        }
        var builder = DependencyTreeBuilder(product: product)
        self.init(
            product: product.id, metric: id, label: definition.label, description: definition.description,
            formula: ComparedMetric.collapsed(definition.formula.text), concept: definition.concept?.value,
            unit: definition.unit?.value, direction: definition.direction, weight: definition.weight?.value,
            share: definition.weight.flatMap { total > 0 ? $0.value / total : nil },
            settings: settings, tree: builder.node(for: .metric(id)))
    }
}

/// Builds dependency trees of one product, expanding each definition once.
struct DependencyTreeBuilder {
    let product: CheckedProduct
    private var expanded: Set<DefinitionReference> = []

    init(product: CheckedProduct) {
        self.product = product
    }

    /// The node of `reference` with everything it reads below it (a definition already
    /// expanded elsewhere in the tree is marked repeated, without children).
    mutating func node(for reference: DefinitionReference) -> DependencyNode {
        var node = describe(reference)
        guard expanded.insert(reference).inserted else {
            node.isRepeated = node.kind != .field
            return node
        }
        node.children = dependencies(of: reference).map { self.node(for: $0) }
        return node
    }

    /// What `reference` reads, in order of first appearance.
    func dependencies(of reference: DefinitionReference) -> [DefinitionReference] {
        var out = product.expression(of: reference).map(product.references(in:)) ?? []
        if case .source(let id) = reference, let source = product.source(id) {
            switch source.origin {
            case .file: break
            case .child(_, let foreignKey): out.append(.field(source: id, name: foreignKey))
            case .grouped(let origin, let key): out += [.source(origin), .field(source: origin, name: key)]
            }
        }
        var seen: Set<DefinitionReference> = []
        return out.filter { $0 != reference && seen.insert($0).inserted }
    }

    /// The node of `reference` without children.
    func describe(_ reference: DefinitionReference) -> DependencyNode {
        let definition = product.definition
        func located(_ range: SourceRange?) -> DefinitionLocation? { range.map { DefinitionLocation($0, in: product) } }
        switch reference {
        case .metric(let id):
            let metric = product.metric(id)
            var type = metric.map { $0.formula.type.description }
            if let unit = metric?.definition.unit?.value, unit != .money { type = (type ?? "") + " (\(unit.rawValue))" }
            return DependencyNode(
                reference: reference, kind: .metric, name: id, type: type,
                detail: metric.map { ComparedMetric.collapsed($0.definition.formula.text) },
                location: located(metric?.definition.formula.range), children: [], isRepeated: false)
        case .source(let id):
            let source = definition.sources.first { $0.id.value == id }
            var parts: [String] = []
            switch product.source(id)?.origin {
            case .child(let parent, let foreignKey): parts.append("child of \(parent) by \(foreignKey)")
            case .grouped(let origin, let key): parts.append("grouped from \(origin) by \(key)")
            default: if let key = product.source(id)?.key { parts.append("key \(key)") }
            }
            if let filter = source?.filter { parts.append("where " + ComparedMetric.collapsed(filter.text)) }
            return DependencyNode(
                reference: reference, kind: .source, name: id, type: nil,
                detail: parts.joined(separator: ", "), location: located(source?.id.range), children: [], isRepeated: false)
        case .field(let sourceID, let name):
            let source = definition.sources.first { $0.id.value == sourceID }
            let field = source?.fields.first { $0.name.value == name }
            var type: String?
            if case .type(let declared) = field?.content { type = declared.description }
            var location = located(field?.name.range)
            if field == nil, case .grouped(_, let key) = source?.origin, key.value == name {
                type = product.source(sourceID)?.type(of: name)?.description
                location = located(key.range)
            }
            return DependencyNode(
                reference: reference, kind: .field, name: "\(sourceID).\(name)", type: type,
                detail: nil, location: location, children: [], isRepeated: false)
        case .groupedField(let sourceID, let name):
            let field = definition.sources.first { $0.id.value == sourceID }?.fields.first { $0.name.value == name }
            var expression: ExpressionText?
            if case .aggregate(let text) = field?.content { expression = text }
            return DependencyNode(
                reference: reference, kind: .groupedField, name: "\(sourceID).\(name)",
                type: product.source(sourceID)?.type(of: name)?.description,
                detail: expression.map { ComparedMetric.collapsed($0.text) },
                location: located(expression?.range ?? field?.name.range), children: [], isRepeated: false)
        case .derived(let sourceID, let name):
            let derived = definition.derived.last { $0.source.value == sourceID && $0.name.value == name }
            return DependencyNode(
                reference: reference, kind: .derived, name: "\(sourceID).\(name)",
                type: product.source(sourceID)?.derived[name]?.type.description,
                detail: derived.map { ComparedMetric.collapsed($0.expression.text) },
                location: located(derived?.expression.range), children: [], isRepeated: false)
        case .segment(let id):
            let segment = definition.segments.last { $0.id.value == id }
            return DependencyNode(
                reference: reference, kind: .segment, name: id, type: "bool",
                detail: segment.map { ComparedMetric.collapsed($0.expression.text) },
                location: located(segment?.expression.range), children: [], isRepeated: false)
        }
    }
}
