public import KPILanguage

/// Evaluates one checked product on its data: every metric, the scorecard, the health
/// score and the signals for a period, optionally broken down by a field and over a series
/// of periods.
///
/// The product is compiled once, when the evaluator is made; each `evaluate` call reads the
/// tables column by column and computes each column, metric and score once (what does not
/// depend on the period is shared by the previous period and every period of a series).
///
/// ```swift
/// let evaluator = Evaluator(product: checked, modules: ["subscription": SubscriptionModule()])
/// let result = try evaluator.evaluate(tables: ["accounts": table], period: try Period(parsing: "2026-10"))
/// ```
public struct Evaluator: Sendable {
    /// The product evaluated.
    public let product: CheckedProduct
    private let plan: Result<ProductPlan, EvaluationError>
    private let modules: [String: any ModuleRuntime]

    /// - Parameters:
    ///   - product: a product that checked without errors.
    ///   - modules: the implementations of module functions, by module id.
    public init(product: CheckedProduct, modules: [String: any ModuleRuntime] = [:]) {
        self.product = product
        self.modules = modules
        do {
            plan = .success(try PlanBuilder.build(product))
        } catch let error as EvaluationError {
            plan = .failure(error)
        } catch {
            plan = .failure(EvaluationError("plan", "\(error)"))
        }
    }

    /// Evaluates the product for `period`.
    ///
    /// - Parameters:
    ///   - tables: the data of each source read from a file, by source id (grouped sources
    ///     are computed). Only the fields the product reads need to be present.
    ///   - period: the period; the previous one is evaluated too, for the change of each
    ///     metric.
    ///   - by: a field (`segment`, `accounts.segment`) or a segment name: every metric is
    ///     also evaluated over the rows of each value (categories in declared order, then
    ///     other values ascending, then the rows with no value). Aggregates over the split
    ///     source see only that value's rows, and so do derived fields of it that aggregate
    ///     its children and sources grouped out of it; aggregates over other sources (a
    ///     child source read directly, say) see all their rows.
    ///   - periods: more than 1 adds a series of that many periods ending with `period`.
    /// - Returns: the results, with warnings and data errors in `diagnostics`.
    /// - Throws: `EvaluationError` when the product cannot be evaluated at all: it has
    ///   expressions that failed to check, a source it reads has no table, a field it reads
    ///   is missing from its table or has another type, or `by` names no field.
    public func evaluate(tables: [String: Table], period: Period, by: String? = nil, periods: Int = 1) throws -> ProductEvaluation {
        let plan = try self.plan.get()
        try validate(tables, plan: plan)
        let run = EvaluationRun(plan: plan, tables: tables, modules: modules, mainPeriod: period)
        let workspace = Workspace(run: run)
        var states: [Period: PeriodState] = [:]
        func state(_ period: Period) -> PeriodState {
            if let existing = states[period] { return existing }
            let created = PeriodState(workspace: workspace, period: period)
            prepare(created, plan: plan)
            states[period] = created
            return created
        }

        let current = state(period)
        for index in plan.metrics.indices { _ = current.metric(index) }
        let previous = state(period.previous)
        var metrics = metricResults(current, previous: previous, plan: plan)
        let scorecard = MetricScoring.scorecard(&metrics)

        var health: HealthSummary?
        if plan.health != nil {
            do {
                health = try current.healthRows().summary
            } catch {
                current.report(error, at: plan.health?.definition.range)
            }
        }
        let signals = plan.signals.map { signalResult($0, in: current, plan: plan) }

        var breakdown: Breakdown?
        var groupDivisions: GroupDivisions?
        if let by {
            (breakdown, groupDivisions) = try self.breakdown(by: by, current: current, plan: plan)
        }
        var series: Series?
        if periods > 1 {
            let list = period.series(periods)
            let lines = plan.metrics.indices.map { index in
                SeriesLine(id: plan.metrics[index].id, points: list.map { point in
                    let value = state(point).metric(index)
                    let before = state(point.previous).metric(index)
                    return SeriesPoint(period: point, value: value, change: MetricScoring.change(from: before, to: value))
                })
            }
            series = Series(periods: list, metrics: declarationOrder(plan).map { lines[$0] })
        }

        for period in [period, period.previous] + (series?.periods.flatMap { [$0.previous, $0] } ?? []) {
            states[period]?.reportWarnings()
            states[period] = nil
        }
        for remaining in states.values { remaining.reportWarnings() }
        groupDivisions?.report(to: run)
        return ProductEvaluation(
            product: product.id, name: product.definition.name, period: period, previousPeriod: period.previous,
            metrics: metrics, scorecard: scorecard, health: health, signals: signals, breakdown: breakdown,
            series: series, diagnostics: run.diagnostics.diagnostics)
    }

