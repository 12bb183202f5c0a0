import KPIYAML

/// Checks one product: resolves every name, infers every type, finds dependency cycles,
/// and builds the `CheckedProduct` the engine plans from.
final class ProductChecker {
    /// What the checker knows of a source before its computed fields are checked.
    ///
    /// A class, so that reading it out of `sources` (many times per expression) does not
    /// copy its tables; only `collectDefinitions` changes it.
    ///
    /// Here and in the checker, stored properties skip the run-time exclusivity checks: a
    /// checker is used by one thread and its properties are read and written constantly.
    final class SourceInfo {
        @exclusivity(unchecked) var id: String
        @exclusivity(unchecked) var definition: SourceDefinition
        @exclusivity(unchecked) var declared: [String: ValueType]
        @exclusivity(unchecked) var derivedDefinitions: [String: DerivedDefinition]
        @exclusivity(unchecked) var groupDefinitions: [String: ExpressionText]
        @exclusivity(unchecked) var columnNames: [String]
        /// What each column name is, once the tables above are complete (`indexColumns`):
        /// a declared field, else a derived field, else a grouped field.
        @exclusivity(unchecked) var kinds: [String: ColumnKind] = [:]
        var fieldNames: [String] { definition.fields.map(\.name.value) }

        enum ColumnKind {
            case declared(ValueType)
            case derived
            case grouped
        }

        /// Builds `kinds`, in order of precedence: a declared field wins over a derived one,
        /// which wins over a grouped one (as the tables are searched in that order).
        func indexColumns() {
            var kinds: [String: ColumnKind] = [:]
            for name in groupDefinitions.keys { kinds[name] = .grouped }
            for name in derivedDefinitions.keys { kinds[name] = .derived }
            for (name, type) in declared { kinds[name] = .declared(type) }
            self.kinds = kinds
        }

        init(
            id: String, definition: SourceDefinition, declared: [String: ValueType],
            derivedDefinitions: [String: DerivedDefinition], groupDefinitions: [String: ExpressionText], columnNames: [String]
        ) {
            self.id = id
            self.definition = definition
            self.declared = declared
            self.derivedDefinitions = derivedDefinitions
            self.groupDefinitions = groupDefinitions
            self.columnNames = columnNames
        }
    }

    enum State<T> {
        case checking
        case done(T)
    }

    let product: ProductDefinition
    let modules: [String: ModuleDescription]
    let moduleID: String
    @exclusivity(unchecked) var diagnostics = DiagnosticCollector()

    @exclusivity(unchecked) var sources: [String: SourceInfo] = [:]
    @exclusivity(unchecked) var segmentDefinitions: [String: SegmentDefinition] = [:]
    /// Where each metric is in `product.metrics` (looked up there rather than copied).
    @exclusivity(unchecked) var metricIndices: [String: Int] = [:]

    /// A derived or grouped field of a source.
    struct ColumnKey: Hashable {
        var source: String
        var name: String
    }

    /// Results by field (derived and grouped) and by name (segments and metrics). The
    /// stack of what is being checked names them as `derived:accounts.active`, ...
    @exclusivity(unchecked) var derivedResults: [ColumnKey: State<TypedExpression>] = [:]
    @exclusivity(unchecked) var groupResults: [ColumnKey: State<TypedExpression>] = [:]
    @exclusivity(unchecked) var segmentResults: [String: State<CheckedSegment?>] = [:]
    @exclusivity(unchecked) var metricResults: [String: State<TypedExpression>] = [:]
    /// What is being checked right now, outermost first, for naming cycles.
    @exclusivity(unchecked) var stack: [String] = []
    /// Metrics read by the metric being checked.
    @exclusivity(unchecked) var metricReads: [String] = []
    @exclusivity(unchecked) var metricDependencies: [String: [String]] = [:]
    @exclusivity(unchecked) var metricOrder: [String] = []
    /// Declared fields read anywhere, per source.
    @exclusivity(unchecked) var usedColumns: [String: Set<String>] = [:]
    /// Every declared field with whether this product reads it; the catalog warns about a
    /// field only when no product that declares it (through a base, say) reads it.
    @exclusivity(unchecked) var fieldUses: [(range: SourceRange, source: String, field: String, used: Bool)] = []

    /// Parsed expressions shared with the other products of the catalog, if any.
    let expressionCache: ExpressionCache?

    init(product: ProductDefinition, modules: [String: ModuleDescription], expressionCache: ExpressionCache? = nil) {
        self.product = product
        self.modules = modules
        self.expressionCache = expressionCache
        self.moduleID = product.module?.value ?? Self.defaultModule(for: product.model.value)
    }

