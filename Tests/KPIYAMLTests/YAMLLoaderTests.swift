import Testing
import KPIYAML

@Suite("Loading documents")
struct YAMLLoaderTests {
    // MARK: - Marks

    @Test("keys, values and nested nodes keep 1-based start and end marks")
    func marks() throws {
        let root = try loadDocument("""
            name: revenue
            owner:
              team: finance
              tags: [a, "b c"]
            """)
        let pairs = try #require(root.mapping)
        #expect(root.span == "1:1-4:19")
        #expect(pairs[0].key.span == "1:1-1:5")
        #expect(pairs[0].value.span == "1:7-1:14")
        #expect(pairs[1].key.span == "2:1-2:6")

        let owner = pairs[1].value
        #expect(owner.range.start == SourceLocation(line: 3, column: 3))
        let team = try #require(owner.mapping?[0])
        #expect(team.key.span == "3:3-3:7")
        #expect(team.value.span == "3:9-3:16")
        let tags = try #require(owner["tags"])
        #expect(tags.span == "4:9-4:19")
        #expect(tags.sequence?.map(\.span) == ["4:10-4:11", "4:13-4:18"])
        #expect(tags.sequence?.map(\.scalar) == ["a", "b c"])
    }

    @Test("columns count Unicode scalars, not bytes: Japanese text")
    func japaneseColumns() throws {
        let root = try loadDocument("""
            名前: 売上高
            説明: "月次の売上"
            指標:
              - 合計: 金額
            """)
        let pairs = try #require(root.mapping)
        #expect(pairs[0].key.span == "1:1-1:3")
        #expect(pairs[0].value.span == "1:5-1:8")
        #expect(pairs[1].value.span == "2:5-2:12")
        let item = try #require(root["指標"]?.sequence?.first?.mapping?.first)
        #expect(item.key.span == "4:5-4:7")
        #expect(item.value.span == "4:9-4:11")

        // The column indexes the line's scalars.
        let line = Array(root.range.file.line(4).unicodeScalars)
        #expect(line[item.value.range.start.column - 1] == "金")
    }

    @Test("a leading byte order mark counts as column 1, as in SourceFile.lines")
    func byteOrderMark() throws {
        let root = try loadDocument("\u{FEFF}a: 1\nb: 2\n")
        let pairs = try #require(root.mapping)
        #expect(pairs[0].key.span == "1:2-1:3")
        #expect(pairs[1].key.span == "2:1-2:2")
    }

    @Test("CRLF line endings give the same lines as SourceFile")
    func crlf() throws {
        let root = try loadDocument("a: 1\r\nb:\r\n  - x y\r\n")
        #expect(root["a"]?.span == "1:4-1:5")
        #expect(root["b"]?.sequence?.first?.span == "3:5-3:8")
    }

    // MARK: - Documents

    @Test("an empty file, or one with only comments, has no documents")
    func emptyFile() throws {
        #expect(try load("").isEmpty)
        #expect(try load("\n\n").isEmpty)
        #expect(try load("# just a comment\n").isEmpty)
    }

    @Test("each document of a stream gives one root, in order")
    func multipleDocuments() throws {
        let documents = try load("""
            a: 1
            ---
            - x
            --- plain
            ...
            ---
            """)
        #expect(documents.count == 4)
        #expect(documents[0]["a"]?.scalar == "1")
        #expect(documents[1].sequence?.first?.scalar == "x")
        #expect(documents[2].scalar == "plain")
        #expect(documents[2].span == "4:5-4:10")
        #expect(documents[3].isNull)
    }

    @Test("anchors are per document")
    func anchorsDoNotCrossDocuments() {
        let error = loadError("a: &x 1\n---\nb: *x\n")
        #expect(error?.code == .unknownAlias)
        #expect(error.map(rendered) == "test.yaml:3:4: error: unknown alias `*x`; define the anchor `&x` on a node before this alias, in the same document")
    }

    // MARK: - Scalars

