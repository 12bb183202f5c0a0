import Foundation
import KPILanguage

/// The aggregates of the language per group of rows: the child rows of each parent row
/// (a `derived` field such as `count(purchases)`) or the rows of each group of a grouped
/// source. One pass over the rows, one accumulator per group.
///
/// The rules are those of `Aggregation`, per group: a group with no rows counts 0 and sums
/// to 0; a group whose values are all null has a null sum, average, minimum, ...; averages
/// of money per group are approximate money (Doubles in units, 15+ significant digits).
enum GroupedAggregation {
    /// - Parameters:
    ///   - value: the aggregated values; nil for `count(S)`.
    ///   - rows: the rows the `where` keeps (nil: all).
    ///   - groupOf: the group of each row, or -1 for a row in no group.
    ///   - groupCount: the number of groups (the length of the result).
    static func aggregate(
        _ function: AggregateFunction, _ value: ColumnVector?, rows: [Bool]?, groupOf: [Int32], groupCount: Int,
        quantile: Double, type: ValueType
    ) throws -> ColumnVector {
        let inGroup = rows.map { r in zipLanes(.array(r), .array(groupOf), count: groupOf.count) { $0 && $1 >= 0 } }
            ?? mapLane(.array(groupOf), count: groupOf.count) { $0 >= 0 }
        let rowsPerGroup = counts(groupOf, inGroup, groupCount)
        guard var value else {
            return ColumnVector(.int(rowsPerGroup), count: groupCount)
        }
        if case .constant(let constant) = value.values {
            value = value.materialized(as: constant.isNull ? (type == .null ? .int : type) : constant.valueType)
        }
        let selected = bothValid(inGroup, value.validity) ?? inGroup
        let valuesPerGroup = value.validity == nil ? rowsPerGroup : counts(groupOf, selected, groupCount)
        let hasValue = valuesPerGroup.map { $0 > 0 }
        let noneMissing = hasValue.allSatisfy { $0 }

        switch function {
        case .count:
            return ColumnVector(.int(valuesPerGroup), count: groupCount)
        case .sum:
            // No rows: 0; rows but only nulls: null.
            let validity = zip(rowsPerGroup, valuesPerGroup).map { $0 == 0 || $1 > 0 }
            let sumValidity = validity.allSatisfy { $0 } ? nil : validity
            switch value.values {
            case .int(let v):
                return ColumnVector(.int(try exactSums(v, groupOf, selected, groupCount)), validity: sumValidity, count: groupCount)
            case .money(let v, let currency):
                return ColumnVector(.money(try exactSums(v, groupOf, selected, groupCount), currency: currency), validity: sumValidity, count: groupCount)
            case .number(let v):
                return ColumnVector(.number(doubleSums(v, groupOf, selected, groupCount)), validity: sumValidity, count: groupCount)
            case .approximateMoney(let v, let currency):
                return ColumnVector(.approximateMoney(doubleSums(v, groupOf, selected, groupCount), currency: currency), validity: sumValidity, count: groupCount)
            case .bool(let v):
                let ones = v.map { Int64($0 ? 1 : 0) }
                return ColumnVector(.int(try exactSums(ones, groupOf, selected, groupCount)), validity: sumValidity, count: groupCount)
            default:
                return .constant(.null, count: groupCount)
            }
        case .avg:
            let validity = noneMissing ? nil : hasValue
            var sums: [Double]
            var scale = 1.0
            switch value.values {
            case .int(let v): sums = try exactSums(v, groupOf, selected, groupCount).map { Double($0) }
            case .money(let v, _):
                sums = try exactSums(v, groupOf, selected, groupCount).map { Double($0) }
                scale = 10_000
            case .number(let v), .approximateMoney(let v, _): sums = doubleSums(v, groupOf, selected, groupCount)
            case .bool(let v): sums = try exactSums(v.map { Int64($0 ? 1 : 0) }, groupOf, selected, groupCount).map { Double($0) }
            default: return .constant(.null, count: groupCount)
            }
            for g in 0..<groupCount {
                sums[g] = valuesPerGroup[g] > 0 ? sums[g] / Double(valuesPerGroup[g]) / scale : 0
            }
            if let currency = value.currency {
                return ColumnVector(.approximateMoney(sums, currency: currency), validity: validity, count: groupCount)
            }
            return ColumnVector(.number(sums), validity: validity, count: groupCount)
        case .min, .max:
            let greatest = function == .max
            let validity = noneMissing ? nil : hasValue
            switch value.values {
            case .int(let v): return ColumnVector(.int(extremes(v, groupOf, selected, groupCount, greatest)), validity: validity, count: groupCount)
            case .number(let v): return ColumnVector(.number(extremes(v, groupOf, selected, groupCount, greatest)), validity: validity, count: groupCount)
            case .money(let v, let c): return ColumnVector(.money(extremes(v, groupOf, selected, groupCount, greatest), currency: c), validity: validity, count: groupCount)
            case .approximateMoney(let v, let c): return ColumnVector(.approximateMoney(extremes(v, groupOf, selected, groupCount, greatest), currency: c), validity: validity, count: groupCount)
            case .date(let v): return ColumnVector(.date(extremes(v, groupOf, selected, groupCount, greatest)), validity: validity, count: groupCount)
            case .bool(let v):
                let best = extremes(v.map { Int8($0 ? 1 : 0) }, groupOf, selected, groupCount, greatest)
                return ColumnVector(.bool(best.map { $0 == 1 }), validity: validity, count: groupCount)
            case .string(let codes, let dictionary):
                let ranks = Aggregation.rankTable(dictionary)
                let best = extremes(VectorComparison.lookup(codes, ranks), groupOf, selected, groupCount, greatest)
                var codeOfRank = [Int32](repeating: 0, count: dictionary.count)
                for (code, rank) in ranks.enumerated() { codeOfRank[Int(rank)] = Int32(code) }
                return ColumnVector(.string(codes: best.map { codeOfRank[Int($0)] }, dictionary: dictionary), validity: validity, count: groupCount)
            default:
                return .constant(.null, count: groupCount)
            }
        case .median, .percentile, .countDistinct:
            // Rows of each group together (a counting sort by group), then per group.
            let q = function == .median ? 0.5 : quantile
            var start = [Int](repeating: 0, count: groupCount + 1)
            for g in 0..<groupCount { start[g + 1] = start[g] + Int(valuesPerGroup[g]) }
            var next = start
            var order = [Int32](repeating: 0, count: start[groupCount])
            for i in 0..<groupOf.count where selected[i] {
                let g = Int(groupOf[i])
                order[next[g]] = Int32(i)
                next[g] += 1
            }
            var results: [Scalar] = []
            results.reserveCapacity(groupCount)
            for g in 0..<groupCount {
                let slice = Array(order[start[g]..<start[g + 1]])
                let rowsOfGroup = value.gathered(slice)
                if function == .countDistinct {
                    results.append(.int(Int64(Aggregation.distinctCount(rowsOfGroup, nil))))
                } else {
                    results.append(slice.isEmpty ? .null : Aggregation.percentile(rowsOfGroup, nil, quantile: q))
                }
            }
            return ColumnVector(scalars: results, type: function == .countDistinct ? .int : type)
        }
    }

