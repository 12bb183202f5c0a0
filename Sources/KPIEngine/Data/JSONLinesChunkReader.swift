/// Reads the lines of one chunk of a JSON Lines file into the column sinks: each line is
/// one flat JSON object whose values are strings, numbers, `true`, `false` or `null`.
///
/// A small byte-level parser of its own: keys are matched without making strings (by the
/// key seen at the same position on the previous line, else by hash), values are parsed
/// in place. Keys of columns that are not read are skipped, nested values included.
struct JSONLinesChunkReader {
    private static let newline: UInt8 = 0x0A, quote: UInt8 = 0x22, backslash: UInt8 = 0x5C

    let base: UnsafePointer<UInt8>
    let specs: [ColumnSpec]
    let pages: PageReleaser?

    /// A line that is not a flat JSON object, or a value the reader cannot take.
    private struct LineProblem: Error {
        /// The address of the byte where it went wrong (for the character offset), or nil
        /// for problems that name a key instead.
        var address: Int?
        var column: String?
        var message: String

        init(at: UnsafePointer<UInt8>?, column: String? = nil, message: String) {
            address = at.map { Int(bitPattern: $0) }
            self.column = column
            self.message = message
        }

        var at: UnsafePointer<UInt8>? { address.flatMap { UnsafePointer(bitPattern: $0) } }
    }

    /// Reads `chunk`, writing its first row at table row `firstRow`.
    func read(_ chunk: Chunk, firstRow: Int, writer: inout ChunkWriter) -> ChunkOutcome {
        let end = base + chunk.end
        var p = base + chunk.start
        var fileRow = chunk.firstRecord + 1
        var row = firstRow
        var blanks: [Int] = []
        var state = LineState(specs: specs)
        defer { state.free() }
        var released = chunk.start
        while p < end, !writer.errors.isOverLimit {
            if let pages, p - base - released >= PageReleaser.stride {
                pages.release(from: released, to: p - base)
                released = p - base
            }
            let lineStart = p
            p = Self.skipSpace(p, end)
            if p == end || p.pointee == Self.newline {
                p = p == end ? end : p + 1
                blanks.append(row - firstRow)
                fileRow += 1
                continue
            }
            let mark = writer.errors.found
            do throws(LineProblem) {
                p = try readObject(p, end, row: row, fileRow: fileRow, state: &state, writer: &writer)
            } catch {
                writer.errors.rollBack(to: mark)
                var message = error.message
                if let at = error.at {
                    message = DataErrorMessage.malformedJSON(character: Self.character(at, in: lineStart), message)
                }
                writer.failRow(fileRow: fileRow, column: error.column, message: message)
                writer.clearRow(row)
                p = Self.lineEnd(error.at ?? lineStart, end)
            }
            row += 1
            fileRow += 1
        }
        return ChunkOutcome(rows: row - firstRow, blanks: blanks, writer: writer)
    }

