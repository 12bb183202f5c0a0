import Foundation
import KPILanguage

/// The operators and row functions of the language on single values: used for metric
/// formulas (whose leaves are aggregates and other metrics) and for kernels whose
/// operands are all constants. The rules are the vector kernels' rules.
enum ScalarOperations {
    static let overflowMessage = "the result passes the range of exact 64-bit arithmetic (about ±9.2e18, or ±922 trillion for money)"

    // MARK: - Arithmetic

    /// `a op b` with the result type the checker inferred; the flag is true for a division
    /// by zero (the value is then null).
    static func arithmetic(_ op: BinaryOperator, _ a: Scalar, _ b: Scalar, type: ValueType) throws -> (Scalar, divisionByZero: Bool) {
        if a.isNull || b.isNull { return (.null, false) }
        switch type {
        case .int:
            guard case .int(let x) = a.asInt, case .int(let y) = b.asInt else { return (.null, false) }
            let result: (partialValue: Int64, overflow: Bool)
            switch op {
            case .add: result = x.addingReportingOverflow(y)
            case .subtract: result = x.subtractingReportingOverflow(y)
            case .multiply: result = x.multipliedReportingOverflow(by: y)
            case .remainder:
                if y == 0 { return (.null, true) }
                result = x.remainderReportingOverflow(dividingBy: y)
            default:
                guard let dx = a.doubleValue, let dy = b.doubleValue else { return (.null, false) }
                if dy == 0 { return (.null, true) }
                return (.number(dx / dy), false)
            }
            if result.overflow { throw KernelFailure.overflow(overflowMessage) }
            return (.int(result.partialValue), false)
        case .money(let currency):
            guard let x = a.decimalValue, let y = b.decimalValue else { return (.null, false) }
            switch op {
            case .add: return (.money(x + y, currency: currency), false)
            case .subtract: return (.money(x - y, currency: currency), false)
            case .multiply: return (.money(x * y, currency: currency), false)
            case .divide, .remainder:
                if y == 0 { return (.null, true) }
                return (.money(x / y, currency: currency), false)
            default: return (.null, false)
            }
        default:
            if case .money = a, case .money = b, op == .divide {
                guard let x = a.decimalValue, let y = b.decimalValue else { return (.null, false) }
                if y == 0 { return (.null, true) }
                return (.number((x / y).doubleValue), false)
            }
            guard let x = a.doubleValue, let y = b.doubleValue else { return (.null, false) }
            switch op {
            case .add: return (.number(x + y), false)
            case .subtract: return (.number(x - y), false)
            case .multiply: return (.number(x * y), false)
            case .divide:
                if y == 0 { return (.null, true) }
                return (.number(x / y), false)
            case .remainder:
                if y == 0 { return (.null, true) }
                return (.number(x.truncatingRemainder(dividingBy: y)), false)
            default: return (.null, false)
            }
        }
    }

    static func negate(_ a: Scalar) throws -> Scalar {
        switch a {
        case .int(let x):
            let (r, o) = Int64(0).subtractingReportingOverflow(x)
            if o { throw KernelFailure.overflow(overflowMessage) }
            return .int(r)
        case .number(let x): return .number(-x)
        case .money(let x, let currency): return .money(-x, currency: currency)
        default: return .null
        }
    }

    // MARK: - Comparison and logic