    /// The module a product gets when it names none.
    static func defaultModule(for model: BusinessModel) -> String {
        switch model {
        case .subscription: return "subscription"
        case .oneTime: return "one-time"
        case .usage: return "subscription"
        }
    }

    var moduleFunctionNames: [String] { modules[moduleID]?.functions.map(\.name) ?? [] }

    func moduleFunction(_ name: String) -> (String, FunctionSignature)? {
        guard let signature = modules[moduleID]?.functions.first(where: { $0.name == name }) else { return nil }
        return (moduleID, signature)
    }

    func use(column source: String, _ name: String, isSegment: Bool) {
        if !isSegment { usedColumns[source, default: []].insert(name) }
    }

    // MARK: - Cycles

    /// Runs `body` for the definition `key` unless it is already being checked, in which case
    /// the cycle through it is reported (once) and nil returned.
    func guarding<T>(_ key: String, kind: String, at range: SourceRange, _ body: () -> T) -> T? {
        if let index = stack.firstIndex(of: key) {
            let cycle = stack[index...].map(Self.displayName) + [Self.displayName(key)]
            // A cycle can pass through several kinds of definition (a derived field and a
            // segment, say); name them all.
            var kinds: [String] = []
            for member in stack[index...] {
                let plural = Self.pluralKind(of: member) ?? kind
                if !kinds.contains(plural) { kinds.append(plural) }
            }
            let kind = kinds.count > 1 ? kinds.joined(separator: " and ") : kind
            diagnostics.error("cycle", "\(kind) depend on each other in a cycle: \(cycle.joined(separator: " -> ")); break it by computing one of them from the data directly", at: range)
            return nil
        }
        stack.append(key)
        defer { stack.removeLast() }
        return body()
    }

    /// "derived fields" for `derived:accounts.active`, and so on.
    static func pluralKind(of key: String) -> String? {
        switch key.split(separator: ":", maxSplits: 1).first {
        case "derived": return "derived fields"
        case "segment": return "segments"
        case "metric": return "metrics"
        case "group": return "grouped fields"
        default: return nil
        }
    }

    static func displayName(_ key: String) -> String {
        let parts = key.split(separator: ":", maxSplits: 1)
        return parts.count == 2 ? String(parts[1]) : key
    }

    // MARK: - Lazily checked definitions

    func derivedType(_ source: String, _ name: String, at range: SourceRange) -> ValueType {
        let resultKey = ColumnKey(source: source, name: name)
        switch derivedResults[resultKey] {
        case .done(let typed)?: return typed.type
        case .checking?:
            _ = guarding("derived:\(source).\(name)", kind: "derived fields", at: range) { () }
            return .error
        case nil: break
        }
        guard let definition = sources[source]?.derivedDefinitions[name] else { return .error }
        derivedResults[resultKey] = .checking
        let typed = guarding("derived:\(source).\(name)", kind: "derived fields", at: range) { () -> TypedExpression in
            let scope = Scope(
                kind: .row(source: source), allowsMetrics: false, allowsHealth: false,
                childSources: childScopes(of: source), owner: "derived field `\(source).\(name)`", forbidsSelfAggregate: true)
            return parseAndCheck(definition.expression, in: scope)
        } ?? TypedExpression(.literal(.null), type: .error, range: range)
        derivedResults[resultKey] = .done(typed)
        return typed.type
    }

    func groupFieldType(_ source: String, _ name: String, at range: SourceRange) -> ValueType {
        let resultKey = ColumnKey(source: source, name: name)
        if case .done(let typed)? = groupResults[resultKey] { return typed.type }
        guard let text = sources[source]?.groupDefinitions[name],
              case .grouped(let origin, let groupKey) = sources[source]?.definition.origin else { return .error }
        groupResults[resultKey] = .checking
        let typed = guarding("group:\(source).\(name)", kind: "grouped fields", at: range) { () -> TypedExpression in
            let scope = Scope(
                kind: .row(source: source), allowsMetrics: false, allowsHealth: false,
                childSources: [origin.value: .perGroup(groupSource: source, key: groupKey.value)],
                owner: "field `\(name)` of grouped source `\(source)`", defaultAggregateSource: origin.value)
            let typed = parseAndCheck(text, in: scope)
            if typed.type != .error, !containsAggregate(typed) {
                diagnostics.error("group-field-not-aggregate", "field `\(name)` of grouped source `\(source)` must aggregate the rows of each group, such as `min(date)`, `count()` or `sum(amount)`", at: typed.range)
            }
            return typed
        } ?? TypedExpression(.literal(.null), type: .error, range: range)
        groupResults[resultKey] = .done(typed)
        return typed.type
    }

