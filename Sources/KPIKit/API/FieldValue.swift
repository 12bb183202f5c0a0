public import Foundation

/// One value handed to a ``TableBuilder``, converted to the type its column declares.
///
/// Literals work, so rows read like data: `["account_id": "a1", "mrr": 1200,
/// "signup_date": "2026-01-05", "nps": nil]`. Text is read the way a CSV cell is (a date as
/// `YYYY-MM-DD`, money as a plain decimal number), so rows from a text-based store fit as
/// they are.
public enum FieldValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral
{
    /// No value; allowed in a nullable field (`date?`) only.
    case null
    /// Text: a `string` or `category` value, or the text of any other type.
    case string(String)
    /// A whole number: `int`, `decimal` or `money`.
    case int(Int64)
    /// A binary floating-point number: `decimal`, or `money` through its shortest text
    /// (`0.1` is exactly 0.1).
    case double(Double)
    /// An exact decimal number: `decimal`, or exact `money` (at most 4 decimal places).
    case decimal(Decimal)
    /// Money in a currency, which must be the column's.
    case money(Decimal, currency: String)
    /// A boolean.
    case bool(Bool)
    /// A date, as days since 1970-01-01.
    case date(days: Int32)

    /// `text`: `"cms"`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A whole number: `12`.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// A number: `0.5`.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// A boolean: `true`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// No value: `nil`.
    public init(nilLiteral: ()) { self = .null }

    /// A calendar date.
    /// - Parameters:
    ///   - year: the year (`2026`).
    ///   - month: the month, 1...12.
    ///   - day: the day of the month, 1...31.
    /// - Returns: the date value.
    public static func date(year: Int, month: Int, day: Int) -> FieldValue {
        .date(days: Int32(ISODate.days(year: year, month: month, day: day)))
    }

    /// The value of an engine scalar (a value from a result, or read from a table).
    /// - Parameter scalar: the scalar.
    public init(_ scalar: Scalar) {
        switch scalar {
        case .null: self = .null
        case .int(let value): self = .int(value)
        case .number(let value): self = .double(value)
        case .money(let value, let currency): self = .money(value, currency: currency)
        case .bool(let value): self = .bool(value)
        case .date(let days): self = .date(days: days)
        case .string(let value): self = .string(value)
        }
    }

    /// How the value is described in an error message.
    var summary: String {
        switch self {
        case .null: return "null"
        case .string(let value): return "the text \"\(value)\""
        case .int(let value): return "the int \(value)"
        case .double(let value): return "the number \(value)"
        case .decimal(let value): return "the decimal \(value)"
        case .money(let value, let currency): return "the money \(value) \(currency)"
        case .bool(let value): return "the bool \(value)"
        case .date(let days): return "the date \(days) days after 1970-01-01"
        }
    }
}
