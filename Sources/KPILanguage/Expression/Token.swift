/// One lexical unit of an expression and the Unicode scalars of the expression text it covers.
///
/// Offsets index `text.unicodeScalars`; the parser maps them to file positions only when it
/// builds a node or a diagnostic, so lexing never touches `SourceLocation`.
struct Token: Sendable, Equatable {
    /// What a token is.
    enum Kind: Sendable, Equatable {
        /// A number as written (`12`, `0.5`, `1e3`); `isInteger` when it has no `.` or exponent.
        case number(String, isInteger: Bool)
        /// A string literal with its escapes already decoded.
        case string(String)
        /// A name that is not a keyword.
        case identifier(String)
        case keyword(Keyword)
        case symbol(Symbol)
        /// Text the lexer could not read. The lexer stops after it; the message says what is
        /// wrong and how to fix it, and the parser reports it when it reaches this token.
        case invalid(String)
        /// The end of the text: zero-width, placed just after the last real token.
        case end
    }

    /// The reserved words; none of them can name a field, segment or metric.
    enum Keyword: String, Sendable, CaseIterable {
        case and, or, not, `in`, `is`, null, `true`, `false`, between, `where`
    }

    /// Punctuation and operators.
    enum Symbol: String, Sendable, CaseIterable {
        case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
        case comma = ",", dot = "."
        case plus = "+", minus = "-", star = "*", slash = "/", percent = "%"
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

        /// The comparison operator this symbol spells, if it is one.
        var comparison: BinaryOperator? {
            switch self {
            case .equal: return .equal
            case .notEqual: return .notEqual
            case .less: return .less
            case .lessOrEqual: return .lessOrEqual
            case .greater: return .greater
            case .greaterOrEqual: return .greaterOrEqual
            default: return nil
            }
        }
    }

    var kind: Kind
    /// Offset of the first scalar.
    var start: Int
    /// Offset just past the last scalar (equal to `start` for `.end`).
    var end: Int

    init(_ kind: Kind, start: Int, end: Int) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    /// Whether this token is `keyword`.
    func `is`(_ keyword: Keyword) -> Bool {
        if case .keyword(keyword) = kind { return true }
        return false
    }

    /// Whether this token is `symbol`.
    func `is`(_ symbol: Symbol) -> Bool {
        if case .symbol(symbol) = kind { return true }
        return false
    }

    var isEnd: Bool {
        if case .end = kind { return true }
        return false
    }
}
