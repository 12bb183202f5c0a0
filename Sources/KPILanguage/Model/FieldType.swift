/// The declared type of a source field: `string`, `int`, `decimal`, `bool`, `date`,
/// `money[JPY]`, `category[a, b]`, each optionally nullable (`date?`).
public struct FieldType: Sendable, Hashable, CustomStringConvertible {
    public enum Base: Sendable, Hashable {
        case string
        case int
        case decimal
        case bool
        case date
        /// An ISO 4217 currency code, upper case.
        case money(currency: String)
        /// The allowed values, in declared order.
        case category([String])
    }

    public var base: Base
    public var nullable: Bool

    public init(_ base: Base, nullable: Bool = false) {
        self.base = base
        self.nullable = nullable
    }

    public var description: String {
        let text: String
        switch base {
        case .string: text = "string"
        case .int: text = "int"
        case .decimal: text = "decimal"
        case .bool: text = "bool"
        case .date: text = "date"
        case .money(let currency): text = "money[\(currency)]"
        case .category(let values): text = "category[\(values.joined(separator: ", "))]"
        }
        return nullable ? text + "?" : text
    }
}
