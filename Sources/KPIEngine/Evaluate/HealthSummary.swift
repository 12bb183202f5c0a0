/// The health score's results over the rows of its source.
public struct HealthSummary: Sendable, Hashable {
    /// Rows with a score of at least the green boundary.
    public var green: Int
    /// Rows with a score of at least the yellow boundary, below green.
    public var yellow: Int
    /// Rows with a score below the yellow boundary.
    public var red: Int
    /// Rows with no component value at all (no score), not counting `errors`.
    public var noData: Int
    /// Rows left without a score because a component was null under `missing: error`.
    public var errors: Int
    /// The mean score of the rows that have one (left-to-right sum, then one division),
    /// or nil when no row has a score.
    public var mean: Double?

    /// A summary from its parts.
    public init(green: Int, yellow: Int, red: Int, noData: Int, errors: Int, mean: Double?) {
        self.green = green
        self.yellow = yellow
        self.red = red
        self.noData = noData
        self.errors = errors
        self.mean = mean
    }
}
