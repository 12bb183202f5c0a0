public import KPILanguage

/// What `kpi explain PRODUCT METRIC` shows: a metric, where each of its settings is
/// written, and its dependency tree down to the fields read from the data.
public struct MetricExplanation: Sendable {
    /// One setting of the metric and where it is written (after `extends`, a metric's
    /// formula may come from a base and its weight from the product).
    public struct Setting: Sendable {
        /// `formula`, `weight`, `target`, `thresholds`, `concept`, `unit`, `scale`.
        public var key: String
        /// The value as written.
        public var value: String
        /// Where it is written.
        public var location: DefinitionLocation
    }

    /// The product id.
    public var product: String
    /// The metric id.
    public var metric: String
    /// The label, if written.
    public var label: String?
    /// The description, if written.
    public var description: String?
    /// The formula as written, whitespace collapsed.
    public var formula: String
    /// The concept, if written.
    public var concept: String?
    /// The unit, if written.
    public var unit: MetricUnit?
    /// Whether higher or lower values are better.
    public var direction: Direction
    /// The weight, if written.
    public var weight: Double?
    /// `weight` / the product's total weight.
    public var share: Double?
    /// The settings written in the definition, formula first, each with its place.
    public var settings: [Setting]
    /// The metric itself, its formula's dependencies below it.
    public var tree: DependencyNode
}

/// A node of a dependency tree: a metric, source, derived field, segment or field, where
/// it is written, and what it reads.
public struct DependencyNode: Sendable {
    /// What it is.
    public enum Kind: String, Sendable, Hashable {
        case metric, source, derived, segment, field
        /// A field of a grouped source (an aggregate over its origin's rows).
        case groupedField = "grouped field"
    }

    /// The definition this node stands for.
    public var reference: DefinitionReference
    /// What it is.
    public var kind: Kind
    /// `arpa`, `accounts`, `accounts.active`, `enterprise`.
    public var name: String
    /// The type: a field's declared type (`date?`, `money[JPY]`), an expression's type.
    public var type: String?
    /// The expression (collapsed), or for a source its key, origin and filter.
    public var detail: String?
    /// Where it is written; nil when the checker kept no place for it.
    public var location: DefinitionLocation?
    /// What it reads, in the order it first appears; empty for a field, and for a node
    /// already expanded higher up in the tree (`isRepeated`).
    public var children: [DependencyNode]
    /// True when the same definition appears earlier in the tree, where its children are.
    public var isRepeated: Bool
}
