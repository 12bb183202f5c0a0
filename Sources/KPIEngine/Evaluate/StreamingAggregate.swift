import Foundation
import KPILanguage

/// `count`, `sum`, `avg`, `min` and `max` fed one chunk of rows at a time, with the same
/// results as `Aggregation.whole` over all rows at once: integers and exact money add up
/// exactly (chunk order does not matter), Doubles are added left to right across chunks
/// in a compensated sum that carries over, so that the sum is the same bits as one pass.
struct StreamingAggregate {
    private enum Kind: Equatable {
        case int, exactMoney(String), number, approximateMoney(String), bool, other
    }

    let function: AggregateFunction
    let type: ValueType
    /// Rows the `where` kept.
    private var rows = 0
    /// Of those, rows with a value.
    private var values = 0
    /// False for `count(S)`, which counts rows, not values.
    private var hasArgument = false
    private var kind: Kind?
    private var exact: Int128 = 0
    private var running = CompensatedSum()
    private var best: Scalar = .null

    /// Nil for the aggregates that need all values at once (`median`, `percentile`,
    /// `count_distinct`).
    init?(_ function: AggregateFunction, type: ValueType) {
        switch function {
        case .count, .sum, .avg, .min, .max: break
        case .median, .percentile, .countDistinct: return nil
        }
        self.function = function
        self.type = type
    }

    /// Adds the rows of one chunk: `value` (nil for `count(S)`) where `selected` (nil: all).
    mutating func add(_ value: ColumnVector?, rows selected: [Bool]?, rowCount: Int) throws {
        let kept = selected.map(countTrue) ?? rowCount
        rows += kept
        guard var value else { return }
        hasArgument = true
        if case .constant(let constant) = value.values {
            if constant.isNull { return }
            value = value.materialized(as: constant.valueType)
        }
        let mask = Aggregation.combine(selected, value.validity)
        let count = mask.map(countTrue) ?? rowCount
        values += count
        guard count > 0 else { return }
        switch function {
        case .count:
            return
        case .min, .max:
            let chunkBest = Aggregation.extreme(value, mask, greatest: function == .max)
            if best.isNull {
                best = chunkBest
            } else if let order = ScalarOperations.order(chunkBest, best), function == .max ? order > 0 : order < 0 {
                best = chunkBest
            }
            return
        default:
            break
        }
        let chunkKind: Kind
        switch value.values {
        case .int(let v):
            chunkKind = .int
            exact += Aggregation.exactSum(v, mask)
        case .money(let v, let currency):
            chunkKind = .exactMoney(currency)
            exact += Aggregation.exactSum(v, mask)
        case .number(let v):
            chunkKind = .number
            Aggregation.addDoubles(v, mask, to: &running)
        case .approximateMoney(let v, let currency):
            chunkKind = .approximateMoney(currency)
            Aggregation.addDoubles(v, mask, to: &running)
        case .bool(let v):
            chunkKind = .bool
            exact += Int128(countTrue(Aggregation.combine(mask, v) ?? v))
        default:
            chunkKind = .other
        }
        if let kind, kind != chunkKind {
            // Exact money in one chunk, approximate in another (an int scaled past 64
            // bits): continue approximately, in units.
            if case .exactMoney(let currency) = kind, case .approximateMoney = chunkKind {
                running.add(Double(exact) / 10_000)
                exact = 0
                self.kind = .approximateMoney(currency)
                return
            }
            if case .approximateMoney = kind, case .exactMoney = chunkKind {
                running.add(Double(exact) / 10_000)
                exact = 0
                return
            }
        }
        if self.kind == nil { self.kind = chunkKind }
    }

    /// The aggregate of every row added.
    func result() throws -> Scalar {
        switch function {
        case .count:
            return .int(Int64(hasArgument ? values : rows))
        case .min, .max:
            return values == 0 ? .null : best
        case .sum:
            if values == 0 { return rows == 0 ? type.zero : .null }
            switch kind {
            case .int?, .bool?:
                guard let total = Int64(exactly: exact) else { throw KernelFailure.overflow(Aggregation.sumOverflowMessage) }
                return .int(total)
            case .exactMoney(let currency)?:
                guard let total = Int64(exactly: exact) else { throw KernelFailure.overflow(Aggregation.sumOverflowMessage) }
                return .money(Decimal(scaledMoney: total), currency: currency)
            case .number?:
                return .number(running.value)
            case .approximateMoney(let currency)?:
                return .money(Decimal(shortest: running.value), currency: currency)
            default:
                return .null
            }
        default:
            if values == 0 { return .null }
            switch kind {
            case .int?, .bool?:
                return .number(Double(exact) / Double(values))
            case .exactMoney(let currency)?:
                let sum = Decimal(string: String(exact)).map { Decimal(sign: .plus, exponent: -4, significand: $0) } ?? 0
                return .money(sum / Decimal(values), currency: currency)
            case .number?:
                return .number(running.value / Double(values))
            case .approximateMoney(let currency)?:
                return .money(Decimal(shortest: running.value / Double(values)), currency: currency)
            default:
                return .null
            }
        }
    }
}
