import Foundation
import KPILanguage

/// The aggregates of the language over all (selected) rows of a column: one value.
///
/// Nulls are skipped. `sum` over no rows is 0, but over rows whose values are all null it
/// is null (no data). Ints and exact money are summed exactly in 64-bit integers (a total
/// past that range is an error); `avg` of ints sums exactly and divides once as a Double,
/// `avg` of Doubles sums left to right (as DuckDB and Polars do), `avg` of money divides
/// the exact decimal sum. `percentile` interpolates linearly between the two nearest
/// ranks, as numpy's default does; `median` is `percentile(e, 0.5)`.
enum Aggregation {
    static let sumOverflowMessage = "the sum passes the range of exact 64-bit arithmetic (about ±9.2e18, or ±922 trillion for money)"

    /// - Parameters:
    ///   - value: the aggregated values; nil for `count(S)`.
    ///   - rows: the rows the `where` keeps (nil: all `rowCount` rows).
    static func whole(
        _ function: AggregateFunction, _ value: ColumnVector?, rows: [Bool]?, rowCount: Int, quantile: Double, type: ValueType
    ) throws -> Scalar {
        guard var value else {
            return .int(Int64(rows.map(countTrue) ?? rowCount))
        }
        if case .constant(let constant) = value.values {
            if constant.isNull {
                switch function {
                case .count, .countDistinct: return .int(0)
                case .sum: return (rows.map(countTrue) ?? rowCount) == 0 ? type.zero : .null
                default: return .null
                }
            }
            value = value.materialized(as: constant.valueType)
        }
        let selected = combine(rows, value.validity)
        let valueCount = selected.map(countTrue) ?? rowCount
        switch function {
        case .count:
            return .int(Int64(valueCount))
        case .countDistinct:
            return .int(Int64(distinctCount(value, selected)))
        case .sum:
            if valueCount == 0 { return (rows.map(countTrue) ?? rowCount) == 0 ? type.zero : .null }
            return try sum(value, selected)
        case .avg:
            if valueCount == 0 { return .null }
            return average(value, selected, count: valueCount)
        case .min, .max:
            if valueCount == 0 { return .null }
            return extreme(value, selected, greatest: function == .max)
        case .median, .percentile:
            if valueCount == 0 { return .null }
            return percentile(value, selected, quantile: function == .median ? 0.5 : quantile)
        }
    }

    /// Rows kept by `rows` that hold a value.
    static func combine(_ rows: [Bool]?, _ validity: [Bool]?) -> [Bool]? {
        bothValid(rows, validity)
    }

    // MARK: - sum, avg

    static func sum(_ value: ColumnVector, _ selected: [Bool]?) throws -> Scalar {
        switch value.values {
        case .int(let v):
            guard let total = Int64(exactly: exactSum(v, selected)) else {
                throw KernelFailure.overflow(sumOverflowMessage)
            }
            return .int(total)
        case .money(let v, let currency):
            guard let total = Int64(exactly: exactSum(v, selected)) else {
                throw KernelFailure.overflow(sumOverflowMessage)
            }
            return .money(Decimal(scaledMoney: total), currency: currency)
        case .number(let v):
            return .number(doubleSum(v, selected))
        case .approximateMoney(let v, let currency):
            return .money(Decimal(shortest: doubleSum(v, selected)), currency: currency)
        case .bool(let v):
            return .int(Int64(countTrue(bothValid(v, selected) ?? v)))
        default:
            return .null
        }
    }

    static func average(_ value: ColumnVector, _ selected: [Bool]?, count: Int) -> Scalar {
        switch value.values {
        case .int(let v):
            let total = exactSum(v, selected)
            return .number(Double(total) / Double(count))
        case .money(let v, let currency):
            let total = exactSum(v, selected)
            let amount = Decimal(string: String(total)).map { Decimal(sign: .plus, exponent: -4, significand: $0) } ?? 0
            return .money(amount / Decimal(count), currency: currency)
        case .number(let v):
            return .number(doubleSum(v, selected) / Double(count))
        case .approximateMoney(let v, let currency):
            return .money(Decimal(shortest: doubleSum(v, selected) / Double(count)), currency: currency)
        case .bool(let v):
            return .number(Double(countTrue(bothValid(v, selected) ?? v)) / Double(count))
        default:
            return .null
        }
    }

