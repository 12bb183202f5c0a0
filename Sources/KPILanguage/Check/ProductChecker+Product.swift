import KPIYAML

extension ProductChecker {
    /// Checks the whole product; nil when it has errors.
    func run(bases: [(id: String, file: SourceFile)]) -> CheckedProduct? {
        collectDefinitions()
        let checkedSources = checkSources()
        for id in product.segments.map(\.id.value) { _ = checkedSegment(id) }
        for index in product.metrics.indices {
            let id = product.metrics[index].id
            _ = metricType(id.value, at: id.range)
        }
        let metrics = checkedMetrics()
        let health = product.health.flatMap(checkHealth)
        let signals = checkSignals(health: health)
        checkModule()
        warnAboutMetrics()
        var sourcesOut = checkedSources.map { source -> CheckedSource in
            var source = source
            source.usedFields = usedFields(of: source)
            return source
        }
        warnAboutUnusedFields(sourcesOut)
        for index in sourcesOut.indices {
            sourcesOut[index].derived = derivedOf(sourcesOut[index].id)
            sourcesOut[index].groupFields = groupFieldsOf(sourcesOut[index].id)
        }
        guard !diagnostics.hasErrors else { return nil }
        let segments = product.segments.compactMap { checkedSegment($0.id.value) }
        return CheckedProduct(
            definition: product, module: moduleID, sources: sourcesOut, segments: segments, metrics: metrics,
            health: health, signals: signals, bases: bases)
    }

    // MARK: - Sources

    func collectDefinitions() {
        for source in product.sources {
            if sources[source.id.value] != nil {
                diagnostics.error("duplicate-id", "source `\(source.id.value)` is declared twice", at: source.id.range)
                continue
            }
            var declared: [String: ValueType] = [:]
            var groups: [String: ExpressionText] = [:]
            for field in source.fields {
                switch field.content {
                case .type(let type): declared[field.name.value] = ValueType(type)
                case .aggregate(let text): groups[field.name.value] = text
                }
            }
            sources[source.id.value] = SourceInfo(
                id: source.id.value, definition: source, declared: declared, derivedDefinitions: [:],
                groupDefinitions: groups, columnNames: source.fields.map(\.name.value))
        }
        // The key of a grouped source is a column typed like the origin's key field.
        for source in product.sources {
            if case .grouped(let origin, let key) = source.origin {
                guard let originInfo = sources[origin.value] else {
                    diagnostics.error("unknown-source", "grouped source `\(source.id.value)` groups unknown source `\(origin.value)`\(Suggestion.didYouMean(origin.value, in: sources.keys.sorted()))", at: origin.range)
                    continue
                }
                guard let keyType = originInfo.declared[key.value] else {
                    diagnostics.error("unknown-field", "source `\(origin.value)` has no field `\(key.value)` to group by\(Suggestion.didYouMean(key.value, in: originInfo.columnNames))", at: key.range)
                    continue
                }
                sources[source.id.value]?.declared[key.value] = keyType
                sources[source.id.value]?.columnNames.insert(key.value, at: 0)
                usedColumns[origin.value, default: []].insert(key.value)
            }
            if case .child(let parent, let foreignKey) = source.origin {
                guard let parentInfo = sources[parent.value] else {
                    diagnostics.error("unknown-source", "source `\(source.id.value)` names unknown parent `\(parent.value)`\(Suggestion.didYouMean(parent.value, in: sources.keys.sorted()))", at: parent.range)
                    continue
                }
                if parentInfo.definition.key == nil {
                    diagnostics.error("parent-without-key", "source `\(parent.value)` is a parent but declares no `key:`; add the field that identifies its rows", at: parent.range)
                }
                if sources[source.id.value]?.declared[foreignKey.value] == nil {
                    diagnostics.error("unknown-field", "source `\(source.id.value)` has no field `\(foreignKey.value)` to link to `\(parent.value)`\(Suggestion.didYouMean(foreignKey.value, in: sources[source.id.value]?.columnNames ?? []))", at: foreignKey.range)
                }
                usedColumns[source.id.value, default: []].insert(foreignKey.value)
            }
            if let key = source.key {
                if sources[source.id.value]?.declared[key.value] == nil {
                    diagnostics.error("unknown-field", "the key `\(key.value)` of source `\(source.id.value)` is not one of its fields\(Suggestion.didYouMean(key.value, in: sources[source.id.value]?.columnNames ?? []))", at: key.range)
                } else {
                    usedColumns[source.id.value, default: []].insert(key.value)
                }
            }
        }
        for derived in product.derived {
            guard sources[derived.source.value] != nil else {
                diagnostics.error("unknown-source", "derived field `\(derived.source.value).\(derived.name.value)` names unknown source `\(derived.source.value)`\(Suggestion.didYouMean(derived.source.value, in: sources.keys.sorted()))", at: derived.source.range)
                continue
            }
            if sources[derived.source.value]?.declared[derived.name.value] != nil || sources[derived.source.value]?.derivedDefinitions[derived.name.value] != nil {
                diagnostics.error("duplicate-id", "derived field `\(derived.name.value)` has the name of a field source `\(derived.source.value)` already has; rename one of them", at: derived.name.range)
                continue
            }
            sources[derived.source.value]?.derivedDefinitions[derived.name.value] = derived
            sources[derived.source.value]?.columnNames.append(derived.name.value)
        }
        for segment in product.segments {
            segmentDefinitions[segment.id.value] = segment
        }
        for index in product.metrics.indices {
            metricIndices[product.metrics[index].id.value] = index
        }
        for index in product.metrics.indices where segmentDefinitions.keys.contains(product.metrics[index].id.value) {
            let id = product.metrics[index].id
            diagnostics.error("duplicate-id", "`\(id.value)` names both a segment and a metric; rename one so formulas can tell them apart", at: id.range)
        }
        for info in sources.values { info.indexColumns() }
    }

