import Testing
import KPIYAML

@Suite("Loading errors")
struct YAMLErrorTests {
    // MARK: - Syntax errors (golden)

    @Test("syntax errors name the problem, its context and a fix", arguments: [
        (
            "a:\n  b: 1\n c: 2\n",
            """
            test.yaml:3:2: error: YAML syntax error: did not find expected key (while parsing a block mapping started at 1:1); \
            check the indentation: every key of a mapping must start in the same column
            test.yaml:1:1: note: the block mapping started here
            """
        ),
        (
            "a: 1\nb: c: d\n",
            """
            test.yaml:2:5: error: YAML syntax error: mapping values are not allowed in this context; \
            quote a value that contains `: `, or start a nested mapping on a new, indented line
            """
        ),
        (
            "key: \"unclosed\nnext: 1\n",
            """
            test.yaml:3:1: error: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar started at 1:6); \
            close the quoted text with the same quote it starts with
            test.yaml:1:6: note: the quoted scalar started here
            """
        ),
        (
            "a: [1, 2\nb: 3\n",
            """
            test.yaml:2:2: error: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence started at 1:4); \
            separate the items of a `[...]` list with commas and close it with `]`
            test.yaml:1:4: note: the flow sequence started here
            """
        ),
        (
            "a:\n\tb: 1\n",
            """
            test.yaml:2:1: error: YAML syntax error: found character that cannot start any token; \
            indent with spaces, not tabs (YAML does not allow tabs in indentation)
            """
        ),
        (
            "items:\n  - 1\n  name: 2\n",
            """
            test.yaml:3:3: error: YAML syntax error: did not find expected '-' indicator (while parsing a block collection started at 2:3); \
            every item of a list must start with `- ` in the same column
            test.yaml:2:3: note: the block collection started here
            """
        ),
        (
            "名前: \"値\\q\"\n",
            """
            test.yaml:1:7: error: YAML syntax error: found unknown escape character (while parsing a quoted scalar started at 1:5); \
            inside double quotes write a backslash as `\\\\`, or use single quotes
            test.yaml:1:5: note: the quoted scalar started here
            """
        ),
        (
            "owner: @finance\n",
            """
            test.yaml:1:8: error: YAML syntax error: found character that cannot start any token; \
            `@` and backquotes are reserved in YAML; quote a value that starts with one
            """
        ),
        (
            "tags: [a, |\n  text\n]\n",
            """
            test.yaml:1:11: error: YAML syntax error: found character that cannot start any token; \
            a `|` or `>` block cannot appear inside `[...]` or `{...}`; use a quoted string there
            """
        ),
    ])
    func syntaxErrors(text: String, expected: String) throws {
        let error = try #require(loadError(text))
        #expect(error.code == .syntax)
        #expect(rendered(error) == expected)
    }

    // MARK: - Keys

