/// An aggregate of a metric formula that can be computed in one pass over its source
/// together with the others: over all rows, `count`/`sum`/`avg`/`min`/`max`, its value and
/// `where` plain row expressions that read no metric and no health score.
struct FusedAggregate: Sendable {
    var aggregate: AggregatePlan
    /// The metric it belongs to (the first, if several share it), for messages.
    var owner: String

    static func collect(metrics: [MetricPlan], sourceCount: Int) -> [[FusedAggregate]] {
        var bySource = [[FusedAggregate]](repeating: [], count: sourceCount)
        var seen: Set<Int> = []
        func visit(_ kernel: Kernel, owner: String) {
            if case .aggregate(let plan) = kernel {
                if case .whole = plan.scope, StreamingAggregate(plan.function, type: plan.type) != nil,
                   [plan.argument, plan.filter].allSatisfy({ $0.map(isPlainRow) ?? true }),
                   seen.insert(plan.id).inserted {
                    bySource[plan.source].append(FusedAggregate(aggregate: plan, owner: owner))
                }
                return
            }
            for child in kernel.children { visit(child, owner: owner) }
        }
        for metric in metrics { visit(metric.formula, owner: "metric `\(metric.id)`") }
        return bySource
    }

    /// A row expression with no aggregate, module call, metric or health score in it.
    static func isPlainRow(_ kernel: Kernel) -> Bool {
        switch kernel {
        case .aggregate, .module, .metric, .healthScore, .healthBand: return false
        default: return kernel.children.allSatisfy(isPlainRow)
        }
    }
}
