public import KPILanguage

/// What changed in the KPI definitions between two versions of a file: what `kpi diff`
/// reports, product by product (a base's change is reported in every product it reaches).
public struct DefinitionDiff: Sendable {
    /// How the old version is named (`kpi-definitions/cms.yaml@HEAD`).
    public var oldLabel: String
    /// How the new version is named.
    public var newLabel: String
    /// The id the file declares (new version, else old) and whether it is a base.
    public var document: String?
    /// Whether the file declares a base (its changes reach the products that extend it).
    public var isBase: Bool
    /// One entry per product the file decides in either version, in id order.
    public var products: [ProductDiff]

    /// Whether anything differs.
    public var hasChanges: Bool { products.contains { !$0.changes.isEmpty || $0.status != .changed } }
}

/// The changes of one product.
public struct ProductDiff: Sendable {
    /// Whether the product exists in both versions.
    public enum Status: String, Sendable, Hashable {
        case changed, added, removed
    }

    /// The product id.
    public var product: String
    /// Whether the product is in both versions.
    public var status: Status
    /// The changes, metrics first, then health, then signals.
    public var changes: [DefinitionChange]
}

/// One change, with the old and new values where it has them.
public struct DefinitionChange: Sendable {
    /// What changed.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case metricAdded = "metric added"
        case metricRemoved = "metric removed"
        case reweighted = "re-weighted"
        case retargeted = "re-targeted"
        case thresholdsChanged = "thresholds changed"
        case formulaChanged = "formula changed"
        case directionChanged = "direction changed"
        case unitChanged = "unit changed"
        case conceptChanged = "concept changed"
        case healthAdded = "health added"
        case healthRemoved = "health removed"
        case healthComponentAdded = "health component added"
        case healthComponentRemoved = "health component removed"
        case healthWeightChanged = "health weight changed"
        case healthBandsChanged = "health bands changed"
        case signalAdded = "signal added"
        case signalRemoved = "signal removed"

        /// The JSON spelling: `metric-added`, `re-weighted`.
        public var code: String { rawValue.replacing(" ", with: "-") }
    }

    /// What changed.
    public var kind: Kind
    /// The metric, health component or signal id (`health` for the health score itself).
    public var item: String
    /// The value before; nil when the item is new.
    public var old: DiffValue?
    /// The value after; nil when the item is gone.
    public var new: DiffValue?
}

/// A value on one side of a change.
public enum DiffValue: Sendable {
    case number(Double)
    case text(String)
    case thresholds(green: Double, yellow: Double)
    /// A weight and its share of the total (metrics: of the product's metric weight;
    /// health: of the component weights, groups folded in).
    case weight(Double?, share: Double?)
    /// A whole metric, as added or removed.
    case metric(concept: String?, weight: Double?, share: Double?, formula: String)
    /// A signal, as added or removed.
    case signal(kind: SignalKind, when: String)
}
