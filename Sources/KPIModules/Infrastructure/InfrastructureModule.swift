public import KPIEngine
public import KPILanguage

/// The module of an infrastructure-like subscription (a CMS that takes a website rebuild to
/// adopt): onboarding is building and delivering it, switching cost is high, and success
/// shows in the customer's outcome and in expansion rather than in churn.
///
/// Functions: the subscription ones (`ltv`, `retention`, `nrr`), plus
/// - `on_time(delivered_date, due_date)` (row, bool): delivered on or before the due date;
///   null while not delivered (or without a due date).
/// - `days_late(delivered_date, due_date)` (row, int): days after the due date, 0 when on
///   time; null while not delivered.
/// - `on_time_rate(delivered_date, due_date)` (aggregate): the share of rows with a due
///   date that were delivered on or before it; an open project counts as not on time.
/// - `attainment(actual, goal)` (row): actual / goal, the customer outcome against its
///   goal; null when the goal is missing or not above 0.
///
/// Checks: churn and retention carry at most about 20% of the weight; onboarding is
/// measured on delivery; some metric measures the customer's outcome; a churn or retention
/// metric exists (as for any subscription).
public struct InfrastructureModule: ProductModule {
    /// The module's id: `infrastructure`.
    public static let id = "infrastructure"
    /// The share of the scorecard weight above which churn and retention are overweighted.
    public static let churnWeightLimit = 0.2

    /// An infrastructure module.
    public init() {}

    /// Id, summary, models and functions (the subscription ones and the delivery ones).
    public var description: ModuleDescription {
        ModuleDescription(
            id: Self.id,
            summary: "Infrastructure-like subscription: delivery-based onboarding, high switching cost, success in outcome and expansion.",
            models: [.subscription],
            functions: SubscriptionModule.functions + Self.functions)
    }

    static let functions: [FunctionSignature] = [
        FunctionSignature(
            name: "on_time", kind: .row, parameters: [.date, .date],
            summary: "on_time(delivered_date, due_date): delivered on or before the due date; null while not delivered",
            result: { _ in .bool }),
        FunctionSignature(
            name: "days_late", kind: .row, parameters: [.date, .date],
            summary: "days_late(delivered_date, due_date): days delivered after the due date, 0 when on time; null while not delivered",
            result: { _ in .int }),
        FunctionSignature(
            name: "on_time_rate", kind: .aggregate, parameters: [.date, .date],
            summary: "on_time_rate(delivered_date, due_date): share of the rows with a due date delivered on or before it (open ones count as late); null without due dates",
            result: { _ in .number }),
        FunctionSignature(
            name: "attainment", kind: .row, parameters: [.quantity, .quantity],
            summary: "attainment(actual, goal): actual / goal, the outcome against the customer's goal; null when the goal is missing or not above 0",
            result: { _ in .number }),
    ]

    /// Function names whose use makes a metric delivery-based.
    static let deliveryFunctions: Set<String> = ["on_time", "days_late", "on_time_rate"]

    /// The subscription checks on churn metrics and currencies, and the three
    /// infrastructure checks.
    public func check(_ product: CheckedProduct) -> [Diagnostic] {
        var diagnostics = ModuleChecks.sameCurrency(product, module: Self.id, functions: ["retention", "nrr", "attainment"])
        diagnostics += SubscriptionModule.checkRenewal(product)
        diagnostics += checkChurnWeight(product)
        diagnostics += checkOnboarding(product)
        if product.metrics(withConcept: ["outcome"]).isEmpty {
            diagnostics.append(ModuleDiagnostics.noOutcomeMetric(product))
        }
        return diagnostics
    }

    /// A warning when churn and retention metrics carry more than `churnWeightLimit` of the
    /// total weight, at the weight of the heaviest one.
    func checkChurnWeight(_ product: CheckedProduct) -> [Diagnostic] {
        let total = product.totalWeight
        guard total > 0 else { return [] }
        let weighted = product.metrics(withConcept: SubscriptionModule.renewalConcepts).filter { ($0.weight?.value ?? 0) > 0 }
        let share = weighted.reduce(0) { $0 + ($1.weight?.value ?? 0) } / total
        guard share > Self.churnWeightLimit + 1e-9,
              let heaviest = weighted.max(by: { ($0.weight?.value ?? 0) < ($1.weight?.value ?? 0) }),
              let weight = heaviest.weight else { return [] }
        var (range, notes) = product.place(weight.range, note: "the weight of `\(heaviest.id.value)` is set here")
        for other in weighted where other.id.value != heaviest.id.value {
            if let otherWeight = other.weight { notes.append(Diagnostic.Note("`\(other.id.value)` is weighted here", at: otherWeight.range)) }
        }
        let weights = weighted.map { (id: $0.id.value, weight: $0.weight?.value ?? 0) }
        return [ModuleDiagnostics.churnOverweighted(product, share: share, weights: weights, at: range, notes: notes)]
    }

    /// A warning when onboarding metrics exist and none is based on delivery. A metric is
    /// delivery-based when its formula, or a derived field, segment or metric it reads,
    /// calls `on_time`, `days_late` or `on_time_rate`, or reads a data field whose name
    /// or whose source's name contains `deliver` (`delivered_date`, `deliveries`).
    func checkOnboarding(_ product: CheckedProduct) -> [Diagnostic] {
        let onboarding = product.metrics(withConcept: ["onboarding"])
        guard let first = onboarding.first else { return [] }
        for metric in onboarding {
            guard let checked = product.metric(metric.id.value) else { continue }
            if !product.functionsCalled(by: checked.formula).isDisjoint(with: Self.deliveryFunctions) { return [] }
            if product.fieldsRead(by: checked.formula).contains(where: { $0.source.contains("deliver") || $0.field.contains("deliver") }) { return [] }
        }
        let anchor = first.concept?.range ?? first.id.range
        var (range, notes) = product.place(anchor, note: "`\(first.id.value)` is inherited from here; replace it, or list it in `remove:`")
        for other in onboarding.dropFirst() {
            notes.append(Diagnostic.Note("`\(other.id.value)` measures onboarding too", at: other.concept?.range ?? other.id.range))
        }
        return [ModuleDiagnostics.onboardingWithoutDelivery(product, metric: first, at: range, notes: notes)]
    }

    /// High-touch, a starter file with delivery, outcome and expansion weighted and churn low.
    public var defaults: ModuleDefaults {
        ModuleDefaults(
            touch: .init(high: 0.6, low: 0.3, tech: 0.1),
            keyConcepts: ["outcome", "expansion", "onboarding", "churn"],
            starterTemplate: Self.starterTemplate)
    }
}
