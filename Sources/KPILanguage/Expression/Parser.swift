public import KPIYAML

/// Parses the text of one expression (a `formula`, `derived` field, segment, ...) into an
/// ``Expression`` whose every node carries its span in the definition file.
///
/// A recursive-descent parser over the tokens of `Lexer`, one function per precedence
/// level, lowest first:
///
/// ```
/// or          and ("or" and)*
/// and         not ("and" not)*
/// not         "not" not | comparison
/// comparison  additive [ ("==" | "!=" | "<" | "<=" | ">" | ">=") additive
///                      | ["not"] "in" ("period" | additive)
///                      | "between" additive "and" additive
///                      | "is" ["not"] "null" ]          -- at most one: comparisons do not chain
/// additive    multiplicative (("+" | "-") multiplicative)*
/// multiplicative  unary (("*" | "/" | "%") unary)*
/// unary       "-" unary | primary
/// primary     number | string | "true" | "false" | "null" | "[" [or ("," or)*] "]"
///             | name ("." name)* | name "(" [argument ("," argument)*] ")" | "(" or ")"
/// argument    or ["where" or]                          -- `where` only here
/// ```
///
/// Choices worth knowing:
/// - A `-` in prefix position written directly before a number (`-3`, not `- 3`) folds into
///   a negative number literal, so `-3` is `.number("-3")` as the language page lists it;
///   any other prefix `-` is `.unary(.negate, ...)`.
/// - `x in period` is `.inPeriod` when `period` is not followed by `.` or `(`; `x not in
///   period` is `not (x in period)`.
/// - A parenthesised expression is its inner node with its range widened over the
///   parentheses, so a diagnostic on `(a + b)` underlines the parentheses too.
/// - A span ends one column past its last scalar, on that scalar's line, so a token just
///   before a folded line break never ends on the next line. (In a double-quoted YAML
///   scalar whose last character was written as an escape, the end is one column short.)
/// - Nesting (parentheses, lists, calls, prefix operators) is bounded at 64 levels so that
///   no definition can exhaust the stack.
///
/// Errors: the first syntax error, as one `expression-syntax` diagnostic at the offending
/// token, whose message says what was expected and how to fix it.
public struct ExpressionParser {
    /// The diagnostic code of every syntax error.
    public static let diagnosticCode = "expression-syntax"
    /// The deepest nesting of parentheses, lists, calls and prefix operators accepted.
    static let maximumDepth = 64

    private let scalars: [Unicode.Scalar]
    private let tokens: [Token]
    private let positions: [SourceLocation]
    private let file: SourceFile
    private var index = 0
    private var depth = 0

    /// The error thrown inside the parser; `parse` turns it into a `Result`.
    private struct SyntaxError: Error {
        var diagnostic: Diagnostic
    }

    private init(text: String, positions: [SourceLocation], file: SourceFile) {
        self.scalars = Array(text.unicodeScalars)
        self.tokens = Lexer.tokenize(scalars)
        self.positions = positions
        self.file = file
    }

    /// Parses `text` as one expression.
    ///
    /// - Parameters:
    ///   - text: The scalar's value.
    ///   - positions: The file location of each Unicode scalar of `text`, plus one past the
    ///     end (`text.unicodeScalars.count + 1` entries). A shorter or longer array is
    ///     tolerated: offsets are clamped into it.
    ///   - file: The file the text was read from.
    /// - Returns: The expression, or the first syntax error as an `expression-syntax`
    ///   diagnostic.
    public static func parse(_ text: String, positions: [SourceLocation], file: SourceFile) -> Result<Expression, Diagnostic> {
        var parser = ExpressionParser(text: text, positions: positions, file: file)
        do {
            return .success(try parser.parseWhole())
        } catch {
            return .failure(error.diagnostic)
        }
    }

    // MARK: - Levels, lowest precedence first

    private mutating func parseWhole() throws(SyntaxError) -> Expression {
        if current.isEnd { throw failure("the expression is empty", at: current) }
        let expression = try parseOr()
        guard current.isEnd else {
            if current.is(.where) { throw whereOutsideAggregate() }
            if current.is(.rightParen) {
                throw failure("unexpected `)` after the end of the expression; it has no matching `(`", at: current)
            }
            throw failure("unexpected \(describe(current)) after the end of the expression", at: current)
        }
        return expression
    }

    private mutating func parseOr() throws(SyntaxError) -> Expression {
        try enter()
        defer { depth -= 1 }
        var left = try parseAnd()
        while current.is(.or) {
            advance()
            let right = try parseAnd()
            left = binary(.or, left, right)
        }
        return left
    }

