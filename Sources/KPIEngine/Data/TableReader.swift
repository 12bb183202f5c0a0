/// Reads the data file of a source into a ``Table``: the first stage of evaluation.
///
/// A file is read once, into memory (mapped), and parsed straight from its bytes into
/// typed columns. Only the fields asked for are materialised; other file columns are
/// scanned past. A large file is cut into chunks of whole rows, one per core, parsed
/// in parallel into their place in the columns; row numbers in errors stay exact.
///
/// Formats (by extension): CSV (`.csv`, RFC 4180 with a header row; columns matched by
/// name) and JSON Lines (`.jsonl`, `.ndjson`; one flat object per line). Blank lines are
/// skipped but counted, so an error's row is the row a spreadsheet (or, for JSON Lines,
/// an editor) shows, less the header.
public enum TableReader {
    /// Reads a CSV (`.csv`) or JSON Lines (`.jsonl` / `.ndjson`) file, by its extension.
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - schema: The declared fields of the source.
    ///   - columns: The fields to materialise (those a definition uses); nil for all.
    ///   - maxErrors: How many errors to collect before stopping.
    /// - Returns: The table, with one column per field asked for.
    /// - Throws: ``DataErrors`` listing every problem found, up to `maxErrors`.
    public static func read(
        path: String, schema: TableSchema, columns: Set<String>? = nil, maxErrors: Int = 20
    ) throws(DataErrors) -> Table {
        let format = try DataFormat(path: path)
        let file: DataFile
        do {
            file = try DataFile(path: path)
        } catch {
            throw DataErrors(errors: [DataError(path: path, message: DataErrorMessage.cannotRead(error.reason))])
        }
        return try withExtendedLifetime(file) { () throws(DataErrors) -> Table in
            let request = ReadRequest(path: path, schema: schema, columns: columns, maxErrors: maxErrors, chunkCount: nil, pages: file.pages)
            return try request.read(format, file.bytes)
        }
    }

    /// Reads CSV text: a header row, then one row per record.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes (UTF-8, with or without a byte order mark).
    ///   - path: The file name to show in errors.
    ///   - schema: The declared fields of the source.
    ///   - columns: The fields to materialise; nil for all.
    ///   - maxErrors: How many errors to collect before stopping.
    /// - Returns: The table.
    /// - Throws: ``DataErrors`` listing every problem found, up to `maxErrors`.
    public static func readCSV(
        bytes: [UInt8], path: String, schema: TableSchema, columns: Set<String>? = nil,
        maxErrors: Int = 20
    ) throws(DataErrors) -> Table {
        try read(.csv, bytes, ReadRequest(path: path, schema: schema, columns: columns, maxErrors: maxErrors))
    }

    /// Reads JSON Lines text: one flat JSON object per line.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes (UTF-8).
    ///   - path: The file name to show in errors.
    ///   - schema: The declared fields of the source.
    ///   - columns: The fields to materialise; nil for all.
    ///   - maxErrors: How many errors to collect before stopping.
    /// - Returns: The table.
    /// - Throws: ``DataErrors`` listing every problem found, up to `maxErrors`.
    public static func readJSONLines(
        bytes: [UInt8], path: String, schema: TableSchema, columns: Set<String>? = nil,
        maxErrors: Int = 20
    ) throws(DataErrors) -> Table {
        try read(.jsonLines, bytes, ReadRequest(path: path, schema: schema, columns: columns, maxErrors: maxErrors))
    }

    static func read(_ format: DataFormat, _ bytes: [UInt8], _ request: ReadRequest) throws(DataErrors) -> Table {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(DataErrors) -> Table in try request.read(format, raw) }
        }
        return try result.get()
    }
}
