import Foundation
import KPIYAML

/// Resolves names and infers types in expressions, one product at a time.
///
/// Derived fields, segments, grouped fields and metrics are checked lazily, the first time
/// something reads them, with a stack of what is being checked: reading a definition that
/// is already on the stack is a dependency cycle, reported with the whole cycle.
extension ProductChecker {
    // MARK: - Entry

    func check(_ expression: Expression, in scope: Scope) -> TypedExpression {
        let range = expression.range
        switch expression.kind {
        case .number(let text, let isInteger):
            if isInteger, let value = Int64(text) {
                return TypedExpression(.literal(.int(value)), type: .int, range: range)
            }
            if let value = Double(text), value.isFinite {
                return TypedExpression(.literal(.number(value)), type: .number, range: range)
            }
            return fail("invalid-number", "`\(text)` is not a number this language can hold", range)
        case .string(let text):
            return TypedExpression(.literal(.string(text)), type: .string, range: range)
        case .bool(let value):
            return TypedExpression(.literal(.bool(value)), type: .bool, range: range)
        case .null:
            return TypedExpression(.literal(.null), type: .null, range: range)
        case .list(let items):
            let typed = items.map { check($0, in: scope) }
            var element: ValueType = .null
            for item in typed {
                guard let unified = ValueType.unify(element, item.type) else {
                    return fail("list-type", "a list mixes \(element) and \(item.type); write items of one type", item.range)
                }
                element = unified
            }
            return TypedExpression(.list(typed), type: .list(element), range: range)
        case .name(let parts):
            return resolveName(parts, range: range, in: scope)
        case .unary(.negate, let operand):
            let typed = check(operand, in: scope)
            guard typed.type.isQuantity || typed.type == .null || typed.type == .error else {
                return fail("type-mismatch", "cannot negate \(describe(typed.type)); `-` applies to numbers and money", range)
            }
            return TypedExpression(.negate(typed), type: typed.type, range: range)
        case .unary(.not, let operand):
            let typed = expectBool(check(operand, in: scope), what: "the operand of `not`")
            return TypedExpression(.not(typed), type: .bool, range: range)
        case .binary(let op, let lhs, let rhs):
            return checkBinary(op, lhs, rhs, range: range, in: scope)
        case .inList(let value, let list, let negated):
            return checkInList(value, list, negated: negated, range: range, in: scope)
        case .inPeriod(let value):
            let typed = check(value, in: scope)
            if typed.type != .date, typed.type != .null, typed.type != .error {
                return fail("type-mismatch", "`in period` needs a date, but this is \(describe(typed.type))", typed.range)
            }
            return TypedExpression(.inPeriod(typed), type: .bool, range: range)
        case .between(let value, let low, let high):
            let typed = check(value, in: scope)
            let lowTyped = check(low, in: scope)
            let highTyped = check(high, in: scope)
            for bound in [lowTyped, highTyped] {
                if let problem = comparable(typed, bound) {
                    return fail("type-mismatch", problem, bound.range)
                }
            }
            return TypedExpression(.between(typed, lowTyped, highTyped), type: .bool, range: range)
        case .isNull(let value, let negated):
            return TypedExpression(.isNull(check(value, in: scope), negated: negated), type: .bool, range: range)
        case .call(let name, let arguments):
            return checkCall(name, arguments, range: range, in: scope)
        case .filtered(_, let predicate):
            return fail("misplaced-where", "`where` filters the rows of an aggregate; write it inside one, such as `count(accounts where ...)`", predicate.range)
        }
    }

    /// Reports an error and returns an expression of type `.error` (no further errors on it).
    func fail(_ code: String, _ message: String, _ range: SourceRange) -> TypedExpression {
        diagnostics.error(code, message, at: range)
        return TypedExpression(.literal(.null), type: .error, range: range)
    }

    func describe(_ type: ValueType) -> String {
        switch type {
        case .int: return "an int"
        case .number: return "a number"
        case .money(let currency): return "money in \(currency)"
        case .bool: return "a boolean"
        case .date: return "a date"
        case .string: return "a string"
        case .category(let values): return "a category (\(values.joined(separator: ", ")))"
        case .null: return "null"
        case .list: return "a list"
        case .error: return "an invalid value"
        }
    }

    /// `typed`, or an error when it is not a boolean; `what` (built only then) names it.
    func expectBool(_ typed: TypedExpression, what: @autoclosure () -> String) -> TypedExpression {
        if typed.type == .bool || typed.type == .null || typed.type == .error { return typed }
        return fail("type-mismatch", "\(what()) must be true or false, but it is \(describe(typed.type))", typed.range)
    }

