import Foundation
import KPIEngine
import KPILanguage

/// The kernels of the subscription functions, shared by every subscription-like module.
enum SubscriptionFunctions {
    // MARK: - ltv

    /// `ltv(monthly_fee, months)`: fee x months for every row; null when either is null or
    /// months is negative (a churn date before sign-up is bad data, never a negative LTV).
    static func ltv(_ fee: ColumnVector, _ months: ColumnVector, count: Int, type: ValueType) throws -> ColumnVector {
        switch type {
        case .money:
            if let exact = exactMoneyLTV(fee, months, count: count, type: type) { return exact }
            var out: [Scalar] = []
            out.reserveCapacity(count)
            for row in 0..<count {
                guard let amount = fee.decimal(at: row), let monthCount = months.number(at: row), monthCount >= 0 else {
                    out.append(.null)
                    continue
                }
                let factor = months.integer(at: row).map { Decimal($0) } ?? Decimal(shortestOf: monthCount)
                out.append(.money(amount * factor, currency: type.currencyCode))
            }
            return ColumnVector(scalars: out, type: type)
        case .int:
            var values = [Int64](repeating: 0, count: count)
            var validity = [Bool](repeating: true, count: count)
            for row in 0..<count {
                guard let amount = fee.integer(at: row), let monthCount = months.integer(at: row), monthCount >= 0 else {
                    validity[row] = false
                    continue
                }
                let (product, overflow) = amount.multipliedReportingOverflow(by: monthCount)
                if overflow { throw ModuleRuntimeError("`ltv` of \(amount) x \(monthCount) months is too large for an int; declare the fee as `decimal` or `money`") }
                values[row] = product
            }
            return ColumnVector(.int(values), validity: validity.contains(false) ? validity : nil, count: count)
        default:
            var values = [Double](repeating: 0, count: count)
            var validity = [Bool](repeating: true, count: count)
            for row in 0..<count {
                guard let amount = fee.number(at: row), let monthCount = months.number(at: row), monthCount >= 0 else {
                    validity[row] = false
                    continue
                }
                values[row] = amount * monthCount
            }
            return ColumnVector(.number(values), validity: validity.contains(false) ? validity : nil, count: count)
        }
    }

    /// Money x whole months as scaled integers, when every row is exact and nothing
    /// overflows; nil otherwise (the caller then goes through `Decimal`).
    private static func exactMoneyLTV(_ fee: ColumnVector, _ months: ColumnVector, count: Int, type: ValueType) -> ColumnVector? {
        guard case .money(let currency) = type else { return nil }
        var values = [Int64](repeating: 0, count: count)
        var validity = [Bool](repeating: true, count: count)
        for row in 0..<count {
            guard fee.isValid(row), months.isValid(row) else {
                validity[row] = false
                continue
            }
            guard let amount = fee.scaledAmount(at: row), let monthCount = months.integer(at: row) else { return nil }
            guard monthCount >= 0 else {
                validity[row] = false
                continue
            }
            let (product, overflow) = amount.multipliedReportingOverflow(by: monthCount)
            if overflow { return nil }
            values[row] = product
        }
        return ColumnVector(.money(values, currency: currency), validity: validity.contains(false) ? validity : nil, count: count)
    }

    // MARK: - retention

    /// `retention(churned, base)`: 1 - churned / base for every row; null when either is
    /// null or base is 0 or less. More churned than base gives a value below 0, on purpose:
    /// it shows inconsistent data instead of hiding it.
    static func retention(_ churned: ColumnVector, _ base: ColumnVector, count: Int) throws -> ColumnVector {
        try requireSameCurrency("retention", churned, base)
        var values = [Double](repeating: 0, count: count)
        var validity = [Bool](repeating: true, count: count)
        for row in 0..<count {
            guard let lost = churned.number(at: row), let total = base.number(at: row), total > 0 else {
                validity[row] = false
                continue
            }
            values[row] = 1 - lost / total
        }
        return ColumnVector(.number(values), validity: validity.contains(false) ? validity : nil, count: count)
    }

    // MARK: - nrr

    /// `nrr(start_mrr, end_mrr)`: sum(end) / sum(start) over the kept rows that have both
    /// amounts; null when there are none or the start sum is 0.
    ///
    /// A row without an end amount is left out like any null, never read as 0: give a
    /// customer that left in the period an end MRR of 0 in the data or the formula
    /// (`if(churned_date is not null and churned_date < period.end, 0 * mrr, mrr)`) so that its loss counts.
    static func nrr(_ start: ColumnVector, _ end: ColumnVector, rows: [Bool]?) throws -> Scalar {
        try requireSameCurrency("nrr", start, end)
        var startSum = AmountSum()
        var endSum = AmountSum()
        for row in 0..<start.count where rows?[row] ?? true {
            guard start.isValid(row), end.isValid(row) else { continue }
            startSum.add(start, at: row)
            endSum.add(end, at: row)
        }
        let denominator = startSum.total
        guard startSum.count > 0, denominator != 0 else { return .null }
        return .number((endSum.total / denominator).doubleValue)
    }

    // MARK: - Shared

    /// Throws when both vectors are money of different currencies.
    static func requireSameCurrency(_ function: String, _ a: ColumnVector, _ b: ColumnVector) throws {
        if let x = a.currency, let y = b.currency, x != y {
            throw ModuleRuntimeError("`\(function)` got money in \(x) and in \(y); money of two currencies never mixes")
        }
    }
}

extension ValueType {
    /// The currency of a money type; empty for other types.
    var currencyCode: String {
        if case .money(let currency) = self { return currency }
        return ""
    }
}

extension Decimal {
    /// The Double nearest to this decimal, through its exact text.
    var doubleValue: Double { Double(description) ?? .nan }
}