    private mutating func parseAnd() throws(SyntaxError) -> Expression {
        var left = try parseNot()
        while current.is(.and) {
            advance()
            let right = try parseNot()
            left = binary(.and, left, right)
        }
        return left
    }

    private mutating func parseNot() throws(SyntaxError) -> Expression {
        guard current.is(.not) else { return try parseComparison() }
        let not = advance()
        try enter()
        defer { depth -= 1 }
        let operand = try parseNot()
        return Expression(.unary(.not, operand), range: span(range(of: not), operand.range))
    }

    private mutating func parseComparison() throws(SyntaxError) -> Expression {
        let left = try parseAdditive()
        guard let comparison = try parseComparisonTail(left) else { return left }
        if startsComparison(current) {
            throw failure("comparisons cannot be chained; join them with `and`, as in `a < b and b < c`", at: current)
        }
        return comparison
    }

    /// The comparison that follows `left`, or nil when the next token starts none.
    private mutating func parseComparisonTail(_ left: Expression) throws(SyntaxError) -> Expression? {
        switch current.kind {
        case .symbol(let symbol):
            guard let op = symbol.comparison else { return nil }
            advance()
            let right = try parseAdditive()
            return binary(op, left, right)
        case .keyword(.in):
            advance()
            return try parseMembership(left, negated: false)
        case .keyword(.not):
            guard token(at: index + 1).is(.in) else {
                throw failure(
                    "expected `in` after `not`, as in `x not in [\"a\", \"b\"]`, found \(describe(token(at: index + 1))); to negate a condition, write `not` before it",
                    at: token(at: index + 1))
            }
            advance()
            advance()
            return try parseMembership(left, negated: true)
        case .keyword(.between):
            advance()
            let low = try parseAdditive()
            guard current.is(.and) else {
                throw failure(
                    "expected `and` after the lower bound of `between`, as in `x between 1 and 10`, found \(describe(current))",
                    at: current)
            }
            advance()
            let high = try parseAdditive()
            return Expression(.between(left, low, high), range: span(left.range, high.range))
        case .keyword(.is):
            advance()
            var negated = false
            if current.is(.not) {
                advance()
                negated = true
            }
            guard current.is(.null) else {
                let written = negated ? "is not" : "is"
                throw failure(
                    "expected `null` after `\(written)`, found \(describe(current)); `is` only tests for null, compare values with `==` or `!=`",
                    at: current)
            }
            let null = advance()
            return Expression(.isNull(left, negated: negated), range: span(left.range, range(of: null)))
        default:
            return nil
        }
    }

    /// The right side of `in` / `not in`, just after the `in`.
    private mutating func parseMembership(_ left: Expression, negated: Bool) throws(SyntaxError) -> Expression {
        if case .identifier("period") = current.kind,
            !token(at: index + 1).is(.dot), !token(at: index + 1).is(.leftParen) {
            let period = advance()
            let inPeriod = Expression(.inPeriod(left), range: span(left.range, range(of: period)))
            return negated ? Expression(.unary(.not, inPeriod), range: inPeriod.range) : inPeriod
        }
        let list = try parseAdditive()
        return Expression(.inList(left, list, negated: negated), range: span(left.range, list.range))
    }

    private mutating func parseAdditive() throws(SyntaxError) -> Expression {
        var left = try parseMultiplicative()
        while true {
            let op: BinaryOperator
            if current.is(.plus) { op = .add } else if current.is(.minus) { op = .subtract } else { return left }
            advance()
            let right = try parseMultiplicative()
            left = binary(op, left, right)
        }
    }

    private mutating func parseMultiplicative() throws(SyntaxError) -> Expression {
        var left = try parseUnary()
        while true {
            let op: BinaryOperator
            switch current.kind {
            case .symbol(.star): op = .multiply
            case .symbol(.slash): op = .divide
            case .symbol(.percent): op = .remainder
            default: return left
            }
            advance()
            let right = try parseUnary()
            left = binary(op, left, right)
        }
    }

    private mutating func parseUnary() throws(SyntaxError) -> Expression {
        guard current.is(.minus) else { return try parsePrimary() }
        let minus = advance()
        if case .number(let digits, let isInteger) = current.kind, current.start == minus.end {
            let number = advance()
            return Expression(.number("-" + digits, isInteger: isInteger), range: span(range(of: minus), range(of: number)))
        }
        try enter()
        defer { depth -= 1 }
        let operand = try parseUnary()
        return Expression(.unary(.negate, operand), range: span(range(of: minus), operand.range))
    }

    // MARK: - Primaries

