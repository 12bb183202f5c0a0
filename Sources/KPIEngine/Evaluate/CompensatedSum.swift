/// A running Double sum that keeps the rounding error of each addition (Neumaier's
/// compensated summation), so that a sum or mean of millions of rates comes out as the
/// correctly rounded result rather than drifting in the last digits with the row count.
///
/// The additions are taken in order; a sum continued chunk by chunk has the same bits as
/// one pass over all rows.
struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0

    init() {}

    init(_ initial: Double) {
        sum = initial
    }

    /// Adds `x` (branchless: both error terms are computed and one kept).
    @inline(__always)
    mutating func add(_ x: Double) {
        let t = sum + x
        let big = (sum - t) + x
        let small = (x - t) + sum
        compensation += abs(sum) >= abs(x) ? big : small
        sum = t
    }

    /// The sum. An infinite or NaN sum is returned as the plain sum (its error terms mean
    /// nothing).
    var value: Double {
        sum.isFinite ? sum + compensation : sum
    }
}
