public import KPILanguage

/// What `kpi explain PRODUCT` shows: the product's metrics with their concept, weight and
/// share of the weight, and where each formula is written.
public struct ProductExplanation: Sendable {
    /// One metric of the product.
    public struct Entry: Sendable {
        /// The metric id.
        public var metric: String
        /// The label, if written.
        public var label: String?
        /// The concept, if written.
        public var concept: String?
        /// The unit, if written.
        public var unit: MetricUnit?
        /// Whether higher or lower values are better.
        public var direction: Direction
        /// The weight, if written.
        public var weight: Double?
        /// `weight` / the total weight; nil when unweighted or nothing is weighted.
        public var share: Double?
        /// Where the formula is written.
        public var location: DefinitionLocation
    }

    /// The product id.
    public var product: String
    /// The display name, if written.
    public var name: String?
    /// The team, if written.
    public var team: String?
    /// The business model.
    public var model: BusinessModel
    /// The module that applies.
    public var module: String
    /// The bases merged into the product, in merge order.
    public var bases: [String]
    /// The file that declares the product.
    public var path: String
    /// The sum of the metric weights.
    public var totalWeight: Double
    /// The metrics in declared order (inherited ones first, as merged).
    public var entries: [Entry]

    /// The overview of `product`.
    public init(_ product: CheckedProduct) {
        let definition = product.definition
        let total = definition.metrics.reduce(0) { $0 + ($1.weight?.value ?? 0) }
        self.product = product.id
        name = definition.name
        team = definition.team
        model = definition.model.value
        module = product.module
        bases = product.bases.map(\.id)
        path = definition.file.path
        totalWeight = total
        entries = definition.metrics.map { metric in
            Entry(
                metric: metric.id.value, label: metric.label, concept: metric.concept?.value, unit: metric.unit?.value,
                direction: metric.direction, weight: metric.weight?.value,
                share: metric.weight.flatMap { total > 0 ? $0.value / total : nil },
                location: DefinitionLocation(metric.formula.range, in: product))
        }
    }
}