    // MARK: - Accumulators

    static func counts(_ groupOf: [Int32], _ selected: [Bool], _ groupCount: Int) -> [Int64] {
        var counts = [Int64](repeating: 0, count: groupCount)
        counts.withUnsafeMutableBufferPointer { c in
            for i in 0..<groupOf.count where selected[i] { c[Int(groupOf[i])] += 1 }
        }
        return counts
    }

    static func exactSums(_ v: [Int64], _ groupOf: [Int32], _ selected: [Bool], _ groupCount: Int) throws -> [Int64] {
        var sums = [Int64](repeating: 0, count: groupCount)
        var flag: UInt8 = 0
        sums.withUnsafeMutableBufferPointer { s in
            for i in 0..<v.count where selected[i] {
                let g = Int(groupOf[i])
                let (r, o) = s[g].addingReportingOverflow(v[i])
                s[g] = r
                flag |= o ? 1 : 0
            }
        }
        if flag != 0 { throw KernelFailure.overflow(Aggregation.sumOverflowMessage) }
        return sums
    }

    /// The compensated Double sum of each group (see ``CompensatedSum``).
    static func doubleSums(_ v: [Double], _ groupOf: [Int32], _ selected: [Bool], _ groupCount: Int) -> [Double] {
        var sums = [CompensatedSum](repeating: CompensatedSum(), count: groupCount)
        sums.withUnsafeMutableBufferPointer { s in
            for i in 0..<v.count where selected[i] { s[Int(groupOf[i])].add(v[i]) }
        }
        return sums.map(\.value)
    }

    static func extremes<T: Comparable & ExpressibleByIntegerLiteral>(_ v: [T], _ groupOf: [Int32], _ selected: [Bool], _ groupCount: Int, _ greatest: Bool) -> [T] {
        var best = [T?](repeating: nil, count: groupCount)
        for i in 0..<v.count where selected[i] {
            let g = Int(groupOf[i])
            if let current = best[g] {
                if greatest ? v[i] > current : v[i] < current { best[g] = v[i] }
            } else {
                best[g] = v[i]
            }
        }
        return best.map { $0 ?? 0 }
    }
}
