/// A metric's cells as every readable report shows them (table, Markdown, HTML), so that
/// the three agree to the character. `-` marks a cell that does not apply.
struct MetricCells {
    var result: MetricResult
    /// The currency of a money metric.
    var currency: String?

    init(_ result: MetricResult, currency: String?) {
        self.result = result
        self.currency = currency
    }

    var id: String { result.id }
    /// The label, or the id without one.
    var label: String { result.label ?? result.id }
    /// The value rounded in its unit, `no data` for null.
    var value: String { ValueText.value(result.value, unit: result.unit, currency: currency) }
    var previous: String { ValueText.value(result.previous, unit: result.unit, currency: currency) }
    var target: String { result.target.map(quantity) ?? "-" }
    /// `≥ 75.0% / ≥ 55.0%` (green / yellow; `≤` for a lower-is-better metric), or `-`.
    var thresholds: String {
        guard let thresholds = result.thresholds else { return "-" }
        let relation = result.direction == .higher ? "≥ " : "≤ "
        return relation + quantity(thresholds.green) + " / " + relation + quantity(thresholds.yellow)
    }
    /// `green`, `yellow`, `red`, `no-data`, or `-` for a metric without thresholds.
    var status: String { result.status?.rawValue ?? "-" }
    var score: String { result.score.map(ValueText.score) ?? "-" }
    var weight: String { result.weight.map { NumberText.plain($0) } ?? "-" }
    /// The weight as a share of the product's total weight, `-` when unweighted.
    var share: String { result.share.map(ValueText.share) ?? "-" }
    /// `▲ +1.9 pt`, `▼ -¥410,000 (-12.4%)`, `= 0`, or `-` when either period has no data.
    var change: String { changeAndTrend?.text ?? "-" }

    var changeAndTrend: (text: String, trend: ValueText.Trend)? {
        result.change.map { ValueText.change($0, unit: result.unit, currency: currency) }
    }

    /// Whether the change is an improvement (up for a higher-is-better metric, down for a
    /// lower one); nil when flat or unknown.
    var improved: Bool? {
        guard let trend = changeAndTrend?.trend, trend != .flat else { return nil }
        return (trend == .up) == (result.direction == .higher)
    }

    /// A target or threshold in this metric's unit.
    func quantity(_ value: Double) -> String {
        ValueText.quantity(value, unit: result.unit, currency: currency)
    }
}
