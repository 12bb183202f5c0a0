/// A JSON document built in code and written with its keys in the order given, so that
/// reports have a stable, documented shape (and golden files a stable text).
enum JSONValue: Sendable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    case null
    case bool(Bool)
    case number(Double)
    /// A number already written as JSON text (an exact decimal such as money).
    case raw(String)
    case string(String)
    case array([JSONValue])
    /// Keys in the order they are written.
    case object([(String, JSONValue)])

    init(stringLiteral value: String) { self = .string(value) }
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }

    /// `value` as a string, or null.
    static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    /// `value` as a number, or null.
    static func number(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }

    /// The document, pretty-printed with two-space indents and a final newline.
    func rendered() -> String {
        var out = ""
        write(to: &out, indent: "")
        return out + "\n"
    }

    private func write(to out: inout String, indent: String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let value): out += Self.format(value)
        case .raw(let text): out += text
        case .string(let value): out += Self.quote(value)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            // Arrays of scalars stay on one line: lists of ids read better that way.
            if items.allSatisfy(\.isScalar) {
                out += "[" + items.map { item in var text = ""; item.write(to: &text, indent: ""); return text }.joined(separator: ", ") + "]"
                return
            }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += indent + "  "
                item.write(to: &out, indent: indent + "  ")
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let pairs):
            guard !pairs.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, pair) in pairs.enumerated() {
                out += indent + "  " + Self.quote(pair.0) + ": "
                pair.1.write(to: &out, indent: indent + "  ")
                out += index == pairs.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    /// Integers without a fraction; other numbers in Swift's shortest round-trip form
    /// (never rounded for display); NaN and infinities, which JSON lacks, as null.
    static func format(_ value: Double) -> String { JSONWriter.number(value) }

    /// `text` as a JSON string literal (UTF-8 kept, control characters escaped).
    static func quote(_ text: String) -> String { JSONWriter.quote(text) }
}
