import Testing
@_spi(Testing) import KPIYAML

/// The contract (dsl.md) writes `money[JPY]` and `category[a, b]` inside `{...}`, which strict
/// YAML rejects; the loader accepts exactly that case, with marks on the text as written.
@Suite("Bracketed field types inside flow mappings")
struct FlowTypeQuotingTests {
    // MARK: - The contract's examples

    @Test("dsl.md: a purchases source with its fields in one flow mapping")
    func contractPurchases() throws {
        let root = try loadDocument("""
            sources:
              purchases:
                key: purchase_id
                fields: { purchase_id: string, customer: string, date: date, amount: money[JPY] }
            """)
        let fields = try #require(root["sources"]?["purchases"]?["fields"])
        let pairs = try #require(fields.mapping)
        #expect(pairs.map(\.key.scalar) == ["purchase_id", "customer", "date", "amount"])
        #expect(pairs.map(\.value.scalar) == ["string", "string", "date", "money[JPY]"])

        let amount = pairs[3].value
        #expect(amount.scalarStyle == .plain)
        #expect(amount.span == "4:74-4:84")
        #expect(pairs[3].key.span == "4:66-4:72")
        #expect(pairs[0].key.span == "4:15-4:26")
        #expect(fields.span == "4:13-4:86")
        // The nodes belong to the file as written: diagnostics quote the user's line.
        #expect(amount.range.file.line(4).contains("amount: money[JPY] }"))
        #expect(!amount.range.file.text.contains("\""))
        for scalar in root.allScalars { expectPositionsMatchSource(scalar) }
    }

    @Test("dsl.md: money in another currency")
    func contractUSD() throws {
        let root = try loadDocument("""
            sources:
              purchases:
                fields: { customer: string, date: date, amount: money[USD] }
              customers:
                group: purchases by customer      # key of the new source: customer
            """)
        let amount = try #require(root["sources"]?["purchases"]?["fields"]?["amount"])
        #expect(amount.scalar == "money[USD]")
        #expect(amount.scalarStyle == .plain)
        #expect(root["sources"]?["customers"]?["group"]?.scalar == "purchases by customer")
        for scalar in root.allScalars { expectPositionsMatchSource(scalar) }
    }

    @Test("category lists, the `?` suffix, and the keys and values after them on the line")
    func categoryAndNullable() throws {
        let root = try loadDocument("""
            fields: { segment: category[smb, mid, ent], mrr: money[JPY]?, nps: int? }
            next: 1
            """)
        let pairs = try #require(root["fields"]?.mapping)
        #expect(pairs.map(\.key.scalar) == ["segment", "mrr", "nps"])
        #expect(pairs.map(\.value.scalar) == ["category[smb, mid, ent]", "money[JPY]?", "int?"])
        #expect(pairs.map(\.value.scalarStyle) == [.plain, .plain, .plain])
        // Every span is on the original columns: two quotes were inserted before `mrr` and
        // four before `nps` in the text libyaml read.
        #expect(pairs.map(\.key.span) == ["1:11-1:18", "1:45-1:48", "1:63-1:66"])
        #expect(pairs.map(\.value.span) == ["1:20-1:43", "1:50-1:61", "1:68-1:72"])
        #expect(root["fields"]?.span == "1:9-1:74")
        #expect(root.mapping?[1].key.span == "2:1-2:5")

        let segment = pairs[0].value
        let positions = segment.scalarPositions()
        #expect(positions.first == SourceLocation(line: 1, column: 20))
        #expect(positions[8] == SourceLocation(line: 1, column: 28))  // "["
        #expect(positions.last == SourceLocation(line: 1, column: 43))
        for scalar in root.allScalars { expectPositionsMatchSource(scalar) }
    }

    @Test("a flow mapping over several lines, in a flow sequence, after a BOM and Japanese text")
    func layouts() throws {
        let root = try loadDocument("""
            \u{FEFF}型: { 金額: money[JPY], 区分: category[法人, 個人] }
            multi: {
              a: money[EUR],   # a comment: money[X]
              b: category[x,y]
            }
            list: [k: money[GBP], plain]
            """)
        let japanese = try #require(root["型"]?.mapping)
        #expect(japanese.map(\.value.scalar) == ["money[JPY]", "category[法人, 個人]"])
        #expect(japanese.map(\.value.span) == ["1:11-1:21", "1:27-1:43"])  // the BOM is column 1
        let multi = try #require(root["multi"]?.mapping)
        #expect(multi.map(\.value.scalar) == ["money[EUR]", "category[x,y]"])
        #expect(multi.map(\.value.span) == ["3:6-3:16", "4:6-4:19"])
        let list = try #require(root["list"]?.sequence)
        #expect(list[0]["k"]?.scalar == "money[GBP]")
        #expect(list[1].span == "6:23-6:28")
        for scalar in root.allScalars { expectPositionsMatchSource(scalar) }
    }

