public import KPIYAML

/// A parsed expression: the syntax tree of a `formula`, `derived` field, segment, health
/// `value`, signal `when` or grouped-source field, with the exact file span of every node.
public indirect enum ExpressionKind: Sendable {
    /// A number literal as written (`12`, `0.5`); `isInteger` when it has no `.` or exponent.
    case number(String, isInteger: Bool)
    case string(String)
    case bool(Bool)
    case null
    /// `[a, b, ...]`
    case list([Expression])
    /// A bare or dotted name: `mrr`, `accounts.mrr`, `period.start`, `health.band`.
    /// Each part keeps its own span.
    case name([NamePart])
    /// `-x`, `not x`
    case unary(UnaryOperator, Expression)
    /// `a + b`, `a and b`, `a == b`, ...
    case binary(BinaryOperator, Expression, Expression)
    /// `x in [..]` (the right side is any expression; the checker wants a list) or
    /// `x not in [..]`.
    case inList(Expression, Expression, negated: Bool)
    /// `x in period`
    case inPeriod(Expression)
    /// `x between a and b` (inclusive)
    case between(Expression, Expression, Expression)
    /// `x is null` / `x is not null`
    case isNull(Expression, negated: Bool)
    /// `f(a, b)`; `name` is the function name with its span.
    case call(NamePart, [Expression])
    /// `e where p` — only meaningful as an aggregate's argument (`count(accounts where p)`).
    case filtered(Expression, Expression)
}

public struct NamePart: Sendable, Hashable {
    public var text: String
    public var range: SourceRange
    public init(text: String, range: SourceRange) {
        self.text = text
        self.range = range
    }
}

public enum UnaryOperator: String, Sendable {
    case negate = "-"
    case not = "not"
}

public enum BinaryOperator: String, Sendable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"

    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return true
        default: return false
        }
    }

    public var isArithmetic: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide, .remainder: return true
        default: return false
        }
    }
}

/// A node of an expression tree with its span in the definition file.
public struct Expression: Sendable {
    public var kind: ExpressionKind
    public var range: SourceRange

    public init(_ kind: ExpressionKind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}
