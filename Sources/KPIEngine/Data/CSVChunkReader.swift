/// A ``FieldSlot`` with everything the fast path needs at hand: one load a field.
private struct BoundSlot {
    let kind: ValueKind?
    let nullable: Bool
    let values: UnsafeMutableRawPointer?
    let validity: UnsafeMutablePointer<Bool>?
    let categories: CategoryMatcher.Table?
    let strings: Unmanaged<StringInterner>?

    init(_ slot: FieldSlot, _ writer: ChunkWriter) {
        kind = slot.kind
        let read = slot.kind != nil
        nullable = read && writer.traits[slot.column].acceptsNull
        values = read ? writer.sinks[slot.column].values : nil
        validity = read ? writer.sinks[slot.column].validity : nil
        categories = read ? writer.traits[slot.column].categories : nil
        strings = read ? writer.internerRefs[slot.column] : nil
    }
}

/// Reads the records of one chunk of a CSV body (RFC 4180: quoted fields may hold commas,
/// doubled quotes and newlines; CRLF or LF) into the column sinks, one row at a time.
///
/// Fields are scanned and parsed in place, from the mapped bytes; only string values
/// that are new to the chunk become `String`s. File columns that are not read are only
/// scanned past.
struct CSVChunkReader {
    private static let comma: UInt8 = 0x2C, newline: UInt8 = 0x0A, ret: UInt8 = 0x0D, quote: UInt8 = 0x22

    let base: UnsafePointer<UInt8>
    /// One slot per file column, in file order.
    let layout: UnsafeBufferPointer<FieldSlot>
    /// The file's column names, for messages.
    let header: [String]
    /// Gives back mapped file pages once read (nil for bytes the caller owns).
    let pages: PageReleaser?

    /// Reads `chunk`, writing its first row at table row `firstRow`.
    func read(_ chunk: Chunk, firstRow: Int, writer: inout ChunkWriter) -> ChunkOutcome {
        let end = base + chunk.end
        var p = base + chunk.start
        // The fast path scans without end checks, so it only takes rows that start before
        // the chunk's last newline, which stops every scan.
        var safe = end
        while safe > p, safe[-1] != Self.newline { safe -= 1 }
        if safe > p { safe -= 1 }
        let fast = UnquotedFieldParser()
        defer { fast.free() }
        var fileRow = chunk.firstRecord + 1
        var row = firstRow
        var blanks: [Int] = []
        var scratch = UnescapeBuffer()
        defer { scratch.free() }
        var released = chunk.start
        let bound = layout.map { BoundSlot($0, writer) }
        bound.withUnsafeBufferPointer { bound in
            while p < end, !writer.errors.isOverLimit {
                if let pages, p - base - released >= PageReleaser.stride {
                    pages.release(from: released, to: p - base)
                    released = p - base
                }
                let first = p.pointee
                if first == Self.newline || (first == Self.ret && (p + 1 == end || p[1] == Self.newline)) {
                    p += first == Self.ret && p + 1 < end ? 2 : 1
                    blanks.append(row - firstRow)
                    fileRow += 1
                    continue
                }
                if p < safe, let next = Self.readFast(p, row: row, bound, fast, safe: safe) {
                    p = next
                } else {
                    p = readRow(p, end: end, row: row, fileRow: fileRow, &scratch, &writer)
                }
                row += 1
                fileRow += 1
            }
        }
        return ChunkOutcome(rows: row - firstRow, blanks: blanks, writer: writer)
    }