    /// Runs the fused pass over every source that has one, before the lazy evaluation.
    private func prepare(_ state: PeriodState, plan: ProductPlan) {
        for source in plan.sources.indices { state.runFusedPass(source) }
    }

    // MARK: - Data

    /// Every source the product reads has a table, with every field it reads, of its type.
    private func validate(_ tables: [String: Table], plan: ProductPlan) throws {
        for index in plan.readSources.sorted() where plan.sources[index].isFile {
            let source = plan.sources[index]
            guard let table = tables[source.id] else {
                throw EvaluationError("missing-data", "no data for source `\(source.id)`; pass it with `--data \(source.id)=FILE`", at: source.range)
            }
            let used = product.source(source.id)?.usedFields ?? []
            for name in used.sorted() {
                guard let slot = source.slotIndex[name] else { continue }
                guard let column = table.columns[name] else {
                    throw EvaluationError("missing-column", "the data of source `\(source.id)` has no column `\(name)`", at: source.range)
                }
                if !Self.fits(column.storage, source.slots[slot].type) {
                    throw EvaluationError("column-type", "column `\(name)` of source `\(source.id)` was read as \(column.type), but the source declares it \(source.slots[slot].type)", at: source.range)
                }
            }
        }
    }

    private static func fits(_ storage: Column.Storage, _ type: ValueType) -> Bool {
        switch (storage, type) {
        case (.int, .int), (.decimal, .number), (.bool, .bool), (.date, .date): return true
        case (.money(_, let a), .money(let b)): return a == b
        case (.string, .string), (.string, .category), (.category, .string), (.category, .category): return true
        default: return false
        }
    }

    // MARK: - Results

    /// Metric indices in the order the product declares its metrics.
    private func declarationOrder(_ plan: ProductPlan) -> [Int] {
        var order = product.definition.metrics.compactMap { plan.metricIndex[$0.id.value] }
        for index in plan.metrics.indices where !order.contains(index) { order.append(index) }
        return order
    }

    private func metricResults(_ state: PeriodState, previous: PeriodState?, plan: ProductPlan) -> [MetricResult] {
        declarationOrder(plan).map { index in
            let metric = plan.metrics[index]
            let definition = metric.definition
            let value = state.metric(index)
            let before = previous?.metric(index) ?? .null
            let number = value.doubleValue
            return MetricResult(
                id: metric.id, label: definition.label, concept: definition.concept?.value, unit: definition.unit?.value,
                direction: definition.direction, value: value,
                status: MetricScoring.status(number, thresholds: definition.thresholds, direction: definition.direction),
                score: MetricScoring.score(number, scale: definition.scale, target: definition.target?.value, direction: definition.direction),
                weight: definition.weight?.value, share: nil, target: definition.target?.value, thresholds: definition.thresholds,
                previous: before, change: previous == nil ? nil : MetricScoring.change(from: before, to: value))
        }
    }

    private func signalResult(_ signal: SignalPlan, in state: PeriodState, plan: ProductPlan) -> SignalResult {
        let definition = signal.definition
        var result = SignalResult(
            id: signal.id, label: definition.label, kind: definition.kind.value, action: definition.action,
            source: plan.sources[signal.source].id, count: 0, keys: [])
        do {
            let frame = try state.frame(signal.source)
            let rows = try state.within("signal `\(signal.id)`") { try state.selected(signal.when, in: frame) }
            result.count = rows.count
            result.keys = try state.rowLabels(signal.source, rows: rows.map { Int($0) })
        } catch {
            state.report(error, at: definition.when.range)
        }
        return result
    }

    // MARK: - Breakdown

