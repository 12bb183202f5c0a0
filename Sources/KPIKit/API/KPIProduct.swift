/// A checked product of a ``KPICatalog``: what it measures and what data it reads.
///
/// The full checked model (typed expressions, health, segments) is `checked`; the
/// properties here are what an embedding program usually needs.
public struct KPIProduct: Sendable, Identifiable {
    /// A metric the product declares (its own or from a base it extends).
    public struct Metric: Sendable, Hashable, Identifiable {
        /// The metric id.
        public var id: MetricID
        /// The display label, if any.
        public var label: String?
        /// The concept it measures, if any.
        public var concept: ConceptID?
        /// The unit, if declared.
        public var unit: MetricUnit?
        /// Whether higher or lower is better.
        public var direction: Direction
        /// The weight in the scorecard, if any.
        public var weight: Double?
    }

    /// A data source the product reads.
    public struct Source: Sendable, Hashable, Identifiable {
        /// The source id.
        public var id: SourceID
        /// The key field, if declared.
        public var key: String?
        /// The declared fields, in declaration order (none for a grouped source).
        public var fields: [FieldDeclaration]
        /// The fields some expression of the product reads: the columns data must have.
        public var requiredFields: [FieldDeclaration]
        /// False for a grouped source (`group: purchases by customer`), which the engine
        /// computes from its origin; true when data must be given for it.
        public var isProvided: Bool
    }

    /// The product id.
    public var id: ProductID
    /// The display name, if any.
    public var name: String?
    /// The team that owns the product's KPIs, if given.
    public var team: String?
    /// The business model.
    public var model: BusinessModel
    /// The id of the per-product module that applies.
    public var module: String
    /// The metrics, in declaration order.
    public var metrics: [Metric]
    /// The data sources, in declaration order.
    public var sources: [Source]
    /// The signals, in declaration order.
    public var signals: [SignalID]
    /// The complete checked model, for the engine and for tools that go deeper.
    public var checked: CheckedProduct

    /// The summary of a checked product.
    /// - Parameter product: a product that checked without errors.
    public init(_ product: CheckedProduct) {
        let definition = product.definition
        id = ProductID(product.id)
        name = definition.name
        team = definition.team
        model = definition.model.value
        module = product.module
        metrics = definition.metrics.map { metric in
            Metric(
                id: MetricID(metric.id.value), label: metric.label, concept: metric.concept.map { ConceptID($0.value) },
                unit: metric.unit?.value, direction: metric.direction, weight: metric.weight?.value)
        }
        sources = product.sources.map { source in
            let declared = source.fields.compactMap { field in field.declared.map { FieldDeclaration(name: field.name, type: $0) } }
            let isProvided: Bool
            if case .grouped = source.origin { isProvided = false } else { isProvided = true }
            return Source(
                id: SourceID(source.id), key: source.key, fields: isProvided ? declared : [],
                requiredFields: isProvided ? declared.filter { source.usedFields.contains($0.name) } : [],
                isProvided: isProvided)
        }
        signals = product.signals.map { SignalID($0.id) }
        checked = product
    }

    /// The metric `id`, if the product has it.
    /// - Parameter id: a metric id.
    public func metric(_ id: MetricID) -> Metric? { metrics.first { $0.id == id } }

    /// The source `id`, if the product reads it.
    /// - Parameter id: a source id.
    public func source(_ id: SourceID) -> Source? { sources.first { $0.id == id } }
}
