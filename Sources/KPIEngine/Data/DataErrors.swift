/// Every problem found in a data file, in file order, up to the limit the reader was
/// given.
public struct DataErrors: Error, Sendable, CustomStringConvertible {
    /// The problems, at most `maxErrors` of them.
    public var errors: [DataError]
    /// True when the file has more problems than are listed.
    public var truncated: Bool

    /// A list of errors; `truncated` says whether more were left out.
    public init(errors: [DataError], truncated: Bool = false) {
        self.errors = errors
        self.truncated = truncated
    }

    /// One error a line, then a note when the list was cut short.
    public var description: String {
        var lines = errors.map(\.description)
        if truncated {
            lines.append("(stopped after \(errors.count) errors; fix these and run again to see more)")
        }
        return lines.joined(separator: "\n")
    }
}