    /// The exact sum: a 64-bit running total, redone in 128 bits when it overflows on the
    /// way (the total itself may still fit).
    static func exactSum(_ v: [Int64], _ selected: [Bool]?) -> Int128 {
        var total: Int64 = 0
        var flag: UInt8 = 0
        v.withUnsafeBufferPointer { p in
            if let selected {
                selected.withUnsafeBufferPointer { m in
                    for i in 0..<p.count {
                        let (r, o) = total.addingReportingOverflow(m[i] ? p[i] : 0)
                        total = r
                        flag |= o ? 1 : 0
                    }
                }
            } else {
                for i in 0..<p.count {
                    let (r, o) = total.addingReportingOverflow(p[i])
                    total = r
                    flag |= o ? 1 : 0
                }
            }
        }
        return flag == 0 ? Int128(total) : wideSum(v, selected)
    }

    static func wideSum(_ v: [Int64], _ selected: [Bool]?) -> Int128 {
        var total: Int128 = 0
        for i in 0..<v.count where selected?[i] ?? true { total += Int128(v[i]) }
        return total
    }

    /// The Double sum of the selected rows, compensated (see ``CompensatedSum``).
    static func doubleSum(_ v: [Double], _ selected: [Bool]?) -> Double {
        var total = CompensatedSum()
        addDoubles(v, selected, to: &total)
        return total.value
    }

    /// Adds the selected rows to `total`, left to right.
    static func addDoubles(_ v: [Double], _ selected: [Bool]?, to total: inout CompensatedSum) {
        v.withUnsafeBufferPointer { p in
            if let selected {
                // Adding 0 for a row left out is exact (x + 0 == x), so no branch.
                selected.withUnsafeBufferPointer { m in
                    for i in 0..<p.count { total.add(m[i] ? p[i] : 0) }
                }
            } else {
                for i in 0..<p.count { total.add(p[i]) }
            }
        }
    }

    // MARK: - min, max

    static func extreme(_ value: ColumnVector, _ selected: [Bool]?, greatest: Bool) -> Scalar {
        switch value.values {
        case .int(let v): return reduceExtreme(v, selected, greatest).map { .int($0) } ?? .null
        case .number(let v): return reduceExtreme(v, selected, greatest).map { .number($0) } ?? .null
        case .money(let v, let currency): return reduceExtreme(v, selected, greatest).map { .money(Decimal(scaledMoney: $0), currency: currency) } ?? .null
        case .approximateMoney(let v, let currency): return reduceExtreme(v, selected, greatest).map { .money(Decimal(shortest: $0), currency: currency) } ?? .null
        case .date(let v): return reduceExtreme(v, selected, greatest).map { .date($0) } ?? .null
        case .bool(let v): return reduceExtreme(v.map { $0 ? 1 : 0 } as [Int8], selected, greatest).map { .bool($0 == 1) } ?? .null
        case .string(let codes, let dictionary):
            let ranks = rankTable(dictionary)
            let ranked = VectorComparison.lookup(codes, ranks)
            guard let best = reduceExtreme(ranked, selected, greatest) else { return .null }
            let code = ranks.firstIndex(of: best) ?? 0
            return .string(dictionary[code])
        case .constant(let scalar): return scalar
        }
    }

    @inline(__always)
    static func reduceExtreme<T: Comparable>(_ v: [T], _ selected: [Bool]?, _ greatest: Bool) -> T? {
        var best: T?
        for i in 0..<v.count where selected?[i] ?? true {
            let x = v[i]
            if let current = best {
                if greatest ? x > current : x < current { best = x }
            } else {
                best = x
            }
        }
        return best
    }

    /// The rank of each dictionary entry in string order (equal strings share a rank).
    static func rankTable(_ dictionary: [String]) -> [Int32] {
        let sorted = Array(Set(dictionary)).sorted()
        var rank: [String: Int32] = [:]
        for (index, text) in sorted.enumerated() { rank[text] = Int32(index) }
        return dictionary.map { rank[$0, default: 0] }
    }

    // MARK: - percentile, count_distinct

