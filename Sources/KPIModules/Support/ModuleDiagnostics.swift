import KPIEngine
import KPILanguage
import KPIYAML

/// The messages of the built-in modules' checks, in one place: each names the problem for
/// this kind of product and the fix.
enum ModuleDiagnostics {
    // MARK: - Subscription

    static func noChurnMetric(_ product: CheckedProduct) -> Diagnostic {
        .warning(
            "no-churn-metric",
            "subscription product `\(product.id)` has no metric with concept `churn` or `retention`; a subscription lives on renewals, so add one, such as `churn_rate` with `concept: churn` and `formula: ratio(count(accounts where churned_date in period), count(accounts where active_at_start))`, or `retention(churned, base)`",
            at: product.definition.id.range)
    }

    static func churnUnweighted(_ product: CheckedProduct, metrics: [MetricDefinition]) -> Diagnostic {
        let names = metrics.map { "`\($0.id.value)`" }.joined(separator: ", ")
        return .warning(
            "churn-unweighted",
            "product `\(product.id)` weights its scorecard but gives no weight to churn or retention (\(names)); a swappable subscription is lost at renewal, so give one of them a `weight:` (or use `module: infrastructure` if switching cost is high)",
            at: product.definition.id.range,
            notes: metrics.map { Diagnostic.Note("`\($0.id.value)` is defined here", at: $0.id.range) })
    }

    static func currencyMismatch(function: String, _ first: ValueType, _ second: ValueType, at range: SourceRange) -> Diagnostic {
        .error(
            "currency-mismatch",
            "`\(function)` compares amounts of one currency, but gets \(first) and \(second); money of two currencies never mixes, so convert one of them in the data first",
            at: range)
    }

    // MARK: - Infrastructure

    static func churnOverweighted(_ product: CheckedProduct, share: Double, weights: [(id: String, weight: Double)], at range: SourceRange, notes: [Diagnostic.Note]) -> Diagnostic {
        let percent = format((share * 1000).rounded() / 10)
        let parts = weights.map { "`\($0.id)` \(format($0.weight))" }.joined(separator: ", ")
        return .warning(
            "churn-overweighted",
            "churn and retention carry \(percent)% of the scorecard weight in `\(product.id)` (\(parts)); an infrastructure product's switching cost is high, so churn barely moves: keep them at 20% or less and weight customer outcome and expansion instead",
            at: range, notes: notes)
    }

    static func onboardingWithoutDelivery(_ product: CheckedProduct, metric: MetricDefinition, at range: SourceRange, notes: [Diagnostic.Note]) -> Diagnostic {
        .warning(
            "onboarding-without-delivery",
            "metric `\(metric.id.value)` measures onboarding, but no onboarding metric of `\(product.id)` is based on delivery; an infrastructure product is onboarded by building and delivering it, so measure on-time delivery, such as `on_time_rate(delivered_date, due_date)` over the projects due in the period, with `concept: onboarding`",
            at: range, notes: notes)
    }

    static func noOutcomeMetric(_ product: CheckedProduct) -> Diagnostic {
        .warning(
            "no-outcome-metric",
            "infrastructure product `\(product.id)` has no metric with concept `outcome`; with churn weighted low, the customer's results (qualified leads from the site, say) are what shows success, so add one, such as `ratio(count(accounts where attainment(leads, lead_goal) >= 1), count(accounts where lead_goal is not null))` with `concept: outcome`",
            at: product.definition.id.range)
    }

    // MARK: - One-time

    static func noRepeatMetric(_ product: CheckedProduct) -> Diagnostic {
        .warning(
            "no-repeat-metric",
            "one-time product `\(product.id)` has no metric with concept `repeat`; without a subscription, retention is whether customers come back, so add one, such as `repeat_rate(purchases)` over a grouped source of customers with `concept: repeat`",
            at: product.definition.id.range)
    }

    static func repeatUnweighted(_ product: CheckedProduct, metrics: [MetricDefinition]) -> Diagnostic {
        let names = metrics.map { "`\($0.id.value)`" }.joined(separator: ", ")
        return .warning(
            "repeat-unweighted",
            "product `\(product.id)` weights its scorecard but gives no weight to repeat use (\(names)); in a one-time business repeat is what churn is to a subscription, so give one of them a `weight:`",
            at: product.definition.id.range,
            notes: metrics.map { Diagnostic.Note("`\($0.id.value)` is defined here", at: $0.id.range) })
    }

    // MARK: - Formatting

    /// A weight as written: `20`, `2.5`.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
