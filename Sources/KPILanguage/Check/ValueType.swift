/// The type of a checked expression.
public indirect enum ValueType: Sendable, Hashable, CustomStringConvertible {
    case int
    /// A decimal or rate, evaluated as a Double.
    case number
    /// Exact money in one currency.
    case money(String)
    case bool
    case date
    case string
    /// A category with its allowed values.
    case category([String])
    /// The type of the literal `null`: compatible with everything.
    case null
    case list(ValueType)
    /// The type of an expression that already failed to check (no further errors on it).
    case error

    public var description: String {
        switch self {
        case .int: return "int"
        case .number: return "number"
        case .money(let currency): return "money[\(currency)]"
        case .bool: return "bool"
        case .date: return "date"
        case .string: return "string"
        case .category(let values): return "category[\(values.joined(separator: ", "))]"
        case .null: return "null"
        case .list(let element): return "list of \(element)"
        case .error: return "<error>"
        }
    }

    /// int or number.
    public var isNumeric: Bool { self == .int || self == .number }
    /// int, number or money.
    public var isQuantity: Bool {
        if case .money = self { return true }
        return isNumeric
    }
    public var isMoney: Bool {
        if case .money = self { return true }
        return false
    }

    /// The type of a field declared with `type`.
    public init(_ type: FieldType) {
        switch type.base {
        case .string: self = .string
        case .int: self = .int
        case .decimal: self = .number
        case .bool: self = .bool
        case .date: self = .date
        case .money(let currency): self = .money(currency)
        case .category(let values): self = .category(values)
        }
    }

    /// The common type of two branches (`if`, `coalesce`, list items), or nil when they
    /// cannot meet.
    public static func unify(_ a: ValueType, _ b: ValueType) -> ValueType? {
        switch (a, b) {
        case (.error, _), (_, .error): return .error
        case (.null, let other), (let other, .null): return other
        case (.int, .number), (.number, .int): return .number
        case (.category, .string), (.string, .category): return .string
        case (.category(let x), .category(let y)): return x == y ? a : .string
        default: return a == b ? a : nil
        }
    }
}
