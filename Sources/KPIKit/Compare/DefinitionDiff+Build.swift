import KPILanguage

extension DefinitionDiff {
    /// The changes from `old` to `new`, for every product the file decides in either.
    public init(old: DefinitionVersion, new: DefinitionVersion) {
        oldLabel = old.label
        newLabel = new.label
        document = new.document?.id ?? old.document?.id
        isBase = (new.document?.kind ?? old.document?.kind) == .base
        var ids = old.affectedProducts
        for id in new.affectedProducts where !ids.contains(id) { ids.append(id) }
        products = ids.sorted().compactMap { id in
            switch (old.product(id), new.product(id)) {
            case (let before?, let after?):
                return ProductDiff(product: id, status: .changed, changes: Self.changes(from: before, to: after))
            case (nil, let after?):
                return ProductDiff(product: id, status: .added, changes: Self.changes(from: nil, to: after))
            case (let before?, nil):
                return ProductDiff(product: id, status: .removed, changes: Self.changes(from: before, to: nil))
            case (nil, nil):
                return nil
            }
        }
    }

    /// Every change between two versions of a product (nil: the product is absent).
    static func changes(from old: CheckedProduct?, to new: CheckedProduct?) -> [DefinitionChange] {
        metricChanges(old?.definition.metrics ?? [], new?.definition.metrics ?? [])
            + healthChanges(old?.health, new?.health)
            + signalChanges(old?.definition.signals ?? [], new?.definition.signals ?? [])
    }

    // MARK: - Metrics

    static func metricChanges(_ old: [MetricDefinition], _ new: [MetricDefinition]) -> [DefinitionChange] {
        let oldTotal = old.reduce(0) { $0 + ($1.weight?.value ?? 0) }
        let newTotal = new.reduce(0) { $0 + ($1.weight?.value ?? 0) }
        func share(_ metric: MetricDefinition, _ total: Double) -> Double? {
            metric.weight.flatMap { total > 0 ? $0.value / total : nil }
        }
        func whole(_ metric: MetricDefinition, _ total: Double) -> DiffValue {
            .metric(concept: metric.concept?.value, weight: metric.weight?.value, share: share(metric, total), formula: ComparedMetric.collapsed(metric.formula.text))
        }
        var out: [DefinitionChange] = []
        let oldByID = Dictionary(old.map { ($0.id.value, $0) }, uniquingKeysWith: { a, _ in a })
        let newIDs = Set(new.map(\.id.value))
        for metric in new where oldByID[metric.id.value] == nil {
            out.append(DefinitionChange(kind: .metricAdded, item: metric.id.value, old: nil, new: whole(metric, newTotal)))
        }
        for metric in old where !newIDs.contains(metric.id.value) {
            out.append(DefinitionChange(kind: .metricRemoved, item: metric.id.value, old: whole(metric, oldTotal), new: nil))
        }
        for after in new {
            guard let before = oldByID[after.id.value] else { continue }
            let id = after.id.value
            if before.weight?.value != after.weight?.value {
                out.append(DefinitionChange(kind: .reweighted, item: id, old: .weight(before.weight?.value, share: share(before, oldTotal)), new: .weight(after.weight?.value, share: share(after, newTotal))))
            }
            if before.target?.value != after.target?.value {
                out.append(DefinitionChange(kind: .retargeted, item: id, old: before.target.map { .number($0.value) }, new: after.target.map { .number($0.value) }))
            }
            if before.thresholds?.green != after.thresholds?.green || before.thresholds?.yellow != after.thresholds?.yellow {
                out.append(DefinitionChange(
                    kind: .thresholdsChanged, item: id,
                    old: before.thresholds.map { .thresholds(green: $0.green, yellow: $0.yellow) },
                    new: after.thresholds.map { .thresholds(green: $0.green, yellow: $0.yellow) }))
            }
            let oldFormula = ComparedMetric.collapsed(before.formula.text)
            let newFormula = ComparedMetric.collapsed(after.formula.text)
            if oldFormula != newFormula {
                out.append(DefinitionChange(kind: .formulaChanged, item: id, old: .text(oldFormula), new: .text(newFormula)))
            }
            if before.direction != after.direction {
                out.append(DefinitionChange(kind: .directionChanged, item: id, old: .text(before.direction.rawValue), new: .text(after.direction.rawValue)))
            }
            if before.unit?.value != after.unit?.value {
                out.append(DefinitionChange(kind: .unitChanged, item: id, old: before.unit.map { .text($0.value.rawValue) }, new: after.unit.map { .text($0.value.rawValue) }))
            }
            if before.concept?.value != after.concept?.value {
                out.append(DefinitionChange(kind: .conceptChanged, item: id, old: before.concept.map { .text($0.value) }, new: after.concept.map { .text($0.value) }))
            }
        }
        return out
    }

