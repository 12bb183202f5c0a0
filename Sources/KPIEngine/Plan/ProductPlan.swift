import KPILanguage
import KPIYAML

/// A checked product compiled for evaluation: sources with numbered column slots, every
/// expression compiled to a `Kernel`, and for each computed thing whether it depends on
/// the period (what does not is computed once and shared by every period evaluated).
///
/// Built once per product by `PlanBuilder`; evaluating any number of periods, series or
/// breakdowns reuses it.
final class ProductPlan: Sendable {
    let product: CheckedProduct
    let sources: [SourcePlan]
    let sourceIndex: [String: Int]
    let metrics: [MetricPlan]
    let metricIndex: [String: Int]
    let health: HealthPlan?
    let signals: [SignalPlan]
    /// Whether each aggregate (by id) depends on the period (where its result is cached).
    let aggregateDependsOnPeriod: [Int: Bool]
    /// Per source, the aggregates of metric formulas that one pass over the source's rows
    /// can compute together (see `PeriodState.runFusedPass`).
    let fusedAggregates: [[FusedAggregate]]

    init(
        product: CheckedProduct, sources: [SourcePlan], metrics: [MetricPlan], health: HealthPlan?,
        signals: [SignalPlan], aggregateDependsOnPeriod: [Int: Bool]
    ) {
        self.product = product
        self.sources = sources
        self.sourceIndex = Dictionary(uniqueKeysWithValues: sources.enumerated().map { ($1.id, $0) })
        self.metrics = metrics
        self.metricIndex = Dictionary(uniqueKeysWithValues: metrics.enumerated().map { ($1.id, $0) })
        self.health = health
        self.signals = signals
        self.aggregateDependsOnPeriod = aggregateDependsOnPeriod
        self.fusedAggregates = FusedAggregate.collect(metrics: metrics, sourceCount: sources.count)
    }
}

/// A metric of the plan.
struct MetricPlan: Sendable {
    var id: String
    var definition: MetricDefinition
    var formula: Kernel
    var type: ValueType
    var dependsOnPeriod: Bool
}

/// A signal of the plan.
struct SignalPlan: Sendable {
    var id: String
    var definition: SignalDefinition
    var source: Int
    var when: Kernel
}