    func checkSources() -> [CheckedSource] {
        var out: [CheckedSource] = []
        for source in product.sources {
            guard let info = sources[source.id.value] else { continue }
            var filter: TypedExpression?
            if let text = source.filter {
                let scope = Scope(kind: .row(source: info.id), allowsMetrics: false, allowsHealth: false, childSources: [:], owner: "the `where` of source `\(info.id)`")
                filter = expectBool(parseAndCheck(text, in: scope), what: "the `where` of source `\(info.id)`")
            }
            for name in info.derivedDefinitions.keys.sorted() {
                _ = derivedType(info.id, name, at: info.derivedDefinitions[name]?.name.range ?? source.id.range)
            }
            for name in info.groupDefinitions.keys.sorted() {
                _ = groupFieldType(info.id, name, at: source.id.range)
            }
            let origin: CheckedSource.Origin
            switch source.origin {
            case .file: origin = .file
            case .child(let parent, let foreignKey): origin = .child(parent: parent.value, foreignKey: foreignKey.value)
            case .grouped(let origin_, let key): origin = .grouped(origin: origin_.value, key: key.value)
            }
            var fields: [(name: String, type: ValueType, declared: FieldType?)] = []
            if case .grouped(_, let key) = source.origin, let type = info.declared[key.value] {
                fields.append((key.value, type, nil))
            }
            for field in source.fields {
                switch field.content {
                case .type(let type): fields.append((field.name.value, ValueType(type), type))
                case .aggregate:
                    if case .done(let typed)? = groupResults[ColumnKey(source: info.id, name: field.name.value)] {
                        fields.append((field.name.value, typed.type, nil))
                    }
                }
            }
            let key: String? = if case .grouped(_, let groupKey) = source.origin { groupKey.value } else { source.key?.value }
            out.append(CheckedSource(
                id: info.id, key: key, origin: origin, fields: fields, filter: filter, groupFields: [],
                derived: [:], usedFields: [], range: source.id.range))
        }
        return out
    }

    func derivedOf(_ source: String) -> [String: TypedExpression] {
        var out: [String: TypedExpression] = [:]
        for name in sources[source]?.derivedDefinitions.keys ?? [:].keys {
            if case .done(let typed)? = derivedResults[ColumnKey(source: source, name: name)] { out[name] = typed }
        }
        return out
    }

    func groupFieldsOf(_ source: String) -> [(name: String, expression: TypedExpression)] {
        guard let definition = sources[source]?.definition else { return [] }
        return definition.fields.compactMap { field in
            guard case .aggregate = field.content, case .done(let typed)? = groupResults[ColumnKey(source: source, name: field.name.value)] else { return nil }
            return (field.name.value, typed)
        }
    }

    func usedFields(of source: CheckedSource) -> Set<String> {
        var used = usedColumns[source.id] ?? []
        // A grouped source's key comes from its origin.
        if case .grouped(_, let key) = source.origin { used.insert(key) }
        return used
    }

    // MARK: - Metrics