    /// Reads the object starting at `p` (at `{`) and the rest of its line; returns the
    /// start of the next line.
    private func readObject(
        _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, row: Int, fileRow: Int,
        state: inout LineState, writer: inout ChunkWriter
    ) throws(LineProblem) -> UnsafePointer<UInt8> {
        var p = start
        guard p.pointee == UInt8(ascii: "{") else {
            throw LineProblem(at: p, message: "expected `{`; each line must be one JSON object")
        }
        state.stamp &+= 1
        let stamp = state.stamp
        p = Self.skipSpace(p + 1, end)
        if p < end, p.pointee == UInt8(ascii: "}") {
            p += 1
        } else {
            var position = 0
            while true {
                guard p < end, p.pointee == Self.quote else {
                    throw LineProblem(at: p, message: "expected a key in double quotes")
                }
                let key = try Self.scanString(p, end)
                var keyText = key.content
                var keyCount = key.count
                if key.escaped { (keyText, keyCount) = state.keyScratch.unescapeJSON(key.content, key.count) }
                let c = state.keys.column(at: position, keyText, keyCount)
                p = Self.skipSpace(key.after, end)
                guard p < end, p.pointee == UInt8(ascii: ":") else {
                    throw LineProblem(at: p, message: "expected `:` after the key \(Self.shown(keyText, keyCount))")
                }
                p = Self.skipSpace(p + 1, end)
                if c >= 0, state.seen[c] == stamp {
                    writer.failRow(fileRow: fileRow, column: specs[c].name, message: DataErrorMessage.duplicateJSONKey(specs[c].name))
                    p = try skipValue(p, end, key: keyText, keyCount)
                } else if c >= 0 {
                    state.seen[c] = stamp
                    p = try readValue(p, end, column: c, row: row, fileRow: fileRow, state: &state, writer: &writer)
                } else {
                    p = try skipValue(p, end, key: keyText, keyCount)
                }
                p = Self.skipSpace(p, end)
                if p < end, p.pointee == UInt8(ascii: ",") {
                    p = Self.skipSpace(p + 1, end)
                    position += 1
                    continue
                }
                if p < end, p.pointee == UInt8(ascii: "}") {
                    p += 1
                    break
                }
                throw LineProblem(at: p, message: "expected `,` or `}` after the value of \(Self.shown(keyText, keyCount))")
            }
        }
        p = Self.skipSpace(p, end)
        if p < end, p.pointee != Self.newline {
            throw LineProblem(at: p, message: "unexpected text after the closing `}`; put one object on each line")
        }
        for c in 0..<specs.count where state.seen[c] != stamp {
            writer.storeNull(c, row: row, fileRow: fileRow, .missingKey)
        }
        return p == end ? end : p + 1
    }

    /// Reads the value at `p` into column `c`; returns the byte after it.
    private func readValue(
        _ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, column c: Int, row: Int, fileRow: Int,
        state: inout LineState, writer: inout ChunkWriter
    ) throws(LineProblem) -> UnsafePointer<UInt8> {
        let kind = writer.traits[c].kind
        switch p.pointee {
        case Self.quote:
            let string = try Self.scanString(p, end)
            var text = string.content
            var count = string.count
            if string.escaped { (text, count) = state.valueScratch.unescapeJSON(string.content, string.count) }
            switch kind {
            case .string, .date, .category:
                if count == 0, kind != .string {
                    writer.fail(c, row: row, fileRow: fileRow, message: DataErrorMessage.emptyJSONString(specs[c].type))
                } else {
                    writer.store(kind, c, row: row, text, count, emptyString: true, fileRow: fileRow)
                }
            case .int, .decimal, .money, .bool:
                writer.fail(c, row: row, fileRow: fileRow, message: DataErrorMessage.wrongJSONKind(specs[c].type, foundKind: "the string ", text, count))
            }
            return string.after
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let number = try Self.scanNumber(p, end)
            let n = number.after - p
            switch kind {
            case .int:
                if number.fraction || number.exponent {
                    writer.fail(c, row: row, fileRow: fileRow, message: DataErrorMessage.invalidValue(specs[c].type, .syntax, p, n, json: true))
                } else {
                    writer.store(.int, c, row: row, p, n, fileRow: fileRow)
                }
            case .decimal:
                if number.exponent {
                    var failure = ValueFailure.syntax
                    if let value = ValueParser.decimalWithExponent(p, n, failure: &failure) {
                        writer.sinks[c].values.assumingMemoryBound(to: Double.self)[row] = value
                        writer.sinks[c].validity?[row] = true
                    } else {
                        writer.fail(c, row: row, fileRow: fileRow, message: DataErrorMessage.invalidValue(specs[c].type, failure, p, n, json: true))
                    }
                } else {
                    writer.store(.decimal, c, row: row, p, n, fileRow: fileRow)
                }
            case .money:
                if number.exponent {
                    writer.fail(c, row: row, fileRow: fileRow, message: DataErrorMessage.invalidValue(specs[c].type, .syntax, p, n, json: true))
                } else {
                    writer.store(.money, c, row: row, p, n, fileRow: fileRow)
                }
            case .bool:
                if n == 1, p.pointee == UInt8(ascii: "0") || p.pointee == UInt8(ascii: "1") {
                    writer.storeBool(c, row: row, p.pointee == UInt8(ascii: "1"))
                } else {
                    writer.fail(c, row: row, fileRow: fileRow, message: DataErrorMessage.wrongJSONKind(specs[c].type, foundKind: "the number ", p, n))
                }
            case .date, .category, .string:
                writer.fail(c, row: row, fileRow: fileRow, message: DataErrorMessage.wrongJSONKind(specs[c].type, foundKind: "the number ", p, n))
            }
            return number.after
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            let value = p.pointee == UInt8(ascii: "t")
            let after = try Self.literal(value ? "true" : "false", p, end)
            if kind == .bool {
                writer.storeBool(c, row: row, value)
            } else {
                writer.fail(c, row: row, fileRow: fileRow, message: DataErrorMessage.wrongJSONKind(specs[c].type, foundKind: "", p, after - p))
            }
            return after
        case UInt8(ascii: "n"):
            let after = try Self.literal("null", p, end)
            writer.storeNull(c, row: row, fileRow: fileRow, .jsonNull)
            return after
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            throw LineProblem(at: nil, column: specs[c].name, message: DataErrorMessage.nestedValue(specs[c].name, isArray: p.pointee == UInt8(ascii: "[")))
        default:
            throw LineProblem(at: p, message: "expected a value (a string, number, true, false or null)")
        }
    }

