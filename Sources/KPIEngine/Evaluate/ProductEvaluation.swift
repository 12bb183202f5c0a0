public import KPILanguage

/// Everything one evaluation of a product found: what the JSON output of `kpi evaluate`
/// and every other report are rendered from.
public struct ProductEvaluation: Sendable {
    /// The product id.
    public var product: String
    /// The product's display name, if it has one.
    public var name: String?
    /// The period evaluated.
    public var period: Period
    /// The period compared against (`period.previous`).
    public var previousPeriod: Period
    /// The metrics in the order the product declares them.
    public var metrics: [MetricResult]
    /// The weighted mean of the metric scores, and its coverage.
    public var scorecard: Scorecard
    /// Nil when the product has no health score, or it could not be computed (see
    /// `diagnostics`).
    public var health: HealthSummary?
    /// The signals, in the order the product declares them.
    public var signals: [SignalResult]
    /// Present when evaluated `by` a field or segment.
    public var breakdown: Breakdown?
    /// Present when evaluated over more than one period.
    public var series: Series?
    /// Warnings (division by zero) and data errors (an overflow, rows in error under
    /// `missing: error`) found on the way; an error leaves the value it concerns null.
    public var diagnostics: [Diagnostic]

    /// The result of metric `id`, if the product has it.
    public func metric(_ id: String) -> MetricResult? { metrics.first { $0.id == id } }
    /// The result of signal `id`, if the product has it.
    public func signal(_ id: String) -> SignalResult? { signals.first { $0.id == id } }
    /// Whether `diagnostics` holds an error (some value could not be computed).
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// One metric's value and what it means.
public struct MetricResult: Sendable {
    /// The metric id.
    public var id: String
    /// The display name, if declared.
    public var label: String?
    /// The shared-vocabulary concept, if declared.
    public var concept: String?
    /// How the value is shown: percent, money, ...
    public var unit: MetricUnit?
    /// Whether higher or lower values are better.
    public var direction: Direction
    /// The value; `.null` when there is no data (or it could not be computed).
    public var value: Scalar
    /// Nil when the metric has no thresholds and a value; `.noData` whenever the value is null.
    public var status: MetricStatus?
    /// 0...100, or nil when unscored (no `scale`, no `target`) or without a value.
    public var score: Double?
    /// The declared weight, if any.
    public var weight: Double?
    /// `weight` / the total weight of the product's weighted metrics.
    public var share: Double?
    /// The declared target, if any.
    public var target: Double?
    /// The green/yellow boundaries, if declared.
    public var thresholds: Thresholds?
    /// The value in the previous period.
    public var previous: Scalar
    /// The change from `previous` to `value`; nil when either is null.
    public var change: Change?
}

/// How a metric's value compares with its thresholds.
public enum MetricStatus: String, Sendable, Hashable, CaseIterable {
    case green, yellow, red
    case noData = "no-data"
}

/// The change of a value from one period to the next.
public struct Change: Sendable, Hashable {
    /// `value - previous`, in the value's type (money stays exact).
    public var absolute: Scalar
    /// `(value - previous) / |previous|`, or nil when `previous` is 0.
    public var relative: Double?

    /// A change from its parts.
    public init(absolute: Scalar, relative: Double?) {
        self.absolute = absolute
        self.relative = relative
    }
}

/// The product's scorecard: the weighted mean of its metrics' scores.
public struct Scorecard: Sendable, Hashable {
    /// Σ weight x score / Σ weight over the weighted metrics that have both a score and a
    /// value; nil when there is none.
    public var score: Double?
    /// The share of the total weight held by the metrics counted in `score` (0...1): a
    /// weighted metric with no data, or with neither `target` nor `scale`, is uncovered.
    /// Nil when no metric has a weight.
    public var coverage: Double?
    /// The total weight of the weighted metrics.
    public var totalWeight: Double

    /// A scorecard from its parts.
    public init(score: Double?, coverage: Double?, totalWeight: Double) {
        self.score = score
        self.coverage = coverage
        self.totalWeight = totalWeight
    }
}

/// The rows a signal picks.
public struct SignalResult: Sendable {
    /// The signal id.
    public var id: String
    /// The display name, if declared.
    public var label: String?
    /// Reactive, proactive or predictive.
    public var kind: SignalKind
    /// What to do about the rows picked, if declared.
    public var action: String?
    /// The source whose rows the signal reads.
    public var source: String
    /// How many rows the signal picks.
    public var count: Int
    /// The key of each row picked, in the source's row order (the data's order); the row
    /// number (`row 12`, 1-based after `where`) when the source has no key.
    public var keys: [String]
}

/// Every metric per value of a field or segment.
public struct Breakdown: Sendable {
    /// The field or segment, as given.
    public var field: String
    /// The source whose rows are split.
    public var source: String
    /// One group per value, in report order.
    public var groups: [BreakdownGroup]
}

/// The metrics over one value's rows.
public struct BreakdownGroup: Sendable {
    /// The value (`true`/`false` for a segment; `.null` for rows without a value).
    public var value: Scalar
    /// The number of rows of the split source with this value.
    public var rows: Int
    /// The metrics, as in `ProductEvaluation.metrics` (without previous values).
    public var metrics: [MetricResult]
    /// The group's scorecard.
    public var scorecard: Scorecard
}

/// Every metric over consecutive periods.
public struct Series: Sendable {
    /// Oldest first; the last is the evaluated period.
    public var periods: [Period]
    /// One line per metric, in the order the product declares them.
    public var metrics: [SeriesLine]
}

/// One metric over the periods of a series.
public struct SeriesLine: Sendable {
    /// The metric id.
    public var id: String
    /// One point per period of the series, oldest first.
    public var points: [SeriesPoint]
}

/// One metric in one period of a series.
public struct SeriesPoint: Sendable {
    /// The period of this point.
    public var period: Period
    /// The metric's value in that period.
    public var value: Scalar
    /// The change from the period before (also for the first point).
    public var change: Change?
}
