import KPILanguage
import KPIYAML

/// The rows of a source that an expression is evaluated over.
struct Frame {
    var source: Int
    /// Before the source's `where` (its own filter, a grouped source's fields), or after.
    var raw: Bool
    var count: Int
}

/// The rows of a source after its `where` (and a breakdown's restriction): positions in
/// its raw rows, or nil for all of them.
struct RowSet {
    var selection: [Int32]?
    var count: Int
}

/// The groups of a grouped source: for each row of the origin (after its `where`), the
/// group it belongs to, and the distinct keys in order of first appearance.
struct Grouping {
    var groupOf: [Int32]
    var groupCount: Int
    var keys: ColumnVector
}

/// The per-row health score of the health source's rows.
struct HealthRows {
    var scores: ColumnVector
    var bands: ColumnVector
    var summary: HealthSummary
}

/// Values computed over one set of rows, cached by position.
final class ComputedValues {
    var bases: [RowSet?]
    var raw: [[ColumnVector?]]
    var columns: [[ColumnVector?]]
    var groupings: [Int: Grouping] = [:]
    var links: [Int: [Int32]] = [:]
    var metrics: [Scalar?]
    var health: HealthRows?

    init(plan: ProductPlan) {
        bases = Array(repeating: nil, count: plan.sources.count)
        raw = plan.sources.map { Array(repeating: nil, count: $0.slots.count) }
        columns = plan.sources.map { Array(repeating: nil, count: $0.slots.count) }
        metrics = Array(repeating: nil, count: plan.metrics.count)
    }
}

/// One call of `Evaluator.evaluate`: the plan, the data and what was found on the way.
final class EvaluationRun {
    let plan: ProductPlan
    let tables: [String: Table]
    let modules: [String: any ModuleRuntime]
    var diagnostics = DiagnosticCollector()
    /// The main period, whose warnings carry no period label.
    let mainPeriod: Period

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

/// The evaluation of one period over a workspace: computes columns, metrics and the health
/// score on demand, each once, caching what depends on the period here and the rest in the
/// workspace.
final class PeriodState {
    let workspace: Workspace
    let period: Period
    let dependent: ComputedValues
    var run: EvaluationRun { workspace.run }
    var plan: ProductPlan { workspace.run.plan }
    /// What is being computed, for messages ("metric `churn_rate`").
    var owner = ""
    private var metricsInProgress: Set<Int> = []

    init(workspace: Workspace, period: Period) {
        self.workspace = workspace
        self.period = period
        self.dependent = ComputedValues(plan: workspace.run.plan)
    }

    func store(_ dependsOnPeriod: Bool) -> ComputedValues {
        dependsOnPeriod ? dependent : workspace.independent
    }

    // MARK: - Rows

    /// The rows of `source` after its `where` (and a breakdown restriction).
    func rows(_ source: Int) throws -> RowSet {
        if let restricted = workspace.restrictions[source] { return restricted }
        let sourcePlan = plan.sources[source]
        let cache = store(sourcePlan.baseDependsOnPeriod)
        if let rows = cache.bases[source] { return rows }
        let rawCount = try rawRowCount(source)
        var rows = RowSet(selection: nil, count: rawCount)
        if let filter = sourcePlan.filter {
            let predicate = try within("the `where` of source `\(sourcePlan.id)`") {
                try vector(filter, in: Frame(source: source, raw: true, count: rawCount))
            }
            if let mask = VectorComparison.mask(predicate) {
                let selection = selectedRows(mask)
                rows = RowSet(selection: selection, count: selection.count)
            }
        }
        cache.bases[source] = rows
        return rows
    }

    func rawRowCount(_ source: Int) throws -> Int {
        if case .grouped = plan.sources[source].origin { return try grouping(source).groupCount }
        return run.rawRowCount(source)
    }

    func frame(_ source: Int) throws -> Frame {
        Frame(source: source, raw: false, count: try rows(source).count)
    }

    // MARK: - Columns

    /// Column `slot` of `source`, over its raw rows or over its rows after `where`.
    func column(_ source: Int, _ slot: Int, raw: Bool) throws -> ColumnVector {
        let slotPlan = plan.sources[source].slots[slot]
        if raw {
            guard slotPlan.isRaw else {
                throw EvaluationError("plan", "the `where` of source `\(plan.sources[source].id)` reads \(slotPlan.owner), which is computed after it; filter on declared fields only", at: plan.sources[source].range)
            }
            let cache = store(slotPlan.rawDependsOnPeriod)
            if let vector = cache.raw[source][slot] { return vector }
            let vector = try rawColumn(source, slot)
            cache.raw[source][slot] = vector
            return vector
        }
        let cache = store(slotPlan.dependsOnPeriod)
        if let vector = cache.columns[source][slot] { return vector }
        let vector: ColumnVector
        switch slotPlan.kind {
        case .field, .groupKey, .groupField:
            let all = try column(source, slot, raw: true)
            if let selection = try rows(source).selection {
                vector = all.gathered(selection)
            } else {
                vector = all
            }
        case .derived(let kernel), .segment(let kernel):
            let frame = try self.frame(source)
            vector = try within(slotPlan.owner) { try self.vector(kernel, in: frame) }
        case .pending:
            throw EvaluationError("plan", "internal: \(slotPlan.owner) was never compiled")
        }
        cache.columns[source][slot] = vector
        return vector
    }

