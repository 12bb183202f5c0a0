import KPILanguage

/// Works out which parts of a plan depend on the period being evaluated: a column, a
/// source's rows, a metric or the health score depends on it when its expression reads
/// `period.start`, `period.end` or `in period`, or reads something that does.
///
/// What does not depend on the period is computed once per evaluation and shared by the
/// previous period, every period of a series and the current one.
struct DependencyAnalysis {
    private(set) var sources: [SourcePlan]
    private(set) var metrics: [MetricPlan]
    private(set) var health: HealthPlan?
    /// Whether each aggregate (by id) depends on the period.
    private(set) var aggregates: [Int: Bool] = [:]

    private enum Mark { case visiting, done(Bool) }
    private var bases: [Int: Mark] = [:]
    private var slots: [Int: [Int: Mark]] = [:]
    private var rawSlots: [Int: [Int: Mark]] = [:]
    private var metricMarks: [Int: Mark] = [:]
    private var healthMark: Mark?

    init(sources: [SourcePlan], metrics: [MetricPlan], health: HealthPlan?) {
        self.sources = sources
        self.metrics = metrics
        self.health = health
    }

    mutating func run() {
        for source in sources.indices {
            sources[source].baseDependsOnPeriod = base(source)
            for slot in sources[source].slots.indices {
                sources[source].slots[slot].dependsOnPeriod = self.slot(source, slot)
                sources[source].slots[slot].rawDependsOnPeriod = sources[source].slots[slot].isRaw ? rawSlot(source, slot) : true
            }
        }
        for metric in metrics.indices { metrics[metric].dependsOnPeriod = self.metric(metric) }
        // Aggregates anywhere else (derived fields, signals) are cached too.
        for source in sources.indices {
            if let filter = sources[source].filter { _ = expression(filter, raw: source) }
            for slot in sources[source].slots {
                switch slot.kind {
                case .derived(let kernel), .segment(let kernel): _ = expression(kernel, raw: nil)
                case .groupField(let kernel): _ = expression(kernel, raw: source)
                default: break
                }
            }
        }
        if health != nil {
            let depends = healthDepends()
            health?.dependsOnPeriod = depends
        }
    }

    // MARK: - Nodes
    // A node met again while it is being analysed is part of a cycle (the checker rejects
    // those); it counts as dependent, the safe answer.

    private mutating func base(_ source: Int) -> Bool {
        if let mark = bases[source] { if case .done(let value) = mark { return value }; return true }
        bases[source] = .visiting
        var depends = sources[source].filter.map { expression($0, raw: source) } ?? false
        if case .grouped(let origin, _) = sources[source].origin { depends = base(origin) || depends }
        bases[source] = .done(depends)
        return depends
    }

    private mutating func rawSlot(_ source: Int, _ slot: Int) -> Bool {
        if let mark = rawSlots[source]?[slot] { if case .done(let value) = mark { return value }; return true }
        rawSlots[source, default: [:]][slot] = .visiting
        var depends: Bool
        switch (sources[source].slots[slot].kind, sources[source].origin) {
        case (.field, _):
            depends = false
        case (.groupKey, .grouped(let origin, _)):
            depends = base(origin)
        case (.groupField(let kernel), .grouped(let origin, _)):
            depends = base(origin) || expression(kernel, raw: source)
        default:
            depends = true
        }
        rawSlots[source, default: [:]][slot] = .done(depends)
        return depends
    }

    private mutating func slot(_ source: Int, _ slot: Int) -> Bool {
        if let mark = slots[source]?[slot] { if case .done(let value) = mark { return value }; return true }
        slots[source, default: [:]][slot] = .visiting
        var depends = base(source)
        switch sources[source].slots[slot].kind {
        case .field, .groupKey, .groupField:
            depends = rawSlot(source, slot) || depends
        case .derived(let kernel), .segment(let kernel):
            depends = expression(kernel, raw: nil) || depends
        case .pending:
            depends = true
        }
        slots[source, default: [:]][slot] = .done(depends)
        return depends
    }

    private mutating func metric(_ index: Int) -> Bool {
        if let mark = metricMarks[index] { if case .done(let value) = mark { return value }; return true }
        metricMarks[index] = .visiting
        let depends = expression(metrics[index].formula, raw: nil)
        metricMarks[index] = .done(depends)
        return depends
    }

    private mutating func healthDepends() -> Bool {
        if let mark = healthMark { if case .done(let value) = mark { return value }; return true }
        guard let health else { return false }
        healthMark = .visiting
        var depends = base(health.source)
        for component in health.components { depends = expression(component.value, raw: nil) || depends }
        for profile in health.profiles { depends = expression(profile, raw: nil) || depends }
        healthMark = .done(depends)
        return depends
    }

    /// Whether `kernel` depends on the period; columns of source `raw` are read before its
    /// `where` (a source's own filter, a grouped source's fields).
    private mutating func expression(_ kernel: Kernel, raw: Int?) -> Bool {
        var depends = false
        switch kernel {
        case .periodStart, .periodEnd, .inPeriod:
            depends = true
        case .column(let source, let slot):
            depends = source == raw ? rawSlot(source, slot) : self.slot(source, slot)
        case .metric(let index):
            depends = metric(index)
        case .healthScore, .healthBand:
            depends = healthDepends()
        case .aggregate(let plan):
            depends = base(plan.source)
            switch plan.scope {
            case .whole, .perGroup: break
            case .perParent(let parent, _, _): depends = base(parent) || depends
            }
        case .module(let plan):
            if let source = plan.source { depends = base(source) }
            if case .perParent(let parent, _, _) = plan.scope { depends = base(parent) || depends }
        default:
            break
        }
        var inner = raw
        if case .aggregate(let plan) = kernel { inner = plan.source == raw ? raw : nil }
        if case .module(let plan) = kernel, plan.source != nil { inner = plan.source == raw ? raw : nil }
        for child in kernel.children where expression(child, raw: inner) { depends = true }
        if case .aggregate(let plan) = kernel { aggregates[plan.id] = depends }
        return depends
    }
}
