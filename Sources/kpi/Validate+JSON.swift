import ArgumentParser
import KPIKit

// MARK: - Machine-readable output

extension KPI.Validate {
    /// How `kpi validate` prints diagnostics.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        /// `path:line:column: error: message`, the source line and a caret (standard error).
        case text
        /// One JSON object a line on standard output, for tools and the `lint-kpis` plugin:
        /// `{"severity", "code", "message", "path", "line", "column", "endLine",
        /// "endColumn", "notes"}`, positions 1-based, null when there is no place.
        case json
    }

    /// Prints `diagnostics` as JSON lines on standard output.
    static func writeJSONLines(_ diagnostics: [Diagnostic]) {
        let lines = diagnostics.map { jsonLine(KPIDiagnostic($0)) }
        Terminal.standardOutput.write(lines.map { $0 + "\n" }.joined())
    }

    /// A module interface file that cannot be read, as one JSON line.
    static func writeJSONLine(_ error: ModuleInterfaceError) {
        let diagnostic = KPIDiagnostic(severity: .error, code: "module-interface", message: error.message, path: error.path)
        Terminal.standardOutput.write(jsonLine(diagnostic) + "\n")
    }

    /// One diagnostic as a JSON object on one line, members in a fixed order.
    static func jsonLine(_ diagnostic: KPIDiagnostic) -> String {
        var members = [
            member("severity", string(diagnostic.severity.rawValue)),
            member("code", string(diagnostic.code)),
            member("message", string(diagnostic.message)),
            member("path", diagnostic.path.map(string) ?? "null"),
            member("line", number(diagnostic.line)),
            member("column", number(diagnostic.column)),
            member("endLine", number(diagnostic.endLine)),
            member("endColumn", number(diagnostic.endColumn)),
        ]
        let notes = diagnostic.notes.map { note in
            "{" + [
                member("message", string(note.message)),
                member("path", note.path.map(string) ?? "null"),
                member("line", number(note.line)),
                member("column", number(note.column)),
            ].joined(separator: ",") + "}"
        }
        members.append(member("notes", "[" + notes.joined(separator: ",") + "]"))
        return "{" + members.joined(separator: ",") + "}"
    }

    private static func member(_ key: String, _ value: String) -> String {
        string(key) + ":" + value
    }

    private static func number(_ value: Int?) -> String {
        value.map(String.init) ?? "null"
    }

    /// A JSON string: quotes, backslashes and control characters escaped.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
