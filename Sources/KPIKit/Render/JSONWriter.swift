import Foundation

/// A small JSON writer that keeps numbers exact: money is written as the decimal it is,
/// doubles with the shortest text that reads back to the same value, never rounded.
struct JSONWriter {
    private(set) var output = ""
    private var indent = 0
    private let pretty: Bool
    private var needsComma: [Bool] = [false]

    init(pretty: Bool = true) {
        self.pretty = pretty
    }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        open("{")
        body(&self)
        close("}")
    }

    mutating func array(_ body: (inout JSONWriter) -> Void) {
        open("[")
        body(&self)
        close("]")
    }

    /// Starts a member of the enclosing object: `"key": `.
    mutating func key(_ name: String) {
        separate()
        output += Self.quote(name) + (pretty ? ": " : ":")
        needsComma[needsComma.count - 1] = false
        pendingValue = true
    }

    private var pendingValue = false

    mutating func string(_ value: String?) { raw(value.map(Self.quote) ?? "null") }
    mutating func int(_ value: Int?) { raw(value.map(String.init) ?? "null") }
    mutating func bool(_ value: Bool?) { raw(value.map { $0 ? "true" : "false" } ?? "null") }
    mutating func double(_ value: Double?) { raw(value.map(Self.number) ?? "null") }
    mutating func null() { raw("null") }

    /// A value already in JSON form (a number, `null`).
    mutating func raw(_ text: String) {
        separate()
        output += text
        needsComma[needsComma.count - 1] = true
    }

    private mutating func open(_ bracket: String) {
        separate()
        output += bracket
        needsComma.append(false)
        indent += 1
    }

    private mutating func close(_ bracket: String) {
        let hadMembers = needsComma.removeLast()
        indent -= 1
        if pretty, hadMembers { output += "\n" + String(repeating: "  ", count: indent) }
        output += bracket
        needsComma[needsComma.count - 1] = true
    }

    private mutating func separate() {
        if pendingValue {
            pendingValue = false
            return
        }
        if needsComma[needsComma.count - 1] { output += "," }
        if pretty, needsComma.count > 1 { output += "\n" + String(repeating: "  ", count: indent) }
    }

    /// A finite double as JSON (NaN and infinity have no JSON form: null).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// `text` as a JSON string literal (UTF-8 kept, control characters escaped).
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
