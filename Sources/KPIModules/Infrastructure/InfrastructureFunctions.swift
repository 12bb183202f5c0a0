import KPIEngine
import KPILanguage

/// The kernels of the delivery and outcome functions of the infrastructure module.
enum InfrastructureFunctions {
    /// `on_time(delivered_date, due_date)` for every row.
    static func onTime(_ delivered: ColumnVector, _ due: ColumnVector, count: Int) -> ColumnVector {
        var values = [Bool](repeating: false, count: count)
        var validity = [Bool](repeating: true, count: count)
        for row in 0..<count {
            guard let deliveredDay = delivered.day(at: row), let dueDay = due.day(at: row) else {
                validity[row] = false
                continue
            }
            values[row] = deliveredDay <= dueDay
        }
        return ColumnVector(.bool(values), validity: validity.contains(false) ? validity : nil, count: count)
    }

    /// `days_late(delivered_date, due_date)` for every row.
    static func daysLate(_ delivered: ColumnVector, _ due: ColumnVector, count: Int) -> ColumnVector {
        var values = [Int64](repeating: 0, count: count)
        var validity = [Bool](repeating: true, count: count)
        for row in 0..<count {
            guard let deliveredDay = delivered.day(at: row), let dueDay = due.day(at: row) else {
                validity[row] = false
                continue
            }
            values[row] = max(0, Int64(deliveredDay) - Int64(dueDay))
        }
        return ColumnVector(.int(values), validity: validity.contains(false) ? validity : nil, count: count)
    }

    /// `on_time_rate(delivered_date, due_date)` over the kept rows: rows without a due date
    /// are skipped; a row not delivered yet is not on time.
    static func onTimeRate(_ delivered: ColumnVector, _ due: ColumnVector, rows: [Bool]?) -> Scalar {
        var withDueDate = 0
        var onTime = 0
        for row in 0..<due.count where rows?[row] ?? true {
            guard let dueDay = due.day(at: row) else { continue }
            withDueDate += 1
            if let deliveredDay = delivered.day(at: row), deliveredDay <= dueDay { onTime += 1 }
        }
        return withDueDate == 0 ? .null : .number(Double(onTime) / Double(withDueDate))
    }

    /// `attainment(actual, goal)` for every row.
    static func attainment(_ actual: ColumnVector, _ goal: ColumnVector, count: Int) throws -> ColumnVector {
        try SubscriptionFunctions.requireSameCurrency("attainment", actual, goal)
        var values = [Double](repeating: 0, count: count)
        var validity = [Bool](repeating: true, count: count)
        for row in 0..<count {
            guard let value = actual.number(at: row), let target = goal.number(at: row), target > 0 else {
                validity[row] = false
                continue
            }
            values[row] = value / target
        }
        return ColumnVector(.number(values), validity: validity.contains(false) ? validity : nil, count: count)
    }
}
