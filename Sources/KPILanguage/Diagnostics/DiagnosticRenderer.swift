public import KPIYAML

/// Renders diagnostics in the compiler format:
///
/// ```
/// kpi-definitions/cms.yaml:12:27: error: unknown field `churnd_date`; did you mean `churned_date`?
///    formula: count(accounts where churnd_date in period)
///                                  ^~~~~~~~~~~
/// ```
public struct DiagnosticRenderer: Sendable {
    /// Wrap the severity in ANSI colours (for a terminal).
    public var colors: Bool

    public init(colors: Bool = false) {
        self.colors = colors
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    /// One diagnostic: the headline, the source line with a caret, then notes.
    public func render(_ diagnostic: Diagnostic) -> String {
        var out = "\(diagnostic.locationDescription): \(severityLabel(diagnostic.severity)): \(diagnostic.message)\n"
        if let range = diagnostic.range {
            out += snippet(range)
        }
        for note in diagnostic.notes {
            if let range = note.range {
                out += "\(range.description): \(severityLabel(.note)): \(note.message)\n"
            } else {
                out += "  \(severityLabel(.note)): \(note.message)\n"
            }
        }
        return out
    }

    /// The source line of `range.start` and a caret line under the span (`^~~~`).
    public func snippet(_ range: SourceRange) -> String {
        let line = range.file.line(range.start.line)
        let text = String(line).replacingTabs()
        var caret = ""
        var column = 1
        for scalar in line.unicodeScalars {
            if column >= range.start.column { break }
            caret += scalar == "\t" ? "    " : String(repeating: " ", count: scalar.displayWidth)
            column += 1
        }
        caret += colors ? "\u{1B}[1;32m^" : "^"
        if range.end.line == range.start.line, range.end.column > range.start.column + 1 {
            var width = 0
            var index = 1
            for scalar in line.unicodeScalars {
                if index > range.start.column, index < range.end.column { width += scalar.displayWidth }
                index += 1
            }
            caret += String(repeating: "~", count: width)
        }
        if colors { caret += "\u{1B}[0m" }
        return "\(text)\n\(caret)\n"
    }

    private func severityLabel(_ severity: Diagnostic.Severity) -> String {
        guard colors else { return severity.rawValue }
        switch severity {
        case .error: return "\u{1B}[1;31merror\u{1B}[0m"
        case .warning: return "\u{1B}[1;35mwarning\u{1B}[0m"
        case .note: return "\u{1B}[1;36mnote\u{1B}[0m"
        }
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        var out = ""
        for character in self { out += character == "\t" ? "    " : String(character) }
        return out
    }
}

extension Unicode.Scalar {
    /// Terminal cells taken by this scalar: 2 for East Asian wide characters, 0 for
    /// combining marks, 1 otherwise. Enough to put a caret under Japanese text.
    var displayWidth: Int {
        switch value {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: return 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default: return 1
        }
    }
}
