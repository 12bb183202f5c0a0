@_spi(Testing)
extension TableReader {
    /// ``readCSV(bytes:path:schema:columns:maxErrors:)`` cut into exactly `chunkCount`
    /// chunks (fewer only when there are fewer records), however small the input: to test
    /// that a parallel read equals a serial one.
    public static func readCSV(
        bytes: [UInt8], path: String, schema: TableSchema, columns: Set<String>? = nil,
        maxErrors: Int = 20, chunkCount: Int
    ) throws(DataErrors) -> Table {
        var request = ReadRequest(path: path, schema: schema, columns: columns, maxErrors: maxErrors)
        request.chunkCount = max(1, chunkCount)
        return try read(.csv, bytes, request)
    }

    /// ``readJSONLines(bytes:path:schema:columns:maxErrors:)`` cut into exactly
    /// `chunkCount` chunks (fewer only when there are fewer lines).
    public static func readJSONLines(
        bytes: [UInt8], path: String, schema: TableSchema, columns: Set<String>? = nil,
        maxErrors: Int = 20, chunkCount: Int
    ) throws(DataErrors) -> Table {
        var request = ReadRequest(path: path, schema: schema, columns: columns, maxErrors: maxErrors)
        request.chunkCount = max(1, chunkCount)
        return try read(.jsonLines, bytes, request)
    }
}
