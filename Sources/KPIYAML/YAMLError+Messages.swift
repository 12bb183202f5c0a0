// MARK: - Message catalogue
//
// Every error the loader reports is built here, so the wording stays consistent and each
// message says how to fix the problem (house style rule 10).

extension YAMLError {
    /// The input is bigger than the limit; reported at 1:1 before any parsing.
    static func tooLarge(byteCount: Int, limit: Int, file: SourceFile) -> YAMLError {
        YAMLError(
            code: .tooLarge,
            message: "the file is \(byteCount) bytes, more than the limit of \(limit) bytes; split it into smaller files",
            range: .point(1, 1, in: file)
        )
    }

    /// Mappings and sequences nest deeper than the limit.
    static func tooDeep(limit: Int, at range: SourceRange) -> YAMLError {
        YAMLError(
            code: .tooDeep,
            message: "nesting deeper than \(limit) levels; flatten the structure (a definition needs only a few levels)",
            range: range
        )
    }

    /// Expanding an alias would take the document past the node limit.
    static func aliasExpansion(limit: Int, alias name: String, at range: SourceRange) -> YAMLError {
        YAMLError(
            code: .aliasExpansion,
            message: "alias expansion exceeds \(limit) nodes (a 'billion laughs' document?); "
                + "`*\(name)` and the aliases before it copy too much, write the values out or use fewer aliases",
            range: range
        )
    }

    /// An alias whose anchor is not (yet) defined.
    static func unknownAlias(_ name: String, at range: SourceRange) -> YAMLError {
        YAMLError(
            code: .unknownAlias,
            message: "unknown alias `*\(name)`; define the anchor `&\(name)` on a node before this alias, in the same document",
            range: range
        )
    }

    /// An alias inside the very node its anchor is on.
    static func recursiveAlias(_ name: String, at range: SourceRange, anchor: SourceRange) -> YAMLError {
        YAMLError(
            code: .unknownAlias,
            message: "alias `*\(name)` refers to a node that contains it; recursive structures are not allowed",
            range: range,
            notes: [("the anchor `&\(name)` is on the node that starts here", anchor)]
        )
    }

    /// A key that already appeared in the same mapping.
    static func duplicateKey(_ key: String, first: SourceRange, at range: SourceRange) -> YAMLError {
        let shown = quotedKey(key)
        return YAMLError(
            code: .duplicateKey,
            message: "duplicate key \(shown) in this mapping; each key may appear once (first at \(first.start))",
            range: range,
            notes: [("the first \(shown) is here", first)]
        )
    }

    /// A mapping or sequence used as a mapping key.
    static func complexKey(_ kind: String, at range: SourceRange) -> YAMLError {
        YAMLError(
            code: .complexKey,
            message: "\(kind) is used as a mapping key; keys must be plain text such as `name`",
            range: range
        )
    }

    /// A scanner or parser error from libyaml, with a hint for the common ones.
    ///
    /// `context` is libyaml's "while parsing a block mapping" (or nil); `nextCharacter` is
    /// the character at the problem, used to recognise tabs.
    static func syntax(
        problem: String,
        at range: SourceRange,
        context: (text: String, range: SourceRange)?,
        nextCharacter: Unicode.Scalar?
    ) -> YAMLError {
        var message = "YAML syntax error: \(problem)"
        var notes: [(message: String, range: SourceRange)] = []
        if let context {
            message += " (\(context.text) started at \(context.range.start))"
            notes.append(("\(subject(ofContext: context.text)) started here", context.range))
        }
        if let hint = syntaxHint(problem: problem, nextCharacter: nextCharacter) {
            message += "; \(hint)"
        }
        return YAMLError(code: .syntax, message: message, range: range, notes: notes)
    }

    /// A character libyaml's reader refused (a control character, or bad UTF-8).
    static func unreadableText(problem: String, byte: Int?, at location: SourceLocation, file: SourceFile) -> YAMLError {
        let range = SourceRange(file: file, start: location, end: location)
        if problem.hasPrefix("control characters") {
            let code = byte.map { hex($0, width: 4) }
            let character = code.map { "U+\($0)" } ?? "a character"
            let escape = code.map { "`\\u\($0)`" } ?? "an escape"
            return YAMLError(
                code: .encoding,
                message: "the file contains \(character), a control character YAML does not allow; "
                    + "remove it, or write it as \(escape) inside double quotes",
                range: range
            )
        }
        // libyaml gives the bad byte for UTF-8 problems, the code point for the others.
        let detail = byte.map { problem.contains("octet") || problem == "invalid UTF-8" ? " (byte 0x\(hex($0, width: 2)))" : " (U+\(hex($0, width: 4)))" } ?? ""
        return YAMLError(
            code: .encoding,
            message: "the file is not valid UTF-8: \(problem)\(detail); save it as UTF-8 text",
            range: range
        )
    }

