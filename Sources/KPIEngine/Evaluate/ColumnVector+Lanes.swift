import Foundation
import KPILanguage

/// How a vector holds numbers, which decides the loop an operator runs.
enum NumericKind {
    case int
    case number
    /// Exact money, scaled by 10 000.
    case exactMoney
    /// Money as a Double in units.
    case approximateMoney
    case other
}

/// A failure inside a kernel; the evaluator adds which definition and where.
enum KernelFailure: Error {
    /// An exact integer or money result passed the range of 64-bit integers.
    case overflow(String)
}

extension ColumnVector {
    var numericKind: NumericKind {
        switch values {
        case .int: return .int
        case .number: return .number
        case .money: return .exactMoney
        case .approximateMoney: return .approximateMoney
        case .constant(let value):
            switch value {
            case .int: return .int
            case .number: return .number
            case .money(let amount, _): return amount.exactScaledMoney == nil ? .approximateMoney : .exactMoney
            default: return .other
            }
        default: return .other
        }
    }

    var currency: String? {
        switch values {
        case .money(_, let currency), .approximateMoney(_, let currency): return currency
        case .constant(.money(_, let currency)): return currency
        default: return nil
        }
    }

    // MARK: - Lanes

    /// Plain integers.
    var intLane: Lane<Int64>? {
        switch values {
        case .int(let v): return .array(v)
        case .constant(.int(let v)): return .constant(v)
        case .bool(let v): return .array(v.map { $0 ? 1 : 0 })
        default: return nil
        }
    }

    /// Exact money scaled by 10 000; plain integers are scaled (nil if that overflows).
    var scaledLane: Lane<Int64>? {
        switch values {
        case .money(let v, _): return .array(v)
        case .constant(.money(let amount, _)): return amount.exactScaledMoney.map { .constant($0) }
        case .constant(.int(let v)):
            let (scaled, overflow) = v.multipliedReportingOverflow(by: 10_000)
            return overflow ? nil : .constant(scaled)
        case .int(let v):
            var overflow = false
            let scaled = v.map { x -> Int64 in
                let (r, o) = x.multipliedReportingOverflow(by: 10_000)
                overflow = overflow || o
                return r
            }
            return overflow ? nil : .array(scaled)
        default: return nil
        }
    }

    /// Numbers as Doubles, money in units (materialises a conversion when needed).
    var doubleLane: Lane<Double>? {
        switch values {
        case .number(let v), .approximateMoney(let v, _): return .array(v)
        case .int(let v): return .array(v.map { Double($0) })
        case .money(let v, _): return .array(v.map { Double($0) / 10_000 })
        case .bool(let v): return .array(v.map { $0 ? 1 : 0 })
        case .date(let v): return .array(v.map { Double($0) })
        case .constant(let value): return value.doubleValue.map { .constant($0) }
        case .string: return nil
        }
    }

    /// Numbers for a Double computation: integers stay integers (converted in the loop).
    var numericLane: NumericLane? {
        switch values {
        case .int(let v): return .int(.array(v))
        case .constant(.int(let v)): return .int(.constant(v))
        default: return doubleLane.map { .double($0) }
        }
    }

    var dateLane: Lane<Int32>? {
        switch values {
        case .date(let v): return .array(v)
        case .constant(.date(let v)): return .constant(v)
        default: return nil
        }
    }

    var boolLane: Lane<Bool>? {
        switch values {
        case .bool(let v): return .array(v)
        case .constant(.bool(let v)): return .constant(v)
        case .constant(.null): return .constant(false)
        default: return nil
        }
    }

    /// True on the rows that hold a value.
    var validityLane: Lane<Bool> {
        if case .constant(let value) = values { return .constant(!value.isNull) }
        if let validity { return .array(validity) }
        return .constant(true)
    }

