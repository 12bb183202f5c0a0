import KPILanguage
import KPIYAML

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
    /// The columns of the chunk being evaluated, so that a column read several times in a
    /// chunk (by several aggregates of a fused pass, say) is gathered once.
    var chunkKey = ChunkKey(source: -1, raw: false, start: -1, count: -1)
    var chunkColumns: [Int: ColumnVector] = [:]
    /// Divisions by zero, summed over chunks before they are reported.
    private var divisions = DivisionLog()
    /// While set, divisions by zero are noted here instead (see `noting(divisionsIn:_:)`).
    private var transaction: DivisionLog?

    struct ChunkKey: Equatable {
        var source: Int
        var raw: Bool
        var start: Int
        var count: Int
    }

    struct DivisionSite: Hashable {
        var owner: String
        var range: SourceRange
        var perRow: Bool
    }

    /// Division-by-zero counts per expression, in the order first seen.
    struct DivisionLog {
        var counts: [DivisionSite: Int] = [:]
        var order: [DivisionSite] = []

        mutating func add(_ site: DivisionSite, _ rows: Int) {
            if counts[site] == nil { order.append(site) }
            counts[site, default: 0] += rows
        }

        mutating func merge(_ other: DivisionLog) {
            for site in other.order { add(site, other.counts[site] ?? 0) }
        }
    }

    /// Runs `body` noting its divisions by zero in `log` instead of the state's own log
    /// (the fused pass keeps them only for the computations that succeed).
    func noting<T>(divisionsIn log: inout DivisionLog, _ body: () throws -> T) rethrows -> T {
        let saved = transaction
        transaction = log
        defer {
            log = transaction ?? log
            transaction = saved
        }
        return try body()
    }

    /// Runs `body` outside any transaction: what it computes is cached for everyone, so its
    /// warnings must be reported whatever happens to the computation that needed it.
    func committing<T>(_ body: () throws -> T) rethrows -> T {
        let saved = transaction
        transaction = nil
        defer { transaction = saved }
        return try body()
    }

    func merge(_ log: DivisionLog) {
        divisions.merge(log)
    }

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
            let selection = try committing {
                try within("the `where` of source `\(sourcePlan.id)`") {
                    try selected(filter, in: Frame(source: source, raw: true, count: rawCount))
                }
            }
            if selection.count < rawCount { rows = RowSet(selection: selection, count: selection.count) }
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
            vector = try committing { try within(slotPlan.owner) { try derivedColumn(kernel, type: slotPlan.type, in: frame) } }
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
            return try committing {
                try within(slotPlan.owner) {
                    try vector(kernel, in: Frame(source: source, raw: true, count: grouping.groupCount))
                }
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

    /// Notes `rows` rows divided by zero (nil: a metric formula's single value); reported
    /// by `reportWarnings`, summed per expression.
    func warnDivisionByZero(rows: Int?, at range: SourceRange) {
        let site = DivisionSite(owner: owner, range: range, perRow: rows != nil)
        if transaction != nil {
            transaction!.add(site, rows ?? 1)
        } else {
            divisions.add(site, rows ?? 1)
        }
    }

    /// Reports the warnings noted so far.
    func reportWarnings() {
        for site in divisions.order {
            let rows = divisions.counts[site] ?? 0
            let message = site.perRow
                ? "\(site.owner): division by zero in \(rows) row\(rows == 1 ? "" : "s") gives null\(periodNote)"
                : "\(site.owner): division by zero gives null\(periodNote)"
            run.diagnostics.warning("division-by-zero", message, at: site.range)
            if period == run.mainPeriod { run.reportedDivisions.insert(site) }
        }
        divisions = DivisionLog()
    }

    /// The warnings noted so far, taken out of the state (which will not report them): a
    /// breakdown group's, which repeat the whole data's (see `GroupDivisions`).
    func takeWarnings() -> DivisionLog {
        defer { divisions = DivisionLog() }
        return divisions
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
