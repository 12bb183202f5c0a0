import KPILanguage
import KPIYAML

/// A checked product compiled for evaluation: sources with numbered column slots, every
/// expression compiled to a `Kernel`, and for each computed thing whether it depends on
/// the period (what does not is computed once and shared by every period evaluated).
///
/// Built once per product by `PlanBuilder`; evaluating any number of periods, series or
/// breakdowns reuses it.
final class ProductPlan: Sendable {
    let product: CheckedProduct
    let sources: [SourcePlan]
    let sourceIndex: [String: Int]
    let metrics: [MetricPlan]
    let metricIndex: [String: Int]
    let health: HealthPlan?
    let signals: [SignalPlan]

    init(
        product: CheckedProduct, sources: [SourcePlan], metrics: [MetricPlan], health: HealthPlan?,
        signals: [SignalPlan]
    ) {
        self.product = product
        self.sources = sources
        self.sourceIndex = Dictionary(uniqueKeysWithValues: sources.enumerated().map { ($1.id, $0) })
        self.metrics = metrics
        self.metricIndex = Dictionary(uniqueKeysWithValues: metrics.enumerated().map { ($1.id, $0) })
        self.health = health
        self.signals = signals
    }
}

/// One source of the plan.
struct SourcePlan: Sendable {
    enum Origin: Sendable {
        /// Rows read from a data table.
        case file
        /// Rows read from a data table; `foreignKey` (a slot of this source) holds the
        /// parent's key.
        case child(parent: Int, foreignKey: Int)
        /// One row per distinct value of slot `key` of source `origin`.
        case grouped(origin: Int, key: Int)
    }

    var id: String
    var origin: Origin
    /// The slot of the key field, if the source has one.
    var key: Int?
    /// Declared (or grouped) fields first, then derived fields, then segments.
    var slots: [ColumnSlot]
    var slotIndex: [String: Int]
    /// The `where` of the source, over its raw rows.
    var filter: Kernel?
    /// Whether the rows kept (the filter, or a grouped source's origin) depend on the period.
    var baseDependsOnPeriod: Bool
    var range: SourceRange

    var isFile: Bool {
        if case .grouped = origin { return false }
        return true
    }
}

/// One column of a source, by position.
struct ColumnSlot: Sendable {
    enum Kind: Sendable {
        /// A field read from the data table.
        case field(FieldType?)
        /// A grouped source's key: the distinct values of the origin's key.
        case groupKey
        /// A grouped source's field: aggregates over the rows of each group.
        case groupField(Kernel)
        case derived(Kernel)
        case segment(Kernel)
        /// Only while the plan is being built.
        case pending
    }

    var name: String
    var kind: Kind
    var type: ValueType
    /// Whether the column over the source's rows (after `where`) depends on the period.
    var dependsOnPeriod: Bool
    /// Whether the column over the raw rows (before `where`) depends on the period.
    var rawDependsOnPeriod: Bool = false
    /// How messages name it: "derived field `accounts.active`".
    var owner: String

    /// Whether the slot is part of the source's rows as read (or grouped), before `where`.
    var isRaw: Bool {
        switch kind {
        case .field, .groupKey, .groupField: return true
        case .derived, .segment, .pending: return false
        }
    }
}

/// A metric of the plan.
struct MetricPlan: Sendable {
    var id: String
    var definition: MetricDefinition
    var formula: Kernel
    var type: ValueType
    var dependsOnPeriod: Bool
}

/// The health score of the plan.
struct HealthPlan: Sendable {
    struct Component: Sendable {
        var id: String
        var value: Kernel
        var scale: Scale?
    }

    var definition: HealthDefinition
    var source: Int
    var components: [Component]
    /// The profiles' `when`, first match wins.
    var profiles: [Kernel]
    var profileIDs: [String]
    /// `weights[p][c]`: the weight of component `c` in profile `p - 1` (row 0: the default
    /// weights); nil when the profile leaves the component out.
    var weights: [[Double?]]
    var dependsOnPeriod: Bool
}

/// A signal of the plan.
struct SignalPlan: Sendable {
    var id: String
    var definition: SignalDefinition
    var source: Int
    var when: Kernel
}
