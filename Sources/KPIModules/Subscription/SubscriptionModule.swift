public import KPIEngine
public import KPILanguage

/// The module of a swappable subscription (SaaS such as an MA tool: "just remove it, or
/// swap in another tool"), and the default of `model: subscription` and `model: usage`.
///
/// Functions:
/// - `ltv(monthly_fee, months)` (row): the domain's simple LTV, monthly fee x months
///   retained; exact for money times whole months (500 JPY x 10 = 5000 JPY).
/// - `retention(churned, base)` (row, also on two aggregates in a metric):
///   1 - churned / base; null when base is 0.
/// - `nrr(start_mrr, end_mrr)` (aggregate): net revenue retention, sum(end) / sum(start)
///   over the rows that have both.
///
/// Checks: a subscription product has a churn or retention metric, and weights one of them
/// when it weights its scorecard at all.
public struct SubscriptionModule: ProductModule {
    /// The module's id: `subscription`.
    public static let id = "subscription"

    /// A subscription module.
    public init() {}

    /// Id, summary, models and the three functions.
    public var description: ModuleDescription {
        ModuleDescription(
            id: Self.id,
            summary: "Swappable subscription: churn and retention decide revenue; LTV is monthly fee x months retained.",
            models: [.subscription, .usage],
            functions: Self.functions)
    }

    /// The functions every subscription-like module offers (the infrastructure module too).
    static let functions: [FunctionSignature] = [
        FunctionSignature(
            name: "ltv", kind: .row, parameters: [.quantity, .number],
            summary: "ltv(monthly_fee, months): monthly fee x months retained (exact for money x whole months); null when either is null or months is negative",
            result: { types in
                if case .money = types[0] { return types[0] }
                return types[0] == .int && types[1] == .int ? .int : .number
            }),
        FunctionSignature(
            name: "retention", kind: .row, parameters: [.quantity, .quantity],
            summary: "retention(churned, base): 1 - churned / base (customers or MRR); null when base is 0 or less",
            result: { _ in .number }),
        FunctionSignature(
            name: "nrr", kind: .aggregate, parameters: [.quantity, .quantity],
            summary: "nrr(start_mrr, end_mrr): net revenue retention, sum(end_mrr) / sum(start_mrr) over the rows that have both; null when the start sum is 0",
            result: { _ in .number }),
    ]

    /// The concepts a subscription must measure: one of them.
    static let renewalConcepts: Set<String> = ["churn", "retention"]

    /// Warns when no metric measures churn or retention, or none of them carries weight in
    /// a weighted scorecard; an error when `retention` or `nrr` mixes currencies.
    public func check(_ product: CheckedProduct) -> [Diagnostic] {
        var diagnostics = ModuleChecks.sameCurrency(product, module: Self.id, functions: ["retention", "nrr"])
        diagnostics += Self.checkRenewal(product)
        if let metrics = ModuleChecks.unweighted(Self.renewalConcepts, in: product) {
            diagnostics.append(ModuleDiagnostics.churnUnweighted(product, metrics: metrics))
        }
        return diagnostics
    }

    /// The check every subscription-like module makes: a churn or retention metric.
    static func checkRenewal(_ product: CheckedProduct) -> [Diagnostic] {
        product.metrics(withConcept: renewalConcepts).isEmpty ? [ModuleDiagnostics.noChurnMetric(product)] : []
    }

    /// Mostly tech- and low-touch; a starter file weighting churn, onboarding and adoption,
    /// and one of its own for a usage-billed product (usage retention and activation).
    public var defaults: ModuleDefaults {
        ModuleDefaults(
            touch: .init(high: 0.1, low: 0.3, tech: 0.6),
            keyConcepts: ["churn", "retention", "onboarding", "adoption", "expansion", "ltv"],
            starterTemplate: Self.starterTemplate,
            modelStarterTemplates: [.usage: Self.usageStarterTemplate])
    }
}