    private mutating func parsePrimary() throws(SyntaxError) -> Expression {
        let token = current
        switch token.kind {
        case .number(let digits, let isInteger):
            advance()
            return Expression(.number(digits, isInteger: isInteger), range: range(of: token))
        case .string(let value):
            advance()
            return Expression(.string(value), range: range(of: token))
        case .keyword(.true):
            advance()
            return Expression(.bool(true), range: range(of: token))
        case .keyword(.false):
            advance()
            return Expression(.bool(false), range: range(of: token))
        case .keyword(.null):
            advance()
            return Expression(.null, range: range(of: token))
        case .identifier:
            return try parseNameOrCall()
        case .symbol(.leftParen):
            return try parseParenthesised()
        case .symbol(.leftBracket):
            return try parseList()
        case .symbol(.dot):
            if case .number(let digits, _) = self.token(at: index + 1).kind, self.token(at: index + 1).start == token.end {
                throw failure("a number cannot start with `.`; write `0.\(digits)`", at: token)
            }
            throw expectedExpression()
        case .keyword(.not):
            throw failure(
                "\(expectedExpressionPhrase()), found `not`; `not` binds more loosely than comparisons and arithmetic, so put it in parentheses: `(not ...)`",
                at: token)
        default:
            throw expectedExpression()
        }
    }

    /// `a`, `a.b.c` or `f(args)`.
    private mutating func parseNameOrCall() throws(SyntaxError) -> Expression {
        var parts = [namePart(advance())]
        while current.is(.dot) {
            advance()
            guard case .identifier = current.kind else {
                let what = current.kind.isKeyword ? "\(describe(current)), which is a reserved word" : describe(current)
                throw failure("expected a name after `.`, found \(what)", at: current)
            }
            parts.append(namePart(advance()))
        }
        let nameRange = span(parts[0].range, parts[parts.count - 1].range)
        guard current.is(.leftParen) else {
            return Expression(.name(parts), range: nameRange)
        }
        guard parts.count == 1 else {
            let written = parts.map(\.text).joined(separator: ".")
            throw failure("`\(written)` cannot be called; function names have no `.`", at: nameRange)
        }
        return try parseCall(parts[0])
    }

    /// The arguments of a call, from its `(`.
    private mutating func parseCall(_ function: NamePart) throws(SyntaxError) -> Expression {
        let open = advance()
        var arguments: [Expression] = []
        if current.is(.rightParen) {
            let close = advance()
            return Expression(.call(function, []), range: span(function.range, range(of: close)))
        }
        while true {
            arguments.append(try parseArgument())
            if current.is(.comma) {
                advance()
                continue
            }
            if current.is(.rightParen) {
                let close = advance()
                return Expression(.call(function, arguments), range: span(function.range, range(of: close)))
            }
            if current.isEnd {
                throw failure("expected `)` to close the call to `\(function.text)` opened at \(location(open.start))", at: current)
            }
            if current.is(.where) {
                throw failure("an argument takes only one `where`; join the conditions with `and`", at: current)
            }
            throw failure("expected `,` or `)` after an argument of `\(function.text)`, found \(describe(current))", at: current)
        }
    }

    /// `e` or `e where p`: an argument of a call, the only place `where` may appear.
    private mutating func parseArgument() throws(SyntaxError) -> Expression {
        let argument = try parseOr()
        guard current.is(.where) else { return argument }
        advance()
        let predicate = try parseOr()
        return Expression(.filtered(argument, predicate), range: span(argument.range, predicate.range))
    }

    private mutating func parseParenthesised() throws(SyntaxError) -> Expression {
        let open = advance()
        var inner = try parseOr()
        guard current.is(.rightParen) else {
            if current.is(.where) { throw whereOutsideAggregate() }
            var message = "expected `)` to close the `(` opened at \(location(open.start))"
            if !current.isEnd { message += ", found \(describe(current))" }
            throw failure(message, at: current)
        }
        let close = advance()
        inner.range = span(range(of: open), range(of: close))
        return inner
    }

    private mutating func parseList() throws(SyntaxError) -> Expression {
        let open = advance()
        var elements: [Expression] = []
        if current.is(.rightBracket) {
            let close = advance()
            return Expression(.list([]), range: span(range(of: open), range(of: close)))
        }
        while true {
            elements.append(try parseOr())
            if current.is(.comma) {
                advance()
                continue
            }
            if current.is(.rightBracket) {
                let close = advance()
                return Expression(.list(elements), range: span(range(of: open), range(of: close)))
            }
            if current.isEnd {
                throw failure("expected `]` to close the list opened at \(location(open.start))", at: current)
            }
            if current.is(.where) { throw whereOutsideAggregate() }
            throw failure(
                "expected `,` or `]` after an element of the list opened at \(location(open.start)), found \(describe(current))",
                at: current)
        }
    }

