import Testing
import KPIYAML

@Suite("Limits on hostile input")
struct YAMLLimitsTests {
    /// Nine levels of ten aliases each: a few hundred bytes that expand to 10^9 nodes.
    static let billionLaughs: String = {
        var lines = ["a: &a [\(Array(repeating: "\"lol\"", count: 10).joined(separator: ","))]"]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            lines.append("\(name): &\(name) [\(Array(repeating: "*\(previous)", count: 10).joined(separator: ","))]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test("a billion-laughs document fails fast at the alias that crosses the limit")
    func billionLaughs() throws {
        let clock = ContinuousClock()
        var error: YAMLError?
        let elapsed = clock.measure { error = loadError(Self.billionLaughs) }
        #expect(elapsed < .seconds(1))
        let failure = try #require(error)
        #expect(failure.code == .aliasExpansion)
        #expect(failure.message.hasPrefix("alias expansion exceeds 1000000 nodes (a 'billion laughs' document?)"))
        // 123_463 nodes precede the aliases of level f, each `*e` adds 111_111: the eighth crosses 1_000_000.
        #expect(failure.range.start.line == 6)
        #expect(rendered(failure) == """
            test.yaml:6:29: error: alias expansion exceeds 1000000 nodes (a 'billion laughs' document?); \
            `*e` and the aliases before it copy too much, write the values out or use fewer aliases
            """)
    }

    @Test("expansion is counted in nodes, copies included")
    func expansionCountsCopies() throws {
        let text = "a: &a [1, 2, 3]\nb: [*a, *a]\n"
        // 1 mapping + 2 keys + (1 + 3) + (1 + 4 + 4) = 16 nodes.
        var limits = YAMLLimits()
        limits.maxExpandedNodes = 16
        #expect(throws: Never.self) { try load(text, limits: limits) }
        limits.maxExpandedNodes = 15
        let error = try #require(loadError(text, limits: limits))
        #expect(error.code == .aliasExpansion)
        #expect(error.range.start == SourceLocation(line: 2, column: 9))
    }

    @Test("100k opening brackets fail fast at the first level past the limit")
    func deepFlowNesting() throws {
        let clock = ContinuousClock()
        var error: YAMLError?
        let elapsed = clock.measure { error = loadError(String(repeating: "[", count: 100_000)) }
        #expect(elapsed < .seconds(1))
        let failure = try #require(error)
        #expect(failure.code == .tooDeep)
        #expect(rendered(failure) == """
            test.yaml:1:201: error: nesting deeper than 200 levels; flatten the structure (a definition needs only a few levels)
            """)
    }

    @Test("nesting exactly at the limit loads")
    func nestingAtTheLimit() throws {
        let text = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        var node = try loadDocument(text)
        var depth = 1
        while let inner = node.sequence?.first {
            node = inner
            depth += 1
        }
        #expect(depth == 200)
    }

    @Test("deep block nesting is bounded too")
    func deepBlockNesting() throws {
        let text = (0..<300).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + " v\n"
        var limits = YAMLLimits()
        limits.maxDepth = 50
        let error = try #require(loadError(text, limits: limits))
        #expect(error.code == .tooDeep)
        #expect(error.range.start == SourceLocation(line: 51, column: 51))
    }

    @Test("input over the size limit is refused before parsing")
    func tooLarge() throws {
        var limits = YAMLLimits()
        limits.maxBytes = 10
        let error = try #require(loadError("a: [unclosed 名\n", limits: limits))
        #expect(error.code == .tooLarge)
        #expect(rendered(error) == "test.yaml:1:1: error: the file is 17 bytes, more than the limit of 10 bytes; split it into smaller files")
        limits.maxBytes = 17
        #expect(loadError("a: [unclosed 名\n", limits: limits)?.code == .syntax)
    }

    @Test("a 1 MB file loads quickly")
    func largeFile() throws {
        var text = ""
        var index = 0
        while text.utf8.count < 1 << 20 {
            text += """
                metric_\(index):
                  name: "Revenue \(index)"
                  formula: sum(amount) / count(distinct customer_id)
                  tags: [finance, monthly, 売上]
                  notes: |
                    Line one of the notes.
                    Line two.

                """
            index += 1
        }
        let clock = ContinuousClock()
        var root: YAMLNode?
        // Debug builds are several times slower than release (well under 100 ms there).
        let elapsed = try clock.measure { root = try loadDocument(text) }
        #expect(elapsed < .seconds(2))
        #expect(root?.mapping?.count == index)
        #expect(root?["metric_7"]?["tags"]?.sequence?.last?.scalar == "売上")
    }
}
