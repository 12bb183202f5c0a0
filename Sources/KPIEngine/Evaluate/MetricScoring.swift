import Foundation
import KPILanguage

/// Status, score and scorecard, exactly as the language defines them.
enum MetricScoring {
    /// `higher`: value >= green is green, >= yellow is yellow, else red; `lower`: value <=
    /// green is green, <= yellow is yellow, else red. Null: no-data. No thresholds: nil.
    static func status(_ value: Double?, thresholds: Thresholds?, direction: Direction) -> MetricStatus? {
        guard let value else { return .noData }
        guard let thresholds else { return nil }
        switch direction {
        case .higher:
            if value >= thresholds.green { return .green }
            if value >= thresholds.yellow { return .yellow }
            return .red
        case .lower:
            if value <= thresholds.green { return .green }
            if value <= thresholds.yellow { return .yellow }
            return .red
        }
    }

    /// 0...100 from `scale` when given, else from `target`; nil when unscored or null.
    ///
    /// From a target `t`, for a value `v`:
    /// - higher, t > 0: min(100, 100 v / t), and 0 for a negative value;
    /// - higher, t <= 0 (a ratio makes no sense): 100 when v >= t; else 100 t / v when
    ///   t < 0 (v < t < 0: the further below, the lower), and 0 when t = 0;
    /// - lower, t > 0: 100 when v <= t, else 100 t / v;
    /// - lower, t <= 0: 100 when v <= t; else 100 v / t when t < v < 0, and 0 when v >= 0
    ///   (including every v > 0 for t = 0).
    static func score(_ value: Double?, scale: Scale?, target: Double?, direction: Direction) -> Double? {
        guard let value, value.isFinite else { return nil }
        if let scale { return scale.map(value) }
        guard let target else { return nil }
        let score: Double
        switch direction {
        case .higher:
            if target > 0 {
                score = 100 * value / target
            } else if value >= target {
                score = 100
            } else {
                score = target < 0 ? 100 * target / value : 0
            }
        case .lower:
            if value <= target {
                score = 100
            } else if target > 0 {
                score = 100 * target / value
            } else {
                score = value < 0 ? 100 * value / target : 0
            }
        }
        return Swift.min(100, Swift.max(0, score))
    }

    /// Shares, score and coverage of a product's metrics (`share` is filled in place).
    static func scorecard(_ metrics: inout [MetricResult]) -> Scorecard {
        let total = metrics.reduce(0.0) { $0 + ($1.weight ?? 0) }
        var weighted = 0.0
        var covered = 0.0
        for index in metrics.indices {
            guard let weight = metrics[index].weight else { continue }
            metrics[index].share = total > 0 ? weight / total : nil
            if let score = metrics[index].score, !metrics[index].value.isNull {
                weighted += weight * score
                covered += weight
            }
        }
        let hasWeights = metrics.contains { $0.weight != nil }
        return Scorecard(
            score: covered > 0 ? weighted / covered : nil,
            coverage: hasWeights && total > 0 ? covered / total : nil,
            totalWeight: total)
    }

    /// The change from `previous` to `value`, or nil when either is null.
    static func change(from previous: Scalar, to value: Scalar) -> Change? {
        switch (value, previous) {
        case (.null, _), (_, .null): return nil
        case (.int(let a), .int(let b)):
            let (difference, overflow) = a.subtractingReportingOverflow(b)
            let absolute: Scalar = overflow ? .number(Double(a) - Double(b)) : .int(difference)
            return Change(absolute: absolute, relative: b == 0 ? nil : (Double(a) - Double(b)) / Double(b.magnitude))
        case (.money(let a, let currency), .money(let b, _)):
            let difference = a - b
            return Change(absolute: .money(difference, currency: currency), relative: b == 0 ? nil : (difference / (b < 0 ? -b : b)).doubleValue)
        default:
            guard let a = value.doubleValue, let b = previous.doubleValue else { return nil }
            if case .date = value {
                return Change(absolute: .int(Int64(a - b)), relative: nil)
            }
            return Change(absolute: .number(a - b), relative: b == 0 ? nil : (a - b) / Swift.abs(b))
        }
    }
}
