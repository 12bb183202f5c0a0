/// Why a ``TableBuilder`` could not build its table: each value that does not fit its
/// column's declared type, by row and column, and how to fix it.
public struct TableBuildError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One value (or column) that does not fit.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The 1-based row, in the order rows were appended; nil for a whole column.
        public var row: Int?
        /// The column, if the problem concerns one.
        public var column: String?
        /// What is wrong and how to fix it.
        public var message: String

        /// `row 3, column \`mrr\`: message`.
        public var description: String {
            var place: [String] = []
            if let row { place.append("row \(row)") }
            if let column { place.append("column `\(column)`") }
            return place.isEmpty ? message : place.joined(separator: ", ") + ": " + message
        }
    }

    /// The source whose table was being built.
    public var source: SourceID
    /// The problems, at most ``TableBuilder/maxProblems`` of them.
    public var problems: [Problem]
    /// How many problems there were in all (more than `problems.count` when some were left out).
    public var problemCount: Int

    /// One line per problem, prefixed by the source.
    public var description: String {
        var lines = problems.map { "source `\(source)`, \($0)" }
        if problemCount > problems.count { lines.append("(\(problemCount - problems.count) more problems not shown)") }
        return lines.joined(separator: "\n")
    }
}