    @Test("scalars stay text: no booleans, numbers or nulls are interpreted")
    func scalarsAreText() throws {
        let root = try loadDocument("""
            a: yes
            b: on
            c: 1.50
            d: ~
            e: 0x1F
            f: true
            g: "yes"
            """)
        for key in ["a", "b", "c", "d", "e", "f"] {
            #expect(root[key]?.scalarStyle == .plain)
            #expect(root[key]?.tag == nil)
        }
        #expect(root["a"]?.scalar == "yes")
        #expect(root["b"]?.scalar == "on")
        #expect(root["c"]?.scalar == "1.50")
        #expect(root["d"]?.scalar == "~")
        #expect(root["d"]?.isNull == true)
        #expect(root["e"]?.scalar == "0x1F")
        #expect(root["f"]?.scalar == "true")
        #expect(root["g"]?.scalar == "yes")
        #expect(root["g"]?.scalarStyle == .doubleQuoted)
    }

    @Test("every scalar style is reported")
    func scalarStyles() throws {
        let root = try loadDocument("""
            plain: text
            single: 'text'
            double: "text"
            literal: |
              text
            folded: >
              text
            """)
        #expect(root["plain"]?.scalarStyle == .plain)
        #expect(root["single"]?.scalarStyle == .singleQuoted)
        #expect(root["double"]?.scalarStyle == .doubleQuoted)
        #expect(root["literal"]?.scalarStyle == .literal)
        #expect(root["literal"]?.scalar == "text\n")
        #expect(root["folded"]?.scalarStyle == .folded)
        #expect(root["folded"]?.scalar == "text")
    }

    @Test("explicit tags are kept, resolved to full tag names; untagged nodes have none")
    func tags() throws {
        let root = try loadDocument("""
            a: !!str 12
            b: !custom x
            c: 12
            d: !!map {k: v}
            e: "12"
            """)
        #expect(root["a"]?.tag == "tag:yaml.org,2002:str")
        #expect(root["a"]?.scalar == "12")
        #expect(root["a"]?.span == "1:4-1:12")
        #expect(root["b"]?.tag == "!custom")
        #expect(root["c"]?.tag == nil)
        #expect(root["d"]?.tag == "tag:yaml.org,2002:map")
        #expect(root["e"]?.tag == nil)
    }

    @Test("a value with a NUL escape keeps every byte")
    func nulInValue() throws {
        let root = try loadDocument(#"a: "x\0y""#)
        #expect(root["a"]?.scalar == "x\u{0}y")
    }

    // MARK: - Anchors and aliases

    @Test("an alias becomes a copy of its anchored node, with the anchor's marks")
    func aliasesAreCopies() throws {
        let root = try loadDocument("""
            base: &base
              currency: EUR
              scale: 2
            copy: *base
            name: &n revenue
            again: *n
            list: [*n, *n]
            """)
        let base = try #require(root["base"])
        let copy = try #require(root["copy"])
        #expect(copy.mapping?.map(\.key.scalar) == ["currency", "scale"])
        #expect(copy["currency"]?.scalar == "EUR")
        #expect(copy.range.start == base.range.start)
        #expect(copy["scale"]?.span == base["scale"]?.span)
        #expect(root["again"]?.scalar == "revenue")
        #expect(root["again"]?.span == "5:7-5:17")
        #expect(root["list"]?.sequence?.map(\.scalar) == ["revenue", "revenue"])
    }

    @Test("the merge key `<<` is an ordinary key: nothing is merged")
    func mergeKeyIsNotSpecial() throws {
        let root = try loadDocument("""
            defaults: &d
              unit: EUR
            metric:
              <<: *d
              unit: USD
            """)
        let metric = try #require(root["metric"]?.mapping)
        #expect(metric.map(\.key.scalar) == ["<<", "unit"])
        #expect(metric[0].value["unit"]?.scalar == "EUR")
        #expect(metric[1].value.scalar == "USD")
    }

    @Test("an alias used as a key counts as that scalar key")
    func aliasAsKey() throws {
        let root = try loadDocument("a: &k key\nmap:\n  *k : 1\n")
        #expect(root["map"]?.mapping?.first?.key.scalar == "key")
    }

    // MARK: - Raw bytes

    @Test("valid UTF-8 bytes load like text")
    func bytes() throws {
        let documents = try YAMLLoader.load(bytes: Array("名前: x\n".utf8), path: "b.yaml")
        #expect(documents.first?["名前"]?.scalar == "x")
        #expect(documents.first?.range.file.path == "b.yaml")
    }
}
