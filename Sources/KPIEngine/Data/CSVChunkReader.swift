/// What to do with one column of the file: which materialised column it feeds, if any.
struct FieldSlot {
    /// The kind of the column it feeds; nil for file columns that are not read.
    let kind: ValueKind?
    /// The index of that column among the specs.
    let column: Int
    /// For `category` columns, the matcher, held without reference counting in the loop
    /// (the specs keep it alive).
    let categories: Unmanaged<CategoryMatcher>?

    init(kind: ValueKind?, column: Int, categories: CategoryMatcher? = nil) {
        self.kind = kind
        self.column = column
        self.categories = categories.map { Unmanaged.passUnretained($0) }
    }
}

/// What reading one chunk produced besides the values themselves.
struct ChunkOutcome {
    /// Rows written (records minus blank lines).
    var rows: Int
    /// For each blank line skipped: the number of rows of the chunk before it.
    var blanks: [Int]
    /// Errors and string dictionaries.
    var writer: ChunkWriter
    /// Nulls written, per column.
    var nullCounts: [Int]

    /// The outcome of a chunk whose `writer` is done.
    init(rows: Int, blanks: [Int], writer: consuming ChunkWriter) {
        self.rows = rows
        self.blanks = blanks
        nullCounts = writer.takeNullCounts()
        self.writer = writer
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
        // The fast paths scan without end checks, so they only start before the chunk's
        // last newline, which stops every scan.
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
        let fieldCount = layout.count
        let sinks = writer.sinks
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
            let mark = writer.errors.found
            var problem: RowProblem?
            var f = 0
            while true {
                let slot = layout[f]
                var done = false
                if p < safe, p.pointee != Self.quote {
                    // The fast path; `done` false hands the field to the general one.
                    if let kind = slot.kind {
                        let c = slot.column
                        let sink = sinks[c]
                        if UnquotedFieldParser.isTerminator(p) {
                            writer.storeNull(c, row: row, fileRow: fileRow, .empty)
                            done = true
                        } else {
                            switch kind {
                            case .int:
                                if let (value, q) = UnquotedFieldParser.int(p) {
                                    sink.values.assumingMemoryBound(to: Int64.self)[row] = value
                                    sink.validity?[row] = true
                                    p = q
                                    done = true
                                }
                            case .money:
                                if let (value, q) = UnquotedFieldParser.money(p) {
                                    sink.values.assumingMemoryBound(to: Int64.self)[row] = value
                                    sink.validity?[row] = true
                                    p = q
                                    done = true
                                }
                            case .decimal:
                                if let (value, q) = fast.decimal(p) {
                                    sink.values.assumingMemoryBound(to: Double.self)[row] = value
                                    sink.validity?[row] = true
                                    p = q
                                    done = true
                                }
                            case .date:
                                if let (value, q) = fast.date(p, limit: safe) {
                                    sink.values.assumingMemoryBound(to: Int32.self)[row] = value
                                    sink.validity?[row] = true
                                    p = q
                                    done = true
                                }
                            case .category:
                                let q = UnquotedFieldParser.fieldEnd(p)
                                let n = UnquotedFieldParser.trimmedEnd(p, q) - p
                                if q.pointee != Self.quote,
                                    let code = slot.categories?._withUnsafeGuaranteedRef({ $0.code(p, n) }), code >= 0
                                {
                                    sink.values.assumingMemoryBound(to: Int32.self)[row] = code
                                    sink.validity?[row] = true
                                    p = q
                                    done = true
                                }
                            case .bool, .string:
                                let q = UnquotedFieldParser.fieldEnd(p)
                                if q.pointee != Self.quote {
                                    writer.store(kind, c, row: row, p, UnquotedFieldParser.trimmedEnd(p, q) - p, fileRow: fileRow)
                                    p = q
                                    done = true
                                }
                            }
                        }
                    } else {
                        let q = UnquotedFieldParser.fieldEnd(p)
                        if q.pointee != Self.quote {
                            p = q
                            done = true
                        }
                    }
                }
                if !done {
                    problem = readField(f, slot, &p, end: end, row: row, fileRow: fileRow, &scratch, &writer)
                    if problem != nil { break }
                }
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
                // The fields of a malformed row are not where the header says: report
                // only the row's shape.
                writer.errors.rollBack(to: mark)
                writer.failRow(fileRow: fileRow, column: problem.column, message: problem.message)
                writer.clearRow(row)
            }
            row += 1
            fileRow += 1
        }
        return ChunkOutcome(rows: row - firstRow, blanks: blanks, writer: writer)
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

/// A growable buffer for field text with its escapes undone.
struct UnescapeBuffer {
    private var storage: UnsafeMutablePointer<UInt8>?
    private var capacity = 0

    private mutating func reserve(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if capacity < n {
            storage?.deallocate()
            capacity = max(n, 256)
            storage = .allocate(capacity: capacity)
        }
        return storage.unsafelyUnwrapped
    }

    /// `n` bytes at `p` with each `""` made `"`: the text and its length, valid until the
    /// next call.
    mutating func unescape(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UnsafePointer<UInt8>, Int) {
        let out = reserve(n)
        var i = 0, j = 0
        while i < n {
            out[j] = p[i]
            i += p[i] == 0x22 ? 2 : 1
            j += 1
        }
        return (UnsafePointer(out), j)
    }

    /// A copy of `n` bytes at `p`, valid until the next call.
    mutating func copy(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UnsafePointer<UInt8>, Int) {
        let out = reserve(n)
        out.update(from: p, count: n)
        return (UnsafePointer(out), n)
    }

    /// Frees the storage.
    mutating func free() {
        storage?.deallocate()
        storage = nil
        capacity = 0
    }
}