    /// The breakdown by `field`, and the divisions by zero found in its groups (which are
    /// not reported by the groups: see `GroupDivisions`).
    private func breakdown(by field: String, current: PeriodState, plan: ProductPlan) throws -> (Breakdown, GroupDivisions) {
        let (source, slot) = try resolve(field, plan: plan)
        let values = try current.column(source, slot, raw: false)
        let rows = try current.rows(source)
        let grouping = KeyIndex.group(values)

        // Group members, as raw row positions (what a restriction holds).
        var members = [[Int32]](repeating: [], count: grouping.groupCount)
        var nulls: [Int32] = []
        for i in 0..<values.count {
            let raw = rows.selection?[i] ?? Int32(i)
            let g = grouping.groupOf[i]
            if g >= 0 { members[Int(g)].append(raw) } else { nulls.append(raw) }
        }
        var groups: [(value: Scalar, rows: [Int32])] = (0..<grouping.groupCount).map { (grouping.keys.scalar(at: $0), members[$0]) }
        switch plan.sources[source].slots[slot].type {
        case .category(let declared):
            groups.sort { a, b in
                (declared.firstIndex(of: a.value.text) ?? .max) < (declared.firstIndex(of: b.value.text) ?? .max)
            }
        case .bool:
            groups.sort { a, _ in a.value == .bool(true) }
        default:
            groups.sort { a, b in (ScalarOperations.order(a.value, b.value) ?? 0) < 0 }
        }
        if !nulls.isEmpty { groups.append((.null, nulls)) }

        var divisions = GroupDivisions(field: field)
        let breakdownGroups = groups.map { group in
            let workspace = Workspace(run: current.run, restrictions: [source: RowSet(selection: group.rows, count: group.rows.count)])
            let state = PeriodState(workspace: workspace, period: current.period)
            prepare(state, plan: plan)
            for index in plan.metrics.indices { _ = state.metric(index) }
            var metrics = metricResults(state, previous: nil, plan: plan)
            let scorecard = MetricScoring.scorecard(&metrics)
            divisions.add(state.takeWarnings(), group: group.value)
            return BreakdownGroup(value: group.value, rows: group.rows.count, metrics: metrics, scorecard: scorecard)
        }
        return (Breakdown(field: field, source: plan.sources[source].id, groups: breakdownGroups), divisions)
    }

    /// The source and column a `--by` names: `source.field`, a segment, or a field (of the
    /// health source first, then of the sources in declared order).
    private func resolve(_ field: String, plan: ProductPlan) throws -> (Int, Int) {
        let parts = field.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2, let source = plan.sourceIndex[parts[0]], let slot = plan.sources[source].slotIndex[parts[1]] {
            return (source, slot)
        }
        if let segment = product.segment(field), let source = plan.sourceIndex[segment.source],
           let slot = plan.sources[source].slotIndex[field] {
            return (source, slot)
        }
        var order = Array(plan.sources.indices)
        if let health = plan.health { order.removeAll { $0 == health.source }; order.insert(health.source, at: 0) }
        for source in order {
            if let slot = plan.sources[source].slotIndex[field] { return (source, slot) }
        }
        let known = plan.sources.flatMap { $0.slots.map(\.name) }
        let hint = Self.closest(field, in: Set(known)).map { "; did you mean `\($0)`?" } ?? ""
        throw EvaluationError("unknown-breakdown", "cannot break down by `\(field)`: no field or segment is called that\(hint)")
    }

    /// The candidate within a third of the word's length in edits, if any.
    private static func closest(_ word: String, in candidates: Set<String>) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var row = Array(0...b.count)
            for (i, x) in a.enumerated() {
                var previous = row[0]
                row[0] = i + 1
                for (j, y) in b.enumerated() {
                    let saved = row[j + 1]
                    row[j + 1] = Swift.min(row[j + 1] + 1, row[j] + 1, previous + (x == y ? 0 : 1))
                    previous = saved
                }
            }
            return row[b.count]
        }
        let letters = Array(word)
        let scored = candidates.sorted().map { ($0, distance(letters, Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= Swift.max(1, letters.count / 3) else { return nil }
        return best.0
    }
}

/// The divisions by zero of a breakdown's groups. A group's rows are part of the whole
/// data, so an expression that divides by zero in a group almost always does over the whole
/// data too, and that warning (with the whole data's count) is the one reported: the
/// groups add nothing. An expression that divides by zero only in some groups (a metric
/// whose denominator is 0 in one segment, say) is reported once, naming those groups.
struct GroupDivisions {
    var field: String
    var log = PeriodState.DivisionLog()
    /// The groups (as report headings) in which each expression divided by zero.
    var groups: [PeriodState.DivisionSite: [String]] = [:]

    mutating func add(_ divisions: PeriodState.DivisionLog, group value: Scalar) {
        log.merge(divisions)
        for site in divisions.order { groups[site, default: []].append(value.isNull ? "(no value)" : value.text) }
    }

    /// Reports the expressions the whole data did not already warn about; call it after
    /// the whole data's warnings are reported.
    func report(to run: EvaluationRun) {
        for site in log.order where !run.reportedDivisions.contains(site) {
            let rows = log.counts[site] ?? 0
            let names = (groups[site] ?? []).map { "`\($0)`" }.joined(separator: ", ")
            let place = "in breakdown group\((groups[site]?.count ?? 0) == 1 ? "" : "s") \(names) (by `\(field)`)"
            let message = site.perRow
                ? "\(site.owner): division by zero in \(rows) row\(rows == 1 ? "" : "s") gives null \(place)"
                : "\(site.owner): division by zero gives null \(place)"
            run.diagnostics.warning("division-by-zero", message, at: site.range)
            run.reportedDivisions.insert(site)
        }
    }
}
