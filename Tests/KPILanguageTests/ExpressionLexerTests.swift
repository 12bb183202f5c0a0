@testable import KPILanguage
import Testing

@Suite("Expression lexer")
struct ExpressionLexerTests {
    private func tokens(_ text: String) -> [Token] {
        Lexer.tokenize(Array(text.unicodeScalars))
    }

    private func kinds(_ text: String) -> [Token.Kind] {
        tokens(text).map(\.kind)
    }

    @Test("tokens carry kinds and scalar offsets")
    func offsets() {
        let result = tokens("count(accounts where mrr >= 1.5)  ")
        #expect(result.map(\.kind) == [
            .identifier("count"), .symbol(.leftParen), .identifier("accounts"), .keyword(.where),
            .identifier("mrr"), .symbol(.greaterOrEqual), .number("1.5", isInteger: false),
            .symbol(.rightParen), .end,
        ])
        #expect(result.map(\.start) == [0, 5, 6, 15, 21, 25, 28, 31, 32])
        #expect(result.map(\.end) == [5, 6, 14, 20, 24, 27, 31, 32, 32])
    }

    @Test("every keyword is reserved")
    func keywords() {
        for keyword in Token.Keyword.allCases {
            #expect(kinds(keyword.rawValue) == [.keyword(keyword), .end])
        }
        #expect(kinds("android order notes is_null where_") == [
            .identifier("android"), .identifier("order"), .identifier("notes"), .identifier("is_null"),
            .identifier("where_"), .end,
        ])
        #expect(kinds("AND") == [.identifier("AND"), .end])
    }

    @Test("every operator and punctuation")
    func symbols() {
        #expect(kinds("( ) [ ] , . + - * / % == != < <= > >=") == Token.Symbol.allCases.map { .symbol($0) } + [.end])
        #expect(kinds("a<=b") == [.identifier("a"), .symbol(.lessOrEqual), .identifier("b"), .end])
        #expect(kinds("a-b") == [.identifier("a"), .symbol(.minus), .identifier("b"), .end])
        #expect(kinds("-3") == [.symbol(.minus), .number("3", isInteger: true), .end])
    }

    @Test("numbers")
    func numbers() {
        #expect(kinds("12 0.5 1e3 2.5E-3 1e+6") == [
            .number("12", isInteger: true), .number("0.5", isInteger: false), .number("1e3", isInteger: false),
            .number("2.5E-3", isInteger: false), .number("1e+6", isInteger: false), .end,
        ])
        #expect(kinds("1.5.2").first == .invalid("`1.5.2` is neither a number nor a name; names start with a letter or `_`"))
        #expect(kinds("1e") == [.invalid("`1e` is neither a number nor a name; names start with a letter or `_`"), .end])
        #expect(kinds("1_000_000") == [.invalid("numbers cannot contain `_`; write `1000000`"), .end])
    }

    @Test("strings decode their escapes")
    func strings() {
        #expect(kinds(#""plain" "a\"b" "c\\d" "e\nf" "g\th""#) == [
            .string("plain"), .string("a\"b"), .string("c\\d"), .string("e\nf"), .string("g\th"), .end,
        ])
        #expect(kinds(#""a\"#) == [.invalid("string literal is not closed; add a closing `\"`"), .end])
        let unknown = tokens(#""a\x""#)
        #expect(unknown.first?.start == 2)
        #expect(unknown.first?.end == 4)
    }

    @Test("lexing stops at the first invalid token")
    func stopsAtInvalid() {
        let result = tokens("a = b @ c")
        #expect(result.map(\.kind) == [.identifier("a"), .invalid("`=` is not an operator; did you mean `==`?"), .end])
        #expect(result[2].start == 3)
    }

    @Test("the end token sits just after the last token, not after trailing space")
    func endToken() {
        #expect(tokens("").map(\.start) == [0])
        #expect(tokens("   ").map(\.start) == [0])
        #expect(tokens("ab   ").last?.start == 2)
        #expect(tokens(" ab\n\t").last?.start == 3)
    }
}
