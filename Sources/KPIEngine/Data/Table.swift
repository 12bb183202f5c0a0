/// The rows of one source, as read from its data file: one ``Column`` per field that was
/// asked for, all of the same length.
public struct Table: Sendable {
    /// The source name (`accounts`).
    public var name: String
    /// The number of rows (blank lines in the file are not rows).
    public var rowCount: Int
    /// The materialised columns, by field name.
    public var columns: [String: Column]

    /// A table from its parts; every column must hold `rowCount` rows.
    public init(name: String, rowCount: Int, columns: [String: Column]) {
        self.name = name
        self.rowCount = rowCount
        self.columns = columns
    }
}
