import Foundation
import KPIYAML

extension ProductChecker {
    static let rowFunctionArity: [RowFunction: ClosedRange<Int>] = [
        .coalesce: 1...64, .if: 3...3, .daysBetween: 2...2, .monthsBetween: 2...2, .round: 1...2, .abs: 1...1,
        .least: 1...64, .greatest: 1...64, .clamp: 3...3, .year: 1...1, .month: 1...1,
    ]

    static var builtinFunctionNames: [String] {
        RowFunction.allCases.map(\.rawValue) + AggregateFunction.allCases.map(\.rawValue) + ["ratio", "date"]
    }

    func checkCall(_ name: NamePart, _ arguments: [Expression], range: SourceRange, in scope: Scope) -> TypedExpression {
        if let aggregate = AggregateFunction(rawValue: name.text) {
            return checkAggregate(aggregate, name: name, arguments, range: range, in: scope)
        }
        // A module's aggregate takes `where` on its first argument, like `sum`.
        if let (module, signature) = moduleFunction(name.text), signature.kind == .aggregate {
            return checkModuleCall(module: module, signature, name: name, arguments, range: range, in: scope)
        }
        for argument in arguments {
            if case .filtered(_, let predicate) = argument.kind {
                return fail("misplaced-where", "`where` filters the rows of an aggregate; `\(name.text)` is not one", predicate.range)
            }
        }
        if name.text == "ratio" {
            guard arguments.count == 2 else {
                return fail("arity", "`ratio` takes 2 arguments (numerator, denominator), not \(arguments.count)", range)
            }
            let a = check(arguments[0], in: scope)
            let b = check(arguments[1], in: scope)
            guard let type = ratioType(a.type, b.type) else {
                return fail("type-mismatch", "`ratio` divides numbers (or money by money or by a number), not \(describe(a.type)) by \(describe(b.type))", range)
            }
            return TypedExpression(.ratio(a, b), type: type, range: range)
        }
        if name.text == "date" {
            guard arguments.count == 1, case .string(let text) = arguments[0].kind else {
                return fail("date-literal", "`date` takes one string in the form `date(\"2026-10-01\")`", range)
            }
            guard let days = ProductChecker.parseDate(text) else {
                return fail("date-literal", "`\(text)` is not a date; write `YYYY-MM-DD`, such as `2026-10-01`", arguments[0].range)
            }
            return TypedExpression(.literal(.date(days)), type: .date, range: range)
        }
        if let function = RowFunction(rawValue: name.text) {
            return checkRowFunction(function, arguments, range: range, in: scope)
        }
        if let (module, signature) = moduleFunction(name.text) {
            return checkModuleCall(module: module, signature, name: name, arguments, range: range, in: scope)
        }
        let known = Self.builtinFunctionNames + moduleFunctionNames
        return fail("unknown-function", "unknown function `\(name.text)`\(Suggestion.didYouMean(name.text, in: known.sorted()))", name.range)
    }

    func ratioType(_ a: ValueType, _ b: ValueType) -> ValueType? {
        if a == .error || b == .error { return .error }
        switch (a, b) {
        case (let x, let y) where (x.isNumeric || x == .null) && (y.isNumeric || y == .null): return .number
        case (.money(let x), .money(let y)): return x == y ? .number : nil
        case (.money, let y) where y.isNumeric || y == .null: return a
        case (.null, .money): return .number
        default: return nil
        }
    }

