import Foundation
import KPIEngine

/// Typed access to one row of an argument vector, without boxing the common cases in a
/// `Scalar`: what the module kernels read.
extension ColumnVector {
    /// Row `index` as days since 1970-01-01; nil when null or not a date.
    @inline(__always)
    func day(at index: Int) -> Int32? {
        switch values {
        case .date(let days): return isValid(index) ? days[index] : nil
        case .constant(.date(let day)): return day
        default: return nil
        }
    }

    /// Row `index` as a Double (money in its currency's units); nil when null or not a
    /// number.
    @inline(__always)
    func number(at index: Int) -> Double? {
        guard isValid(index) else { return nil }
        switch values {
        case .int(let v): return Double(v[index])
        case .number(let v): return v[index]
        case .money(let v, _): return Double(v[index]) / 10_000
        case .approximateMoney(let v, _): return v[index]
        case .constant(let scalar):
            switch scalar {
            case .int, .number, .money: return scalar.doubleValue
            default: return nil
            }
        case .bool, .date, .string: return nil
        }
    }

    /// Row `index` as an integer when it holds one (an int, or a whole number); nil
    /// otherwise.
    @inline(__always)
    func integer(at index: Int) -> Int64? {
        guard isValid(index) else { return nil }
        switch values {
        case .int(let v): return v[index]
        case .constant(.int(let value)): return value
        default:
            guard let value = number(at: index), value == value.rounded(), abs(value) < 9.0e18 else { return nil }
            return Int64(value)
        }
    }

    /// Row `index` as exact money scaled by 10 000 (an int counts as that many units);
    /// nil when null, inexact, or out of range.
    @inline(__always)
    func scaledAmount(at index: Int) -> Int64? {
        guard isValid(index) else { return nil }
        switch values {
        case .money(let v, _): return v[index]
        case .int(let v):
            let (scaled, overflow) = v[index].multipliedReportingOverflow(by: 10_000)
            return overflow ? nil : scaled
        case .constant(.money(let amount, _)): return amount.scaledBy10000
        case .constant(.int(let value)):
            let (scaled, overflow) = value.multipliedReportingOverflow(by: 10_000)
            return overflow ? nil : scaled
        default: return nil
        }
    }

    /// Row `index` as an exact decimal (money, int) or the decimal of the shortest text of
    /// a Double (number, approximate money); nil when null or not a quantity.
    func decimal(at index: Int) -> Decimal? {
        if let scaled = scaledAmount(at: index) { return Decimal(scaled10000: scaled) }
        guard isValid(index) else { return nil }
        if case .constant(.money(let amount, _)) = values { return amount }
        guard let value = number(at: index) else { return nil }
        return Decimal(shortestOf: value)
    }

    /// The currency of a money vector; nil for other types.
    var currency: String? {
        switch values {
        case .money(_, let currency), .approximateMoney(_, let currency): return currency
        case .constant(.money(_, let currency)): return currency
        default: return nil
        }
    }
}

extension Decimal {
    /// An exact amount from an integer scaled by 10 000.
    init(scaled10000 scaled: Int64) {
        self = Decimal(sign: scaled < 0 ? .minus : .plus, exponent: -4, significand: Decimal(scaled.magnitude))
    }

    /// The decimal with the shortest text that reads back as `value` (`0.1` is exactly 0.1).
    init(shortestOf value: Double) {
        self = Decimal(string: "\(value)") ?? Decimal(value)
    }

    /// This amount times 10 000 as an integer, when that is exact and fits an Int64.
    var scaledBy10000: Int64? {
        var scaled = self * 10_000
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        guard rounded == scaled, !rounded.isNaN, rounded <= Decimal(Int64.max), rounded >= Decimal(Int64.min) else { return nil }
        return Int64(rounded.description)
    }
}
