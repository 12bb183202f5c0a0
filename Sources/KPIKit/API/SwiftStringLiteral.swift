import Foundation

/// Swift string literals that hold a text exactly, for embedding definition files.
enum SwiftStringLiteral {
    /// A multi-line raw literal (`#"""` … `"""#`) indented by `indent`, which reads back
    /// as exactly `text`; an escaped one-line literal when the text has characters a
    /// multi-line literal would change (carriage returns, other control characters).
    static func literal(_ text: String, indent: String) -> String {
        let unsafe = text.unicodeScalars.contains { scalar in
            (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || scalar.value == 0x7F
        }
        if unsafe { return escaped(text) }
        let hashes = String(repeating: "#", count: hashCount(for: text))
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(line.isEmpty ? "" : indent + line)
        }
        return "\(hashes)\"\"\"\n" + lines.joined(separator: "\n") + "\n\(indent)\"\"\"\(hashes)"
    }

    /// One more `#` than the longest run after a quote or backslash, so neither a `"""`
    /// nor an escape in the text can end the literal or start an interpolation.
    static func hashCount(for text: String) -> Int {
        var longest = 0
        var run = -1
        for character in text {
            if character == "\"" || character == "\\" {
                run = 0
            } else if character == "#", run >= 0 {
                run += 1
                longest = max(longest, run)
            } else {
                run = -1
            }
        }
        return longest + 1
    }

    /// `"…"` with escapes.
    static func escaped(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Text for a `///` comment: one line, no trailing spaces.
    static func comment(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}

private extension Substring {
    func trimmingCharacters(in set: CharacterSet) -> String {
        String(self).trimmingCharacters(in: set)
    }
}
