public import Foundation
import KPILanguage

/// One value: the result of a metric, an aggregate, or one row of a column.
///
/// Money is a Foundation `Decimal` so that sums of money stay exact to the smallest unit;
/// money that went through inexact arithmetic (an average, times a rate) keeps at least
/// 15 significant digits.
public enum Scalar: Sendable, Hashable, CustomStringConvertible {
    /// No value (no data).
    case null
    /// A whole number (counts, sums of ints).
    case int(Int64)
    /// A decimal or a rate, as a Double.
    case number(Double)
    /// An amount of money in an ISO 4217 currency.
    case money(Decimal, currency: String)
    case bool(Bool)
    /// Days since 1970-01-01.
    case date(Int32)
    /// A string or a category value.
    case string(String)

    /// Whether this is `.null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value as a Double (money in its currency's units, a date as days since
    /// 1970-01-01, a boolean as 0 or 1), or nil for null and strings.
    public var doubleValue: Double? {
        switch self {
        case .null, .string: return nil
        case .int(let value): return Double(value)
        case .number(let value): return value
        case .money(let value, _): return value.doubleValue
        case .bool(let value): return value ? 1 : 0
        case .date(let days): return Double(days)
        }
    }

    /// The value as text, as a report would print it in full: dates `YYYY-MM-DD`, money
    /// as a plain decimal number, null as an empty string.
    public var text: String {
        switch self {
        case .null: return ""
        case .int(let value): return String(value)
        case .number(let value): return Scalar.shortest(value)
        case .money(let value, _): return value.description
        case .bool(let value): return value ? "true" : "false"
        case .date(let days): return CivilDate(days: days).description
        case .string(let value): return value
        }
    }

    /// For messages and debugging: money with its currency, strings quoted.
    public var description: String {
        switch self {
        case .null: return "null"
        case .money(let value, let currency): return "\(value.description) \(currency)"
        case .string(let value): return "\"\(value)\""
        default: return text
        }
    }

    /// The shortest text that reads back as exactly `value`, without an exponent for
    /// ordinary magnitudes (`0.1`, `5000`, `1e-07`).
    static func shortest(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }
}

// MARK: - Decimal helpers

extension Decimal {
    /// The Double nearest to this decimal (through its exact text, so correctly rounded).
    var doubleValue: Double {
        Double(description) ?? .nan
    }

    /// The decimal with the shortest text that reads back as `value`: `0.1` becomes exactly
    /// 0.1, so that money times a rate written in a formula stays exact where it can.
    init(shortest value: Double) {
        self = Decimal(string: "\(value)") ?? Decimal(value)
    }

    /// An exact amount from money stored as an integer scaled by 10 000.
    init(scaledMoney scaled: Int64) {
        self = Decimal(sign: .plus, exponent: -4, significand: Decimal(scaled))
    }

    /// This amount as an integer scaled by 10 000, when that is exact and fits.
    var exactScaledMoney: Int64? {
        var scaled = self * Decimal(10_000)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        guard rounded == scaled, let value = Int64(exactly: rounded) else { return nil }
        return value
    }

    /// Rounded to `digits` decimal places, halves away from zero.
    func rounded(digits: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, digits, .plain)
        return result
    }
}

extension Int64 {
    init?(exactly decimal: Decimal) {
        guard !decimal.isNaN, decimal <= Decimal(Int64.max), decimal >= Decimal(Int64.min) else { return nil }
        // `Decimal` prints integers without a fraction; parse the exact text.
        guard let value = Int64(decimal.description) else { return nil }
        self = value
    }
}
