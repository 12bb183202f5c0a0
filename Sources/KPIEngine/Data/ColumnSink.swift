/// Where the parsing loops write one column: raw pointers into its arrays, valid while
/// ``ColumnBuffer/withSinks(_:_:)`` runs. Chunks write disjoint row ranges.
struct ColumnSink: @unchecked Sendable {
    /// The value array (element type by ``ValueKind``).
    let values: UnsafeMutableRawPointer
    /// The validity array, when the column tracks one.
    let validity: UnsafeMutablePointer<Bool>?
}
