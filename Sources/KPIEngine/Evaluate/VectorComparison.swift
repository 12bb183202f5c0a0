import KPILanguage

/// Comparisons, `in`, `is null` and three-valued logic over whole columns.
///
/// A comparison with null is null; `and`/`or` follow SQL (false and null is false, true
/// or null is true). Strings and categories compare through their dictionaries: a literal
/// is looked up once per dictionary entry, never once per row.
enum VectorComparison {
    // MARK: - Comparisons

    static func compare(_ op: BinaryOperator, _ a: ColumnVector, _ b: ColumnVector) -> ColumnVector {
        let count = a.count
        if a.isNullConstant || b.isNullConstant { return .constant(.null, count: count) }
        if case .constant(let x) = a.values, case .constant(let y) = b.values {
            return .constant(ScalarOperations.compare(op, x, y), count: count)
        }
        let validity = bothValid(a.validity, b.validity)
        let values: [Bool]
        if let strings = compareStrings(op, a, b) {
            values = strings
        } else if let x = a.dateLane, let y = b.dateLane {
            values = ordered(op, x, y, count: count)
        } else if let x = a.boolLane, let y = b.boolLane {
            values = ordered(op, byte(x), byte(y), count: count)
        } else if let (x, y) = integerPair(a, b) {
            values = ordered(op, x, y, count: count)
        } else if let x = a.numericLane, let y = b.numericLane {
            values = orderedDoubles(op, x, y, count: count)
        } else {
            return .constant(.null, count: count)
        }
        return ColumnVector(.bool(values), validity: validity, count: count)
    }

    /// false < true, as bytes.
    static func byte(_ lane: Lane<Bool>) -> Lane<UInt8> {
        switch lane {
        case .array(let v): return .array(mapLane(.array(v), count: v.count) { $0 ? 1 : 0 })
        case .constant(let v): return .constant(v ? 1 : 0)
        }
    }

    /// Both operands as integers of one scale (plain ints, or money scaled by 10 000), when
    /// that is exact.
    static func integerPair(_ a: ColumnVector, _ b: ColumnVector) -> (Lane<Int64>, Lane<Int64>)? {
        switch (a.numericKind, b.numericKind) {
        case (.int, .int):
            if let x = a.intLane, let y = b.intLane { return (x, y) }
        case (.exactMoney, .exactMoney), (.exactMoney, .int), (.int, .exactMoney):
            if let x = a.scaledLane, let y = b.scaledLane { return (x, y) }
        case (.exactMoney, .number):
            // A literal such as 0.1 compares exactly with money when it has few decimals.
            if case .constant(.number(let v)) = b.values, let scaled = Scalar.number(v).decimalValue.flatMap({ $0 .exactScaledMoney }), let x = a.scaledLane {
                return (x, .constant(scaled))
            }
        case (.number, .exactMoney):
            if case .constant(.number(let v)) = a.values, let scaled = Scalar.number(v).decimalValue.flatMap({ $0.exactScaledMoney }), let y = b.scaledLane {
                return (.constant(scaled), y)
            }
        default:
            break
        }
        return nil
    }

    @inline(__always)
    static func ordered<T: Comparable>(_ op: BinaryOperator, _ x: Lane<T>, _ y: Lane<T>, count: Int) -> [Bool] {
        switch op {
        case .equal: return zipLanes(x, y, count: count, ==)
        case .notEqual: return zipLanes(x, y, count: count, !=)
        case .less: return zipLanes(x, y, count: count, <)
        case .lessOrEqual: return zipLanes(x, y, count: count, <=)
        case .greater: return zipLanes(x, y, count: count, >)
        default: return zipLanes(x, y, count: count, >=)
        }
    }

    static func orderedDoubles(_ op: BinaryOperator, _ x: NumericLane, _ y: NumericLane, count: Int) -> [Bool] {
        switch op {
        case .equal: return zipDoubles(x, y, count: count, ==)
        case .notEqual: return zipDoubles(x, y, count: count, !=)
        case .less: return zipDoubles(x, y, count: count, <)
        case .lessOrEqual: return zipDoubles(x, y, count: count, <=)
        case .greater: return zipDoubles(x, y, count: count, >)
        default: return zipDoubles(x, y, count: count, >=)
        }
    }

    /// String comparisons: against a constant through a table per dictionary entry;
    /// between two columns through the ranks of both dictionaries in one order.
    static func compareStrings(_ op: BinaryOperator, _ a: ColumnVector, _ b: ColumnVector) -> [Bool]? {
        switch (a.values, b.values) {
        case (.string(let codes, let dictionary), .constant(.string(let text))):
            let table = dictionary.map { ScalarOperations.holds(op, $0 < text ? -1 : ($0 == text ? 0 : 1)) }
            return lookup(codes, table)
        case (.constant(.string(let text)), .string(let codes, let dictionary)):
            let table = dictionary.map { ScalarOperations.holds(op, text < $0 ? -1 : (text == $0 ? 0 : 1)) }
            return lookup(codes, table)
        case (.string(let x, let dx), .string(let y, let dy)):
            let all = Array(Set(dx).union(dy)).sorted()
            var rank: [String: Int32] = [:]
            for (index, text) in all.enumerated() { rank[text] = Int32(index) }
            let rx = dx.map { rank[$0, default: 0] }
            let ry = dy.map { rank[$0, default: 0] }
            let left = x.map { rx[Int($0)] }
            let right = y.map { ry[Int($0)] }
            return ordered(op, .array(left), .array(right), count: x.count)
        default:
            return nil
        }
    }