    func checkedMetrics() -> [CheckedMetric] {
        var out: [CheckedMetric] = []
        for id in metricOrder {
            guard let index = metricIndices[id], case .done(let typed)? = metricResults[id] else { continue }
            out.append(CheckedMetric(definition: product.metrics[index], formula: typed, dependencies: metricDependencies[id] ?? []))
        }
        let weights = product.metrics.compactMap(\.weight)
        if !weights.isEmpty, weights.reduce(0, { $0 + $1.value }) == 0, let first = weights.first {
            diagnostics.error("zero-weight", "the metric weights add up to 0, so no scorecard can be made; give at least one metric a positive weight", at: first.range)
        }
        return out
    }

    // MARK: - Health

    func checkHealth(_ health: HealthDefinition) -> CheckedHealth? {
        let source = health.source.value
        guard sources[source] != nil else {
            diagnostics.error("unknown-source", "the health source `\(source)` is not a source of this product\(Suggestion.didYouMean(source, in: sources.keys.sorted()))", at: health.source.range)
            return nil
        }
        var components: [CheckedHealthComponent] = []
        var seen: Set<String> = []
        for component in health.components {
            let scope = Scope(kind: .row(source: source), allowsMetrics: false, allowsHealth: false, childSources: [:], owner: "health component `\(component.id.value)`")
            let typed = parseAndCheck(component.value, in: scope)
            if typed.type != .error, !(typed.type.isNumeric || typed.type == .null || typed.type == .bool) {
                diagnostics.error("type-mismatch", "the value of health component `\(component.id.value)` must be a number (0..100, or mapped by `scale`), but it is \(describe(typed.type))", at: typed.range)
            }
            seen.insert(component.id.value)
            components.append(CheckedHealthComponent(definition: component, value: typed))
        }
        // Groups, each component in one; then the weights, groups folded in.
        var groups: [CheckedHealthGroup] = []
        if !health.groups.isEmpty {
            var membership: [String: String] = [:]
            for group in health.groups {
                var members: [String] = []
                for member in group.components {
                    guard seen.contains(member.value) else {
                        diagnostics.error("unknown-component", "health group `\(group.id.value)` lists unknown component `\(member.value)`\(Suggestion.didYouMean(member.value, in: seen.sorted()))", at: member.range)
                        continue
                    }
                    if let other = membership[member.value] {
                        diagnostics.error("component-in-two-groups", "health component `\(member.value)` is in group `\(other)` and in group `\(group.id.value)`; put it in one", at: member.range)
                        continue
                    }
                    membership[member.value] = group.id.value
                    members.append(member.value)
                }
                groups.append(CheckedHealthGroup(id: group.id.value, weight: group.weight.value, components: members))
            }
            for component in health.components where membership[component.id.value] == nil {
                diagnostics.error("component-without-group", "health component `\(component.id.value)` is in no group; when `groups:` is given, list every component in one", at: component.id.range)
            }
        }
        var declared: [String: Double] = [:]
        for component in health.components { declared[component.id.value] = component.weight.value }
        let weights = CheckedHealth.folded(declared, groups: groups)
        if !weights.isEmpty, weights.values.reduce(0, +) == 0 {
            // Point at a weight to change (a group's when every group weighs 0), not at the
            // start of `health:`.
            let groupsWeighNothing = health.groups.allSatisfy { $0.weight.value == 0 }
            let first = (groupsWeighNothing ? health.groups.first?.weight.range : nil)
                ?? health.components.first?.weight.range ?? health.range
            diagnostics.error("zero-weight", "the health component weights add up to 0; give at least one a positive weight", at: first)
        }
        var profiles: [CheckedHealthProfile] = []
        for profile in health.profiles {
            let scope = Scope(kind: .row(source: source), allowsMetrics: false, allowsHealth: false, childSources: [:], owner: "health profile `\(profile.id.value)`")
            let when = expectBool(parseAndCheck(profile.when, in: scope), what: "the `when` of health profile `\(profile.id.value)`")
            var profileWeights: [String: Double] = [:]
            for (component, weight) in profile.weights {
                guard seen.contains(component.value) else {
                    diagnostics.error("unknown-component", "health profile `\(profile.id.value)` weights unknown component `\(component.value)`\(Suggestion.didYouMean(component.value, in: seen.sorted()))", at: component.range)
                    continue
                }
                profileWeights[component.value] = weight.value
            }
            if profileWeights.isEmpty {
                diagnostics.error("empty-profile", "health profile `\(profile.id.value)` weights no component; list them under `components:`, such as `{usage: 60, loyalty: 40}`", at: profile.id.range)
            } else if profileWeights.values.reduce(0, +) == 0 {
                diagnostics.error("zero-weight", "the weights of health profile `\(profile.id.value)` add up to 0", at: profile.id.range)
            }
            profiles.append(CheckedHealthProfile(id: profile.id.value, when: when, weights: profileWeights))
        }
        return CheckedHealth(definition: health, source: source, components: components, weights: weights, groups: groups, profiles: profiles)
    }