    // MARK: - Names

    func resolveName(_ parts: [NamePart], range: SourceRange, in scope: Scope) -> TypedExpression {
        guard let first = parts.first else { return fail("unknown-name", "empty name", range) }
        if parts.count > 2 {
            return fail("unknown-name", "`\(parts.map(\.text).joined(separator: "."))` has too many parts; write `field` or `source.field`", range)
        }
        if parts.count == 2 {
            let second = parts[1]
            switch first.text {
            case "period":
                switch second.text {
                case "start": return TypedExpression(.periodStart, type: .date, range: range)
                case "end": return TypedExpression(.periodEnd, type: .date, range: range)
                default: return fail("unknown-name", "`period.\(second.text)` is not known; use `period.start` or `period.end` (exclusive)", second.range)
                }
            case "health":
                guard scope.allowsHealth else {
                    return fail("misplaced-health", "`health.\(second.text)` can only be read in `signals` on the health source", range)
                }
                switch second.text {
                case "score": return TypedExpression(.healthScore, type: .number, range: range)
                case "band": return TypedExpression(.healthBand, type: .category(["green", "yellow", "red"]), range: range)
                default: return fail("unknown-name", "`health.\(second.text)` is not known; use `health.score` or `health.band`", second.range)
                }
            default:
                break
            }
            guard sources[first.text] != nil else {
                let hint = Suggestion.didYouMean(first.text, in: Array(sources.keys).sorted() + ["period", "health"])
                return fail("unknown-source", "unknown source `\(first.text)`\(hint)", first.range)
            }
            guard let rowSource = scope.rowSource else {
                return fail("bare-field", "field `\(first.text).\(second.text)` is read outside an aggregate in \(scope.owner); a metric needs one value, so aggregate it, such as `avg(\(first.text).\(second.text))`", range)
            }
            guard rowSource == first.text else {
                if scope.defaultAggregateSource == first.text {
                    return groupFieldNotAggregate("\(first.text).\(second.text)", scope: scope, range: range)
                }
                return fail("other-source", "`\(first.text).\(second.text)` belongs to source `\(first.text)`, but this expression reads rows of `\(rowSource)`; aggregate it in a metric, or add it to `\(rowSource)`", range)
            }
            return column(rowSource, second.text, range: range, nameRange: second.range, in: scope)
        }

        let name = first.text
        if let rowSource = scope.rowSource {
            if let info = sources[rowSource], let kind = info.kinds[name] {
                return column(info, name, kind: kind, range: range, nameRange: first.range)
            }
            if segmentDefinitions.keys.contains(name) {
                if let typed = segmentType(name), typed != rowSource {
                    return fail("other-source", "segment `\(name)` filters rows of `\(typed)`, but this expression reads rows of `\(rowSource)`", range)
                }
                use(column: rowSource, name, isSegment: true)
                return TypedExpression(.column(source: rowSource, name: name), type: .bool, range: range)
            }
        } else if segmentDefinitions.keys.contains(name) {
            return fail("bare-segment", "segment `\(name)` is a row filter and has no single value in \(scope.owner); use it in an aggregate, such as `count(\(segmentSourceHint(name)) where \(name))`", range)
        }
        if scope.allowsMetrics, metricIndices.keys.contains(name) {
            let type = metricType(name, at: range)
            metricReads.append(name)
            return TypedExpression(.metric(name), type: type, range: range)
        }
        if name == "period" {
            return fail("unknown-name", "`period` alone has no value; use `x in period`, `period.start` or `period.end`", range)
        }
        if sources[name] != nil {
            return fail("source-as-value", "`\(name)` is a source; count its rows with `count(\(name))` or read a field such as `\(name).\(sources[name]?.fieldNames.first ?? "field")`", range)
        }
        let owners = sources.values.filter { hasColumn($0.id, name) }.map(\.id).sorted()
        if scope.rowSource == nil, !owners.isEmpty {
            if owners.count > 1 {
                return fail("ambiguous-field", "field `\(name)` belongs to several sources (\(owners.joined(separator: ", "))); write the qualified name, such as `\(owners[0]).\(name)`", range)
            }
            return fail("bare-field", "field `\(name)` is read outside an aggregate in \(scope.owner); a metric needs one value, so aggregate it, such as `avg(\(name))` or `sum(\(name))`", range)
        }
        if let rowSource = scope.rowSource, !owners.isEmpty {
            if let origin = scope.defaultAggregateSource, owners.contains(origin) {
                return groupFieldNotAggregate(name, scope: scope, range: range)
            }
            return fail("other-source", "field `\(name)` belongs to `\(owners.joined(separator: "`, `"))`, not to `\(rowSource)` whose rows this expression reads", range)
        }
        var candidates = Array(segmentDefinitions.keys)
        if let rowSource = scope.rowSource { candidates += sources[rowSource]?.columnNames ?? [] }
        if scope.allowsMetrics { candidates += metricIndices.keys }
        var kinds = scope.rowSource.map { ["field of `\($0)`", "segment"] } ?? ["segment"]
        if scope.allowsMetrics { kinds.append("metric") }
        let kind = kinds.count > 1 ? kinds.dropLast().joined(separator: ", ") + " or " + kinds[kinds.count - 1] : kinds[0]
        var hint = Suggestion.didYouMean(name, in: candidates.sorted())
        if hint.isEmpty, ["yes", "no", "on", "off", "y", "n"].contains(name.lowercased()) {
            hint = "; the booleans are `true` and `false`"
        }
        return fail("unknown-name", "unknown name `\(name)`: no \(kind) is called that\(hint)", range)
    }

