/// One read of one data file: resolves the columns, cuts the body into chunks, parses
/// them in parallel into shared column arrays, then joins the chunks' results (errors,
/// string dictionaries, blank lines) and checks the key.
struct ReadRequest {
    /// Bodies at least this large are split across cores, in chunks of at least
    /// ``minimumChunk`` bytes.
    static let parallelThreshold = 1 << 20
    static let minimumChunk = 512 << 10

    let path: String
    let schema: TableSchema
    let columns: Set<String>?
    let maxErrors: Int
    /// The number of chunks; nil picks one per core for large files.
    var chunkCount: Int? = nil
    /// Gives back file pages once read, for mapped files.
    var pages: PageReleaser? = nil

    func read(_ format: DataFormat, _ bytes: UnsafeRawBufferPointer) throws(DataErrors) -> Table {
        let (specs, specErrors) = ColumnSpec.resolve(schema, columns: columns, path: path)
        if !specErrors.isEmpty { throw limited(specErrors) }
        let count = bytes.count
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count > 0 else {
            if format == .csv { throw fileError(DataErrorMessage.emptyCSV) }
            return try finish(specs: specs, buffers: specs.map { ColumnBuffer(spec: $0, rows: 0) }, chunks: [], outcomes: [])
        }
        switch format {
        case .csv:
            let header: CSVHeader
            switch CSVHeader.parse(base, count: count) {
            case .success(let parsed): header = parsed
            case .failure(let problem): throw fileError(problem.message)
            }
            let layout = try self.layout(header.names, specs)
            return try layout.withUnsafeBufferPointer { (layout) throws(DataErrors) -> Table in
                let reader = CSVChunkReader(base: base, layout: layout, header: header.names, pages: pages)
                return try run(specs, base, header.bodyStart, count, quoteAware: true) { chunk, firstRow, writer in
                    reader.read(chunk, firstRow: firstRow, writer: &writer)
                }
            }
        case .jsonLines:
            let bodyStart = count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
            let reader = JSONLinesChunkReader(base: base, specs: specs, pages: pages)
            return try run(specs, base, bodyStart, count, quoteAware: false) { chunk, firstRow, writer in
                reader.read(chunk, firstRow: firstRow, writer: &writer)
            }
        }
    }

    private func fileError(_ message: String) -> DataErrors {
        DataErrors(errors: [DataError(path: path, message: message)])
    }

    /// The first `maxErrors` of `errors`, marked as cut short when there are more.
    private func limited(_ errors: [DataError], truncated: Bool = false) -> DataErrors {
        DataErrors(errors: Array(errors.prefix(max(0, maxErrors))), truncated: truncated || errors.count > maxErrors)
    }

    // MARK: - Header

    /// What to do with each file column; every requested field must be in the header,
    /// once.
    private func layout(_ header: [String], _ specs: [ColumnSpec]) throws(DataErrors) -> [FieldSlot] {
        var firstColumn: [String: Int] = [:]
        var errors: [DataError] = []
        var layout: [FieldSlot] = []
        let wanted = Dictionary(specs.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, name) in header.enumerated() {
            guard let c = wanted[name] else {
                layout.append(FieldSlot(kind: nil, column: -1))
                continue
            }
            if let first = firstColumn[name] {
                errors.append(DataError(path: path, column: name, message: DataErrorMessage.duplicateHeader(first: first + 1, second: index + 1)))
                layout.append(FieldSlot(kind: nil, column: -1))
                continue
            }
            firstColumn[name] = index
            layout.append(FieldSlot(kind: specs[c].kind, column: c))
        }
        let declared = Set(schema.fields.map(\.name))
        for spec in specs where firstColumn[spec.name] == nil {
            // Suggest only header names that are not declared fields themselves.
            let candidates = header.filter { !declared.contains($0) }
            errors.append(DataError(
                path: path, column: spec.name,
                message: DataErrorMessage.missingColumn(spec.name, header: header, candidates: candidates)))
        }
        if !errors.isEmpty { throw limited(errors) }
        return layout
    }

    // MARK: - Chunks

