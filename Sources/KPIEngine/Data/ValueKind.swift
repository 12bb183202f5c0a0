import KPILanguage

/// The representation a column's values take, for the parsing loops.
enum ValueKind: UInt8 {
    case int, decimal, money, bool, date, string, category

    /// The kind for a declared type.
    init(_ base: FieldType.Base) {
        switch base {
        case .int: self = .int
        case .decimal: self = .decimal
        case .money: self = .money
        case .bool: self = .bool
        case .date: self = .date
        case .string: self = .string
        case .category: self = .category
        }
    }
}
