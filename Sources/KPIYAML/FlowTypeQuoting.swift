// MARK: - Contract compatibility: bracketed field types inside `{...}`
//
// The language contract (dsl.md) writes field types in flow mappings:
//
//     fields: { purchase_id: string, customer: string, date: date, amount: money[JPY] }
//
// and `category[smb, mid, ent]` may appear there too. Strict YAML rejects this: inside
// `{...}` the `[`, `]` and `,` of the type are flow indicators, not text. Files valid under
// the contract must load, so when libyaml reports a syntax error the loader retries once on
// a copy of the text in which each such type is wrapped in double quotes, and maps every
// mark of the result back to the original text (see `YAMLLoader.load`).
//
// Valid YAML never changes meaning: the retry only happens after a syntax error. The retry
// is trusted only if every inserted pair of quotes came back as exactly one double-quoted
// scalar spanning it (so none landed in a comment, a quoted string or a block scalar);
// otherwise the original error is reported.

/// The quoted copy of a text, and the map from its character indices back to the original.
///
/// All indices are libyaml character indices (Unicode scalars, not counting a leading byte
/// order mark), the unit of `yaml_mark_t.index`.
struct FlowTypeQuoting {
    /// Type names written with brackets in the contract (`money[JPY]`, `category[a, b]`).
    static let bracketedTypeNames: Set<String> = ["money", "category"]

    /// The text with every type token found wrapped in double quotes.
    let text: String
    /// Each token's span in the original text, in text order (the `?` suffix included).
    let tokens: [Range<Int>]
    /// The index of each token's opening quote in `text`, for binary search.
    private let openingQuotes: [Int]

    /// The quoted copy of `original`, or nil when it has no type token to quote.
    ///
    /// A token is quoted where all of this holds, outside comments, quoted and block scalars, and
    /// inside `{...}` or `[...]`: it is `money[...]` or `category[...]`, optionally followed
    /// by `?`; it is a mapping value (the previous non-blank on its line is `:`, with at
    /// least one blank between); and after it comes only blanks then `,`, `}`, `]`, a
    /// comment or the end of the line. The brackets hold no line break, quote, backslash,
    /// `#`, bracket or brace, so the quoted value is exactly the written token.
    init?(original: String) {
        let source = Array(original.unicodeScalars)
        var tokens: [Range<Int>] = []
        var flowDepth = 0
        var index = 0
        while index < source.count {
            let scalar = source[index]
            let startsToken = index == 0 || Self.isSpace(source[index - 1]) || "[{,".unicodeScalars.contains(source[index - 1])
            switch scalar {
            case "#" where index == 0 || Self.isSpace(source[index - 1]):
                while index < source.count, !Self.isBreak(source[index]) { index += 1 }
            case "\"" where startsToken, "'" where startsToken:
                index = Self.endOfQuoted(source, from: index)
            case "|" where startsToken, ">" where startsToken:
                index = Self.endOfBlockScalar(source, from: index) ?? index + 1
            case "{", "[":
                // In block context a bracket inside a plain scalar (`a: x[1]`) opens nothing.
                if flowDepth > 0 || startsToken { flowDepth += 1 }
                index += 1
            case "}", "]":
                flowDepth = max(0, flowDepth - 1)
                index += 1
            default:
                if flowDepth > 0, startsToken, let end = Self.typeToken(in: source, at: index) {
                    tokens.append(index..<end)
                    index = end
                } else {
                    index += 1
                }
            }
        }
        guard !tokens.isEmpty else { return nil }

        var quoted = String.UnicodeScalarView()
        var copied = 0
        for token in tokens {
            quoted.append(contentsOf: source[copied..<token.lowerBound])
            quoted.append("\"")
            quoted.append(contentsOf: source[token])
            quoted.append("\"")
            copied = token.upperBound
        }
        quoted.append(contentsOf: source[copied...])
        text = String(quoted)

        // libyaml's indices do not count a leading byte order mark.
        let bom = source.first == "\u{FEFF}" ? 1 : 0
        self.tokens = tokens.map { ($0.lowerBound - bom)..<($0.upperBound - bom) }
        openingQuotes = self.tokens.enumerated().map { $0.element.lowerBound + 2 * $0.offset }
    }

    // MARK: - Mapping marks back

