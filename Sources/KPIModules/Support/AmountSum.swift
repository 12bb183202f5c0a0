import Foundation
import KPIEngine

/// A running sum of quantities that stays exact for money: integers scaled by 10 000 while
/// they fit an Int64, a `Decimal` beyond that or for inexact inputs.
struct AmountSum {
    private var scaled: Int64 = 0
    /// What no longer fits `scaled`, or came from an inexact input, in units (not scaled).
    private var spill: Decimal = 0
    private var spilled = false
    /// How many values were added.
    private(set) var count = 0

    /// Adds row `index` of `vector`; ignores a null row.
    /// - Returns: whether a value was added.
    @discardableResult
    mutating func add(_ vector: ColumnVector, at index: Int) -> Bool {
        if let amount = vector.scaledAmount(at: index) {
            add(scaled: amount)
            return true
        }
        guard let decimal = vector.decimal(at: index) else { return false }
        spill += decimal
        spilled = true
        count += 1
        return true
    }

    /// Adds an amount scaled by 10 000.
    mutating func add(scaled amount: Int64) {
        let (sum, overflow) = scaled.addingReportingOverflow(amount)
        if overflow {
            spill += Decimal(scaled10000: scaled)
            spilled = true
            scaled = amount
        } else {
            scaled = sum
        }
        count += 1
    }

    /// The exact total.
    var total: Decimal {
        spilled ? spill + Decimal(scaled10000: scaled) : Decimal(scaled10000: scaled)
    }
}