    /// Reads the row at `p` if every field is unquoted and holds a good value or an
    /// allowed null: the common case, with few values live so they stay in registers.
    /// Returns the start of the next row, or nil to leave the row (whatever it wrote) to
    /// ``readRow(_:end:row:fileRow:_:_:)``, which reads it again with every check.
    @inline(never)
    private static func readFast(
        _ start: UnsafePointer<UInt8>, row: Int, _ slots: UnsafeBufferPointer<BoundSlot>,
        _ fast: UnquotedFieldParser, safe: UnsafePointer<UInt8>
    ) -> UnsafePointer<UInt8>? {
        var p = start
        var f = 0
        let last = slots.count - 1
        while true {
            let slot = slots[f]
            switch slot.kind {
            case nil:
                p = UnquotedFieldParser.fieldEnd(p)
            case .int?:
                if let (value, q) = UnquotedFieldParser.int(p) {
                    slot.values.unsafelyUnwrapped.assumingMemoryBound(to: Int64.self)[row] = value
                    slot.validity?[row] = true
                    p = q
                } else {
                    guard slot.nullable, UnquotedFieldParser.isTerminator(p) else { return nil }
                    slot.values.unsafelyUnwrapped.assumingMemoryBound(to: Int64.self)[row] = 0
                    slot.validity.unsafelyUnwrapped[row] = false
                }
            case .money?:
                if let (value, q) = UnquotedFieldParser.money(p) {
                    slot.values.unsafelyUnwrapped.assumingMemoryBound(to: Int64.self)[row] = value
                    slot.validity?[row] = true
                    p = q
                } else {
                    guard slot.nullable, UnquotedFieldParser.isTerminator(p) else { return nil }
                    slot.values.unsafelyUnwrapped.assumingMemoryBound(to: Int64.self)[row] = 0
                    slot.validity.unsafelyUnwrapped[row] = false
                }
            case .decimal?:
                if let (value, q) = fast.decimal(p) {
                    slot.values.unsafelyUnwrapped.assumingMemoryBound(to: Double.self)[row] = value
                    slot.validity?[row] = true
                    p = q
                } else {
                    guard slot.nullable, UnquotedFieldParser.isTerminator(p) else { return nil }
                    slot.values.unsafelyUnwrapped.assumingMemoryBound(to: Double.self)[row] = 0
                    slot.validity.unsafelyUnwrapped[row] = false
                }
            case .date?:
                if let (value, q) = fast.date(p, limit: safe) {
                    slot.values.unsafelyUnwrapped.assumingMemoryBound(to: Int32.self)[row] = value
                    slot.validity?[row] = true
                    p = q
                } else {
                    guard slot.nullable, UnquotedFieldParser.isTerminator(p) else { return nil }
                    slot.values.unsafelyUnwrapped.assumingMemoryBound(to: Int32.self)[row] = 0
                    slot.validity.unsafelyUnwrapped[row] = false
                }
            case .bool?, .category?, .string?:
                let q = UnquotedFieldParser.fieldEnd(p)
                let n = UnquotedFieldParser.trimmedEnd(p, q) - p
                if n == 0 {
                    guard slot.nullable, q.pointee != quote else { return nil }
                    if slot.kind == .bool {
                        slot.values.unsafelyUnwrapped.assumingMemoryBound(to: Bool.self)[row] = false
                    } else {
                        slot.values.unsafelyUnwrapped.assumingMemoryBound(to: Int32.self)[row] = 0
                    }
                    slot.validity.unsafelyUnwrapped[row] = false
                } else if slot.kind == .category {
                    let code = slot.categories.unsafelyUnwrapped.code(p, n)
                    guard code >= 0 else { return nil }
                    slot.values.unsafelyUnwrapped.assumingMemoryBound(to: Int32.self)[row] = code
                    slot.validity?[row] = true
                } else if slot.kind == .bool {
                    var failure = ValueFailure.syntax
                    guard let value = ValueParser.bool(p, n, failure: &failure) else { return nil }
                    slot.values.unsafelyUnwrapped.assumingMemoryBound(to: Bool.self)[row] = value
                    slot.validity?[row] = true
                } else {
                    guard let code = slot.strings.unsafelyUnwrapped._withUnsafeGuaranteedRef({ $0.intern(p, n) }) else {
                        return nil
                    }
                    slot.values.unsafelyUnwrapped.assumingMemoryBound(to: Int32.self)[row] = code
                    slot.validity?[row] = true
                }
                p = q
            }
            // `p` is at the field's end: a comma before the last field, the line end after it.
            let byte = p.pointee
            if f == last {
                if byte == newline { return p + 1 }
                if byte == ret, p[1] == newline { return p + 2 }
                return nil
            }
            guard byte == comma else { return nil }
            p += 1
            f += 1
        }
    }

