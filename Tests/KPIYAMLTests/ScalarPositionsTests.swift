import Testing
@_spi(Testing) import KPIYAML

@Suite("Positions of the characters of a scalar")
struct ScalarPositionsTests {
    // MARK: - Exact positions, one style at a time

    @Test("plain: one line, and several lines folded into one")
    func plain() throws {
        let root = try loadDocument("""
            formula: sum(amount) / 2
            long: first line
              second   line

              after a blank line
            """)
        let formula = try #require(root["formula"])
        let positions = formula.scalarPositions()
        #expect(positions.first == SourceLocation(line: 1, column: 10))
        #expect(positions.last == SourceLocation(line: 1, column: 25))
        #expect(positions[3] == SourceLocation(line: 1, column: 13))  // "("

        let long = try #require(root["long"])
        #expect(long.scalar == "first line second   line\nafter a blank line")
        let longPositions = long.scalarPositions()
        // The space that replaces the first line break is at that line break.
        #expect(longPositions[10] == SourceLocation(line: 2, column: 17))
        #expect(longPositions[11] == SourceLocation(line: 3, column: 3))
        // A blank line keeps one line feed: at the blank line's own break.
        #expect(longPositions[24] == SourceLocation(line: 4, column: 1))
        #expect(longPositions[25] == SourceLocation(line: 5, column: 3))
        expectPositionsMatchSource(formula)
        expectPositionsMatchSource(long)
    }

    @Test("single quotes: '' is one quote, at the first of the two")
    func singleQuoted() throws {
        let root = try loadDocument("""
            a: 'it''s ''x'''
            b: 'one
              two'
            """)
        let a = try #require(root["a"])
        #expect(a.scalar == "it's 'x'")
        let positions = a.scalarPositions()
        #expect(positions.map(\.column) == [5, 6, 7, 9, 10, 11, 13, 14, 16])
        let b = try #require(root["b"])
        #expect(b.scalar == "one two")
        #expect(b.scalarPositions()[3] == SourceLocation(line: 2, column: 8))
        #expect(b.scalarPositions()[4] == SourceLocation(line: 3, column: 3))
        expectPositionsMatchSource(a)
        expectPositionsMatchSource(b)
    }

