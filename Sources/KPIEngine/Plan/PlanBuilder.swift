import KPILanguage
import KPIYAML

/// Compiles a `CheckedProduct` into a `ProductPlan`: numbers every column of every source,
/// compiles every expression to a `Kernel`, and works out what depends on the period.
final class PlanBuilder {
    let product: CheckedProduct
    private var sources: [SourcePlan] = []
    private var sourceIndex: [String: Int] = [:]
    private var metricIndex: [String: Int] = [:]
    private var aggregateCount = 0

    init(product: CheckedProduct) {
        self.product = product
    }

    /// - Throws: `EvaluationError` (code `plan`) when the product still holds an expression
    ///   that failed to check, or a name the checker should have resolved.
    static func build(_ product: CheckedProduct) throws -> ProductPlan {
        try PlanBuilder(product: product).build()
    }

    private func build() throws -> ProductPlan {
        // Slots first, so that expressions can refer to any column of any source.
        for (index, source) in product.sources.enumerated() {
            sourceIndex[source.id] = index
            var slots: [ColumnSlot] = []
            let groupFields = Dictionary(source.groupFields.map { ($0.name, $0.expression) }, uniquingKeysWith: { a, _ in a })
            for field in source.fields {
                if case .grouped(_, let key) = source.origin, field.name == key, groupFields[key] == nil {
                    slots.append(ColumnSlot(name: field.name, kind: .groupKey, type: field.type, dependsOnPeriod: false, owner: "key `\(source.id).\(field.name)`"))
                } else if groupFields[field.name] != nil {
                    // Compiled below, once every slot has its index.
                    slots.append(ColumnSlot(name: field.name, kind: .pending, type: field.type, dependsOnPeriod: false, owner: "field `\(field.name)` of grouped source `\(source.id)`"))
                } else {
                    slots.append(ColumnSlot(name: field.name, kind: .field(field.declared), type: field.type, dependsOnPeriod: false, owner: "field `\(source.id).\(field.name)`"))
                }
            }
            for name in source.derived.keys.sorted() where !slots.contains(where: { $0.name == name }) {
                let expression = source.derived[name]!
                slots.append(ColumnSlot(name: name, kind: .pending, type: expression.type, dependsOnPeriod: false, owner: "derived field `\(source.id).\(name)`"))
            }
            for segment in product.segments where segment.source == source.id && !slots.contains(where: { $0.name == segment.id }) {
                slots.append(ColumnSlot(name: segment.id, kind: .pending, type: .bool, dependsOnPeriod: false, owner: "segment `\(segment.id)`"))
            }
            var slotIndex: [String: Int] = [:]
            for (position, slot) in slots.enumerated() where slotIndex[slot.name] == nil { slotIndex[slot.name] = position }
            sources.append(SourcePlan(
                id: source.id, origin: .file, key: nil, slots: slots, slotIndex: slotIndex, filter: nil,
                baseDependsOnPeriod: false, range: source.range))
        }
        for (index, metric) in product.metrics.enumerated() { metricIndex[metric.id] = index }

        // Origins, keys, filters and computed columns.
        for (index, source) in product.sources.enumerated() {
            switch source.origin {
            case .file:
                sources[index].origin = .file
            case .child(let parent, let foreignKey):
                sources[index].origin = .child(parent: try self.source(parent, at: source.range), foreignKey: try slot(source.id, foreignKey, at: source.range))
            case .grouped(let origin, let key):
                sources[index].origin = .grouped(origin: try self.source(origin, at: source.range), key: try slot(origin, key, at: source.range))
            }
            if let key = source.key { sources[index].key = sources[index].slotIndex[key] }
            sources[index].filter = try source.filter.map(compile)
            for field in source.groupFields {
                let position = try slot(source.id, field.name, at: field.expression.range)
                sources[index].slots[position].kind = .groupField(try compile(field.expression))
            }
            for (name, expression) in source.derived {
                let position = try slot(source.id, name, at: expression.range)
                sources[index].slots[position].kind = .derived(try compile(expression))
            }
        }
        for segment in product.segments {
            guard let index = sourceIndex[segment.source] else { continue }
            let position = try slot(segment.source, segment.id, at: segment.expression.range)
            if case .pending = sources[index].slots[position].kind {
                sources[index].slots[position].kind = .segment(try compile(segment.expression))
            }
        }

        let metrics = try product.metrics.map { metric in
            MetricPlan(id: metric.id, definition: metric.definition, formula: try compile(metric.formula), type: metric.formula.type, dependsOnPeriod: false)
        }
        var health = try product.health.map(compileHealth)
        let signals = try product.signals.map { signal in
            SignalPlan(id: signal.id, definition: signal.definition, source: try self.source(signal.source, at: signal.when.range), when: try compile(signal.when))
        }
        if health != nil {
            let slots = sources.flatMap(\.slots).compactMap { slot -> Kernel? in
                switch slot.kind {
                case .derived(let kernel), .segment(let kernel), .groupField(let kernel): return kernel
                default: return nil
                }
            }
            let kernels = signals.map(\.when) + metrics.map(\.formula) + slots + sources.compactMap(\.filter)
            health?.keepsRows = kernels.contains { $0.readsHealth }
        }

        var plan = DependencyAnalysis(sources: sources, metrics: metrics, health: health)
        plan.run()
        return ProductPlan(
            product: product, sources: plan.sources, metrics: plan.metrics, health: plan.health, signals: signals,
            aggregateDependsOnPeriod: plan.aggregates)
    }

