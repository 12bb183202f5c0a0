import KPILanguage

/// `+ - * / %` and unary `-` over whole columns, one typed loop per operator and
/// representation.
///
/// Ints and exact money stay exact (64-bit, overflow is an error, never a wrap or a trap,
/// on a row that uses the value; on a row that does not, an `if` branch not taken, the
/// result is null); `/` never truncates; a division by zero gives null on that row, and the number of such
/// rows is returned so that the evaluator can warn.
enum VectorArithmetic {
    /// `a op b` with the result type the checker inferred.
    /// - Returns: the result and the number of rows divided by zero.
    /// - Parameter used: the rows that use the result (an overflow elsewhere gives null).
    /// - Throws: `KernelFailure.overflow` when an exact result passes 64 bits on a used row.
    static func apply(_ op: BinaryOperator, _ a: ColumnVector, _ b: ColumnVector, type: ValueType, used: RowUsage = .all) throws -> (ColumnVector, divisionsByZero: Int) {
        let count = a.count
        if a.isNullConstant || b.isNullConstant { return (.constant(.null, count: count), 0) }
        if case .constant(let x) = a.values, case .constant(let y) = b.values {
            let (value, byZero) = try ScalarOperations.arithmetic(op, x, y, type: type)
            return (.constant(value, count: count), byZero ? count : 0)
        }
        let validity = bothValid(a.validity, b.validity)
        switch type {
        case .int:
            guard let x = a.intLane, let y = b.intLane else { break }
            if op == .remainder {
                let (valid, zeros) = nonZero(.int(y), validity: validity, count: count)
                var flag: UInt8 = 0
                let values = zipLanes(x, y, count: count) { p, q -> Int64 in
                    if q == 0 { return 0 }
                    let (r, o) = p.remainderReportingOverflow(dividingBy: q)
                    flag |= o ? 1 : 0
                    return r
                }
                var validAfter = valid
                if flag != 0 {
                    let overflowed = zipLanes(x, y, count: count) { p, q in q != 0 && p.remainderReportingOverflow(dividingBy: q).overflow }
                    validAfter = try nullingOverflows(overflowed, validity: valid, used: used)
                }
                return (ColumnVector(.int(values), validity: validAfter, count: count), zeros)
            }
            let (values, validAfter) = try exact(op, x, y, validity: validity, count: count, used: used)
            return (ColumnVector(.int(values), validity: validAfter, count: count), 0)
        case .money(let currency):
            return try money(op, a, b, currency: currency, validity: validity, used: used)
        default:
            break
        }
        // A number: Doubles (money over money divides the exact scaled amounts).
        var x: NumericLane?
        var y: NumericLane?
        if a.numericKind == .exactMoney, b.numericKind == .exactMoney, let sa = a.scaledLane, let sb = b.scaledLane {
            x = .int(sa)
            y = .int(sb)
        } else {
            x = a.numericLane
            y = b.numericLane
        }
        guard let x, let y else {
            throw EvaluationError("plan", "internal: `\(op.rawValue)` on values that are not numbers")
        }
        return double(op, x, y, validity: validity, count: count)
    }

    /// `-a`.
    static func negate(_ a: ColumnVector) throws -> ColumnVector {
        switch a.values {
        case .constant(let value):
            return .constant(try ScalarOperations.negate(value), count: a.count)
        case .int(let v), .money(let v, _):
            var flag: UInt8 = 0
            let values = mapLane(.array(v), count: a.count) { x -> Int64 in
                let (r, o) = Int64(0).subtractingReportingOverflow(x)
                flag |= o ? 1 : 0
                return r
            }
            if flag != 0 { throw KernelFailure.overflow(ScalarOperations.overflowMessage) }
            if case .money(_, let currency) = a.values {
                return ColumnVector(.money(values, currency: currency), validity: a.validity, count: a.count)
            }
            return ColumnVector(.int(values), validity: a.validity, count: a.count)
        case .number(let v):
            return ColumnVector(.number(mapLane(.array(v), count: a.count) { -$0 }), validity: a.validity, count: a.count)
        case .approximateMoney(let v, let currency):
            return ColumnVector(.approximateMoney(mapLane(.array(v), count: a.count) { -$0 }, currency: currency), validity: a.validity, count: a.count)
        default:
            return .constant(.null, count: a.count)
        }
    }

    // MARK: - Loops

    /// Exact `+ - *` on 64-bit integers; overflow on a row that holds a value and is used
    /// is an error, on a row that is not used it makes the row null.
    /// - Returns: the values and their validity.
    static func exact(_ op: BinaryOperator, _ x: Lane<Int64>, _ y: Lane<Int64>, validity: [Bool]?, count: Int, used: RowUsage = .all) throws -> ([Int64], [Bool]?) {
        var flag: UInt8 = 0
        let values: [Int64]
        switch op {
        case .add:
            values = zipLanes(x, y, count: count) { p, q in
                let (r, o) = p.addingReportingOverflow(q)
                flag |= o ? 1 : 0
                return r
            }
        case .subtract:
            values = zipLanes(x, y, count: count) { p, q in
                let (r, o) = p.subtractingReportingOverflow(q)
                flag |= o ? 1 : 0
                return r
            }
        case .multiply:
            values = zipLanes(x, y, count: count) { p, q in
                let (r, o) = p.multipliedReportingOverflow(by: q)
                flag |= o ? 1 : 0
                return r
            }
        default:
            throw EvaluationError("plan", "internal: `\(op.rawValue)` is not exact integer arithmetic")
        }
        if flag != 0 {
            // Null rows hold placeholders; only an overflow on a row with a value counts.
            let overflowed = zipLanes(x, y, count: count) { p, q -> Bool in
                switch op {
                case .add: return p.addingReportingOverflow(q).overflow
                case .subtract: return p.subtractingReportingOverflow(q).overflow
                default: return p.multipliedReportingOverflow(by: q).overflow
                }
            }
            return (values, try nullingOverflows(overflowed, validity: validity, used: used))
        }
        return (values, validity)
    }