    /// Splits the body, reads every chunk with `readChunk` (in parallel), and assembles the
    /// table.
    private func run(
        _ specs: [ColumnSpec], _ base: UnsafePointer<UInt8>, _ bodyStart: Int, _ count: Int, quoteAware: Bool,
        _ readChunk: (Chunk, Int, inout ChunkWriter) -> ChunkOutcome
    ) throws(DataErrors) -> Table {
        let size = count - bodyStart
        let parts = chunkCount
            ?? (size >= Self.parallelThreshold ? max(1, min(ParallelWork.processorCount, size / Self.minimumChunk)) : 1)
        let chunks = ChunkSplitter.split(base, start: bodyStart, end: count, count: parts, quoteAware: quoteAware)
        let records = chunks.reduce(0) { $0 + $1.records }
        let buffers = specs.map { ColumnBuffer(spec: $0, rows: records) }
        let traits = specs.map(ColumnTraits.init)
        let outcomes = traits.withUnsafeBufferPointer { traits in
            ColumnBuffer.withSinks(buffers) { sinks in
                ParallelWork.map(chunks.count) { k in
                    var writer = ChunkWriter(
                        path: path, source: schema.name, specs: specs, traits: traits, sinks: sinks,
                        json: !quoteAware, maxErrors: maxErrors, expectedRows: chunks[k].records)
                    return readChunk(chunks[k], chunks[k].firstRecord, &writer)
                }
            }
        }
        return try finish(specs: specs, buffers: buffers, chunks: chunks, outcomes: outcomes)
    }

    /// Joins the chunks: errors first, then blank-line gaps, string dictionaries and the
    /// key check.
    private func finish(
        specs: [ColumnSpec], buffers: [ColumnBuffer], chunks: [Chunk], outcomes: [ChunkOutcome]
    ) throws(DataErrors) -> Table {
        var errors: [DataError] = []
        var truncated = false
        for outcome in outcomes {
            errors += outcome.writer.errors.errors
            truncated = truncated || outcome.writer.errors.isOverLimit
        }
        if truncated || errors.count > maxErrors { throw limited(errors, truncated: true) }
        // Close the gaps left by blank lines.
        var rowStarts: [Int] = []
        var blankRows: [Int] = []
        var rows = 0
        for outcome in outcomes {
            rowStarts.append(rows)
            blankRows += outcome.blanks.map { rows + $0 }
            rows += outcome.rows
        }
        if rows != chunks.reduce(0, { $0 + $1.records }) {
            let runs = chunks.indices.map { (from: chunks[$0].firstRecord, to: rowStarts[$0], count: outcomes[$0].rows) }
            for buffer in buffers { buffer.compact(runs, total: rows) }
        }
        // One dictionary per string column: the chunks' merged, codes rewritten to match.
        var dictionaries: [[String]] = Array(repeating: [], count: specs.count)
        for (c, spec) in specs.enumerated() where spec.kind == .string && (errors.isEmpty || spec.isKey) {
            let (strings, maps) = StringInterner.merge(outcomes.compactMap { $0.writer.interners[c] })
            for k in outcomes.indices.dropFirst() {
                buffers[c].remapCodes(rowStarts[k]..<rowStarts[k] + outcomes[k].rows, maps[k])
            }
            dictionaries[c] = strings
        }
        var keyErrors = DataErrors(errors: [])
        if let c = specs.firstIndex(where: \.isKey) {
            keyErrors = DuplicateKeyCheck(path: path, limit: maxErrors, blankRows: blankRows)
                .run(buffers[c], rows: rows, dictionary: dictionaries[c])
        }
        if !errors.isEmpty || !keyErrors.errors.isEmpty || keyErrors.truncated {
            // Both lists are in row order; keep it, reading errors first within a row.
            let merged = (errors.map { ($0, 0) } + keyErrors.errors.map { ($0, 1) })
                .enumerated()
                .sorted { ($0.element.0.row ?? 0, $0.element.1, $0.offset) < ($1.element.0.row ?? 0, $1.element.1, $1.offset) }
                .map(\.element.0)
            throw limited(merged, truncated: keyErrors.truncated)
        }
        var columns: [String: Column] = [:]
        for (c, buffer) in buffers.enumerated() {
            columns[buffer.spec.name] = buffer.finish(rows: rows, dictionary: dictionaries[c])
        }
        return Table(name: schema.name, rowCount: rows, columns: columns)
    }
}