    /// A field of a grouped source's origin read outside an aggregate: each group has many
    /// such rows, so the value must aggregate them.
    func groupFieldNotAggregate(_ name: String, scope: Scope, range: SourceRange) -> TypedExpression {
        let origin = scope.defaultAggregateSource ?? "the origin"
        return fail("group-field-not-aggregate", "`\(name)` is a field of `\(origin)`, which has many rows per group; \(scope.owner) must aggregate them, such as `max(\(name))`, `sum(\(name))` or `count()`", range)
    }

    func segmentSourceHint(_ name: String) -> String {
        segmentType(name) ?? sources.keys.sorted().first ?? "source"
    }

    /// A column read in row context, checking derived and grouped fields on demand.
    func column(_ source: String, _ name: String, range: SourceRange, nameRange: SourceRange, in scope: Scope) -> TypedExpression {
        guard let info = sources[source] else { return fail("unknown-source", "unknown source `\(source)`", range) }
        return column(info, name, kind: info.kinds[name], range: range, nameRange: nameRange)
    }

    /// Column `name` of the source `info`, whose kind (looked up by the caller) is `kind`.
    func column(_ info: SourceInfo, _ name: String, kind: SourceInfo.ColumnKind?, range: SourceRange, nameRange: SourceRange) -> TypedExpression {
        let source = info.id
        switch kind {
        case .declared(let type)?:
            use(column: source, name, isSegment: false)
            return TypedExpression(.column(source: source, name: name), type: type, range: range)
        case .derived?:
            let type = derivedType(source, name, at: range)
            return TypedExpression(.column(source: source, name: name), type: type, range: range)
        case .grouped?:
            let type = groupFieldType(source, name, at: range)
            return TypedExpression(.column(source: source, name: name), type: type, range: range)
        case nil:
            let hint = Suggestion.didYouMean(name, in: info.columnNames + segmentDefinitions.keys.sorted())
            return fail("unknown-field", "unknown field `\(name)` in source `\(source)`\(hint)", nameRange)
        }
    }

    func hasColumn(_ source: String, _ name: String) -> Bool {
        guard let info = sources[source] else { return false }
        return info.kinds.keys.contains(name)
    }

    // MARK: - Operators

    func checkBinary(_ op: BinaryOperator, _ lhs: Expression, _ rhs: Expression, range: SourceRange, in scope: Scope) -> TypedExpression {
        let left = check(lhs, in: scope)
        let right = check(rhs, in: scope)
        let node = TypedNode.binary(op, left, right)
        if left.type == .error || right.type == .error {
            return TypedExpression(node, type: .error, range: range)
        }
        switch op {
        case .and, .or:
            let l = expectBool(left, what: "the left side of `\(op.rawValue)`")
            let r = expectBool(right, what: "the right side of `\(op.rawValue)`")
            return TypedExpression(.binary(op, l, r), type: .bool, range: range)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            if left.type == .null || right.type == .null {
                diagnostics.warning("null-comparison", "a comparison with `null` is always null, so no row passes; write `\(op == .notEqual ? "is not null" : "is null")` instead", at: range)
                // The value is null whatever the other side is (three-valued logic).
                return TypedExpression(.literal(.null), type: .bool, range: range)
            }
            if let problem = comparable(left, right, ordering: op != .equal && op != .notEqual) {
                return fail("type-mismatch", problem, range)
            }
            return TypedExpression(node, type: .bool, range: range)
        case .add, .subtract, .multiply, .divide, .remainder:
            guard let type = arithmeticType(op, left.type, right.type) else {
                return fail("type-mismatch", arithmeticProblem(op, left.type, right.type), range)
            }
            return TypedExpression(node, type: type, range: range)
        }
    }