    /// The validity as an array (materialised for constants).
    func validityArray() -> [Bool]? {
        if case .constant(let value) = values {
            return value.isNull ? [Bool](repeating: false, count: count) : nil
        }
        return validity
    }

    // MARK: - Materialising

    /// The same rows with every value in an array (a constant is repeated `count` times),
    /// in the representation of `type`.
    func materialized(as type: ValueType) -> ColumnVector {
        let converted = self.converted(to: type)
        guard case .constant(let value) = converted.values else { return converted }
        let n = count
        let null = value.isNull
        let validity: [Bool]? = null ? [Bool](repeating: false, count: n) : nil
        switch (type, value) {
        case (.int, .int(let v)): return ColumnVector(.int([Int64](repeating: v, count: n)), count: n)
        case (.int, _): return ColumnVector(.int([Int64](repeating: 0, count: n)), validity: validity, count: n)
        case (.money(let c), .money(let amount, _)):
            if let scaled = amount.exactScaledMoney { return ColumnVector(.money([Int64](repeating: scaled, count: n), currency: c), count: n) }
            return ColumnVector(.approximateMoney([Double](repeating: amount.doubleValue, count: n), currency: c), count: n)
        case (.money(let c), _): return ColumnVector(.money([Int64](repeating: 0, count: n), currency: c), validity: validity, count: n)
        case (.bool, .bool(let v)): return ColumnVector(.bool([Bool](repeating: v, count: n)), count: n)
        case (.bool, _): return ColumnVector(.bool([Bool](repeating: false, count: n)), validity: validity, count: n)
        case (.date, .date(let v)): return ColumnVector(.date([Int32](repeating: v, count: n)), count: n)
        case (.date, _): return ColumnVector(.date([Int32](repeating: 0, count: n)), validity: validity, count: n)
        case (.string, .string(let text)), (.category, .string(let text)):
            return ColumnVector(.string(codes: [Int32](repeating: 0, count: n), dictionary: [text]), count: n)
        case (.string, _), (.category, _):
            return ColumnVector(.string(codes: [Int32](repeating: 0, count: n), dictionary: [""]), validity: validity, count: n)
        default:
            let v = value.doubleValue ?? 0
            return ColumnVector(.number([Double](repeating: v, count: n)), validity: validity, count: n)
        }
    }

    /// The same values in the representation of `type` (ints widen to numbers; money of an
    /// inexact kind stays approximate); constants stay constants.
    func converted(to type: ValueType) -> ColumnVector {
        switch (type, values) {
        case (_, .constant(.null)):
            return self
        case (.number, .int(let v)):
            return ColumnVector(.number(v.map { Double($0) }), validity: validity, count: count)
        case (.number, .money(let v, _)):
            return ColumnVector(.number(v.map { Double($0) / 10_000 }), validity: validity, count: count)
        case (.number, .approximateMoney(let v, _)):
            return ColumnVector(.number(v), validity: validity, count: count)
        case (.number, .constant(let value)):
            if case .number = value { return self }
            return .constant(value.doubleValue.map { .number($0) } ?? .null, count: count)
        case (.money(let currency), .int(let v)):
            return ColumnVector(.money(v.map { $0 &* 10_000 }, currency: currency), validity: validity, count: count)
        case (.money(let currency), .number(let v)):
            return ColumnVector(.approximateMoney(v, currency: currency), validity: validity, count: count)
        case (.money(let currency), .constant(.int(let v))):
            return .constant(.money(Decimal(v), currency: currency), count: count)
        case (.money(let currency), .constant(.number(let v))):
            return .constant(.money(Decimal(shortest: v), currency: currency), count: count)
        default:
            return self
        }
    }

    /// Money as Doubles in units (for a computation that cannot stay exact).
    func approximated() -> ColumnVector {
        guard case .money(let v, let currency) = values else { return self }
        return ColumnVector(.approximateMoney(v.map { Double($0) / 10_000 }, currency: currency), validity: validity, count: count)
    }
}
