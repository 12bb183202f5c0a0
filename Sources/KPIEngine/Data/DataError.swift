/// One problem in a data file: where it is (file, row, column) and what was wrong.
///
/// The description reads `PATH: row 12, column `mrr`: MESSAGE`, leaving out the row for
/// problems with the file as a whole and the column for problems with a whole row.
public struct DataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The data file, as given.
    public var path: String
    /// The 1-based row, not counting the header (for JSON Lines, the line number); nil
    /// for problems with the whole file.
    public var row: Int?
    /// The column (field) name, if the problem is in one column.
    public var column: String?
    /// What was expected and what was found, and how to fix it.
    public var message: String

    /// An error from its parts.
    public init(path: String, row: Int? = nil, column: String? = nil, message: String) {
        self.path = path
        self.row = row
        self.column = column
        self.message = message
    }

    /// `PATH: row 12, column `mrr`: MESSAGE`.
    public var description: String {
        var place = path
        if let row { place += ": row \(row)" }
        if let column { place += row == nil ? ": column `\(column)`" : ", column `\(column)`" }
        return place + ": " + message
    }
}