    func arithmeticType(_ op: BinaryOperator, _ a: ValueType, _ b: ValueType) -> ValueType? {
        switch (a, b) {
        case (.null, let other), (let other, .null):
            return other.isQuantity || other == .null ? (op == .divide && other == .int ? .number : other) : nil
        case (.int, .int):
            return op == .divide ? .number : .int
        case (.int, .number), (.number, .int), (.number, .number):
            return .number
        case (.money(let x), .money(let y)):
            guard x == y else { return nil }
            switch op {
            case .add, .subtract: return a
            case .divide: return .number
            default: return nil
            }
        case (.money, .int), (.money, .number):
            return op == .multiply || op == .divide ? a : nil
        case (.int, .money), (.number, .money):
            return op == .multiply ? b : nil
        default:
            return nil
        }
    }

    func arithmeticProblem(_ op: BinaryOperator, _ a: ValueType, _ b: ValueType) -> String {
        if case .money(let x) = a, case .money(let y) = b, x != y {
            return "money in \(x) and money in \(y) never mix; convert one of them in the data first"
        }
        if a.isMoney || b.isMoney {
            return "`\(op.rawValue)` does not apply to \(describe(a)) and \(describe(b)); money adds to money of the same currency and multiplies or divides by a number"
        }
        if a == .date || b == .date {
            return "`\(op.rawValue)` does not apply to dates; use `days_between(a, b)` or `months_between(a, b)`"
        }
        return "`\(op.rawValue)` needs numbers, but this is \(describe(a)) \(op.rawValue) \(describe(b))"
    }

    /// Nil when `a` and `b` can be compared; else a message saying why not.
    func comparable(_ a: TypedExpression, _ b: TypedExpression, ordering: Bool = true) -> String? {
        switch (a.type, b.type) {
        case (.error, _), (_, .error), (.null, _), (_, .null): return nil
        case (let x, let y) where x.isNumeric && y.isNumeric: return nil
        case (.money(let x), .money(let y)):
            return x == y ? nil : "money in \(x) cannot be compared with money in \(y)"
        case (.money, let y) where y.isNumeric: return nil
        case (let x, .money) where x.isNumeric: return nil
        case (.date, .date), (.string, .string): return nil
        case (.bool, .bool): return ordering ? "booleans have no order; compare them with `==` or `!=`" : nil
        case (.category(let values), .string), (.string, .category(let values)):
            let literal = a.type == .string ? a : b
            if case .literal(.string(let text)) = literal.node, !values.contains(text) {
                return "`\"\(text)\"` is not a value of this category (\(values.joined(separator: ", ")))\(Suggestion.didYouMean(text, in: values))"
            }
            return ordering ? "categories have no order; compare them with `==`, `!=` or `in [...]`" : nil
        case (.category(let x), .category(let y)):
            if ordering { return "categories have no order; compare them with `==`, `!=` or `in [...]`" }
            return x == y || !Set(x).isDisjoint(with: y) ? nil : "these two categories share no value, so they are never equal"
        default:
            return "cannot compare \(describe(a.type)) with \(describe(b.type))"
        }
    }

    func checkInList(_ value: Expression, _ list: Expression, negated: Bool, range: SourceRange, in scope: Scope) -> TypedExpression {
        let typed = check(value, in: scope)
        let listTyped = check(list, in: scope)
        guard case .list = listTyped.type else {
            if listTyped.type == .error { return TypedExpression(.inList(typed, listTyped, negated: negated), type: .error, range: range) }
            return fail("type-mismatch", "`in` needs a list such as `[\"smb\", \"mid\"]` or `period`, but this is \(describe(listTyped.type))", listTyped.range)
        }
        if case .list(let items) = listTyped.node {
            for item in items {
                if let problem = comparable(typed, item, ordering: false) {
                    return fail("type-mismatch", problem, item.range)
                }
            }
        }
        return TypedExpression(.inList(typed, listTyped, negated: negated), type: .bool, range: range)
    }
}