    /// `table[code]` for every row.
    static func lookup<T>(_ codes: [Int32], _ table: [T]) -> [T] {
        table.withUnsafeBufferPointer { t in
            mapLane(.array(codes), count: codes.count) { t[Int($0)] }
        }
    }

    // MARK: - in, between, is null

    /// `a in [items]` (negated: `not in`): true on a match, else null when `a` or an item
    /// is null, else false.
    static func inList(_ a: ColumnVector, _ items: [Scalar], negated: Bool) -> ColumnVector {
        let count = a.count
        if case .constant(let value) = a.values {
            let result = ScalarOperations.inList(value, items)
            return .constant(negated ? ScalarOperations.not(result) : result, count: count)
        }
        let listHasNull = items.contains(where: \.isNull)
        let present = items.filter { !$0.isNull }
        var matches: [Bool]
        switch a.values {
        case .string(let codes, let dictionary):
            let wanted = Set(present.compactMap { if case .string(let s) = $0 { s } else { nil } })
            matches = lookup(codes, dictionary.map(wanted.contains))
        case .date(let v):
            let wanted = present.compactMap { if case .date(let d) = $0 { d } else { nil } }
            matches = mapLane(.array(v), count: count) { wanted.contains($0) }
        case .bool(let v):
            let wanted = present.compactMap { if case .bool(let b) = $0 { b } else { nil } }
            matches = mapLane(.array(v), count: count) { wanted.contains($0) }
        default:
            // Numbers: one `==` per item, or-ed (exact for ints and money).
            matches = [Bool](repeating: false, count: count)
            for item in present {
                let test = compare(.equal, a, .constant(item, count: count))
                if case .bool(let hit) = test.values {
                    matches = maskOr(matches, hit)
                }
            }
        }
        var validity = a.validity
        if listHasNull {
            // No match against a list with a null is unknown.
            validity = maskAnd(validity ?? [Bool](repeating: true, count: count), matches)
        }
        if negated { matches = maskNot(matches) }
        return ColumnVector(.bool(matches), validity: validity, count: count)
    }

    /// `x is null` (negated: `is not null`): never null itself.
    static func isNull(_ a: ColumnVector, negated: Bool) -> ColumnVector {
        if case .constant(let value) = a.values {
            return .constant(.bool(value.isNull != negated), count: a.count)
        }
        guard let validity = a.validity else { return .constant(.bool(negated), count: a.count) }
        let values = negated ? validity : maskNot(validity)
        return ColumnVector(.bool(values), count: a.count)
    }

    // MARK: - Logic

    static func not(_ a: ColumnVector) -> ColumnVector {
        if case .constant(let value) = a.values { return .constant(ScalarOperations.not(value), count: a.count) }
        guard case .bool(let v) = a.values else { return .constant(.null, count: a.count) }
        return ColumnVector(.bool(maskNot(v)), validity: a.validity, count: a.count)
    }

    /// Three-valued `and` / `or`.
    static func logical(_ op: BinaryOperator, _ a: ColumnVector, _ b: ColumnVector) -> ColumnVector {
        let count = a.count
        let isAnd = op == .and
        switch (a.values, b.values) {
        case (.constant(let x), .constant(let y)):
            return .constant(ScalarOperations.logical(op, x, y), count: count)
        case (.constant(let x), _):
            return withConstant(x, b, isAnd: isAnd)
        case (_, .constant(let y)):
            return withConstant(y, a, isAnd: isAnd)
        case (.bool(let x), .bool(let y)):
            if a.validity == nil, b.validity == nil {
                return ColumnVector(.bool(isAnd ? maskAnd(x, y) : maskOr(x, y)), count: count)
            }
            // Known-true and known-false rows of each side decide the result.
            let xt = a.validity.map { maskAnd($0, x) } ?? x
            let yt = b.validity.map { maskAnd($0, y) } ?? y
            let xf = a.validity.map { maskAndNot($0, x) } ?? maskNot(x)
            let yf = b.validity.map { maskAndNot($0, y) } ?? maskNot(y)
            if isAnd {
                let values = maskAnd(xt, yt)
                return ColumnVector(.bool(values), validity: maskOr(maskOr(xf, yf), values), count: count)
            }
            let values = maskOr(xt, yt)
            return ColumnVector(.bool(values), validity: maskOr(values, maskAnd(xf, yf)), count: count)
        default:
            return .constant(.null, count: count)
        }
    }

    private static func withConstant(_ constant: Scalar, _ other: ColumnVector, isAnd: Bool) -> ColumnVector {
        let count = other.count
        switch constant {
        case .bool(let value):
            // true and x = x, false and x = false; false or x = x, true or x = true.
            if value == isAnd { return other }
            return .constant(.bool(value), count: count)
        default:
            // null and x: false where x is false, else null; null or x: true where x is true.
            guard case .bool(let v) = other.values else { return .constant(.null, count: count) }
            let valid = other.validity ?? [Bool](repeating: true, count: count)
            let decided = isAnd ? maskAndNot(valid, v) : maskAnd(valid, v)
            return ColumnVector(.bool(isAnd ? [Bool](repeating: false, count: count) : decided), validity: decided, count: count)
        }
    }

    // MARK: - Masks

    /// The rows where a predicate is true (a `where`): nil when it is true on every row.
    static func mask(_ predicate: ColumnVector) -> [Bool]? {
        switch predicate.values {
        case .constant(.bool(true)): return nil
        case .constant: return [Bool](repeating: false, count: predicate.count)
        case .bool(let v):
            guard let validity = predicate.validity else { return v }
            return maskAnd(v, validity)
        default:
            return [Bool](repeating: false, count: predicate.count)
        }
    }
}
