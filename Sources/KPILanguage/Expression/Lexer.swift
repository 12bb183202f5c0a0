/// Splits the text of an expression into tokens.
///
/// Works on the Unicode scalars of the text by index, in one pass and without regular
/// expressions. Lexing stops at the first text it cannot read: that becomes an `.invalid`
/// token carrying the message, followed by `.end`. Common slips from other languages
/// (`=`, `&&`, `||`, `!`, `<>`, single quotes, `1_000`) get a message that names the fix.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    /// Every token of `scalars`, always ending with exactly one `.end`.
    static func tokenize(_ scalars: [Unicode.Scalar]) -> [Token] {
        var lexer = Lexer(scalars)
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 3 + 1)
        var lastEnd = 0
        while true {
            let token = lexer.next()
            switch token.kind {
            case .end:
                tokens.append(Token(.end, start: lastEnd, end: lastEnd))
                return tokens
            case .invalid:
                tokens.append(token)
                tokens.append(Token(.end, start: token.end, end: token.end))
                return tokens
            default:
                tokens.append(token)
                lastEnd = token.end
            }
        }
    }

    /// The next token, or `.end` once the text is used up.
    mutating func next() -> Token {
        skipWhitespace()
        let start = index
        guard let scalar = peek() else { return Token(.end, start: start, end: start) }
        switch scalar {
        case "0"..."9":
            return number()
        case "a"..."z", "A"..."Z", "_":
            return word()
        case "\"":
            return string()
        case "(": return symbol(.leftParen, length: 1)
        case ")": return symbol(.rightParen, length: 1)
        case "[": return symbol(.leftBracket, length: 1)
        case "]": return symbol(.rightBracket, length: 1)
        case ",": return symbol(.comma, length: 1)
        case ".": return symbol(.dot, length: 1)
        case "+": return symbol(.plus, length: 1)
        case "-": return symbol(.minus, length: 1)
        case "*": return symbol(.star, length: 1)
        case "/": return symbol(.slash, length: 1)
        case "%": return symbol(.percent, length: 1)
        case "<":
            if peek(1) == "=" { return symbol(.lessOrEqual, length: 2) }
            if peek(1) == ">" { return invalid("`<>` is not an operator; did you mean `!=`?", length: 2) }
            return symbol(.less, length: 1)
        case ">":
            if peek(1) == "=" { return symbol(.greaterOrEqual, length: 2) }
            return symbol(.greater, length: 1)
        case "=":
            switch peek(1) {
            case "=": return symbol(.equal, length: 2)
            case "<": return invalid("`=<` is not an operator; did you mean `<=`?", length: 2)
            case ">": return invalid("`=>` is not an operator; did you mean `>=`?", length: 2)
            default: return invalid("`=` is not an operator; did you mean `==`?", length: 1)
            }
        case "!":
            if peek(1) == "=" { return symbol(.notEqual, length: 2) }
            return invalid("`!` is not an operator; did you mean `not`?", length: 1)
        case "&":
            let length = peek(1) == "&" ? 2 : 1
            return invalid("`\(String(repeating: "&", count: length))` is not an operator; did you mean `and`?", length: length)
        case "|":
            let length = peek(1) == "|" ? 2 : 1
            return invalid("`\(String(repeating: "|", count: length))` is not an operator; did you mean `or`?", length: length)
        case "'":
            return invalid("strings are written in double quotes: `\"text\"`, not `'text'`", length: 1)
        case "\u{201C}", "\u{201D}", "\u{201E}", "\u{2018}", "\u{2019}":
            return invalid("unexpected character `\(scalar)` in expression; strings are written in straight double quotes `\"`", length: 1)
        default:
            return invalid(Self.unexpectedCharacterMessage(scalar), length: 1)
        }
    }

    // MARK: - Token kinds

    /// `12`, `0.5`, `1e3`, `2.5E-3`. A number running straight into letters or `_` is one
    /// invalid token, so `1_000` is reported as a whole rather than as `1` then `_000`.
    private mutating func number() -> Token {
        let start = index
        var isInteger = true
        skipDigits()
        if peek() == "." {
            guard let next = peek(1), Self.isDigit(next) else {
                index += 1
                let written = text(start, index)
                return Token(
                    .invalid("`\(written)` needs digits after the `.`; write `\(written)0` or `\(written.dropLast())`"),
                    start: start, end: index)
            }
            isInteger = false
            index += 1
            skipDigits()
        }
        if peek() == "e" || peek() == "E" {
            if let next = peek(1), Self.isDigit(next) {
                isInteger = false
                index += 1
                skipDigits()
            } else if peek(1) == "+" || peek(1) == "-", let next = peek(2), Self.isDigit(next) {
                isInteger = false
                index += 2
                skipDigits()
            }
        }
        if let next = peek(), Self.isIdentifierContinue(next) || (next == "." && peek(1).map(Self.isDigit) == true) {
            return invalidNumber(from: start)
        }
        return Token(.number(text(start, index), isInteger: isInteger), start: start, end: index)
    }

    /// The message for a number glued to letters, `_` or a second fraction.
    private mutating func invalidNumber(from start: Int) -> Token {
        while let next = peek(), Self.isIdentifierContinue(next) || next == "." { index += 1 }
        let written = text(start, index)
        let message: String
        if written.unicodeScalars.contains("_"),
            written.unicodeScalars.allSatisfy({ Self.isDigit($0) || $0 == "_" || $0 == "." }) {
            let plain = String(written.unicodeScalars.filter { $0 != "_" }.map(Character.init))
            message = "numbers cannot contain `_`; write `\(plain)`"
        } else {
            message = "`\(written)` is neither a number nor a name; names start with a letter or `_`"
        }
        return Token(.invalid(message), start: start, end: index)
    }

    /// A name or a keyword: `[A-Za-z_][A-Za-z0-9_]*`.
    private mutating func word() -> Token {
        let start = index
        index += 1
        while let next = peek(), Self.isIdentifierContinue(next) { index += 1 }
        let word = text(start, index)
        if let keyword = Token.Keyword(rawValue: word) {
            return Token(.keyword(keyword), start: start, end: index)
        }
        return Token(.identifier(word), start: start, end: index)
    }

    /// `"..."` with the escapes `\"`, `\\`, `\n` and `\t`.
    private mutating func string() -> Token {
        let start = index
        index += 1
        var value = String.UnicodeScalarView()
        while let scalar = peek() {
            switch scalar {
            case "\"":
                index += 1
                return Token(.string(String(value)), start: start, end: index)
            case "\\":
                guard let escaped = peek(1) else {
                    index += 1
                    continue
                }
                switch escaped {
                case "\"": value.append("\"")
                case "\\": value.append("\\")
                case "n": value.append("\n")
                case "t": value.append("\t")
                default:
                    return Token(
                        .invalid("unknown escape `\\\(escaped)` in a string; the escapes are `\\\"`, `\\\\`, `\\n` and `\\t`"),
                        start: index, end: index + 2)
                }
                index += 2
            default:
                value.append(scalar)
                index += 1
            }
        }
        return Token(.invalid("string literal is not closed; add a closing `\"`"), start: start, end: index)
    }

    private mutating func symbol(_ symbol: Token.Symbol, length: Int) -> Token {
        let start = index
        index += length
        return Token(.symbol(symbol), start: start, end: index)
    }

    private mutating func invalid(_ message: String, length: Int) -> Token {
        let start = index
        index += length
        return Token(.invalid(message), start: start, end: index)
    }

    // MARK: - Scanning

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let position = index + offset
        return position < scalars.count ? scalars[position] : nil
    }

    private mutating func skipWhitespace() {
        while let scalar = peek(), scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
            index += 1
        }
    }

    private mutating func skipDigits() {
        while let scalar = peek(), Self.isDigit(scalar) { index += 1 }
    }

    /// The text of `scalars[start..<end]`. Names and numbers are ASCII, so their bytes are
    /// written straight into the string (short ones fit in the string itself, no allocation).
    private func text(_ start: Int, _ end: Int) -> String {
        var isASCII = true
        for index in start..<end where !scalars[index].isASCII {
            isASCII = false
            break
        }
        guard isASCII else {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<end])
            return String(view)
        }
        return String(unsafeUninitializedCapacity: end - start) { buffer in
            for index in start..<end { buffer[index - start] = UInt8(truncatingIfNeeded: scalars[index].value) }
            return end - start
        }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    private static func isIdentifierContinue(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_": return true
        default: return false
        }
    }

    /// Invisible characters (a no-break space pasted from a document, a zero-width space)
    /// are named by code point, since printing them would show nothing.
    private static func unexpectedCharacterMessage(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        if scalar.properties.isWhitespace {
            return "unexpected whitespace character \(code) in expression; use a plain space"
        }
        switch scalar.properties.generalCategory {
        case .control, .format, .privateUse, .unassigned, .surrogate, .lineSeparator, .paragraphSeparator:
            return "unexpected invisible character \(code) in expression; delete it"
        default:
            return "unexpected character `\(scalar)` in expression"
        }
    }
}