    // MARK: - Everything else is untouched

    @Test("quoted types keep their quotes and style; valid YAML is read as before")
    func quotedAndValid() throws {
        let root = try loadDocument("""
            quoted: { a: "money[JPY]", b: 'category[x, y]' }
            block: money[JPY]
            segment: category[smb, mid, ent]
            """)
        let a = try #require(root["quoted"]?["a"])
        #expect(a.scalar == "money[JPY]")
        #expect(a.scalarStyle == .doubleQuoted)
        #expect(a.span == "1:14-1:26")
        let b = try #require(root["quoted"]?["b"])
        #expect(b.scalarStyle == .singleQuoted)
        #expect(b.scalar == "category[x, y]")
        #expect(root["block"]?.scalar == "money[JPY]")
        #expect(root["segment"]?.scalar == "category[smb, mid, ent]")
        #expect(root["segment"]?.span == "3:10-3:33")
    }

    @Test("in a file that needs the retry, quoted text, comments and block scalars keep their text")
    func retryLeavesOtherTextAlone() throws {
        let root = try loadDocument("""
            note: |
              { x: money[JPY] }
            fields: { a: "say: money[JPY]", b: money[USD] }  # b: money[X]
            """)
        #expect(root["note"]?.scalar == "{ x: money[JPY] }\n")
        let a = try #require(root["fields"]?["a"])
        #expect(a.scalar == "say: money[JPY]")
        #expect(a.scalarStyle == .doubleQuoted)
        #expect(a.span == "3:14-3:31")
        #expect(root["fields"]?["b"]?.scalar == "money[USD]")
        #expect(root["fields"]?["b"]?.scalarStyle == .plain)
        for scalar in root.allScalars { expectPositionsMatchSource(scalar) }
    }

    // MARK: - Errors

    @Test("a flow mapping that is broken anyway reports the error in the text as written", arguments: [
        // Unclosed: the retry fails too.
        (
            "fields: { amount: money[JPY], date: date\nnext: 1\n",
            """
            test.yaml:1:24: error: YAML syntax error: did not find expected ',' or '}' (while parsing a flow mapping started at 1:9); \
            separate the pairs of a `{...}` mapping with commas and close it with `}`
            test.yaml:1:9: note: the flow mapping started here
            """
        ),
        // A comma missing after the type.
        (
            "fields: { amount: money[JPY] date: date }\n",
            """
            test.yaml:1:24: error: YAML syntax error: did not find expected ',' or '}' (while parsing a flow mapping started at 1:9); \
            separate the pairs of a `{...}` mapping with commas and close it with `}`
            test.yaml:1:9: note: the flow mapping started here
            """
        ),
    ])
    func brokenStaysBroken(text: String, expected: String) throws {
        let error = try #require(loadError(text))
        #expect(error.code == .syntax)
        #expect(rendered(error) == expected)
    }

    @Test("a problem the tree finds after the retry is reported at its place in the text as written")
    func duplicateKeyAfterRetry() throws {
        let error = try #require(loadError("f: { a: money[JPY], b: money[USD], a: string }\n"))
        #expect(error.code == .duplicateKey)
        #expect(error.range.start == SourceLocation(line: 1, column: 36))
        #expect(error.notes.first?.range.start == SourceLocation(line: 1, column: 6))
    }

    @Test("only the contract's form is retried: other bracketed text in `{...}` stays an error", arguments: [
        "f: { a: money[JPY] extra }\n",     // more text after the type
        "f: { a: price[JPY] }\n",           // not a type name
        "f: { a: xmoney[JPY] }\n",          // not at the start of the value
        "f: { money[JPY]: a }\n",           // a key, not a value
        "f: { a: money[J\"P\"Y] }\n",       // a quote inside the brackets
        "f: { a: money[JPY }\n",            // unclosed
    ])
    func otherFormsStayErrors(text: String) throws {
        let error = try #require(loadError(text))
        #expect(error.code == .syntax)
        #expect(error.message.hasPrefix("YAML syntax error: did not find expected ',' or '}'"))
        // Where libyaml stopped in the text as written: at the first `[`.
        let bracket = try #require(text.unicodeScalars.firstIndex(of: "["))
        let column = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: bracket) + 1
        #expect(error.range.start == SourceLocation(line: 1, column: column))
    }

    @Test("a retry that would change other text is refused: the original error stands")
    func retryThatChangesTextIsRefused() throws {
        // A block scalar indented less than its header line, which the search does not
        // recognize as block text: quoting there would change `note`.
        let error = try #require(loadError("""
            note:
                  |
              { x: money[JPY] }
            f: { a: money[USD] }
            """))
        #expect(error.code == .syntax)
        #expect(error.range.start == SourceLocation(line: 4, column: 14))
    }
}
