/// A run of whole records (CSV rows or JSON lines) that one task reads.
struct Chunk {
    /// Byte offsets: the first byte of the first record, and one past the last.
    var start: Int
    var end: Int
    /// Records in the chunk, blank ones included.
    var records: Int
    /// Records in the chunks before this one: the 0-based index of its first record.
    var firstRecord: Int
}
