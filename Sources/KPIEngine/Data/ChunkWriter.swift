/// Writes the values of one chunk of rows into the column sinks: parses each field's
/// text, marks nulls, interns strings, and reports bad values with their row.
///
/// The CSV and JSON Lines readers find the fields; this turns them into values.
struct ChunkWriter {
    let path: String
    let source: String
    /// The columns, for messages.
    let specs: [ColumnSpec]
    /// The columns, for the loops.
    let traits: UnsafeBufferPointer<ColumnTraits>
    let sinks: UnsafeBufferPointer<ColumnSink>
    /// JSON Lines messages describe JSON values.
    let json: Bool
    /// One interner per `string` column (nil for other kinds).
    let interners: [StringInterner?]
    /// The same, for the loops.
    let internerRefs: [Unmanaged<StringInterner>?]
    var errors: ErrorCollector

    init(
        path: String, source: String, specs: [ColumnSpec], traits: UnsafeBufferPointer<ColumnTraits>,
        sinks: UnsafeBufferPointer<ColumnSink>, json: Bool, maxErrors: Int, expectedRows: Int
    ) {
        self.path = path
        self.source = source
        self.specs = specs
        self.traits = traits
        self.sinks = sinks
        self.json = json
        interners = specs.map { $0.kind == .string ? StringInterner(expected: expectedRows) : nil }
        internerRefs = interners.map { $0.map { Unmanaged.passUnretained($0) } }
        errors = ErrorCollector(limit: maxErrors)
    }

    // MARK: - Values

    /// Parses the text of column `c` (`n` bytes at `p`; empty is null unless `emptyString`)
    /// into table row `row`.
    @inline(__always)
    mutating func store(
        _ kind: ValueKind, _ c: Int, row: Int, _ p: UnsafePointer<UInt8>, _ n: Int,
        emptyString: Bool = false, fileRow: Int
    ) {
        let sink = sinks[c]
        if n == 0, !(emptyString && kind == .string) {
            storeNull(c, row: row, fileRow: fileRow, .empty)
            return
        }
        var failure = ValueFailure.syntax
        switch kind {
        case .int:
            if let value = ValueParser.int(p, n, failure: &failure) {
                sink.values.assumingMemoryBound(to: Int64.self)[row] = value
                sink.validity?[row] = true
                return
            }
        case .money:
            if let value = ValueParser.money(p, n, failure: &failure) {
                sink.values.assumingMemoryBound(to: Int64.self)[row] = value
                sink.validity?[row] = true
                return
            }
        case .decimal:
            if let value = ValueParser.decimal(p, n, failure: &failure) {
                sink.values.assumingMemoryBound(to: Double.self)[row] = value
                sink.validity?[row] = true
                return
            }
        case .bool:
            if let value = ValueParser.bool(p, n, failure: &failure) {
                sink.values.assumingMemoryBound(to: Bool.self)[row] = value
                sink.validity?[row] = true
                return
            }
        case .date:
            if let value = ValueParser.date(p, n, failure: &failure) {
                sink.values.assumingMemoryBound(to: Int32.self)[row] = value
                sink.validity?[row] = true
                return
            }
        case .category:
            let code = traits[c].categories.unsafelyUnwrapped.code(p, n)
            if code >= 0 {
                sink.values.assumingMemoryBound(to: Int32.self)[row] = code
                sink.validity?[row] = true
                return
            }
        case .string:
            if let code = internerRefs[c].unsafelyUnwrapped._withUnsafeGuaranteedRef({ $0.intern(p, n) }) {
                sink.values.assumingMemoryBound(to: Int32.self)[row] = code
                sink.validity?[row] = true
                return
            }
            fail(c, row: row, fileRow: fileRow, message: "expected text in UTF-8, found bytes that are not UTF-8: \(DataErrorMessage.quote(p, n))")
            return
        }
        failValue(c, row: row, fileRow: fileRow, failure, p, n)
    }

    /// Writes a bool (a JSON `true` / `false`) into a `bool` column.
    @inline(__always)
    func storeBool(_ c: Int, row: Int, _ value: Bool) {
        let sink = sinks[c]
        sink.values.assumingMemoryBound(to: Bool.self)[row] = value
        sink.validity?[row] = true
    }

    /// Writes a null, or reports one where it is not allowed.
    @inline(__always)
    mutating func storeNull(_ c: Int, row: Int, fileRow: Int, _ source: DataErrorMessage.NullSource) {
        if traits[c].acceptsNull {
            clear(c, row: row)
        } else {
            failNull(c, row: row, fileRow: fileRow, source)
        }
    }

    /// Zeroes the value slot of `row` and marks it null.
    @inline(__always)
    func clear(_ c: Int, row: Int) {
        let sink = sinks[c]
        switch traits[c].kind {
        case .int, .money: sink.values.assumingMemoryBound(to: Int64.self)[row] = 0
        case .decimal: sink.values.assumingMemoryBound(to: Double.self)[row] = 0
        case .bool: sink.values.assumingMemoryBound(to: Bool.self)[row] = false
        case .date, .string, .category: sink.values.assumingMemoryBound(to: Int32.self)[row] = 0
        }
        sink.validity?[row] = false
    }

    /// Zeroes every column of a row that could not be read.
    func clearRow(_ row: Int) {
        for c in 0..<traits.count { clear(c, row: row) }
    }

    // MARK: - Errors

    /// Reports a problem in column `c` and leaves the row's value null.
    @inline(never)
    mutating func fail(_ c: Int, row: Int, fileRow: Int, message: String) {
        clear(c, row: row)
        errors.add(DataError(path: path, row: fileRow, column: specs[c].name, message: message))
    }

    @inline(never)
    private mutating func failValue(
        _ c: Int, row: Int, fileRow: Int, _ failure: ValueFailure, _ p: UnsafePointer<UInt8>, _ n: Int
    ) {
        fail(c, row: row, fileRow: fileRow, message: DataErrorMessage.invalidValue(specs[c].type, failure, p, n, json: json))
    }

    @inline(never)
    private mutating func failNull(_ c: Int, row: Int, fileRow: Int, _ source: DataErrorMessage.NullSource) {
        let spec = specs[c]
        let message = spec.isKey
            ? DataErrorMessage.nullKey(spec.name, source: self.source, source)
            : DataErrorMessage.notNullable(spec.name, spec.type, source)
        fail(c, row: row, fileRow: fileRow, message: message)
    }

    /// Reports a problem with a row, or with a file column that is not materialised.
    @inline(never)
    mutating func failRow(fileRow: Int, column: String? = nil, message: String) {
        errors.add(DataError(path: path, row: fileRow, column: column, message: message))
    }
}