    /// Checks and skips the value of a key that is not read (nested values included).
    private func skipValue(
        _ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, key: UnsafePointer<UInt8>, _ keyCount: Int
    ) throws(LineProblem) -> UnsafePointer<UInt8> {
        switch p < end ? p.pointee : Self.newline {
        case Self.quote:
            return try Self.scanString(p, end).after
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try Self.scanNumber(p, end).after
        case UInt8(ascii: "t"): return try Self.literal("true", p, end)
        case UInt8(ascii: "f"): return try Self.literal("false", p, end)
        case UInt8(ascii: "n"): return try Self.literal("null", p, end)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var q = p
            while q < end {
                switch q.pointee {
                case Self.quote:
                    q = try Self.scanString(q, end).after
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return q + 1 }
                case Self.newline:
                    throw LineProblem(at: q, message: "the value of \(Self.shown(key, keyCount)) is not closed before the end of the line")
                default:
                    break
                }
                q += 1
            }
            throw LineProblem(at: q, message: "the value of \(Self.shown(key, keyCount)) is not closed before the end of the line")
        default:
            throw LineProblem(at: p, message: "expected a value (a string, number, true, false or null)")
        }
    }

    // MARK: - Tokens

    /// A JSON string token: its raw content (escapes not yet undone) and the byte after it.
    private struct StringToken {
        var content: UnsafePointer<UInt8>
        var count: Int
        var escaped: Bool
        var after: UnsafePointer<UInt8>
    }

    /// Scans the string starting at `p` (at `"`), checking its escapes.
    @inline(__always)
    private static func scanString(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) throws(LineProblem) -> StringToken {
        var q = p + 1
        var escaped = false
        while q < end {
            let byte = q.pointee
            if byte == quote {
                return StringToken(content: p + 1, count: q - p - 1, escaped: escaped, after: q + 1)
            }
            if byte == backslash {
                escaped = true
                guard q + 1 < end else { break }
                switch q[1] {
                case quote, backslash, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    q += 2
                case UInt8(ascii: "u"):
                    guard q + 5 < end, (2...5).allSatisfy({ hexValue(q[$0]) != nil }) else {
                        throw LineProblem(at: q, message: "invalid escape in a string; `\\u` takes four hex digits")
                    }
                    q += 6
                default:
                    throw LineProblem(at: q, message: "invalid escape in a string; use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX")
                }
                continue
            }
            if byte < 0x20 {
                if byte == newline { break }
                throw LineProblem(at: q, message: "a control character in a string; write it as an escape such as \\t")
            }
            q += 1
        }
        throw LineProblem(at: p, message: "a string is not closed before the end of the line")
    }

    /// A JSON number token, checked against the JSON grammar.
    private struct NumberToken {
        var fraction: Bool
        var exponent: Bool
        var after: UnsafePointer<UInt8>
    }

    @inline(__always)
    private static func scanNumber(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) throws(LineProblem) -> NumberToken {
        var q = p
        @inline(__always) func isDigit(_ q: UnsafePointer<UInt8>) -> Bool {
            q < end && q.pointee &- UInt8(ascii: "0") <= 9
        }
        if q.pointee == UInt8(ascii: "-") { q += 1 }
        if q < end, q.pointee == UInt8(ascii: "0") {
            q += 1
        } else if isDigit(q) {
            while isDigit(q) { q += 1 }
        } else {
            throw LineProblem(at: p, message: "invalid number; a JSON number looks like -12, 0.5 or 1e3")
        }
        var fraction = false, exponent = false
        if q < end, q.pointee == UInt8(ascii: ".") {
            q += 1
            guard isDigit(q) else { throw LineProblem(at: p, message: "invalid number; a JSON number looks like -12, 0.5 or 1e3") }
            while isDigit(q) { q += 1 }
            fraction = true
        }
        if q < end, q.pointee | 0x20 == UInt8(ascii: "e") {
            q += 1
            if q < end, q.pointee == UInt8(ascii: "+") || q.pointee == UInt8(ascii: "-") { q += 1 }
            guard isDigit(q) else { throw LineProblem(at: p, message: "invalid number; a JSON number looks like -12, 0.5 or 1e3") }
            while isDigit(q) { q += 1 }
            exponent = true
        }
        if q < end {
            switch q.pointee {
            case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0D, newline:
                break
            default:
                throw LineProblem(at: p, message: "invalid number; a JSON number looks like -12, 0.5 or 1e3")
            }
        }
        return NumberToken(fraction: fraction, exponent: exponent, after: q)
    }

    /// Checks the literal `word` (`true`, `false`, `null`) at `p`.
    private static func literal(_ word: StaticString, _ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) throws(LineProblem) -> UnsafePointer<UInt8> {
        let n = word.utf8CodeUnitCount
        guard end - p >= n, ByteHash.equal(p, n, word.utf8Start, n) else {
            throw LineProblem(at: p, message: "expected a value (a string, number, true, false or null)")
        }
        return p + n
    }

    // MARK: - Helpers

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    @inline(__always)
    private static func skipSpace(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        var p = p
        while p < end {
            let byte = p.pointee
            guard byte == 0x20 || byte == 0x09 || byte == 0x0D else { break }
            p += 1
        }
        return p
    }

    /// The start of the line after the one holding `p`.
    private static func lineEnd(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        var p = p
        while p < end {
            if p.pointee == newline { return p + 1 }
            p += 1
        }
        return end
    }

    /// The 1-based character (Unicode scalar) offset of `p` in the line at `lineStart`.
    private static func character(_ p: UnsafePointer<UInt8>, in lineStart: UnsafePointer<UInt8>) -> Int {
        var count = 1
        var q = lineStart
        while q < p {
            if q.pointee & 0xC0 != 0x80 { count += 1 }
            q += 1
        }
        return count
    }

    /// A key for messages.
    private static func shown(_ p: UnsafePointer<UInt8>, _ n: Int) -> String {
        DataErrorMessage.quote(p, n)
    }
}

/// What the JSON Lines reader keeps between lines: which columns the current line has
/// set, the key directory, and scratch space for unescaping.
private struct LineState {
    var seen: UnsafeMutablePointer<Int>
    var stamp = 0
    var keys: JSONKeyDirectory
    var keyScratch = UnescapeBuffer()
    var valueScratch = UnescapeBuffer()
    let count: Int

    init(specs: [ColumnSpec]) {
        count = specs.count
        seen = .allocate(capacity: max(1, count))
        seen.initialize(repeating: 0, count: max(1, count))
        keys = JSONKeyDirectory(names: specs.map(\.name))
    }

    mutating func free() {
        seen.deallocate()
        keyScratch.free()
        valueScratch.free()
    }
}
