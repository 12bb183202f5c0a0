import KPILanguage
import KPIYAML

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