    @Test("a duplicate key is reported at the second one, with a note at the first")
    func duplicateKey() throws {
        let error = try #require(loadError("""
            name: revenue
            fields:
              foo: 1
              bar: 2
              foo: 3
            """))
        #expect(error.code == .duplicateKey)
        #expect(error.range.start == SourceLocation(line: 5, column: 3))
        #expect(error.range.end == SourceLocation(line: 5, column: 6))
        #expect(error.notes.count == 1)
        #expect(error.notes.first?.range.start == SourceLocation(line: 3, column: 3))
        #expect(rendered(error) == """
            test.yaml:5:3: error: duplicate key `foo` in this mapping; each key may appear once (first at 3:3)
            test.yaml:3:3: note: the first `foo` is here
            """)
    }

    @Test("keys are compared by their text, whatever the quoting")
    func duplicateKeyAcrossStyles() throws {
        let error = try #require(loadError("a: 1\n'a': 2\n"))
        #expect(error.code == .duplicateKey)
        #expect(error.range.start == SourceLocation(line: 2, column: 1))
    }

    @Test("a duplicate key written as an alias is reported at the alias")
    func duplicateKeyThroughAlias() throws {
        let error = try #require(loadError("x: &k name\nmap:\n  name: 1\n  *k : 2\n"))
        #expect(error.code == .duplicateKey)
        #expect(rendered(error) == """
            test.yaml:4:3: error: duplicate key `name` in this mapping; each key may appear once (first at 3:3)
            test.yaml:3:3: note: the first `name` is here
            """)
    }

    @Test("the same key in different mappings is fine")
    func sameKeyInSiblings() throws {
        let root = try loadDocument("a:\n  x: 1\nb:\n  x: 2\n")
        #expect(root["b"]?["x"]?.scalar == "2")
    }

    @Test("a mapping or a list used as a key is an error", arguments: [
        ("? [a, b]\n: 1\n", "test.yaml:1:3: error: a list is used as a mapping key; keys must be plain text such as `name`"),
        ("{a: 1}: x\n", "test.yaml:1:1: error: a mapping is used as a mapping key; keys must be plain text such as `name`"),
        ("m: &m {x: 1}\nn:\n  *m : 2\n", "test.yaml:3:3: error: a mapping is used as a mapping key; keys must be plain text such as `name`"),
    ])
    func complexKey(text: String, expected: String) throws {
        let error = try #require(loadError(text))
        #expect(error.code == .complexKey)
        #expect(rendered(error) == expected)
    }

    // MARK: - Aliases

    @Test("an alias without an anchor before it")
    func unknownAlias() throws {
        let error = try #require(loadError("a: *nowhere\n"))
        #expect(error.code == .unknownAlias)
        #expect(error.range.start == SourceLocation(line: 1, column: 4))
        #expect(error.range.end == SourceLocation(line: 1, column: 12))
    }

    @Test("an alias inside its own anchored node")
    func recursiveAlias() throws {
        let error = try #require(loadError("a: &loop\n  - *loop\n"))
        #expect(error.code == .unknownAlias)
        #expect(rendered(error) == """
            test.yaml:2:5: error: alias `*loop` refers to a node that contains it; recursive structures are not allowed
            test.yaml:1:4: note: the anchor `&loop` is on the node that starts here
            """)
    }

    // MARK: - Encoding

    @Test("a control character is an encoding error at its place")
    func controlCharacter() throws {
        let error = try #require(loadError("a: ok\nb: x\u{1}y\n"))
        #expect(error.code == .encoding)
        #expect(rendered(error) == """
            test.yaml:2:5: error: the file contains U+0001, a control character YAML does not allow; \
            remove it, or write it as `\\u0001` inside double quotes
            """)
    }

    @Test("invalid UTF-8 bytes are an encoding error at the bad byte")
    func invalidUTF8() throws {
        let bytes: [UInt8] = Array("名前: ok\nb: ".utf8) + [0xFF] + Array("x\n".utf8)
        do {
            _ = try YAMLLoader.load(bytes: bytes, path: "bad.yaml")
            Issue.record("invalid UTF-8 loaded")
        } catch {
            #expect(error.code == .encoding)
            #expect(rendered(error) == """
                bad.yaml:2:4: error: the file is not valid UTF-8: invalid leading UTF-8 octet (byte 0xFF); save it as UTF-8 text
                """)
        }
    }

    @Test("invalid UTF-8 far into a large file is still found")
    func invalidUTF8Late() throws {
        let lines = (1...5000).map { "key\($0): value\n" }.joined()
        let bytes: [UInt8] = Array(lines.utf8) + Array("last: ".utf8) + [0xC3, 0x28] + [0x0A]
        do {
            _ = try YAMLLoader.load(bytes: bytes, path: "big.yaml")
            Issue.record("invalid UTF-8 loaded")
        } catch {
            // libyaml points at the byte that breaks the sequence: 0x28, after 0xC3.
            #expect(rendered(error) == """
                big.yaml:5001:8: error: the file is not valid UTF-8: invalid trailing UTF-8 octet (byte 0x28); save it as UTF-8 text
                """)
        }
    }

    @Test("invalid UTF-8 after an early syntax error is still reported as an encoding error")
    func invalidUTF8AfterSyntaxError() throws {
        // libyaml stops at the `]` long before it reads the bad byte.
        let lines = (1...5000).map { "key\($0): value\n" }.joined()
        let bytes: [UInt8] = Array("]\n".utf8) + Array(lines.utf8) + [0xFF, 0x0A]
        do {
            _ = try YAMLLoader.load(bytes: bytes, path: "big.yaml")
            Issue.record("invalid UTF-8 loaded")
        } catch {
            #expect(rendered(error) == """
                big.yaml:5002:1: error: the file is not valid UTF-8: invalid UTF-8 (byte 0xFF); save it as UTF-8 text
                """)
        }
    }

    @Test("UTF-16 text is refused with a clear message")
    func utf16() throws {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("a: 1\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        do {
            _ = try YAMLLoader.load(bytes: bytes, path: "u.yaml")
            Issue.record("UTF-16 loaded")
        } catch {
            #expect(error.code == .encoding)
            #expect(rendered(error) == "u.yaml:1:1: error: the file is UTF-16 text; save it as UTF-8")
        }
    }
}