    // MARK: - Signals

    func checkSignals(health: CheckedHealth?) -> [CheckedSignal] {
        var out: [CheckedSignal] = []
        for signal in product.signals {
            let source: String
            if let declared = signal.source {
                guard sources[declared.value] != nil else {
                    diagnostics.error("unknown-source", "signal `\(signal.id.value)` reads unknown source `\(declared.value)`\(Suggestion.didYouMean(declared.value, in: sources.keys.sorted()))", at: declared.range)
                    continue
                }
                source = declared.value
            } else if let healthSource = product.health?.source.value, sources[healthSource] != nil {
                source = healthSource
            } else if sources.count == 1, let only = sources.keys.first {
                source = only
            } else {
                diagnostics.error("signal-source", "signal `\(signal.id.value)` needs `source:` (there is no health score to take it from)", at: signal.id.range)
                continue
            }
            let scope = Scope(
                kind: .row(source: source), allowsMetrics: true, allowsHealth: health?.source == source, childSources: [:],
                owner: "signal `\(signal.id.value)`")
            let when = expectBool(parseAndCheck(signal.when, in: scope), what: "the `when` of signal `\(signal.id.value)`")
            out.append(CheckedSignal(definition: signal, source: source, when: when))
        }
        return out
    }

    // MARK: - Module

    func checkModule() {
        guard !modules.isEmpty else { return }
        guard let module = modules[moduleID] else {
            if let declared = product.module {
                diagnostics.error("unknown-module", "unknown module `\(declared.value)`\(Suggestion.didYouMean(declared.value, in: modules.keys.sorted())); known modules: \(modules.keys.sorted().joined(separator: ", "))", at: declared.range)
            }
            return
        }
        if !module.models.contains(product.model.value) {
            diagnostics.warning("module-model", "module `\(module.id)` is made for \(module.models.map(\.rawValue).sorted().joined(separator: " or ")) products, but this product's model is `\(product.model.value.rawValue)`", at: product.module?.range ?? product.model.range)
        }
    }

    // MARK: - Warnings

    func warnAboutMetrics() {
        for metric in product.metrics {
            if metric.concept?.value == "churn", product.model.value == .oneTime, let concept = metric.concept {
                diagnostics.warning("churn-on-one-time", "metric `\(metric.id.value)` measures churn, but `\(product.id.value)` is a one-time product with no subscription to cancel; measure `repeat` (did they come back) instead", at: concept.range)
            }
            if let thresholds = metric.thresholds {
                let ordered = metric.direction == .higher ? thresholds.green >= thresholds.yellow : thresholds.green <= thresholds.yellow
                if !ordered {
                    let expectation = metric.direction == .higher ? "with `direction: higher`, green should be at least yellow" : "with `direction: lower`, green should be at most yellow"
                    diagnostics.warning("thresholds-order", "the thresholds of metric `\(metric.id.value)` are out of order: \(expectation) (green \(NodeReader.format(thresholds.green)), yellow \(NodeReader.format(thresholds.yellow)))", at: thresholds.range)
                }
            }
            if let weight = metric.weight, weight.value > 0, metric.target == nil, metric.scale == nil {
                diagnostics.warning("unscored-weight", "metric `\(metric.id.value)` has a weight but neither `target` nor `scale`, so it cannot be scored and its weight counts as uncovered", at: weight.range)
            }
        }
    }

    func warnAboutUnusedFields(_ checked: [CheckedSource]) {
        // An expression that failed to check may name fields it never got to record
        // (`mrr * 12` in a metric, `medain(mrr)`), so after an error the uses are not
        // known: count every field as used rather than warn about fields that are.
        let usesAreKnown = !diagnostics.hasErrors
        for source in product.sources {
            let used = usedColumns[source.id.value] ?? []
            for field in source.fields {
                guard case .type = field.content else { continue }
                fieldUses.append((field.name.range, source.id.value, field.name.value, !usesAreKnown || used.contains(field.name.value)))
            }
        }
    }
}