    /// A file that starts with a UTF-16 byte order mark.
    static func utf16(file: SourceFile) -> YAMLError {
        YAMLError(
            code: .encoding,
            message: "the file is UTF-16 text; save it as UTF-8",
            range: .point(1, 1, in: file)
        )
    }

    /// libyaml ran out of memory (in practice only for absurd inputs).
    static func outOfMemory(file: SourceFile) -> YAMLError {
        YAMLError(
            code: .tooLarge,
            message: "ran out of memory while reading this file; split it into smaller files",
            range: .point(1, 1, in: file)
        )
    }

    // MARK: - Wording helpers

    /// `foo` in backticks, shortened when long and with line breaks made visible.
    private static func quotedKey(_ key: String) -> String {
        var text = key.replacingLineBreaks()
        if text.unicodeScalars.count > 60 {
            text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(57))) + "..."
        }
        return "`\(text)`"
    }

    /// "while parsing a block mapping" -> "the block mapping".
    private static func subject(ofContext context: String) -> String {
        var text = Substring(context)
        for prefix in ["while parsing ", "while scanning "] where text.hasPrefix(prefix) {
            text = text.dropFirst(prefix.count)
        }
        for article in ["a ", "an "] where text.hasPrefix(article) {
            return "the " + text.dropFirst(article.count)
        }
        return String(text)
    }

    /// How to fix the syntax errors people actually make; nil when there is nothing useful to add.
    private static func syntaxHint(problem: String, nextCharacter: Unicode.Scalar?) -> String? {
        if problem.contains("tab character") || (problem.hasPrefix("found character that cannot start") && nextCharacter == "\t") {
            return "indent with spaces, not tabs (YAML does not allow tabs in indentation)"
        }
        switch problem {
        case "did not find expected key":
            return "check the indentation: every key of a mapping must start in the same column"
        case "mapping values are not allowed in this context":
            return "quote a value that contains `: `, or start a nested mapping on a new, indented line"
        case "could not find expected ':'":
            return "a key must be followed by `:`; if this line continues the text above, indent it more or quote the text"
        case "did not find expected '-' indicator":
            return "every item of a list must start with `- ` in the same column"
        case "block sequence entries are not allowed in this context":
            return "start the list on a new line below its key, or quote a value that starts with `- `"
        case "did not find expected ',' or ']'":
            return "separate the items of a `[...]` list with commas and close it with `]`"
        case "did not find expected ',' or '}'":
            return "separate the pairs of a `{...}` mapping with commas and close it with `}`"
        case "found unexpected end of stream":
            return "close the quoted text with the same quote it starts with"
        case "found unknown escape character":
            return "inside double quotes write a backslash as `\\\\`, or use single quotes"
        case "found character that cannot start any token":
            switch nextCharacter {
            case "@", "`":
                return "`@` and backquotes are reserved in YAML; quote a value that starts with one"
            case "|", ">":
                return "a `|` or `>` block cannot appear inside `[...]` or `{...}`; use a quoted string there"
            default:
                return "quote the value to write it as text"
            }
        case "did not find expected node content":
            return "a value is missing here; write one, or quote the text"
        case "found undefined tag handle":
            return "use `!!` tags such as `!!str`, or declare the handle with a %TAG directive"
        default:
            return nil
        }
    }

    private static func hex(_ value: Int, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension SourceRange {
    /// A zero-width range at a 1-based line and column.
    static func point(_ line: Int, _ column: Int, in file: SourceFile) -> SourceRange {
        let location = SourceLocation(line: line, column: column)
        return SourceRange(file: file, start: location, end: location)
    }
}

extension String {
    /// The text with line breaks and tabs written as `\n`, `\r`, `\t`, for one-line messages.
    fileprivate func replacingLineBreaks() -> String {
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