    @Test("double quotes: escapes map to their backslash")
    func doubleQuoted() throws {
        let root = try loadDocument(#"""
            a: "say \"hi\"\\n\n caf\u00e9 \x41\U0001F600\ttab"
            b: "one \
              two
              three"
            """#)
        let a = try #require(root["a"])
        #expect(a.scalar == "say \"hi\"\\n\n café A😀\ttab")
        let positions = a.scalarPositions()
        let columns = positions.map(\.column)
        // s a y _ \" h i \" \\ n \n _ c a f \u00e9 _ \x41 \U0001F600 \t t a b (end)
        #expect(columns == [5, 6, 7, 8, 9, 11, 12, 13, 15, 17, 18, 20, 21, 22, 23, 24, 30, 31, 35, 45, 47, 48, 49, 50])
        let b = try #require(root["b"])
        // An escaped line break joins without a space; a plain one folds into a space.
        #expect(b.scalar == "one two three")
        let bPositions = b.scalarPositions()
        #expect(bPositions[4] == SourceLocation(line: 3, column: 3))
        #expect(bPositions[7] == SourceLocation(line: 3, column: 6))
        expectPositionsMatchSource(a)
        expectPositionsMatchSource(b)
    }

    @Test("literal block: lines keep their breaks; chomping decides the end")
    func literal() throws {
        let root = try loadDocument("""
            clip: |
              line one
                indented

              after blank
            strip: |-
              text

            keep: |+
              text


            explicit: |2
                four spaces
            end: x
            """)
        let clip = try #require(root["clip"])
        #expect(clip.scalar == "line one\n  indented\n\nafter blank\n")
        let positions = clip.scalarPositions()
        #expect(positions[0] == SourceLocation(line: 2, column: 3))
        #expect(positions[8] == SourceLocation(line: 2, column: 11))  // "\n"
        #expect(positions[9] == SourceLocation(line: 3, column: 3))  // first space of "  indented"
        #expect(positions.last == SourceLocation(line: 6, column: 1))
        #expect(try #require(root["strip"]).scalar == "text")
        #expect(try #require(root["keep"]).scalar == "text\n\n\n")
        #expect(try #require(root["explicit"]).scalar == "  four spaces\n")
        for key in ["clip", "strip", "keep", "explicit"] {
            expectPositionsMatchSource(try #require(root[key]))
        }
    }

    @Test("folded block: breaks between text lines become spaces, more-indented lines keep theirs")
    func folded() throws {
        let root = try loadDocument("""
            text: >
              one
              two

              three
                indented
              four
            """)
        let text = try #require(root["text"])
        #expect(text.scalar == "one two\nthree\n  indented\nfour")
        let positions = text.scalarPositions()
        #expect(positions[3] == SourceLocation(line: 2, column: 6))  // folded space at the break
        #expect(positions[7] == SourceLocation(line: 4, column: 1))  // the blank line's break
        #expect(positions[8] == SourceLocation(line: 5, column: 3))
        expectPositionsMatchSource(text)
    }

    @Test("Japanese text and tabs, in every style")
    func japaneseAndTabs() throws {
        let root = try loadDocument("""
            plain: 売上\t合計 ÷ 件数
            single: '売上\t''合計'''
            double: "売上\\t合計\t「値」"
            literal: |
              売上\t合計
              　全角スペース
            folded: >-
              売上
              合計
            """)
        #expect(root["plain"]?.scalar == "売上\t合計 ÷ 件数")
        #expect(root["double"]?.scalar == "売上\t合計\t「値」")
        #expect(root["folded"]?.scalar == "売上 合計")
        let plain = try #require(root["plain"])
        #expect(plain.scalarPositions()[3] == SourceLocation(line: 1, column: 11))
        for key in ["plain", "single", "double", "literal", "folded"] {
            expectPositionsMatchSource(try #require(root[key]))
        }
    }

    @Test("anchors and tags before a scalar are skipped; alias copies point at the anchor")
    func properties() throws {
        let root = try loadDocument("""
            a: &x !!str "value"
            b: *x
            c: !!str
              multi
              line
            """)
        let a = try #require(root["a"])
        #expect(a.scalarPositions().first == SourceLocation(line: 1, column: 14))
        #expect(try #require(root["b"]).scalarPositions() == a.scalarPositions())
        expectPositionsMatchSource(a)
        expectPositionsMatchSource(try #require(root["c"]))
    }

    @Test("an empty scalar has one position; a mapping has none")
    func emptyAndCollections() throws {
        let root = try loadDocument("a:\nb: ''\nc: {x: 1}\n")
        #expect(try #require(root["a"]).scalarPositions().count == 1)
        #expect(try #require(root["b"]).scalarPositions() == [SourceLocation(line: 2, column: 5)])
        #expect(try #require(root["c"]).scalarPositions().isEmpty)
    }

    // MARK: - Every character of many inputs

    static let corpus: [String] = [
        // Plain
        "a: x",
        "a: x y  z\t w",
        "a: one\n  two\n\n\n  three\n",
        "a: x#not-comment a#b c:d\n",
        "- top\n  level\n- [flow one, flow\n    two, {k: v w}]\n",
        "k: 値\n  続き\n",
        "? complex\n  key\n: value\n",
        "plain document\nacross lines\n",
        // Single-quoted
        "a: ''''",
        "a: ' leading and trailing  '",
        "a: 'one\n\n  two\n    three  \n  four'\n",
        "a: 'tab\tinside ''x'''\n",
        "[ 'in flow', 'two\n  lines' ]\n",
        // Double-quoted
        #"a: "\0\a\b\t\n\v\f\r\e\ \"\/\\\N\_\L\P""#,
        #"a: "\x41\u00e9\u65e5\U0001F600""#,
        "a: \"tab\\\tescape\"\n",
        "a: \"one \\\n  two\\\n\n  three\"\n",
        "a: \"  spaces  \n\n\n   kept  \"\n",
        "a: \"line\n  \tindented with tab\"\n",
        "{ \"k\": \"v\\u0041\" }\n",
        // Literal
        "a: |\n  x\n",
        "a: |-\n  x\n  y\n\n",
        "a: |+\n  x\n\n\n",
        "a: |2\n    x\n   y\n",
        "a: |-2\n   x\n",
        "a: |2+\n   x\n\n",
        "a: | # comment\n  x\n\n  y\n",
        "a: |\n\n\n  after blanks\n",
        "a: |\n  x\n  \ttab after the indentation\n  more\t\n",
        "- |\n  in a list\n- |1\n  one space more\n",
        "--- |\n  top level\n...\n",
        "--- |1\n  top level explicit\n",
        "a:\n  b: |2\n      deep\n     less\n",
        "a: |\n  no newline at end",
        "a: |\n      deep first\n      line\n",
        // Folded
        "a: >\n  x\n  y\n",
        "a: >-\n  one\n  two\n\n  three\n",
        "a: >+\n  one\n\n",
        "a: >\n  text\n    more\n    indented\n  back\n\n\n  after\n",
        "a: >\n  text\n   leading space\n  text\n",
        "a: >\n  text\n  \ttab line\n  text\n",
        "a: >2\n    x\n   y\n",
        // Line endings and mixed
        "a: one\r\n  two\r\nb: |\r\n  x\r\n  y\r\nc: >\r\n  p\r\n  q\r\nd: \"e\r\n  f\"\r\n",
        "\u{FEFF}a: 'bom'\nb: plain\n",
        "日本: \"東京\\n大阪\"\n名前: >\n  山田\n  太郎\n",
    ]

    @Test("every character of every scalar points at its source", arguments: corpus)
    func corpusPositions(text: String) throws {
        let documents = try load(text)
        #expect(!documents.isEmpty)
        for document in documents {
            for node in document.allScalars {
                expectPositionsMatchSource(node)
            }
        }
    }

    @Test("a value the re-reading cannot reproduce falls back to the node start")
    func fallback() throws {
        let file = SourceFile(path: "x.yaml", text: "a: text\n")
        let start = SourceLocation(line: 1, column: 4)
        let node = YAMLNode(
            kind: .scalar("not the text", .plain),
            range: SourceRange(file: file, start: start, end: SourceLocation(line: 1, column: 8))
        )
        #expect(node.exactScalarPositions() == nil)
        #expect(node.scalarPositions() == Array(repeating: start, count: 13))
    }
}