    // MARK: - Tokens

    private var current: Token { tokens[index] }

    /// The token at `position`, or the final `.end` past it.
    private func token(at position: Int) -> Token {
        position < tokens.count ? tokens[position] : tokens[tokens.count - 1]
    }

    /// Moves past the current token and returns it; never moves past `.end`.
    @discardableResult
    private mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    /// Whether `token` begins a comparison (used to reject `a < b < c`).
    private func startsComparison(_ token: Token) -> Bool {
        switch token.kind {
        case .symbol(let symbol): return symbol.comparison != nil
        case .keyword(.in), .keyword(.between), .keyword(.is): return true
        case .keyword(.not): return self.token(at: index + 1).is(.in)
        default: return false
        }
    }

    /// `` `foo` `` for a token as written, or "the end of the expression".
    private func describe(_ token: Token) -> String {
        if token.isEnd { return "the end of the expression" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[token.start..<token.end])
        var written = String(view)
        if written.unicodeScalars.count > 40 {
            written = String(String.UnicodeScalarView(written.unicodeScalars.prefix(37))) + "..."
        }
        return "`\(written)`"
    }

    private func namePart(_ token: Token) -> NamePart {
        guard case .identifier(let text) = token.kind else { preconditionFailure("namePart of a non-identifier token") }
        return NamePart(text: text, range: range(of: token))
    }

    private func binary(_ op: BinaryOperator, _ left: Expression, _ right: Expression) -> Expression {
        Expression(.binary(op, left, right), range: span(left.range, right.range))
    }

    // MARK: - Errors

    private mutating func enter() throws(SyntaxError) {
        depth += 1
        if depth > Self.maximumDepth {
            depth -= 1
            throw failure(
                "the expression is nested more than \(Self.maximumDepth) levels deep; split it into smaller metrics or derived fields",
                at: current)
        }
    }

    /// An error at `token`; a token the lexer could not read reports the lexer's message instead.
    private func failure(_ message: String, at token: Token) -> SyntaxError {
        if case .invalid(let lexerMessage) = token.kind {
            return failure(lexerMessage, at: range(of: token))
        }
        return failure(message, at: range(of: token))
    }

    private func failure(_ message: String, at range: SourceRange) -> SyntaxError {
        SyntaxError(diagnostic: .error(Self.diagnosticCode, message, at: range))
    }

    /// "expected an expression after `and`" (or at the start, "expected an expression").
    private func expectedExpressionPhrase() -> String {
        index > 0 ? "expected an expression after \(describe(tokens[index - 1]))" : "expected an expression"
    }

    private func expectedExpression() -> SyntaxError {
        if current.isEnd { return failure(expectedExpressionPhrase(), at: current) }
        let found = current.kind.isKeyword ? "\(describe(current)), which is a reserved word" : describe(current)
        return failure("\(expectedExpressionPhrase()), found \(found)", at: current)
    }

    private func whereOutsideAggregate() -> SyntaxError {
        failure("`where` is only allowed inside an aggregate such as `count(accounts where ...)`", at: current)
    }

    // MARK: - Positions

    /// The file location of scalar `offset`, clamped into `positions`.
    private func location(_ offset: Int) -> SourceLocation {
        guard !positions.isEmpty else { return SourceLocation(line: 1, column: 1) }
        return positions[min(max(offset, 0), positions.count - 1)]
    }

    /// The location just past the scalar before `end`: that scalar's column + 1 on its own
    /// line, so a token stays on one line even when a folded line break follows it.
    private func location(after end: Int) -> SourceLocation {
        guard end > 0 else { return location(0) }
        let last = location(end - 1)
        return SourceLocation(line: last.line, column: last.column + 1)
    }

    /// The file range of `token`; zero-width (`.end`) just after the text before it.
    private func range(of token: Token) -> SourceRange {
        if token.start == token.end {
            let at = token.start == 0 ? location(0) : location(after: token.start)
            return SourceRange(file: file, start: at, end: at)
        }
        return SourceRange(file: file, start: location(token.start), end: location(after: token.end))
    }

    private func span(_ first: SourceRange, _ last: SourceRange) -> SourceRange {
        SourceRange(file: file, start: first.start, end: last.end)
    }
}

extension Token.Kind {
    fileprivate var isKeyword: Bool {
        if case .keyword = self { return true }
        return false
    }
}

// `Result<Expression, Diagnostic>` needs the failure type to be an `Error`. This belongs
// next to `Diagnostic` (Diagnostics/Diagnostic.swift); it lives here until it moves there.
