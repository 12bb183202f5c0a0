/// Everything computed for one set of rows that does not depend on the period, shared by
/// every period evaluated over it; a breakdown group gets its own, restricted to its rows.
final class Workspace {
    let run: EvaluationRun
    let independent: ComputedValues
    /// Sources whose rows are restricted (a breakdown group): their rows, as raw positions.
    let restrictions: [Int: RowSet]

    init(run: EvaluationRun, restrictions: [Int: RowSet] = [:]) {
        self.run = run
        self.independent = ComputedValues(plan: run.plan)
        self.restrictions = restrictions
    }
}