    /// The order of two values, or nil when either is null (or they cannot be compared).
    static func order(_ a: Scalar, _ b: Scalar) -> Int? {
        switch (a, b) {
        case (.null, _), (_, .null): return nil
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.date(let x), .date(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.string(let x), .string(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (!x ? -1 : 1)
        case (.money, _), (_, .money):
            guard let x = a.decimalValue, let y = b.decimalValue else { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        default:
            guard let x = a.doubleValue, let y = b.doubleValue else { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        }
    }

    static func compare(_ op: BinaryOperator, _ a: Scalar, _ b: Scalar) -> Scalar {
        guard let order = order(a, b) else { return .null }
        return .bool(Self.holds(op, order))
    }

    static func holds(_ op: BinaryOperator, _ order: Int) -> Bool {
        switch op {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        default: return false
        }
    }

    /// Three-valued `and` / `or` (SQL): false and null is false, true or null is true.
    static func logical(_ op: BinaryOperator, _ a: Scalar, _ b: Scalar) -> Scalar {
        let x: Bool? = if case .bool(let v) = a { v } else { nil }
        let y: Bool? = if case .bool(let v) = b { v } else { nil }
        if op == .and {
            if x == false || y == false { return .bool(false) }
            if let x, let y { return .bool(x && y) }
            return .null
        }
        if x == true || y == true { return .bool(true) }
        if let x, let y { return .bool(x || y) }
        return .null
    }

    static func not(_ a: Scalar) -> Scalar {
        if case .bool(let v) = a { return .bool(!v) }
        return .null
    }

    /// `a in list`: true on a match; else null when `a` or an item is null; else false.
    static func inList(_ a: Scalar, _ list: [Scalar]) -> Scalar {
        if a.isNull { return .null }
        var sawNull = false
        for item in list {
            if item.isNull { sawNull = true; continue }
            if order(a, item) == 0 { return .bool(true) }
        }
        return sawNull ? .null : .bool(false)
    }

    // MARK: - Row functions

    static func call(_ function: RowFunction, _ arguments: [Scalar], type: ValueType) throws -> Scalar {
        switch function {
        case .coalesce:
            return (arguments.first { !$0.isNull } ?? .null).converted(to: type)
        case .if:
            guard arguments.count == 3 else { return .null }
            return (arguments[0] == .bool(true) ? arguments[1] : arguments[2]).converted(to: type)
        case .daysBetween:
            guard case .date(let a) = arguments[0], case .date(let b) = arguments[1] else { return .null }
            return .int(Int64(b) - Int64(a))
        case .monthsBetween:
            guard case .date(let a) = arguments[0], case .date(let b) = arguments[1] else { return .null }
            return .int(CivilDate.monthsBetween(a, b))
        case .round:
            var digits = 0
            if arguments.count > 1, case .int(let d) = arguments[1] { digits = Int(clamping: d) }
            return try round(arguments[0], digits: digits)
        case .abs:
            switch arguments[0] {
            case .int(let x):
                if x == .min { throw KernelFailure.overflow(overflowMessage) }
                return .int(Swift.abs(x))
            case .number(let x): return .number(Swift.abs(x))
            case .money(let x, let currency): return .money(x < 0 ? -x : x, currency: currency)
            default: return .null
            }
        case .least, .greatest:
            var best: Scalar = .null
            for argument in arguments where !argument.isNull {
                if best.isNull { best = argument; continue }
                if let order = order(argument, best), function == .least ? order < 0 : order > 0 { best = argument }
            }
            return best.converted(to: type)
        case .clamp:
            guard arguments.count == 3, !arguments[0].isNull else { return .null }
            var value = arguments[0]
            if let order = order(value, arguments[1]), order < 0 { value = arguments[1] }
            if let order = order(value, arguments[2]), order > 0 { value = arguments[2] }
            return value.converted(to: type)
        case .year:
            guard case .date(let d) = arguments[0] else { return .null }
            return .int(Int64(CivilDate(days: d).year))
        case .month:
            guard case .date(let d) = arguments[0] else { return .null }
            return .int(Int64(CivilDate(days: d).month))
        }
    }

    static func round(_ value: Scalar, digits: Int) throws -> Scalar {
        switch value {
        case .int(let x):
            guard digits < 0 else { return value }
            guard let rounded = roundInteger(x, unitDigits: -digits) else { throw KernelFailure.overflow(overflowMessage) }
            return .int(rounded)
        case .number(let x): return .number(roundHalfAway(x, digits: digits))
        case .money(let x, let currency): return .money(x.rounded(digits: digits), currency: currency)
        default: return .null
        }
    }

    /// `x` rounded to a multiple of 10^`unitDigits`, halves away from zero (nil on overflow).
    static func roundInteger(_ x: Int64, unitDigits: Int) -> Int64? {
        guard unitDigits > 0 else { return x }
        guard unitDigits < 19 else { return 0 }
        var unit: Int64 = 1
        for _ in 0..<unitDigits { unit *= 10 }
        let quotient = x / unit
        let remainder = x % unit
        var rounded = quotient
        if remainder.magnitude * 2 >= unit.magnitude { rounded += x < 0 ? -1 : 1 }
        let (result, overflow) = rounded.multipliedReportingOverflow(by: unit)
        return overflow ? nil : result
    }

    /// `x` rounded to `digits` decimal places, halves away from zero as the number is
    /// written: 1.005 rounds to 1.01 (the nearest Double is a hair below 1.005, but the
    /// user wrote, and sees, 1.005).
    static func roundHalfAway(_ x: Double, digits: Int) -> Double {
        guard x.isFinite else { return x }
        let power = pow(10, Double(Swift.abs(digits)))
        let scaled = digits >= 0 ? x * power : x / power
        let fraction = Swift.abs(scaled - scaled.rounded(.towardZero))
        if Swift.abs(fraction - 0.5) < 1e-7, Swift.abs(scaled) < 1e15 {
            // Near a half: decide on the shortest decimal text, exactly.
            return Decimal(shortest: x).rounded(digits: digits).doubleValue
        }
        let rounded = scaled.rounded(.toNearestOrAwayFromZero)
        return digits >= 0 ? rounded / power : rounded * power
    }
}

extension Scalar {
    /// Money, an int or a number as an exact decimal (a number through its shortest text).
    var decimalValue: Decimal? {
        switch self {
        case .money(let value, _): return value
        case .int(let value): return Decimal(value)
        case .number(let value): return value.isFinite ? Decimal(shortest: value) : nil
        default: return nil
        }
    }

    /// An int as an int, anything else unchanged.
    var asInt: Scalar {
        if case .bool(let v) = self { return .int(v ? 1 : 0) }
        return self
    }

    /// The value in the representation of `type`: ints widen to numbers or money,
    /// categories are strings.
    func converted(to type: ValueType) -> Scalar {
        switch (type, self) {
        case (.number, .int(let v)): return .number(Double(v))
        case (.number, .money(let v, _)): return .number(v.doubleValue)
        case (.money(let currency), .int(let v)): return .money(Decimal(v), currency: currency)
        case (.money(let currency), .number(let v)): return .money(Decimal(shortest: v), currency: currency)
        default: return self
        }
    }
}