    /// The source of segment `name` (checking it on first use), or nil when it is broken.
    func segmentType(_ name: String) -> String? {
        checkedSegment(name)?.source
    }

    func checkedSegment(_ name: String) -> CheckedSegment? {
        if case .done(let segment)? = segmentResults[name] { return segment }
        guard let definition = segmentDefinitions[name] else { return nil }
        segmentResults[name] = .checking
        let segment = guarding("segment:\(name)", kind: "segments", at: definition.id.range) { () -> CheckedSegment? in
            guard let expression = parse(definition.expression) else { return nil }
            guard let source = inferSource(of: [expression], default: nil, range: definition.expression.range) else { return nil }
            let scope = Scope(kind: .row(source: source), allowsMetrics: false, allowsHealth: false, childSources: [:], owner: "segment `\(name)`")
            let typed = expectBool(shared(check(expression, in: scope), for: definition.expression), what: "segment `\(name)`")
            return CheckedSegment(id: name, source: source, expression: typed)
        } ?? nil
        segmentResults[name] = .done(segment)
        return segment
    }

    func metricType(_ name: String, at range: SourceRange) -> ValueType {
        switch metricResults[name] {
        case .done(let typed)?: return typed.type
        case .checking?:
            _ = guarding("metric:\(name)", kind: "metrics", at: range) { () }
            return .error
        case nil: break
        }
        guard let index = metricIndices[name] else { return .error }
        metricResults[name] = .checking
        let outerReads = metricReads
        metricReads = []
        let typed = guarding("metric:\(name)", kind: "metrics", at: range) { () -> TypedExpression in
            let scope = Scope(kind: .scalar, allowsMetrics: true, allowsHealth: false, childSources: [:], owner: "metric `\(name)`")
            let typed = parseAndCheck(product.metrics[index].formula, in: scope)
            switch typed.type {
            case .int, .number, .money, .null, .error:
                return typed
            default:
                return fail("metric-type", "the formula of metric `\(name)` gives \(describe(typed.type)); a metric is a number, such as a count, a ratio or an amount", typed.range)
            }
        } ?? TypedExpression(.literal(.null), type: .error, range: range)
        metricDependencies[name] = metricReads
        metricReads = outerReads
        metricResults[name] = .done(typed)
        metricOrder.append(name)
        return typed.type
    }

    func childScopes(of source: String) -> [String: AggregateCall.Scope] {
        var out: [String: AggregateCall.Scope] = [:]
        for info in sources.values {
            if case .child(let parent, let foreignKey) = info.definition.origin, parent.value == source {
                out[info.id] = .perParent(parent: source, foreignKey: foreignKey.value)
            }
        }
        return out
    }

    func containsAggregate(_ expression: TypedExpression) -> Bool {
        switch expression.node {
        case .aggregate: return true
        case .module(let call): return call.source != nil || call.arguments.contains(where: containsAggregate)
        case .literal, .column, .metric, .periodStart, .periodEnd, .healthScore, .healthBand: return false
        case .list(let items), .call(_, let items): return items.contains(where: containsAggregate)
        case .negate(let a), .not(let a), .inPeriod(let a), .isNull(let a, _): return containsAggregate(a)
        case .binary(_, let a, let b), .inList(let a, let b, _), .ratio(let a, let b): return containsAggregate(a) || containsAggregate(b)
        case .between(let a, let b, let c): return containsAggregate(a) || containsAggregate(b) || containsAggregate(c)
        }
    }

    // MARK: - Parsing

    func parse(_ text: ExpressionText) -> Expression? {
        // A product's own expressions are parsed once; those of its bases come from the
        // catalog's cache, parsed for the first product that needed them.
        let result = if let expressionCache, text.node.range.file !== product.file {
            expressionCache.parse(text)
        } else {
            ExpressionCache.parseUncached(text)
        }
        switch result {
        case .success(let expression): return expression
        case .failure(let diagnostic):
            diagnostics.report(diagnostic)
            return nil
        }
    }

    func parseAndCheck(_ text: ExpressionText, in scope: Scope) -> TypedExpression {
        guard let expression = parse(text) else {
            return TypedExpression(.literal(.null), type: .error, range: text.range)
        }
        return shared(check(expression, in: scope), for: text)
    }

    /// `typed`, the checked `text`, or an equal tree another product of the catalog already
    /// holds for it: a base's expression usually checks the same in every product, and the
    /// products then share one tree rather than keep a copy each.
    func shared(_ typed: TypedExpression, for text: ExpressionText) -> TypedExpression {
        guard let expressionCache, text.node.range.file !== product.file else { return typed }
        return expressionCache.shared(typed, for: text)
    }
}