    static func percentile(_ value: ColumnVector, _ selected: [Bool]?, quantile: Double) -> Scalar {
        switch value.values {
        case .int(let v):
            var kept = keep(v, selected)
            guard let (a, b, t) = ranks(&kept, quantile) else { return .null }
            return .number(lerp(Double(a), Double(b), t))
        case .number(let v), .approximateMoney(let v, _):
            var kept = keep(v, selected)
            guard let (a, b, t) = ranks(&kept, quantile) else { return .null }
            if case .approximateMoney(_, let currency) = value.values {
                return .money(Decimal(shortest: lerp(a, b, t)), currency: currency)
            }
            return .number(lerp(a, b, t))
        case .money(let v, let currency):
            var kept = keep(v, selected)
            guard let (a, b, t) = ranks(&kept, quantile) else { return .null }
            let x = Decimal(scaledMoney: a)
            let y = Decimal(scaledMoney: b)
            let weight = Decimal(shortest: t)
            let result = t >= 0.5 ? y - (y - x) * (1 - weight) : x + (y - x) * weight
            return .money(result, currency: currency)
        case .date(let v):
            var kept = keep(v, selected)
            guard let (a, b, t) = ranks(&kept, quantile) else { return .null }
            return .date(Int32(lerp(Double(a), Double(b), t).rounded(.down)))
        default:
            return .null
        }
    }

    /// numpy's linear interpolation, including its choice of end to measure from.
    @inline(__always)
    static func lerp(_ a: Double, _ b: Double, _ t: Double) -> Double {
        let difference = b - a
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }

    static func keep<T>(_ v: [T], _ selected: [Bool]?) -> [T] {
        guard let selected else { return v }
        var kept: [T] = []
        kept.reserveCapacity(countTrue(selected))
        for i in 0..<v.count where selected[i] { kept.append(v[i]) }
        return kept
    }

    /// The two order statistics around rank `quantile * (n - 1)` and the weight between them.
    static func ranks<T: Comparable>(_ values: inout [T], _ quantile: Double) -> (T, T, Double)? {
        guard !values.isEmpty else { return nil }
        let position = quantile * Double(values.count - 1)
        let low = min(values.count - 1, max(0, Int(position.rounded(.down))))
        let high = min(low + 1, values.count - 1)
        OrderStatistics.select(&values, low)
        let a = values[low]
        var b = a
        if high > low {
            b = values[high]
            for i in (low + 1)..<values.count where values[i] < b { b = values[i] }
        }
        return (a, b, position - Double(low))
    }

    static func distinctCount(_ value: ColumnVector, _ selected: [Bool]?) -> Int {
        switch value.values {
        case .int(let v), .money(let v, _):
            return Set(keep(v, selected)).count
        case .number(let v), .approximateMoney(let v, _):
            return Set(keep(v, selected).map { $0 == 0 ? 0 : $0.bitPattern }).count
        case .date(let v):
            return Set(keep(v, selected)).count
        case .bool(let v):
            return Set(keep(v, selected)).count
        case .string(let codes, let dictionary):
            var seen = [Bool](repeating: false, count: dictionary.count)
            for i in 0..<codes.count where selected?[i] ?? true { seen[Int(codes[i])] = true }
            return Set(dictionary.indices.filter { seen[$0] }.map { dictionary[$0] }).count
        case .constant(let scalar):
            return scalar.isNull ? 0 : 1
        }
    }
}

/// Quickselect: puts the `k`-th smallest element at index `k`, smaller ones before it and
/// larger ones after, in linear expected time (a median of 1M values without a sort).
enum OrderStatistics {
    static func select<T: Comparable>(_ values: inout [T], _ k: Int) {
        var low = 0
        var high = values.count - 1
        values.withUnsafeMutableBufferPointer { a in
            while low < high {
                // Median of three as the pivot, against sorted and reversed input.
                let mid = low + (high - low) / 2
                if a[mid] < a[low] { a.swapAt(mid, low) }
                if a[high] < a[low] { a.swapAt(high, low) }
                if a[high] < a[mid] { a.swapAt(high, mid) }
                let pivot = a[mid]
                var i = low
                var j = high
                while i <= j {
                    while a[i] < pivot { i += 1 }
                    while pivot < a[j] { j -= 1 }
                    if i <= j {
                        a.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                if k <= j { high = j } else if k >= i { low = i } else { return }
            }
        }
    }
}

extension Scalar {
    /// The type of a value, for materialising a constant.
    var valueType: ValueType {
        switch self {
        case .null: return .null
        case .int: return .int
        case .number: return .number
        case .money(_, let currency): return .money(currency)
        case .bool: return .bool
        case .date: return .date
        case .string: return .string
        }
    }
}

extension ValueType {
    /// Zero in this type: what `sum` gives over no rows.
    var zero: Scalar {
        switch self {
        case .money(let currency): return .money(0, currency: currency)
        case .number: return .number(0)
        default: return .int(0)
        }
    }
}