    private func compileHealth(_ health: CheckedHealth) throws -> HealthPlan {
        let components = try health.components.map {
            HealthPlan.Component(id: $0.id, value: try compile($0.value), scale: $0.definition.scale)
        }
        // Nested with groups under `renormalize`: weights within the groups. Otherwise one
        // flat mean, groups folded in (for a profile, over the components it weights).
        let nested = !health.groups.isEmpty && health.definition.missing == .renormalize
        func row(_ weights: [String: Double]) -> [Double?] { health.components.map { weights[$0.id] } }
        var weights: [[Double?]]
        var groups: [HealthPlan.Group] = []
        if nested {
            weights = [health.components.map { $0.definition.weight.value }]
            weights += health.profiles.map { row($0.weights) }
            let index = Dictionary(uniqueKeysWithValues: health.components.enumerated().map { ($1.id, $0) })
            groups = health.groups.map { group in
                HealthPlan.Group(id: group.id, weight: group.weight, members: group.components.compactMap { index[$0] })
            }
        } else {
            weights = [row(health.weights)]
            weights += health.profiles.map { row(CheckedHealth.folded($0.weights, groups: health.groups)) }
        }
        return HealthPlan(
            definition: health.definition, source: try source(health.source, at: health.definition.range),
            components: components, profiles: try health.profiles.map { try compile($0.when) },
            profileIDs: health.profiles.map(\.id), weights: weights, groups: groups, dependsOnPeriod: false)
    }

    // MARK: - Names

    private func source(_ id: String, at range: SourceRange) throws -> Int {
        guard let index = sourceIndex[id] else {
            throw EvaluationError("plan", "internal: unknown source `\(id)` in a checked product", at: range)
        }
        return index
    }

    private func slot(_ source: String, _ name: String, at range: SourceRange) throws -> Int {
        let index = try self.source(source, at: range)
        guard let slot = sources[index].slotIndex[name] else {
            throw EvaluationError("plan", "internal: source `\(source)` has no column `\(name)` in a checked product", at: range)
        }
        return slot
    }

    // MARK: - Expressions

