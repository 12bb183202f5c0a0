/// The errors one chunk found: the first `limit`, and how many there were in all.
struct ErrorCollector {
    let limit: Int
    private(set) var errors: [DataError] = []
    /// Errors found, counting those past the limit.
    private(set) var found = 0

    init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// Whether more than `limit` errors were found, so reading can stop.
    var isOverLimit: Bool { found > limit }

    mutating func add(_ error: DataError) {
        found += 1
        if errors.count < limit { errors.append(error) }
    }

    /// Forgets the errors found since `mark` (a value of ``found``).
    mutating func rollBack(to mark: Int) {
        found = mark
        if errors.count > mark { errors.removeLast(errors.count - mark) }
    }
}