    private func rawColumn(_ source: Int, _ slot: Int) throws -> ColumnVector {
        let slotPlan = plan.sources[source].slots[slot]
        switch slotPlan.kind {
        case .field:
            return try run.fileColumn(source, slot)
        case .groupKey:
            return try grouping(source).keys
        case .groupField(let kernel):
            let grouping = try grouping(source)
            return try within(slotPlan.owner) {
                try vector(kernel, in: Frame(source: source, raw: true, count: grouping.groupCount))
            }
        default:
            throw EvaluationError("plan", "internal: \(slotPlan.owner) has no raw rows")
        }
    }

    // MARK: - Groups and links

    /// The groups of grouped source `source` over its origin's rows.
    func grouping(_ source: Int) throws -> Grouping {
        guard case .grouped(let origin, let keySlot) = plan.sources[source].origin else {
            throw EvaluationError("plan", "internal: `\(plan.sources[source].id)` is not a grouped source")
        }
        let cache = store(plan.sources[origin].baseDependsOnPeriod)
        if let grouping = cache.groupings[source] { return grouping }
        let keys = try column(origin, keySlot, raw: false)
        let grouping = KeyIndex.group(keys)
        cache.groupings[source] = grouping
        return grouping
    }

    /// For each row of `child`, the row of `parent` it belongs to (or -1).
    func link(child: Int, foreignKey: Int, parent: Int, parentKey: Int) throws -> [Int32] {
        let dependsOnPeriod = plan.sources[child].baseDependsOnPeriod || plan.sources[parent].baseDependsOnPeriod
        let cache = store(dependsOnPeriod)
        let key = child * plan.sources.count + parent
        if let link = cache.links[key] { return link }
        let link = KeyIndex.link(try column(child, foreignKey, raw: false), to: try column(parent, parentKey, raw: false))
        cache.links[key] = link
        return link
    }

    // MARK: - Metrics

    /// The value of metric `index` (null when it could not be computed; the reason is in
    /// the run's diagnostics).
    func metric(_ index: Int) -> Scalar {
        let metricPlan = plan.metrics[index]
        let cache = store(metricPlan.dependsOnPeriod)
        if let value = cache.metrics[index] { return value }
        guard metricsInProgress.insert(index).inserted else {
            report(EvaluationError("plan", "metric `\(metricPlan.id)` depends on itself", at: metricPlan.definition.formula.range))
            return .null
        }
        defer { metricsInProgress.remove(index) }
        let value: Scalar
        do {
            value = try within("metric `\(metricPlan.id)`") { try scalar(metricPlan.formula) }
        } catch {
            report(error, at: metricPlan.definition.formula.range)
            value = .null
        }
        cache.metrics[index] = value
        return value
    }

    // MARK: - Messages

    /// Runs `body` with `name` as the owner of any warning or error it raises.
    func within<T>(_ name: String, _ body: () throws -> T) throws -> T {
        let saved = owner
        owner = name
        defer { owner = saved }
        do {
            return try body()
        } catch KernelFailure.overflow(let message) {
            throw EvaluationError("overflow", "\(name): \(message)\(periodNote)")
        } catch let error as ModuleRuntimeError {
            throw EvaluationError("module-error", "\(name): \(error.message)")
        }
    }

    /// " (period 2026-09)" for periods other than the main one.
    var periodNote: String {
        period == run.mainPeriod ? "" : " (period \(period))"
    }

    func warnDivisionByZero(rows: Int?, at range: SourceRange) {
        let what = rows.map { "in \($0) row\($0 == 1 ? "" : "s")" } ?? ""
        let message = rows == nil
            ? "\(owner): division by zero gives null\(periodNote)"
            : "\(owner): division by zero \(what) gives null\(periodNote)"
        run.diagnostics.warning("division-by-zero", message, at: range)
    }

    func report(_ error: any Error, at range: SourceRange? = nil) {
        switch error {
        case let error as EvaluationError:
            run.diagnostics.report(Diagnostic(.error, error.code, error.message, at: error.range ?? range))
        case KernelFailure.overflow(let message):
            run.diagnostics.error("overflow", "\(owner): \(message)\(periodNote)", at: range)
        case let error as ModuleRuntimeError:
            run.diagnostics.error("module-error", "\(owner): \(error.message)", at: range)
        default:
            run.diagnostics.error("evaluation", "\(owner): \(error)", at: range)
        }
    }
}