    func compile(_ expression: TypedExpression) throws -> Kernel {
        if expression.type == .error {
            throw EvaluationError("plan", "this expression has errors; fix them (run `kpi validate`) before evaluating", at: expression.range)
        }
        let range = expression.range
        switch expression.node {
        case .literal(let literal):
            return .constant(Scalar(literal))
        case .list(let items):
            // Only meaningful on the right of `in`; compiled there.
            throw EvaluationError("plan", "internal: a list of \(items.count) items outside `in`", at: range)
        case .column(let source, let name):
            return .column(source: try self.source(source, at: range), slot: try slot(source, name, at: range))
        case .metric(let id):
            guard let index = metricIndex[id] else {
                throw EvaluationError("plan", "internal: unknown metric `\(id)` in a checked product", at: range)
            }
            return .metric(index)
        case .periodStart: return .periodStart
        case .periodEnd: return .periodEnd
        case .healthScore: return .healthScore
        case .healthBand: return .healthBand
        case .negate(let operand): return .negate(try compile(operand), range)
        case .not(let operand): return .not(try compile(operand))
        case .binary(let op, let lhs, let rhs):
            let a = try compile(lhs)
            let b = try compile(rhs)
            switch op {
            case .and, .or: return .logical(op, a, b)
            case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return .comparison(op, a, b)
            case .add, .subtract, .multiply, .divide, .remainder: return .arithmetic(op, a, b, expression.type, range)
            }
        case .inList(let value, let list, let negated):
            let compiled = try compile(value)
            guard case .list(let items) = list.node else {
                throw EvaluationError("plan", "internal: `in` without a list", at: range)
            }
            let literals = items.compactMap { item -> Scalar? in
                if case .literal(let literal) = item.node { return Scalar(literal) }
                return nil
            }
            if literals.count == items.count {
                return .inList(compiled, literals, negated: negated)
            }
            // Items that are not literals: a chain of `==` joined by `or` (same null rules).
            var chain: Kernel = .constant(.bool(false))
            for (position, item) in items.enumerated() {
                let test = Kernel.comparison(.equal, compiled, try compile(item))
                chain = position == 0 ? test : .logical(.or, chain, test)
            }
            return negated ? .not(chain) : chain
        case .inPeriod(let value): return .inPeriod(try compile(value))
        case .between(let value, let low, let high): return .between(try compile(value), try compile(low), try compile(high))
        case .isNull(let value, let negated): return .isNull(try compile(value), negated: negated)
        case .call(let function, let arguments): return .call(function, try arguments.map(compile), expression.type, range)
        case .ratio(let a, let b): return .ratio(try compile(a), try compile(b), expression.type)
        case .aggregate(let call):
            aggregateCount += 1
            return .aggregate(AggregatePlan(
                id: aggregateCount, function: call.function, source: try source(call.source, at: range), argument: try call.argument.map(compile),
                filter: try call.filter.map(compile), quantile: call.quantile ?? 0.5,
                scope: try compile(call.scope, source: call.source, at: range), type: expression.type, range: range))
        case .module(let call):
            let scope: AggregatePlan.Scope = if let source = call.source { try compile(call.scope, source: source, at: range) } else { .whole }
            return .module(ModulePlan(
                module: call.module, name: call.name, arguments: try call.arguments.map(compile),
                source: try call.source.map { try source($0, at: range) }, filter: try call.filter.map(compile),
                scope: scope, type: expression.type, range: range))
        }
    }

    /// The scope of an aggregate (built-in or a module's) over the rows of `source`.
    private func compile(_ scope: AggregateCall.Scope, source aggregated: String, at range: SourceRange) throws -> AggregatePlan.Scope {
        switch scope {
        case .whole:
            return .whole
        case .perParent(let parent, let foreignKey):
            let parentIndex = try source(parent, at: range)
            guard let parentKey = sources[parentIndex].key ?? product.sources[parentIndex].key.flatMap({ sources[parentIndex].slotIndex[$0] }) else {
                throw EvaluationError("plan", "source `\(parent)` has no `key`, so its child rows cannot be found; declare `key:`", at: range)
            }
            return .perParent(parent: parentIndex, foreignKey: try slot(aggregated, foreignKey, at: range), parentKey: parentKey)
        case .perGroup(let groupSource, _):
            return .perGroup(grouped: try source(groupSource, at: range))
        }
    }
}

extension Scalar {
    /// The value of a literal of the language.
    init(_ literal: Literal) {
        switch literal {
        case .null: self = .null
        case .int(let value): self = .int(value)
        case .number(let value): self = .number(value)
        case .string(let value): self = .string(value)
        case .bool(let value): self = .bool(value)
        case .date(let days): self = .date(days)
        }
    }
}
