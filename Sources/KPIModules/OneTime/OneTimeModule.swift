public import KPIEngine
public import KPILanguage

/// The module of a business of one-time transactions (invoice financing, a shop), and the
/// default of `model: one-time`: there is no subscription to cancel, so retention is
/// whether customers come back, and LTV is what they paid across their purchases.
///
/// Functions:
/// - `repeat_rate(purchase_count)` (aggregate): customers with 2 or more purchases over
///   customers with 1 or more.
/// - `interpurchase_days(first_date, last_date, purchase_count)` (row): the mean days
///   between purchases, (last - first) / (count - 1); null below 2 purchases.
/// - `ltv_per_customer(amount, customer)` (aggregate): sum of amount / number of distinct
///   customers; money stays money.
///
/// Checks: some metric measures repeat use, and carries weight when the scorecard is
/// weighted. (Churn metrics on a one-time product are already a core warning.)
public struct OneTimeModule: ProductModule {
    /// The module's id: `one-time`.
    public static let id = "one-time"

    /// A one-time module.
    public init() {}

    /// Id, summary, models and the three functions.
    public var description: ModuleDescription {
        ModuleDescription(
            id: Self.id,
            summary: "One-time transactions: repeat use instead of churn, time between purchases, LTV from purchases.",
            models: [.oneTime],
            functions: Self.functions)
    }

    static let functions: [FunctionSignature] = [
        FunctionSignature(
            name: "repeat_rate", kind: .aggregate, parameters: [.number],
            summary: "repeat_rate(purchase_count): rows with 2 or more purchases over rows with 1 or more; null when no row has one",
            result: { _ in .number }),
        FunctionSignature(
            name: "interpurchase_days", kind: .row, parameters: [.date, .date, .number],
            summary: "interpurchase_days(first_date, last_date, purchase_count): mean days between purchases, (last - first) / (count - 1); null below 2 purchases",
            result: { _ in .number }),
        FunctionSignature(
            name: "ltv_per_customer", kind: .aggregate, parameters: [.quantity, .any],
            summary: "ltv_per_customer(amount, customer): sum of amount / count of distinct customers, over rows with both; money stays money",
            result: { types in types[0].isMoney ? types[0] : .number }),
    ]

    /// Warns when no metric has concept `repeat`, or none of them carries weight in a
    /// weighted scorecard.
    public func check(_ product: CheckedProduct) -> [Diagnostic] {
        if product.metrics(withConcept: ["repeat"]).isEmpty {
            return [ModuleDiagnostics.noRepeatMetric(product)]
        }
        if let metrics = ModuleChecks.unweighted(["repeat"], in: product) {
            return [ModuleDiagnostics.repeatUnweighted(product, metrics: metrics)]
        }
        return []
    }

    /// Mostly tech-touch, a starter file built on a transaction log.
    public var defaults: ModuleDefaults {
        ModuleDefaults(
            touch: .init(high: 0, low: 0.35, tech: 0.65),
            keyConcepts: ["repeat", "ltv", "onboarding", "acquisition"],
            starterTemplate: Self.starterTemplate)
    }
}