    func checkRowFunction(_ function: RowFunction, _ arguments: [Expression], range: SourceRange, in scope: Scope) -> TypedExpression {
        let arity = Self.rowFunctionArity[function] ?? 0...64
        guard arity.contains(arguments.count) else {
            let expected = arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity.lowerBound) or more"
            return fail("arity", "`\(function.rawValue)` takes \(expected) argument\(arity.upperBound == 1 ? "" : "s"), not \(arguments.count)", range)
        }
        let typed = arguments.map { check($0, in: scope) }
        if typed.contains(where: { $0.type == .error }) {
            return TypedExpression(.call(function, typed), type: .error, range: range)
        }
        func expect(_ index: Int, _ ok: (ValueType) -> Bool, _ what: String) -> Bool {
            let type = typed[index].type
            if type == .null || ok(type) { return true }
            diagnostics.error("type-mismatch", "argument \(index + 1) of `\(function.rawValue)` must be \(what), but it is \(describe(type))", at: typed[index].range)
            return false
        }
        var result: ValueType
        switch function {
        case .coalesce, .least, .greatest:
            var common: ValueType = .null
            for item in typed {
                guard let unified = ValueType.unify(common, item.type) else {
                    return fail("type-mismatch", "`\(function.rawValue)` mixes \(describe(common)) and \(describe(item.type)); give it values of one type", item.range)
                }
                common = unified
            }
            result = common
        case .if:
            guard expect(0, { $0 == .bool }, "true or false") else { return TypedExpression(.call(function, typed), type: .error, range: range) }
            guard let unified = ValueType.unify(typed[1].type, typed[2].type) else {
                return fail("type-mismatch", "the two branches of `if` give \(describe(typed[1].type)) and \(describe(typed[2].type)); make them the same type", range)
            }
            result = unified
        case .daysBetween, .monthsBetween:
            guard expect(0, { $0 == .date }, "a date"), expect(1, { $0 == .date }, "a date") else {
                return TypedExpression(.call(function, typed), type: .error, range: range)
            }
            result = .int
        case .round:
            guard expect(0, \.isQuantity, "a number or money") else { return TypedExpression(.call(function, typed), type: .error, range: range) }
            if typed.count == 2 {
                guard case .literal(.int) = typed[1].node else {
                    return fail("type-mismatch", "the digits of `round` must be a whole number written in the formula, such as `round(x, 2)`", typed[1].range)
                }
            }
            result = typed[0].type == .int ? .int : typed[0].type
        case .abs:
            guard expect(0, \.isQuantity, "a number or money") else { return TypedExpression(.call(function, typed), type: .error, range: range) }
            result = typed[0].type
        case .clamp:
            for index in 0..<3 where !expect(index, \.isQuantity, "a number") {
                return TypedExpression(.call(function, typed), type: .error, range: range)
            }
            result = typed.map(\.type).reduce(ValueType.null) { ValueType.unify($0, $1) ?? .number }
        case .year, .month:
            guard expect(0, { $0 == .date }, "a date") else { return TypedExpression(.call(function, typed), type: .error, range: range) }
            result = .int
        }
        if function == .least || function == .greatest, !(result.isQuantity || result == .date || result == .null) {
            return fail("type-mismatch", "`\(function.rawValue)` compares numbers, money or dates, not \(describe(result))", range)
        }
        return TypedExpression(.call(function, typed), type: result, range: range)
    }

    // MARK: - Aggregates

    /// `count(S)`, `count(S where p)`, `sum(e where p)`, ... — resolves the source whose rows
    /// are aggregated and how they relate to the current context.
    func checkAggregate(_ function: AggregateFunction, name: NamePart, _ arguments: [Expression], range: SourceRange, in scope: Scope) -> TypedExpression {
        // `count()` in a grouped source's fields counts the rows of each group.
        if function == .count, arguments.isEmpty, let origin = scope.defaultAggregateSource, let perGroup = scope.childSources[origin] {
            let call = AggregateCall(function: .count, source: origin, argument: nil, filter: nil, quantile: nil, scope: perGroup)
            return TypedExpression(.aggregate(call), type: .int, range: range)
        }
        let expectedCount = function == .percentile ? 2 : 1
        guard arguments.count == expectedCount else {
            let usage = function == .percentile ? "`percentile(e, q)` with q between 0 and 1" : "one argument, such as `\(function.rawValue)(\(function == .count ? "accounts" : "mrr") where ...)`"
            return fail("arity", "`\(function.rawValue)` takes \(usage), not \(arguments.count) argument\(arguments.count == 1 ? "" : "s")", range)
        }
        var quantile: Double?
        if function == .percentile {
            let q: Double? = switch arguments[1].kind {
            case .number(let text, _): Double(text)
            default: nil
            }
            guard let q, (0...1).contains(q) else {
                return fail("percentile-q", "the second argument of `percentile` is a number between 0 and 1 written in the formula, such as `0.9`", arguments[1].range)
            }
            quantile = q
        }
        var valueExpression = arguments[0]
        var predicate: Expression?
        if case .filtered(let inner, let filter) = arguments[0].kind {
            valueExpression = inner
            predicate = filter
        }

        // `count(S)`: a bare source name counts rows.
        var source: String?
        var countsRows = false
        if function == .count, case .name(let parts) = valueExpression.kind, parts.count == 1, sources[parts[0].text] != nil {
            source = parts[0].text
            countsRows = true
        }
        if source == nil {
            let inferred = inferSource(of: [valueExpression] + (predicate.map { [$0] } ?? []), default: scope.defaultAggregateSource ?? scope.rowSource, range: valueExpression.range)
            guard let inferred else { return TypedExpression(.literal(.null), type: .error, range: range) }
            source = inferred
        }
        guard let source else { return TypedExpression(.literal(.null), type: .error, range: range) }

        // How the aggregated rows relate to where we are.
        let aggregateScope: AggregateCall.Scope
        if let perRow = scope.childSources[source] {
            aggregateScope = perRow
        } else if let rowSource = scope.rowSource {
            if rowSource == source, scope.forbidsSelfAggregate {
                return fail("self-aggregate", "\(scope.owner) aggregates its own source `\(source)`; a derived field is one value per row — compute the aggregate as a metric instead", range)
            }
            if scope.forbidsSelfAggregate || scope.defaultAggregateSource != nil {
                let children = scope.childSources.keys.sorted()
                let hint = children.isEmpty ? "`\(rowSource)` has no child sources (declare one with `parent: \(rowSource) by ...`)" : "its children are \(children.joined(separator: ", "))"
                return fail("not-a-child", "\(scope.owner) can only aggregate rows that belong to each row of `\(rowSource)`; `\(source)` is not a child source — \(hint)", range)
            }
            aggregateScope = .whole
        } else {
            aggregateScope = .whole
        }

        let inner = Scope(kind: .row(source: source), allowsMetrics: scope.allowsMetrics, allowsHealth: false, childSources: [:], owner: scope.owner)
        var argument: TypedExpression?
        if !countsRows {
            argument = check(valueExpression, in: inner)
        }
        let filter = predicate.map { expectBool(check($0, in: inner), what: "the `where` of `\(function.rawValue)`") }
        var type: ValueType = .int
        if let argument, argument.type != .error {
            switch function {
            case .count, .countDistinct:
                type = .int
            case .sum:
                guard argument.type.isQuantity || argument.type == .null else {
                    return fail("type-mismatch", "`sum` adds numbers or money, but this is \(describe(argument.type))", argument.range)
                }
                type = argument.type == .null ? .int : argument.type
            case .avg, .median, .percentile:
                guard argument.type.isQuantity || argument.type == .null else {
                    return fail("type-mismatch", "`\(function.rawValue)` needs numbers or money, but this is \(describe(argument.type))", argument.range)
                }
                type = argument.type.isMoney ? argument.type : .number
            case .min, .max:
                guard argument.type.isQuantity || argument.type == .date || argument.type == .null || argument.type == .string else {
                    return fail("type-mismatch", "`\(function.rawValue)` needs numbers, money, dates or strings, but this is \(describe(argument.type))", argument.range)
                }
                type = argument.type
            }
        } else if argument?.type == .error {
            type = .error
        }
        let call = AggregateCall(function: function, source: source, argument: argument, filter: filter, quantile: quantile, scope: aggregateScope)
        return TypedExpression(.aggregate(call), type: type, range: range)
    }

    /// The source an aggregate reads, from the names in its argument and `where`: a
    /// qualified name fixes it; bare names must all belong to one source.
    func inferSource(of expressions: [Expression], default preferred: String?, range: SourceRange) -> String? {
        var qualified: [NamePart] = []
        var bare: [NamePart] = []
        for expression in expressions { collectNames(expression, qualified: &qualified, bare: &bare) }
        if let first = qualified.first {
            for other in qualified where other.text != first.text {
                diagnostics.error("mixed-sources", "one aggregate reads two sources, `\(first.text)` and `\(other.text)`; aggregate each on its own and combine the results", at: other.range)
                return nil
            }
            if sources[first.text] == nil {
                diagnostics.error("unknown-source", "unknown source `\(first.text)`\(Suggestion.didYouMean(first.text, in: sources.keys.sorted()))", at: first.range)
                return nil
            }
            return first.text
        }
        let fieldNames = bare.filter { !isMetricOrSegmentOnly($0.text) }
        if let preferred, fieldNames.allSatisfy({ hasColumn(preferred, $0.text) || segmentOf($0.text) == preferred }) {
            return preferred
        }
        var candidates = sources.keys.sorted().filter { source in
            fieldNames.allSatisfy { hasColumn(source, $0.text) || segmentOf($0.text) == source }
        }
        if fieldNames.isEmpty {
            candidates = sources.count == 1 ? Array(sources.keys) : []
            if candidates.isEmpty, bare.contains(where: { $0.text == "health" }),
               let healthSource = product.health?.source.value, sources[healthSource] != nil {
                // `avg(health.score)` reads the health source; checking it there says that
                // the score can only be read in signals, which is the real problem.
                candidates = [healthSource]
            }
            if candidates.isEmpty {
                diagnostics.error("unknown-source", "cannot tell which source this aggregate reads; name it, such as `count(\(sources.keys.sorted().first ?? "accounts"))` or `sum(accounts.mrr)`", at: range)
                return nil
            }
        }
        if candidates.count == 1 { return candidates[0] }
        if candidates.count > 1 {
            let name = fieldNames.first?.text ?? "field"
            diagnostics.error("ambiguous-field", "field `\(name)` belongs to several sources (\(candidates.joined(separator: ", "))); write the qualified name, such as `\(candidates[0]).\(name)`", at: fieldNames.first?.range ?? range)
            return nil
        }
        // No source has them all: point at the first name no source has.
        for part in fieldNames where !sources.keys.contains(where: { hasColumn($0, part.text) }) && segmentOf(part.text) == nil {
            let all = sources.values.flatMap(\.columnNames) + Array(segmentDefinitions.keys) + Array(metricIndices.keys)
            diagnostics.error("unknown-name", "unknown name `\(part.text)`: no field, segment or metric is called that\(Suggestion.didYouMean(part.text, in: Set(all).sorted()))", at: part.range)
            return nil
        }
        diagnostics.error("mixed-sources", "no one source has all of \(fieldNames.map { "`\($0.text)`" }.joined(separator: ", ")); an aggregate reads the rows of one source", at: range)
        return nil
    }

    func isMetricOrSegmentOnly(_ name: String) -> Bool {
        if name == "period" || name == "health" { return true }
        // A metric that no source has as a field and that is not also a segment (most names
        // are fields, so the metrics are asked first).
        guard metricIndices.keys.contains(name), !segmentDefinitions.keys.contains(name) else { return false }
        return !sources.keys.contains { hasColumn($0, name) }
    }

    /// The source of a segment, if it can be told without errors.
    func segmentOf(_ name: String) -> String? {
        guard segmentDefinitions.keys.contains(name) else { return nil }
        return segmentType(name)
    }

    func collectNames(_ expression: Expression, qualified: inout [NamePart], bare: inout [NamePart]) {
        switch expression.kind {
        case .name(let parts):
            if parts.count == 2, parts[0].text != "period", parts[0].text != "health" {
                qualified.append(parts[0])
            } else if parts.count == 1 || parts[0].text == "health" {
                // `health.score` is kept as its first part, which is no field: it only
                // tells `inferSource` that the health score is read.
                bare.append(parts[0])
            }
        case .list(let items):
            for item in items { collectNames(item, qualified: &qualified, bare: &bare) }
        case .unary(_, let a), .inPeriod(let a), .isNull(let a, _):
            collectNames(a, qualified: &qualified, bare: &bare)
        case .binary(_, let a, let b), .inList(let a, let b, _), .filtered(let a, let b):
            collectNames(a, qualified: &qualified, bare: &bare)
            collectNames(b, qualified: &qualified, bare: &bare)
        case .between(let a, let b, let c):
            for item in [a, b, c] { collectNames(item, qualified: &qualified, bare: &bare) }
        case .call(let name, let arguments):
            // Nested aggregates pick their own source.
            if AggregateFunction(rawValue: name.text) == nil {
                for argument in arguments { collectNames(argument, qualified: &qualified, bare: &bare) }
            }
        case .number, .string, .bool, .null:
            break
        }
    }

    // MARK: - Module functions

    func checkModuleCall(module: String, _ signature: FunctionSignature, name: NamePart, _ arguments: [Expression], range: SourceRange, in scope: Scope) -> TypedExpression {
        guard arguments.count == signature.parameters.count else {
            return fail("arity", "`\(signature.name)` (from module `\(module)`) takes \(signature.parameters.count) argument\(signature.parameters.count == 1 ? "" : "s"), not \(arguments.count)", range)
        }
        var source: String?
        var filter: TypedExpression?
        var aggregateScope: AggregateCall.Scope = .whole
        var inner = scope
        var values = arguments
        if signature.kind == .aggregate {
            if case .filtered(let value, let predicate) = arguments[0].kind {
                values[0] = value
                guard let inferred = inferSource(of: values + [predicate], default: scope.defaultAggregateSource ?? scope.rowSource, range: range) else {
                    return TypedExpression(.literal(.null), type: .error, range: range)
                }
                guard let rows = moduleAggregateScope(inferred, range: range, in: scope) else {
                    return TypedExpression(.literal(.null), type: .error, range: range)
                }
                source = inferred
                aggregateScope = rows
                inner = Scope(kind: .row(source: inferred), allowsMetrics: scope.allowsMetrics, allowsHealth: false, childSources: [:], owner: scope.owner)
                filter = expectBool(check(predicate, in: inner), what: "the `where` of `\(signature.name)`")
            } else {
                guard let inferred = inferSource(of: values, default: scope.defaultAggregateSource ?? scope.rowSource, range: range) else {
                    return TypedExpression(.literal(.null), type: .error, range: range)
                }
                guard let rows = moduleAggregateScope(inferred, range: range, in: scope) else {
                    return TypedExpression(.literal(.null), type: .error, range: range)
                }
                source = inferred
                aggregateScope = rows
                inner = Scope(kind: .row(source: inferred), allowsMetrics: scope.allowsMetrics, allowsHealth: false, childSources: [:], owner: scope.owner)
            }
        }
        let typed = values.map { check($0, in: inner) }
        for (index, argument) in typed.enumerated() where !signature.accepts(argument.type, as: signature.parameters[index]) {
            return fail("type-mismatch", "argument \(index + 1) of `\(signature.name)` must be \(signature.parameters[index]), but it is \(describe(argument.type))", argument.range)
        }
        let type = typed.contains { $0.type == .error } ? .error : signature.result(typed.map(\.type))
        let call = ModuleCall(module: module, name: signature.name, arguments: typed, source: source, filter: filter, scope: aggregateScope)
        return TypedExpression(.module(call), type: type, range: range)
    }

    /// How the rows of `source`, read by a module's aggregate, relate to where it is
    /// called — the rules of the built-in aggregates (`checkAggregate`): the child rows of
    /// each row in a `derived` field on a parent, the rows of each group in a grouped
    /// source's fields, all rows elsewhere. Nil (with the error reported) for an aggregate
    /// of the derived field's own source, or of a source that is not a child.
    func moduleAggregateScope(_ source: String, range: SourceRange, in scope: Scope) -> AggregateCall.Scope? {
        if let perRow = scope.childSources[source] { return perRow }
        guard let rowSource = scope.rowSource else { return .whole }
        if rowSource == source, scope.forbidsSelfAggregate {
            diagnostics.error("self-aggregate", "\(scope.owner) aggregates its own source `\(source)`; a derived field is one value per row — compute the aggregate as a metric instead", at: range)
            return nil
        }
        if scope.forbidsSelfAggregate || scope.defaultAggregateSource != nil {
            let children = scope.childSources.keys.sorted()
            let hint = children.isEmpty ? "`\(rowSource)` has no child sources (declare one with `parent: \(rowSource) by ...`)" : "its children are \(children.joined(separator: ", "))"
            diagnostics.error("not-a-child", "\(scope.owner) can only aggregate rows that belong to each row of `\(rowSource)`; `\(source)` is not a child source — \(hint)", at: range)
            return nil
        }
        return .whole
    }

    // MARK: - Dates

    /// Days since 1970-01-01 for a valid `YYYY-MM-DD`, else nil.
    static func parseDate(_ text: String) -> Int32? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), day >= 1 else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return nil }
        return Int32(daysFromCivil(year: year, month: month, day: day))
    }

    /// Howard Hinnant's days-from-civil: days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
