import Foundation
import KPIEngine
import KPILanguage

/// The kernels of the one-time functions.
enum OneTimeFunctions {
    /// `repeat_rate(purchase_count)` over the kept rows: rows with a count of 2 or more over
    /// rows with 1 or more; null counts are skipped.
    static func repeatRate(_ counts: ColumnVector, rows: [Bool]?) -> Scalar {
        var buyers = 0
        var repeaters = 0
        for row in 0..<counts.count where rows?[row] ?? true {
            guard let count = counts.number(at: row), count >= 1 else { continue }
            buyers += 1
            if count >= 2 { repeaters += 1 }
        }
        return buyers == 0 ? .null : .number(Double(repeaters) / Double(buyers))
    }

    /// `interpurchase_days(first_date, last_date, purchase_count)` for every row; null when
    /// any is null, the count is below 2, or the last date is before the first (bad data).
    static func interpurchaseDays(_ first: ColumnVector, _ last: ColumnVector, _ counts: ColumnVector, count: Int) -> ColumnVector {
        var values = [Double](repeating: 0, count: count)
        var validity = [Bool](repeating: true, count: count)
        for row in 0..<count {
            guard let firstDay = first.day(at: row), let lastDay = last.day(at: row),
                  let purchases = counts.number(at: row), purchases >= 2, lastDay >= firstDay else {
                validity[row] = false
                continue
            }
            values[row] = Double(lastDay - firstDay) / (purchases - 1)
        }
        return ColumnVector(.number(values), validity: validity.contains(false) ? validity : nil, count: count)
    }

    /// `ltv_per_customer(amount, customer)` over the kept rows that have both: the exact sum
    /// of the amounts divided by the number of distinct customers; null without such rows.
    static func ltvPerCustomer(_ amounts: ColumnVector, _ customers: ColumnVector, rows: [Bool]?, type: ValueType) -> Scalar {
        var sum = AmountSum()
        var keys = DistinctKeys(customers)
        for row in 0..<amounts.count where rows?[row] ?? true {
            guard amounts.isValid(row), customers.isValid(row) else { continue }
            sum.add(amounts, at: row)
            keys.insert(row: row)
        }
        let customerCount = keys.count
        guard customerCount > 0 else { return .null }
        let perCustomer = sum.total / Decimal(customerCount)
        if case .money(let currency) = type { return .money(perCustomer, currency: currency) }
        return .number(perCustomer.doubleValue)
    }
}

/// The distinct values of a key column, without boxing strings or ints.
struct DistinctKeys {
    private let column: ColumnVector
    private var codes: Set<Int32> = []
    private var integers: Set<Int64> = []
    private var others: Set<Scalar> = []

    init(_ column: ColumnVector) {
        self.column = column
    }

    mutating func insert(row: Int) {
        switch column.values {
        case .string(let rowCodes, _): codes.insert(rowCodes[row])
        case .int(let values): integers.insert(values[row])
        default: others.insert(column.scalar(at: row))
        }
    }

    /// How many distinct values were inserted (strings compared by text).
    var count: Int {
        if case .string(_, let dictionary) = column.values {
            return Set(codes.map { dictionary[Int($0)] }).count
        }
        return integers.count + others.count
    }
}
