import Foundation
import KPIKit

/// The dashboard as text.
enum Report {
    /// The metrics, scorecard, health and signals of one month.
    static func month(_ result: ProductEvaluation, product: KPIProduct) -> String {
        var lines = ["\(product.name ?? product.id.rawValue) — \(result.period) (change against \(result.previousPeriod))", ""]
        lines.append(row("metric", "value", "status", "score", "change", "weight"))
        for metric in result.metrics {
            lines.append(row(
                metric.label ?? metric.id, format(metric.value, unit: metric.unit), metric.status?.rawValue ?? "-",
                metric.score.map { String(format: "%.0f", $0) } ?? "-",
                change(metric), metric.share.map { String(format: "%.0f%%", $0 * 100) } ?? ""))
        }
        lines.append("")
        if let score = result.scorecard.score {
            lines.append(String(format: "Scorecard %.1f / 100, covering %.0f%% of the weight", score, (result.scorecard.coverage ?? 0) * 100))
        }
        if let health = result.health {
            lines.append("Health: \(health.green) green, \(health.yellow) yellow, \(health.red) red" + (health.mean.map { String(format: " (mean %.1f)", $0) } ?? ""))
        }
        for signal in result.signals {
            let keys = signal.keys.prefix(8).joined(separator: ", ") + (signal.count > 8 ? ", …" : "")
            lines.append("\(signal.label ?? signal.id) (\(signal.count)): \(keys)" + (signal.action.map { " -> \($0)" } ?? ""))
        }
        for issue in result.issues { lines.append("\(issue.severity.rawValue): \(issue.message)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Some metrics month by month.
    static func trend(_ results: [ProductEvaluation], metrics: [MetricID]) -> String {
        var lines = [row("trend", results.map { $0.period.description })]
        for id in metrics {
            let values = results.map { result in result.metric(id).map { format($0.value, unit: $0.unit) } ?? "-" }
            lines.append(row(id.rawValue, values))
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ value: Scalar, unit: MetricUnit?) -> String {
        guard let number = value.doubleValue else { return "no data" }
        switch (unit, value) {
        case (.percent, _): return String(format: "%.1f%%", number * 100)
        case (_, .money(_, let currency)): return String(format: "%.2f %@", number, currency)
        case (_, .int(let whole)): return String(whole)
        default: return String(format: "%.1f", number)
        }
    }

    static func change(_ metric: MetricResult) -> String {
        guard let relative = metric.change?.relative else { return "" }
        return String(format: "%+.0f%%", relative * 100)
    }

    static func row(_ first: String, _ rest: String...) -> String {
        row(first, rest)
    }

    static func row(_ first: String, _ rest: [String]) -> String {
        first.padding(toLength: 30, withPad: " ", startingAt: 0) + rest.map { $0.padding(toLength: 10, withPad: " ", startingAt: 0) }.joined(separator: " ")
    }
}
