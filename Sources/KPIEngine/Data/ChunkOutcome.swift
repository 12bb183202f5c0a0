/// What reading one chunk produced besides the values themselves.
struct ChunkOutcome {
    /// Rows written (records minus blank lines).
    var rows: Int
    /// For each blank line skipped: the number of rows of the chunk before it.
    var blanks: [Int]
    /// Errors and string dictionaries.
    var writer: ChunkWriter
}
