import KPILanguage

/// The built-in row functions over whole columns.
///
/// Null rules: `coalesce` takes the first value that is not null; `if` takes the second
/// argument where the condition is true and the third where it is false or null;
/// `least`/`greatest` skip nulls (null only when every argument is); `clamp` is null when
/// its value is, and a null bound does not clamp; the others are null when any argument is.
enum VectorRowFunctions {
    static func call(_ function: RowFunction, _ arguments: [ColumnVector], type: ValueType, count: Int) throws -> ColumnVector {
        if arguments.allSatisfy({ $0.constantValue != nil }) {
            return .constant(try ScalarOperations.call(function, arguments.map { $0.constantValue! }, type: type), count: count)
        }
        switch function {
        case .coalesce:
            var result = arguments[0].converted(to: type)
            for next in arguments.dropFirst() {
                guard case .array(let valid) = result.validityLane else {
                    if result.isNullConstant { result = next.converted(to: type); continue }
                    break
                }
                result = VectorSelection.choose(valid, result, next, type: type)
            }
            return result
        case .if:
            let take = VectorComparison.mask(arguments[0]) ?? [Bool](repeating: true, count: count)
            return VectorSelection.choose(take, arguments[1], arguments[2], type: type)
        case .daysBetween:
            guard let a = arguments[0].dateLane, let b = arguments[1].dateLane else { return .constant(.null, count: count) }
            let values = zipLanes(a, b, count: count) { Int64($1) - Int64($0) }
            return ColumnVector(.int(values), validity: bothValid(arguments[0].validity, arguments[1].validity), count: count)
        case .monthsBetween:
            guard let a = arguments[0].dateLane, let b = arguments[1].dateLane else { return .constant(.null, count: count) }
            let values = zipLanes(a, b, count: count) { CivilDate.monthsBetween($0, $1) }
            return ColumnVector(.int(values), validity: bothValid(arguments[0].validity, arguments[1].validity), count: count)
        case .year, .month:
            guard let a = arguments[0].dateLane else { return .constant(.null, count: count) }
            let year = function == .year
            let values = mapLane(a, count: count) { day -> Int64 in
                let date = CivilDate(days: day)
                return Int64(year ? date.year : date.month)
            }
            return ColumnVector(.int(values), validity: arguments[0].validity, count: count)
        case .round:
            var digits = 0
            if arguments.count > 1, case .constant(.int(let d)) = arguments[1].values { digits = Int(clamping: d) }
            return try round(arguments[0], digits: digits)
        case .abs:
            return try abs(arguments[0])
        case .least, .greatest:
            return extreme(arguments, type: type, greatest: function == .greatest, count: count)
        case .clamp:
            let value = arguments[0].converted(to: type)
            if value.isNullConstant { return value }
            let low = extreme([value, arguments[1]], type: type, greatest: true, count: count)
            var result = extreme([low, arguments[2]], type: type, greatest: false, count: count)
            // The value decides whether there is a result; bounds only move it.
            result.validity = value.validityArray()
            return result
        }
    }

    // MARK: - round, abs

    static func round(_ value: ColumnVector, digits: Int) throws -> ColumnVector {
        let count = value.count
        switch value.values {
        case .int(let v):
            guard digits < 0 else { return value }
            var flag: UInt8 = 0
            let values = mapLane(.array(v), count: count) { x -> Int64 in
                guard let r = ScalarOperations.roundInteger(x, unitDigits: -digits) else { flag = 1; return 0 }
                return r
            }
            if flag != 0 { throw KernelFailure.overflow(ScalarOperations.overflowMessage) }
            return ColumnVector(.int(values), validity: value.validity, count: count)
        case .money(let v, let currency):
            // Exact: four decimal places are stored, so round the scaled integers.
            guard digits < 4 else { return value }
            var flag: UInt8 = 0
            let values = mapLane(.array(v), count: count) { x -> Int64 in
                guard let r = ScalarOperations.roundInteger(x, unitDigits: 4 - digits) else { flag = 1; return 0 }
                return r
            }
            if flag != 0 { throw KernelFailure.overflow(ScalarOperations.overflowMessage) }
            return ColumnVector(.money(values, currency: currency), validity: value.validity, count: count)
        case .number(let v):
            return ColumnVector(.number(mapLane(.array(v), count: count) { ScalarOperations.roundHalfAway($0, digits: digits) }), validity: value.validity, count: count)
        case .approximateMoney(let v, let currency):
            let values = mapLane(.array(v), count: count) { ScalarOperations.roundHalfAway($0, digits: digits) }
            return ColumnVector(.approximateMoney(values, currency: currency), validity: value.validity, count: count)
        case .constant(let scalar):
            return .constant(try ScalarOperations.round(scalar, digits: digits), count: count)
        default:
            return .constant(.null, count: count)
        }
    }

