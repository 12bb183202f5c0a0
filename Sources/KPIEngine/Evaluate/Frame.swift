/// The rows of a source that an expression is evaluated over: all of them, or a chunk.
struct Frame {
    var source: Int
    /// Before the source's `where` (its own filter, a grouped source's fields), or after.
    var raw: Bool
    var count: Int
    /// The first row of a chunk; columns are sliced to `start ..< start + count`.
    var start = 0
    var isChunk = false

    /// The frame's rows in chunks of `chunkSize` rows, in order.
    func chunks() -> [Frame] {
        stride(from: 0, to: count, by: Frame.chunkSize).map { begin in
            Frame(source: source, raw: raw, count: Swift.min(Frame.chunkSize, count - begin), start: begin, isChunk: true)
        }
    }

    /// Rows per chunk: the intermediate vectors of an expression over one chunk (64 KB for
    /// 8-byte values) stay in the processor's cache between one operator and the next.
    static let chunkSize = 8192
}

/// The rows of a source after its `where` (and a breakdown's restriction): positions in
/// its raw rows, or nil for all of them.
struct RowSet {
    var selection: [Int32]?
    var count: Int
}

/// The groups of a grouped source: for each row of the origin (after its `where`), the
/// group it belongs to, and the distinct keys in order of first appearance.
struct Grouping {
    var groupOf: [Int32]
    var groupCount: Int
    var keys: ColumnVector
}
