/// What names mean where an expression is checked.
struct Scope {
    enum Kind {
        /// One value per row of `source` (derived fields, segments, filters, health, signals,
        /// and the inside of an aggregate).
        case row(source: String)
        /// One value in all: a metric formula outside any aggregate.
        case scalar
    }

    var kind: Kind
    /// Metrics may be read (inside metric formulas, also within aggregates).
    var allowsMetrics: Bool
    /// `health.score` / `health.band` may be read (signals on the health source).
    var allowsHealth: Bool
    /// Aggregates over these sources aggregate per row of the current one (children for a
    /// derived field on a parent; the origin for a grouped source's fields).
    var childSources: [String: AggregateCall.Scope]
    /// Which definition is being checked, for messages ("derived field `accounts.active`").
    var owner: String
    /// An aggregate over the current source itself is an error here (derived fields).
    var forbidsSelfAggregate: Bool = false
    /// A grouped source's fields: bare names resolve in the origin source.
    var defaultAggregateSource: String?

    var rowSource: String? {
        if case .row(let source) = kind { return source }
        return nil
    }
}