    /// Reads the row at `p` with every check: quoted fields, bad values, wrong shapes, the
    /// end of the chunk. Reports what is wrong; returns the start of the next row.
    @inline(never)
    private func readRow(
        _ start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, row: Int, fileRow: Int,
        _ scratch: inout UnescapeBuffer, _ writer: inout ChunkWriter
    ) -> UnsafePointer<UInt8> {
        var p = start
        let fieldCount = layout.count
        let mark = writer.errors.found
        var problem: RowProblem?
        var f = 0
        while true {
            problem = readField(f, layout[f], &p, end: end, row: row, fileRow: fileRow, &scratch, &writer)
            if problem != nil { break }
            // `p` is at the comma, the line end, or the end of the chunk.
            if p < end, p.pointee == Self.comma {
                p += 1
                f += 1
                if f == fieldCount {
                    problem = Self.tooManyFields(&p, end: end, expected: fieldCount)
                    break
                }
                continue
            }
            if p < end { p += p.pointee == Self.ret && p + 1 < end ? 2 : 1 }
            if f != fieldCount - 1 {
                problem = RowProblem(column: nil, message: DataErrorMessage.fieldCount(expected: fieldCount, found: f + 1))
            }
            break
        }
        if let problem {
            // The fields of a malformed row are not where the header says: report only
            // the row's shape.
            writer.errors.rollBack(to: mark)
            writer.failRow(fileRow: fileRow, column: problem.column, message: problem.message)
            writer.clearRow(row)
        }
        return p
    }

    /// A row whose shape is wrong: the column of the field where it went wrong, if any.
    struct RowProblem {
        var column: String?
        var message: String
    }

    /// Reads field `f` at `p` with every check: quoted or not, anywhere in the chunk, any
    /// value. Leaves `p` at the field's terminator; on a problem with the row's shape,
    /// leaves `p` past the record and returns the problem.
    @inline(never)
    private func readField(
        _ f: Int, _ slot: FieldSlot, _ p: inout UnsafePointer<UInt8>, end: UnsafePointer<UInt8>,
        row: Int, fileRow: Int, _ scratch: inout UnescapeBuffer, _ writer: inout ChunkWriter
    ) -> RowProblem? {
        if p < end, p.pointee == Self.quote {
            // A quoted field: up to the quote that is not doubled.
            var q = p + 1
            var doubled = false
            while true {
                while q < end, q.pointee != Self.quote { q += 1 }
                if q == end {
                    p = end
                    return RowProblem(column: header[f], message: DataErrorMessage.unterminatedQuote)
                }
                if q + 1 < end, q[1] == Self.quote {
                    doubled = true
                    q += 2
                    continue
                }
                break
            }
            let content = p + 1
            p = q + 1
            if p < end {
                let byte = p.pointee
                if byte != Self.comma, byte != Self.newline, !(byte == Self.ret && (p + 1 == end || p[1] == Self.newline)) {
                    p = ChunkSplitter.recordEnd(p, end: end, parity: 0)
                    return RowProblem(column: header[f], message: DataErrorMessage.textAfterQuote(byte))
                }
            }
            if let kind = slot.kind {
                if doubled {
                    let (text, n) = scratch.unescape(content, q - content)
                    writer.store(kind, slot.column, row: row, text, n, emptyString: true, fileRow: fileRow)
                } else {
                    writer.store(kind, slot.column, row: row, content, q - content, emptyString: true, fileRow: fileRow)
                }
            }
            return nil
        }
        // An unquoted field: up to a comma or the end of the line.
        var q = p
        while q < end {
            let byte = q.pointee
            if byte <= Self.comma {
                if byte == Self.comma || byte == Self.newline { break }
                if byte == Self.ret, q + 1 == end || q[1] == Self.newline { break }
                if byte == Self.quote {
                    p = ChunkSplitter.recordEnd(q + 1, end: end, parity: 1)
                    return RowProblem(column: header[f], message: DataErrorMessage.strayQuote)
                }
            }
            q += 1
        }
        if let kind = slot.kind {
            writer.store(kind, slot.column, row: row, p, q - p, fileRow: fileRow)
        }
        p = q
        return nil
    }

    /// A row with more fields than the header: counts them and moves `p` past the record.
    @inline(never)
    private static func tooManyFields(_ p: inout UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, expected: Int) -> RowProblem {
        let (extra, recordEnd) = countFields(p, end: end)
        p = recordEnd
        return RowProblem(column: nil, message: DataErrorMessage.fieldCount(expected: expected, found: expected + extra))
    }

    /// The fields from `p` to the end of the record (at least one), and the position just
    /// past the record.
    private static func countFields(_ p: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) -> (fields: Int, end: UnsafePointer<UInt8>) {
        var fields = 1
        var parity = 0
        var q = p
        while q < end {
            let byte = q.pointee
            if byte == quote {
                parity ^= 1
            } else if parity == 0 {
                if byte == comma { fields += 1 }
                if byte == newline { return (fields, q + 1) }
            }
            q += 1
        }
        return (fields, end)
    }
}