    // MARK: - Health

    static func healthChanges(_ old: CheckedHealth?, _ new: CheckedHealth?) -> [DefinitionChange] {
        switch (old, new) {
        case (nil, nil): return []
        case (nil, let after?):
            return [DefinitionChange(kind: .healthAdded, item: "health", old: nil, new: .text("\(after.components.count) components on \(after.source)"))]
        case (let before?, nil):
            return [DefinitionChange(kind: .healthRemoved, item: "health", old: .text("\(before.components.count) components on \(before.source)"), new: nil)]
        case (let before?, let after?):
            return healthChanges(before, after)
        }
    }

    private static func healthChanges(_ old: CheckedHealth, _ new: CheckedHealth) -> [DefinitionChange] {
        let oldTotal = old.weights.values.reduce(0, +)
        let newTotal = new.weights.values.reduce(0, +)
        func weight(_ health: CheckedHealth, _ id: String, _ total: Double) -> DiffValue {
            let declared = health.definition.components.first { $0.id.value == id }?.weight.value
            let effective = health.weights[id]
            return .weight(declared, share: effective.flatMap { total > 0 ? $0 / total : nil })
        }
        var out: [DefinitionChange] = []
        let oldIDs = old.components.map(\.id)
        let newIDs = new.components.map(\.id)
        for id in newIDs where !oldIDs.contains(id) {
            out.append(DefinitionChange(kind: .healthComponentAdded, item: id, old: nil, new: weight(new, id, newTotal)))
        }
        for id in oldIDs where !newIDs.contains(id) {
            out.append(DefinitionChange(kind: .healthComponentRemoved, item: id, old: weight(old, id, oldTotal), new: nil))
        }
        for id in newIDs where oldIDs.contains(id) {
            let declaredBefore = old.definition.components.first { $0.id.value == id }?.weight.value
            let declaredAfter = new.definition.components.first { $0.id.value == id }?.weight.value
            // Group weights fold into the effective weight: a changed group shows on its components.
            if declaredBefore != declaredAfter || !nearlyEqual(old.weights[id], new.weights[id]) {
                out.append(DefinitionChange(kind: .healthWeightChanged, item: id, old: weight(old, id, oldTotal), new: weight(new, id, newTotal)))
            }
        }
        let before = old.definition
        let after = new.definition
        if before.green.value != after.green.value || before.yellow.value != after.yellow.value {
            out.append(DefinitionChange(
                kind: .healthBandsChanged, item: "health",
                old: .thresholds(green: before.green.value, yellow: before.yellow.value),
                new: .thresholds(green: after.green.value, yellow: after.yellow.value)))
        }
        return out
    }

    private static func nearlyEqual(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let x?, let y?): return abs(x - y) <= 1e-9 * max(1, abs(x), abs(y))
        default: return false
        }
    }

    // MARK: - Signals

    static func signalChanges(_ old: [SignalDefinition], _ new: [SignalDefinition]) -> [DefinitionChange] {
        let oldIDs = Set(old.map(\.id.value))
        let newIDs = Set(new.map(\.id.value))
        let added = new.filter { !oldIDs.contains($0.id.value) }.map { signal in
            DefinitionChange(kind: .signalAdded, item: signal.id.value, old: nil, new: .signal(kind: signal.kind.value, when: ComparedMetric.collapsed(signal.when.text)))
        }
        let removed = old.filter { !newIDs.contains($0.id.value) }.map { signal in
            DefinitionChange(kind: .signalRemoved, item: signal.id.value, old: .signal(kind: signal.kind.value, when: ComparedMetric.collapsed(signal.when.text)), new: nil)
        }
        return added + removed
    }
}