    /// The original index of character `index` of the quoted text.
    ///
    /// Each token before it adds two quotes; inside a token only its opening quote counts.
    /// An opening quote maps to the token's first character, a closing quote to just past
    /// its last one.
    func originalIndex(ofQuotedIndex index: Int) -> Int {
        guard let token = lastToken(openingAtOrBefore: index) else { return index }
        let open = openingQuotes[token]
        let close = tokens[token].upperBound + 2 * token + 1
        if index == open { return tokens[token].lowerBound }
        if index <= close { return index - 2 * token - 1 }
        return index - 2 * (token + 1)
    }

    /// True when quoted-text indices `start..<end` are exactly one token with its quotes.
    func isQuotedToken(start: Int, end: Int) -> Bool {
        guard let token = lastToken(openingAtOrBefore: start), openingQuotes[token] == start else { return false }
        return end == tokens[token].upperBound + 2 * token + 2
    }

    /// The last token whose opening quote is at or before quoted-text `index`.
    private func lastToken(openingAtOrBefore index: Int) -> Int? {
        var low = 0
        var high = openingQuotes.count
        while low < high {
            let middle = (low + high) / 2
            if openingQuotes[middle] <= index {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low > 0 ? low - 1 : nil
    }

    // MARK: - Finding tokens

    /// The end of a type token starting at `start`, or nil when none starts there.
    private static func typeToken(in source: [Unicode.Scalar], at start: Int) -> Int? {
        var index = start
        while index < source.count, isIdentifierScalar(source[index]) {
            index += 1
        }
        let name = String(String.UnicodeScalarView(source[start..<index]))
        guard bracketedTypeNames.contains(name), index < source.count, source[index] == "[" else { return nil }
        index += 1
        while index < source.count, source[index] != "]" {
            if isBreak(source[index]) || "[]{}\"\\#".unicodeScalars.contains(source[index]) { return nil }
            index += 1
        }
        guard index < source.count else { return nil }
        index += 1
        if index < source.count, source[index] == "?" { index += 1 }
        let end = index

        // A mapping value: `:`, at least one blank, then the token.
        var before = start - 1
        while before >= 0, isBlank(source[before]) { before -= 1 }
        guard before >= 0, before < start - 1, source[before] == ":" else { return nil }

        // Followed by the end of the entry or of the line.
        while index < source.count, isBlank(source[index]) { index += 1 }
        guard index < source.count else { return end }
        let next = source[index]
        guard isBreak(next) || ",}]".unicodeScalars.contains(next) || (next == "#" && index > end) else { return nil }
        return end
    }

    /// Where the quoted scalar opening at `start` ends (just past its closing quote).
    private static func endOfQuoted(_ source: [Unicode.Scalar], from start: Int) -> Int {
        let quote = source[start]
        var index = start + 1
        while index < source.count {
            let scalar = source[index]
            if quote == "\"", scalar == "\\" {
                index += 2
            } else if quote == "'", scalar == "'", index + 1 < source.count, source[index + 1] == "'" {
                index += 2
            } else if scalar == quote {
                return index + 1
            } else {
                index += 1
            }
        }
        return source.count
    }

    /// Where the block scalar whose header (`|`, `>-`, `|2+`...) is at `start` ends, or nil
    /// when no header is there. Its lines are the blank ones and those indented more than
    /// the header's line, a close enough reading to keep its text out of the search.
    private static func endOfBlockScalar(_ source: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start + 1
        while index < source.count, "+-0123456789".unicodeScalars.contains(source[index]) { index += 1 }
        while index < source.count, isBlank(source[index]) { index += 1 }
        if index < source.count, source[index] == "#" {
            while index < source.count, !isBreak(source[index]) { index += 1 }
        }
        guard index == source.count || isBreak(source[index]) else { return nil }

        var lineStart = start
        while lineStart > 0, !isBreak(source[lineStart - 1]) { lineStart -= 1 }
        let headerIndent = indentation(source, lineStart: lineStart)
        while index < source.count {
            let next = index + 1  // past the line break
            var lineEnd = next
            while lineEnd < source.count, !isBreak(source[lineEnd]) { lineEnd += 1 }
            let indent = indentation(source, lineStart: next)
            let isBlankLine = source[next..<lineEnd].allSatisfy(isBlank)
            guard isBlankLine || indent > headerIndent else { break }
            index = lineEnd
        }
        return index
    }

    /// The number of spaces a line starts with.
    private static func indentation(_ source: [Unicode.Scalar], lineStart: Int) -> Int {
        var index = lineStart
        while index < source.count, source[index] == " " { index += 1 }
        return index - lineStart
    }

    private static func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_")
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t"
    }

    private static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// A blank or a line break.
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        isBlank(scalar) || isBreak(scalar)
    }
}
