/// Values computed over one set of rows, cached by position.
final class ComputedValues {
    var bases: [RowSet?]
    var raw: [[ColumnVector?]]
    var columns: [[ColumnVector?]]
    var groupings: [Int: Grouping] = [:]
    var links: [Int: [Int32]] = [:]
    var metrics: [Scalar?]
    var health: HealthRows?
    /// Whole aggregates, by id.
    var aggregates: [Int: Scalar] = [:]

    init(plan: ProductPlan) {
        bases = Array(repeating: nil, count: plan.sources.count)
        raw = plan.sources.map { Array(repeating: nil, count: $0.slots.count) }
        columns = plan.sources.map { Array(repeating: nil, count: $0.slots.count) }
        metrics = Array(repeating: nil, count: plan.metrics.count)
    }
}
