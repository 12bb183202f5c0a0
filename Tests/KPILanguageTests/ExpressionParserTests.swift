@testable import KPILanguage
import KPIYAML
import Testing

private typealias Location = KPIYAML.SourceLocation

// MARK: - Helpers

/// The locations of `text` written on one line from `line`:`column`, plus one past the end.
private func singleLinePositions(_ text: String, line: Int = 1, column: Int = 1) -> [Location] {
    (0...text.unicodeScalars.count).map { Location(line: line, column: column + $0) }
}

/// Parses `text` as if it were the whole of line 1.
private func parseExpression(_ text: String, positions: [Location]? = nil) -> Result<Expression, Diagnostic> {
    let file = SourceFile(path: "cms.yaml", text: text)
    return ExpressionParser.parse(text, positions: positions ?? singleLinePositions(text), file: file)
}

/// The canonical form of `text`, or `error: message` when it does not parse.
private func canonical(_ text: String) -> String {
    switch parseExpression(text) {
    case .success(let expression): return expression.description
    case .failure(let diagnostic): return "error: \(diagnostic.message)"
    }
}

/// `line:column-line:column` of a range.
private func span(_ range: SourceRange?) -> String {
    guard let range else { return "none" }
    return "\(range.start)-\(range.end)"
}

/// The expression of `text`, failing the test when it does not parse.
private func expectParse(_ text: String, positions: [Location]? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Expression {
    switch parseExpression(text, positions: positions) {
    case .success(let expression):
        return expression
    case .failure(let diagnostic):
        Issue.record("`\(text)` did not parse: \(diagnostic.message)", sourceLocation: sourceLocation)
        throw ParseFailed()
    }
}

/// The syntax error of `text`, failing the test when it parses.
private func expectError(_ text: String, positions: [Location]? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Diagnostic {
    switch parseExpression(text, positions: positions) {
    case .success(let expression):
        Issue.record("`\(text)` parsed as \(expression) but should not", sourceLocation: sourceLocation)
        throw ParseFailed()
    case .failure(let diagnostic):
        return diagnostic
    }
}

private struct ParseFailed: Error {}

// MARK: - Tests

@Suite("Expression parser")
struct ExpressionParserTests {
    // MARK: Precedence and associativity

    @Test("precedence and associativity", arguments: [
        // Arithmetic: * / % above + -, both left associative.
        ("a + b * c", "(a + (b * c))"),
        ("a * b + c", "((a * b) + c)"),
        ("a - b - c", "((a - b) - c)"),
        ("a + b - c + d", "(((a + b) - c) + d)"),
        ("a / b * c % d", "(((a / b) * c) % d)"),
        ("a - b * c / d", "(a - ((b * c) / d))"),
        ("(a + b) * c", "((a + b) * c)"),
        ("a * (b + c)", "(a * (b + c))"),
        ("((a))", "a"),
        // Unary minus binds tightest.
        ("-a * b", "((-a) * b)"),
        ("a * -b", "(a * (-b))"),
        ("- -a", "(-(-a))"),
        ("-a.b", "(-a.b)"),
        ("-f(x)", "(-f(x))"),
        // Comparisons below arithmetic.
        ("a + b == c * d", "((a + b) == (c * d))"),
        ("a - 1 < b", "((a - 1) < b)"),
        // not below comparisons, above and.
        ("not a == b", "(not (a == b))"),
        ("not a and b", "((not a) and b)"),
        ("not not a", "(not (not a))"),
        ("a and not b", "(a and (not b))"),
        ("not x in period", "(not (x in period))"),
        ("not x is null", "(not (x is null))"),
        // and above or, both left associative.
        ("a or b and c", "(a or (b and c))"),
        ("a and b or c", "((a and b) or c)"),
        ("a and b and c", "((a and b) and c)"),
        ("a or b or c", "((a or b) or c)"),
        ("a or b and not c or d", "((a or (b and (not c))) or d)"),
        ("(a or b) and c", "((a or b) and c)"),
        // Postfix comparison forms sit at comparison level.
        ("x between 1 and 5 and y", "((x between 1 and 5) and y)"),
        ("x between a + 1 and b * 2", "(x between (a + 1) and (b * 2))"),
        ("x in [1, 2] or y", "((x in [1, 2]) or y)"),
        ("x + 1 in period", "((x + 1) in period)"),
        ("x is null or x > 2", "((x is null) or (x > 2))"),
        ("a == b and c != d", "((a == b) and (c != d))"),
    ])
    func precedence(text: String, expected: String) {
        #expect(canonical(text) == expected)
    }

    // MARK: Operators

    @Test("every operator form", arguments: [
        ("a == b", "(a == b)"),
        ("a != b", "(a != b)"),
        ("a < b", "(a < b)"),
        ("a <= b", "(a <= b)"),
        ("a > b", "(a > b)"),
        ("a >= b", "(a >= b)"),
        ("a + b", "(a + b)"),
        ("a - b", "(a - b)"),
        ("a * b", "(a * b)"),
        ("a / b", "(a / b)"),
        ("a % b", "(a % b)"),
        ("a and b", "(a and b)"),
        ("a or b", "(a or b)"),
        ("not a", "(not a)"),
        ("-a", "(-a)"),
        ("segment in [\"smb\", \"mid\"]", "(segment in [\"smb\", \"mid\"])"),
        ("segment not in [\"ent\"]", "(segment not in [\"ent\"])"),
        ("segment in allowed", "(segment in allowed)"),
        ("churned_date in period", "(churned_date in period)"),
        ("churned_date not in period", "(not (churned_date in period))"),
        ("x in period.start", "(x in period.start)"),
        ("x between 1 and 10", "(x between 1 and 10)"),
        ("churned_date is null", "(churned_date is null)"),
        ("churned_date is not null", "(churned_date is not null)"),
        ("a<=b", "(a <= b)"),
        ("a-b", "(a - b)"),
    ])
    func operators(text: String, expected: String) {
        #expect(canonical(text) == expected)
    }

    @Test("operator nodes carry their operator")
    func operatorKinds() throws {
        let comparison = try expectParse("a >= 1")
        guard case .binary(.greaterOrEqual, _, _) = comparison.kind else {
            Issue.record("expected >=, got \(comparison)")
            return
        }
        let membership = try expectParse("x not in [1]")
        guard case .inList(_, _, negated: true) = membership.kind else {
            Issue.record("expected a negated membership, got \(membership)")
            return
        }
        let period = try expectParse("d in period")
        guard case .inPeriod(let value) = period.kind, case .name(let parts) = value.kind else {
            Issue.record("expected .inPeriod, got \(period)")
            return
        }
        #expect(parts.map(\.text) == ["d"])
    }

    // MARK: Calls, where, lists, names

    @Test("calls and where", arguments: [
        ("count(accounts)", "count(accounts)"),
        ("count()", "count()"),
        ("count(accounts where churned_date in period and x > 1)",
         "count((accounts where ((churned_date in period) and (x > 1))))"),
        ("count(accounts where x == 1)", "count((accounts where (x == 1)))"),
        ("sum(a + b where c or d)", "sum(((a + b) where (c or d)))"),
        ("sum(accounts.mrr where segment in [\"ent\"])", "sum((accounts.mrr where (segment in [\"ent\"])))"),
        ("ratio(count(accounts where churned_date in period), count(accounts where active))",
         "ratio(count((accounts where (churned_date in period))), count((accounts where active)))"),
        ("percentile(mrr where active, 0.9)", "percentile((mrr where active), 0.9)"),
        ("coalesce(churned_date, period.end)", "coalesce(churned_date, period.end)"),
        ("months_between(signup_date, coalesce(churned_date, period.end))",
         "months_between(signup_date, coalesce(churned_date, period.end))"),
        ("if(a > 1, \"x\", null)", "if((a > 1), \"x\", null)"),
        ("date(\"2026-10-01\")", "date(\"2026-10-01\")"),
        ("count (accounts)", "count(accounts)"),
        ("f(g(h(1)), [1, 2])", "f(g(h(1)), [1, 2])"),
        ("avg(mrr) * 12", "(avg(mrr) * 12)"),
    ])
    func calls(text: String, expected: String) {
        #expect(canonical(text) == expected)
    }

    @Test("a call keeps its function name and span")
    func callNode() throws {
        let call = try expectParse("count(accounts where active)")
        guard case .call(let function, let arguments) = call.kind, arguments.count == 1,
            case .filtered(let source, let predicate) = arguments[0].kind else {
            Issue.record("unexpected shape: \(call)")
            return
        }
        #expect(function.text == "count")
        #expect(span(function.range) == "1:1-1:6")
        #expect(span(call.range) == "1:1-1:29")
        #expect(span(arguments[0].range) == "1:7-1:28")
        #expect(span(source.range) == "1:7-1:15")
        #expect(span(predicate.range) == "1:22-1:28")
    }

    @Test("lists")
    func lists() throws {
        #expect(canonical("[]") == "[]")
        #expect(canonical("[1]") == "[1]")
        #expect(canonical("[\"a\", \"b\", c.d, 1 + 2]") == "[\"a\", \"b\", c.d, (1 + 2)]")
        #expect(canonical("[[1], []]") == "[[1], []]")
        let list = try expectParse("[ 1 , 2 ]")
        #expect(span(list.range) == "1:1-1:10")
    }

    @Test("dotted names keep one part per segment")
    func dottedNames() throws {
        let name = try expectParse("accounts.mrr.value")
        guard case .name(let parts) = name.kind else {
            Issue.record("expected a name, got \(name)")
            return
        }
        #expect(parts.map(\.text) == ["accounts", "mrr", "value"])
        #expect(parts.map { span($0.range) } == ["1:1-1:9", "1:10-1:13", "1:14-1:19"])
        #expect(span(name.range) == "1:1-1:19")
        #expect(canonical("period.start") == "period.start")
        #expect(canonical("health.band == \"red\"") == "(health.band == \"red\")")
        #expect(canonical("_private1") == "_private1")
        #expect(canonical("a . b") == "a.b")
    }

    // MARK: Literals

    @Test("numbers", arguments: [
        ("12", "12", true),
        ("0", "0", true),
        ("0.5", "0.5", false),
        ("1e3", "1e3", false),
        ("2.5E-3", "2.5E-3", false),
        ("1e+6", "1e+6", false),
        ("007", "007", true),
        ("-3", "-3", true),
        ("-0.25", "-0.25", false),
    ])
    func numbers(text: String, written: String, isInteger: Bool) throws {
        let expression = try expectParse(text)
        guard case .number(let value, let integer) = expression.kind else {
            Issue.record("expected a number, got \(expression)")
            return
        }
        #expect(value == written)
        #expect(integer == isInteger)
        #expect(span(expression.range) == "1:1-1:\(text.count + 1)")
    }

    @Test("a prefix minus written against a number folds into the literal")
    func negativeLiterals() {
        #expect(canonical("-3") == "-3")
        #expect(canonical("- 3") == "(-3)")
        #expect(canonical("-(3)") == "(-3)")
        #expect(canonical("a -3") == "(a - 3)")
        #expect(canonical("a-3") == "(a - 3)")
        #expect(canonical("a - -3") == "(a - -3)")
        #expect(canonical("2 * -3") == "(2 * -3)")
        #expect(canonical("-3 * 2") == "(-3 * 2)")
        #expect(canonical("--3") == "(--3)")
        #expect(canonical("x between -5 and -1") == "(x between -5 and -1)")
    }

    @Test("strings and escapes")
    func strings() throws {
        let expression = try expectParse(#""a\"b\\c\nd\te""#)
        guard case .string(let value) = expression.kind else {
            Issue.record("expected a string, got \(expression)")
            return
        }
        #expect(value == "a\"b\\c\nd\te")
        #expect(expression.description == #""a\"b\\c\nd\te""#)
        #expect(span(expression.range) == "1:1-1:16")
        #expect(canonical(#""""#) == #""""#)
        #expect(canonical(#""café ☕︎""#) == #""café ☕︎""#)
        #expect(canonical(#""and or where""#) == #""and or where""#)
    }

    @Test("true, false and null")
    func keywordsLiterals() {
        #expect(canonical("true") == "true")
        #expect(canonical("false or null") == "(false or null)")
        #expect(canonical("x == null") == "(x == null)")
    }

    // MARK: Errors

    @Test("syntax errors: exact message and position", arguments: [
        // The lexer's slips.
        ("a @ b", "unexpected character `@` in expression", "1:3-1:4"),
        ("\"abc", "string literal is not closed; add a closing `\"`", "1:1-1:5"),
        ("x == \"a\\qb\"", "unknown escape `\\q` in a string; the escapes are `\\\"`, `\\\\`, `\\n` and `\\t`", "1:8-1:10"),
        ("a = 1", "`=` is not an operator; did you mean `==`?", "1:3-1:4"),
        ("a =< 1", "`=<` is not an operator; did you mean `<=`?", "1:3-1:5"),
        ("a => 1", "`=>` is not an operator; did you mean `>=`?", "1:3-1:5"),
        ("a <> 1", "`<>` is not an operator; did you mean `!=`?", "1:3-1:5"),
        ("a && b", "`&&` is not an operator; did you mean `and`?", "1:3-1:5"),
        ("a || b", "`||` is not an operator; did you mean `or`?", "1:3-1:5"),
        ("a & b", "`&` is not an operator; did you mean `and`?", "1:3-1:4"),
        ("!a", "`!` is not an operator; did you mean `not`?", "1:1-1:2"),
        ("x == 'a'", "strings are written in double quotes: `\"text\"`, not `'text'`", "1:6-1:7"),
        ("x == \u{201C}a\u{201D}", "unexpected character `\u{201C}` in expression; strings are written in straight double quotes `\"`", "1:6-1:7"),
        ("a\u{00A0}+ b", "unexpected whitespace character U+00A0 in expression; use a plain space", "1:2-1:3"),
        ("a +\u{200B}b", "unexpected invisible character U+200B in expression; delete it", "1:4-1:5"),
        ("1_000", "numbers cannot contain `_`; write `1000`", "1:1-1:6"),
        ("x > 12abc", "`12abc` is neither a number nor a name; names start with a letter or `_`", "1:5-1:10"),
        ("1. + 2", "`1.` needs digits after the `.`; write `1.0` or `1`", "1:1-1:3"),
        (".5", "a number cannot start with `.`; write `0.5`", "1:1-1:2"),
        // A lexer error wins over the parser's complaint at the same token.
        ("a and @", "unexpected character `@` in expression", "1:7-1:8"),
        // Missing operands.
        ("", "the expression is empty", "1:1-1:1"),
        ("   ", "the expression is empty", "1:1-1:1"),
        ("a and", "expected an expression after `and`", "1:6-1:6"),
        ("a and   ", "expected an expression after `and`", "1:6-1:6"),
        ("a or)", "expected an expression after `or`, found `)`", "1:5-1:6"),
        ("x in", "expected an expression after `in`", "1:5-1:5"),
        ("a +", "expected an expression after `+`", "1:4-1:4"),
        ("not", "expected an expression after `not`", "1:4-1:4"),
        (")", "expected an expression, found `)`", "1:1-1:2"),
        ("x == in", "expected an expression after `==`, found `in`, which is a reserved word", "1:6-1:8"),
        ("f(a,)", "expected an expression after `,`, found `)`", "1:5-1:6"),
        ("a == not b", "expected an expression after `==`, found `not`; `not` binds more loosely than comparisons and arithmetic, so put it in parentheses: `(not ...)`", "1:6-1:9"),
        ("count(accounts where)", "expected an expression after `where`, found `)`", "1:21-1:22"),
        // Unclosed brackets.
        ("count(accounts", "expected `)` to close the call to `count` opened at 1:6", "1:15-1:15"),
        ("f(a b)", "expected `,` or `)` after an argument of `f`, found `b`", "1:5-1:6"),
        ("(a", "expected `)` to close the `(` opened at 1:1", "1:3-1:3"),
        ("(a b)", "expected `)` to close the `(` opened at 1:1, found `b`", "1:4-1:5"),
        ("[1, 2", "expected `]` to close the list opened at 1:1", "1:6-1:6"),
        ("[1 2]", "expected `,` or `]` after an element of the list opened at 1:1, found `2`", "1:4-1:5"),
        // Trailing tokens.
        ("a foo", "unexpected `foo` after the end of the expression", "1:3-1:6"),
        ("a )", "unexpected `)` after the end of the expression; it has no matching `(`", "1:3-1:4"),
        ("f(x) (y)", "unexpected `(` after the end of the expression", "1:6-1:7"),
        ("1. 5", "`1.` needs digits after the `.`; write `1.0` or `1`", "1:1-1:3"),
        // Comparisons.
        ("a < b < c", "comparisons cannot be chained; join them with `and`, as in `a < b and b < c`", "1:7-1:8"),
        ("a == b in [1]", "comparisons cannot be chained; join them with `and`, as in `a < b and b < c`", "1:8-1:10"),
        ("x is null == true", "comparisons cannot be chained; join them with `and`, as in `a < b and b < c`", "1:11-1:13"),
        ("x in period not in y", "comparisons cannot be chained; join them with `and`, as in `a < b and b < c`", "1:13-1:16"),
        ("x is 3", "expected `null` after `is`, found `3`; `is` only tests for null, compare values with `==` or `!=`", "1:6-1:7"),
        ("x is not", "expected `null` after `is not`, found the end of the expression; `is` only tests for null, compare values with `==` or `!=`", "1:9-1:9"),
        ("x between 1 or 2", "expected `and` after the lower bound of `between`, as in `x between 1 and 10`, found `or`", "1:13-1:15"),
        ("x not y", "expected `in` after `not`, as in `x not in [\"a\", \"b\"]`, found `y`; to negate a condition, write `not` before it", "1:7-1:8"),
        // where.
        ("accounts where x", "`where` is only allowed inside an aggregate such as `count(accounts where ...)`", "1:10-1:15"),
        ("(accounts where x)", "`where` is only allowed inside an aggregate such as `count(accounts where ...)`", "1:11-1:16"),
        ("[a where b]", "`where` is only allowed inside an aggregate such as `count(accounts where ...)`", "1:4-1:9"),
        ("count(a where b where c)", "an argument takes only one `where`; join the conditions with `and`", "1:17-1:22"),
        // Names.
        ("a.", "expected a name after `.`, found the end of the expression", "1:3-1:3"),
        ("a.in", "expected a name after `.`, found `in`, which is a reserved word", "1:3-1:5"),
        ("a.b(1)", "`a.b` cannot be called; function names have no `.`", "1:1-1:4"),
    ])
    func syntaxErrors(text: String, message: String, position: String) throws {
        let diagnostic = try expectError(text)
        #expect(diagnostic.message == message)
        #expect(span(diagnostic.range) == position)
        #expect(diagnostic.code == "expression-syntax")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.range?.file.path == "cms.yaml")
    }

    @Test("nesting is bounded")
    func nestingDepth() throws {
        let deep = 40
        let nested = String(repeating: "(", count: deep) + "x" + String(repeating: ")", count: deep)
        #expect(canonical(nested) == "x")
        #expect(canonical(String(repeating: "not ", count: deep) + "x").hasPrefix("(not (not"))

        let tooDeep = String(repeating: "(", count: 100) + "x" + String(repeating: ")", count: 100)
        let diagnostic = try expectError(tooDeep)
        #expect(diagnostic.message == "the expression is nested more than 64 levels deep; split it into smaller metrics or derived fields")
        #expect(span(diagnostic.range) == "1:65-1:66")
        let minus = try expectError(String(repeating: "- ", count: 100) + "x")
        #expect(minus.message.hasPrefix("the expression is nested more than 64 levels deep"))
    }

    @Test("long flat expressions parse in one pass")
    func longExpression() throws {
        let terms = 2_000
        let text = (0..<terms).map { "f\($0)" }.joined(separator: " + ")
        let expression = try expectParse(text)
        var depth = 0
        var node = expression
        while case .binary(.add, let left, _) = node.kind {
            depth += 1
            node = left
        }
        #expect(depth == terms - 1)
        #expect(span(expression.range) == "1:1-1:\(text.count + 1)")
    }

    // MARK: Positions

    @Test("spans map to the file where the scalar sits (line 5, column 14)")
    func offsetPositions() throws {
        let text = "count(accounts where mrr > 10)"
        let expression = try expectParse(text, positions: singleLinePositions(text, line: 5, column: 14))
        #expect(span(expression.range) == "5:14-5:44")
        guard case .call(let function, let arguments) = expression.kind,
            case .filtered(let source, let predicate) = arguments[0].kind,
            case .binary(.greater, let left, let right) = predicate.kind else {
            Issue.record("unexpected shape: \(expression)")
            return
        }
        #expect(span(function.range) == "5:14-5:19")
        #expect(span(arguments[0].range) == "5:20-5:43")
        #expect(span(source.range) == "5:20-5:28")
        #expect(span(predicate.range) == "5:35-5:43")
        #expect(span(left.range) == "5:35-5:38")
        #expect(span(right.range) == "5:41-5:43")

        let error = try expectError("a and", positions: singleLinePositions("a and", line: 5, column: 14))
        #expect(span(error.range) == "5:19-5:19")
    }

    /// A folded scalar over two lines:
    ///
    /// ```
    ///     formula: ratio(count(accounts where churned_date in period),   <- line 5, trailing spaces
    ///       count(accounts))                                             <- line 6
    /// ```
    ///
    /// The fold becomes one space in the text, placed here at the line break after the
    /// trailing spaces (column 68), to check that no span ends there.
    private static func foldedExample() -> (text: String, positions: [Location]) {
        let first = "ratio(count(accounts where churned_date in period),"
        let second = "count(accounts))"
        var positions = singleLinePositions(first, line: 5, column: 14).dropLast()
        positions.append(Location(line: 5, column: 68))
        positions.append(contentsOf: singleLinePositions(second, line: 6, column: 7))
        return (first + " " + second, Array(positions))
    }

    @Test("spans across a folded line break")
    func foldedPositions() throws {
        let (text, positions) = Self.foldedExample()
        #expect(positions.count == text.unicodeScalars.count + 1)
        let expression = try expectParse(text, positions: positions)
        #expect(expression.description == "ratio(count((accounts where (churned_date in period))), count(accounts))")
        #expect(span(expression.range) == "5:14-6:23")
        guard case .call(_, let arguments) = expression.kind, arguments.count == 2,
            case .call(let secondFunction, let secondArguments) = arguments[1].kind,
            case .call(_, let firstArguments) = arguments[0].kind,
            case .filtered(_, let predicate) = firstArguments[0].kind else {
            Issue.record("unexpected shape: \(expression)")
            return
        }
        // The first argument ends at its `)` on line 5, not at the fold.
        #expect(span(arguments[0].range) == "5:20-5:64")
        #expect(span(predicate.range) == "5:41-5:63")
        #expect(span(arguments[1].range) == "6:7-6:22")
        #expect(span(secondFunction.range) == "6:7-6:12")
        #expect(span(secondArguments[0].range) == "6:13-6:21")
    }

    @Test("errors across a folded line break point at the right line")
    func foldedErrors() throws {
        // `count(accounts where x ==` then `)` on the next line.
        let first = "count(accounts where x =="
        var positions = Array(singleLinePositions(first, line: 5, column: 14).dropLast())
        positions.append(Location(line: 5, column: 39))
        positions.append(contentsOf: singleLinePositions(")", line: 6, column: 7))
        let missing = try expectError(first + " )", positions: positions)
        #expect(missing.message == "expected an expression after `==`, found `)`")
        #expect(span(missing.range) == "6:7-6:8")

        // A call left open over the fold reports where its `(` is.
        let open = "count(accounts"
        var openPositions = Array(singleLinePositions(open, line: 5, column: 14).dropLast())
        openPositions.append(Location(line: 5, column: 28))
        openPositions.append(contentsOf: singleLinePositions("where x", line: 6, column: 7))
        let unclosed = try expectError(open + " where x", positions: openPositions)
        #expect(unclosed.message == "expected `)` to close the call to `count` opened at 5:19")
        #expect(span(unclosed.range) == "6:14-6:14")
    }

    @Test("a string literal across the fold ends on the second line")
    func foldedString() throws {
        let text = "x == \"a b\""
        // `x == "a` on line 5 from column 14, the fold, then `b"` on line 6 from column 3.
        var positions = Array(singleLinePositions("x == \"a", line: 5, column: 14).dropLast())
        positions.append(Location(line: 5, column: 21))
        positions.append(contentsOf: singleLinePositions("b\"", line: 6, column: 3))
        let expression = try expectParse(text, positions: positions)
        guard case .binary(.equal, _, let string) = expression.kind else {
            Issue.record("unexpected shape: \(expression)")
            return
        }
        #expect(span(string.range) == "5:19-6:5")
        #expect(span(expression.range) == "5:14-6:5")
    }

    @Test("a wrong positions array is clamped, never a crash")
    func clampedPositions() throws {
        let short = try expectParse("a + bb", positions: [Location(line: 2, column: 3), Location(line: 2, column: 4)])
        #expect(span(short.range) == "2:3-2:5")
        let empty = try expectParse("a + bb", positions: [])
        #expect(span(empty.range) == "1:1-1:2")
        let error = try expectError("a +", positions: [Location(line: 2, column: 3)])
        #expect(span(error.range) == "2:4-2:4")
    }
}
