import KPILanguage

/// One call of `Evaluator.evaluate`: the plan, the data and what was found on the way.
final class EvaluationRun {
    let plan: ProductPlan
    let tables: [String: Table]
    let modules: [String: any ModuleRuntime]
    var diagnostics = DiagnosticCollector()
    /// The main period, whose warnings carry no period label.
    let mainPeriod: Period
    /// The expressions whose divisions by zero in the main period have been reported.
    var reportedDivisions: Set<PeriodState.DivisionSite> = []

    init(plan: ProductPlan, tables: [String: Table], modules: [String: any ModuleRuntime], mainPeriod: Period) {
        self.plan = plan
        self.tables = tables
        self.modules = modules
        self.mainPeriod = mainPeriod
    }

    /// A field of a file source, straight from its table.
    func fileColumn(_ source: Int, _ slot: Int) throws -> ColumnVector {
        let sourcePlan = plan.sources[source]
        let name = sourcePlan.slots[slot].name
        guard let table = tables[sourcePlan.id] else {
            throw EvaluationError("missing-data", "no data for source `\(sourcePlan.id)`; pass it with `--data \(sourcePlan.id)=FILE`", at: sourcePlan.range)
        }
        guard let column = table.columns[name] else {
            throw EvaluationError("missing-column", "the data of source `\(sourcePlan.id)` has no column `\(name)`", at: sourcePlan.range)
        }
        return ColumnVector(column)
    }

    func rawRowCount(_ source: Int) -> Int {
        tables[plan.sources[source].id]?.rowCount ?? 0
    }
}