    static func abs(_ value: ColumnVector) throws -> ColumnVector {
        let count = value.count
        switch value.values {
        case .int(let v), .money(let v, _):
            var flag: UInt8 = 0
            let values = mapLane(.array(v), count: count) { x -> Int64 in
                flag |= x == .min ? 1 : 0
                return x == .min ? 0 : Swift.abs(x)
            }
            if flag != 0 { throw KernelFailure.overflow(ScalarOperations.overflowMessage) }
            if case .money(_, let currency) = value.values {
                return ColumnVector(.money(values, currency: currency), validity: value.validity, count: count)
            }
            return ColumnVector(.int(values), validity: value.validity, count: count)
        case .number(let v):
            return ColumnVector(.number(mapLane(.array(v), count: count) { Swift.abs($0) }), validity: value.validity, count: count)
        case .approximateMoney(let v, let currency):
            return ColumnVector(.approximateMoney(mapLane(.array(v), count: count) { Swift.abs($0) }, currency: currency), validity: value.validity, count: count)
        case .constant(let scalar):
            return .constant(try ScalarOperations.call(.abs, [scalar], type: .null), count: count)
        default:
            return .constant(.null, count: count)
        }
    }

    // MARK: - least, greatest

    /// The smallest (or largest) value of each row, skipping nulls.
    static func extreme(_ arguments: [ColumnVector], type: ValueType, greatest: Bool, count: Int) -> ColumnVector {
        var converted = arguments.map { $0.converted(to: type) }
        switch type {
        case .int:
            return fold(converted, greatest: greatest, count: count, lane: \.intLane) { .int($0) }
        case .date:
            return fold(converted, greatest: greatest, count: count, lane: \.dateLane) { .date($0) }
        case .money(let currency):
            if converted.allSatisfy({ $0.numericKind != .approximateMoney }) {
                return fold(converted, greatest: greatest, count: count, lane: { $0.scaledLane }) { .money($0, currency: currency) }
            }
            converted = converted.map { $0.approximated() }
            return fold(converted, greatest: greatest, count: count, lane: \.doubleLane) { .approximateMoney($0, currency: currency) }
        default:
            return fold(converted, greatest: greatest, count: count, lane: \.doubleLane) { .number($0) }
        }
    }

    private static func fold<T: Comparable>(
        _ arguments: [ColumnVector], greatest: Bool, count: Int, lane: (ColumnVector) -> Lane<T>?,
        make: ([T]) -> ColumnVector.Values
    ) -> ColumnVector {
        var values: [T]?
        var valid = [Bool](repeating: false, count: count)
        for argument in arguments where !argument.isNullConstant {
            guard let next = lane(argument) else { continue }
            let nextValid = argument.validityLane
            guard var current = values else {
                values = mapLane(next, count: count) { $0 }
                valid = mapLane(nextValid, count: count) { $0 }
                continue
            }
            values = nil  // keep `current` uniquely referenced: mutate in place
            for i in 0..<count {
                let x: T = switch next { case .array(let a): a[i]; case .constant(let c): c }
                let xValid: Bool = switch nextValid { case .array(let a): a[i]; case .constant(let c): c }
                guard xValid else { continue }
                if !valid[i] || (greatest ? x > current[i] : x < current[i]) {
                    current[i] = x
                    valid[i] = true
                }
            }
            values = current
        }
        guard let values else { return .constant(.null, count: count) }
        return ColumnVector(make(values), validity: valid.allSatisfy { $0 } ? nil : valid, count: count)
    }
}