    /// `validity` with the rows in `overflowed` made null; an overflowed row that holds a
    /// value and is used is an error (a placeholder in a null row does not count).
    static func nullingOverflows(_ overflowed: [Bool], validity: [Bool]?, used: RowUsage) throws -> [Bool]? {
        let count = overflowed.count
        let withValue = validity.map { maskAnd($0, overflowed) } ?? overflowed
        if used.count(withValue) > 0 { throw KernelFailure.overflow(ScalarOperations.overflowMessage) }
        return maskAndNot(validity ?? [Bool](repeating: true, count: count), overflowed)
    }

    /// Double arithmetic; `/` and `%` by zero give null.
    static func double(_ op: BinaryOperator, _ x: NumericLane, _ y: NumericLane, validity: [Bool]?, count: Int) -> (ColumnVector, divisionsByZero: Int) {
        switch op {
        case .add: return (ColumnVector(.number(zipDoubles(x, y, count: count, +)), validity: validity, count: count), 0)
        case .subtract: return (ColumnVector(.number(zipDoubles(x, y, count: count, -)), validity: validity, count: count), 0)
        case .multiply: return (ColumnVector(.number(zipDoubles(x, y, count: count, *)), validity: validity, count: count), 0)
        case .divide:
            let (valid, zeros) = nonZero(y, validity: validity, count: count)
            return (ColumnVector(.number(zipDoubles(x, y, count: count) { $1 == 0 ? 0 : $0 / $1 }), validity: valid, count: count), zeros)
        default:
            let (valid, zeros) = nonZero(y, validity: validity, count: count)
            let values = zipDoubles(x, y, count: count) { $1 == 0 ? 0 : $0.truncatingRemainder(dividingBy: $1) }
            return (ColumnVector(.number(values), validity: valid, count: count), zeros)
        }
    }

    /// Arithmetic whose result is money: exact where the language promises it (money plus
    /// money, money times an int), Doubles in units otherwise.
    static func money(_ op: BinaryOperator, _ a: ColumnVector, _ b: ColumnVector, currency: String, validity: [Bool]?, used: RowUsage = .all) throws -> (ColumnVector, divisionsByZero: Int) {
        let count = a.count
        switch op {
        case .add, .subtract:
            if a.numericKind == .exactMoney || a.numericKind == .int, b.numericKind == .exactMoney || b.numericKind == .int,
               let x = a.scaledLane, let y = b.scaledLane {
                let (values, validAfter) = try exact(op, x, y, validity: validity, count: count, used: used)
                return (ColumnVector(.money(values, currency: currency), validity: validAfter, count: count), 0)
            }
        case .multiply:
            let (amount, factor) = a.currency != nil ? (a, b) : (b, a)
            if amount.numericKind == .exactMoney, factor.numericKind == .int, let x = amount.scaledLane, let y = factor.intLane {
                let (values, validAfter) = try exact(.multiply, x, y, validity: validity, count: count, used: used)
                return (ColumnVector(.money(values, currency: currency), validity: validAfter, count: count), 0)
            }
        default:
            break
        }
        guard let x = a.doubleLane, let y = b.doubleLane else {
            throw EvaluationError("plan", "internal: `\(op.rawValue)` on money and a value that is not a number")
        }
        let (result, zeros) = double(op, .double(x), .double(y), validity: validity, count: count)
        guard case .number(let values) = result.values else { return (result, zeros) }
        return (ColumnVector(.approximateMoney(values, currency: currency), validity: result.validity, count: count), zeros)
    }

    /// The validity after dividing by `y` (rows where `y` is 0 become null) and how many
    /// rows holding a value were divided by zero.
    static func nonZero(_ y: NumericLane, validity: [Bool]?, count: Int) -> ([Bool]?, Int) {
        let isZero: Lane<Bool>
        switch y {
        case .int(.constant(let v)): isZero = .constant(v == 0)
        case .double(.constant(let v)): isZero = .constant(v == 0)
        case .int(.array(let v)): isZero = .array(mapLane(.array(v), count: count) { $0 == 0 })
        case .double(.array(let v)): isZero = .array(mapLane(.array(v), count: count) { $0 == 0 })
        }
        switch isZero {
        case .constant(false):
            return (validity, 0)
        case .constant(true):
            let rows = validity.map(countTrue) ?? count
            return ([Bool](repeating: false, count: count), rows)
        case .array(let zero):
            let valid = validity ?? [Bool](repeating: true, count: count)
            let newValid = maskAndNot(valid, zero)
            let zeros = countTrue(valid) - countTrue(newValid)
            return zeros == 0 ? (validity, 0) : (newValid, zeros)
        }
    }
}
