import KPIEngine
import KPILanguage

/// The stretch of time a metric's value covers, inferred from how its formula (and
/// everything it reads) uses the period. Two teams reporting "LTV" over the period and
/// over all time talk past each other; the comparison marks it.
public enum MetricWindow: Sendable, Hashable, CustomStringConvertible {
    /// A trailing window of this many days before the period's end (or start):
    /// `days_between(ordered_date, period.end) <= 365`.
    case trailingDays(Int)
    /// A trailing window of this many months: `months_between(x, period.end) < 12`.
    case trailingMonths(Int)
    /// The evaluated period: `x in period`, or bounds on `period.start`.
    case period
    /// Everything up to the period's end: only `period.end` bounds it.
    case toDate
    /// No reference to the period at all: every row, whatever period is evaluated.
    case allTime

    /// `period`, `to date`, `all time`, `365 days`.
    public var description: String {
        switch self {
        case .trailingDays(let days): return "\(days) days"
        case .trailingMonths(let months): return "\(months) months"
        case .period: return "period"
        case .toDate: return "to date"
        case .allTime: return "all time"
        }
    }

    /// The window of `metric` in `product`, from its formula and everything the formula
    /// reads. A trailing window anywhere wins (it is the most specific), then a bound on
    /// the period start, then one on its end.
    public static func of(_ metric: CheckedMetric, in product: CheckedProduct) -> MetricWindow {
        var trailingDays = 0
        var trailingMonths = 0
        var readsStart = false
        var readsEnd = false
        for expression in product.expressionClosure(of: metric.formula) {
            expression.visit { node in
                switch node.node {
                case .inPeriod, .periodStart: readsStart = true
                case .periodEnd: readsEnd = true
                case .binary(let op, let left, let right) where op.isOrdering:
                    if let (function, bound) = trailingBound(left, right) {
                        if function == .daysBetween { trailingDays = max(trailingDays, bound) } else { trailingMonths = max(trailingMonths, bound) }
                    }
                case .between(let value, _, let high):
                    if let (function, bound) = trailingBound(value, high) {
                        if function == .daysBetween { trailingDays = max(trailingDays, bound) } else { trailingMonths = max(trailingMonths, bound) }
                    }
                default:
                    break
                }
            }
        }
        if trailingDays > 0 { return .trailingDays(trailingDays) }
        if trailingMonths > 0 { return .trailingMonths(trailingMonths) }
        if readsStart { return .period }
        if readsEnd { return .toDate }
        return .allTime
    }

    /// `days_between(x, period.end)` (or months, or either bound of the period) compared
    /// with a whole number: the function and the number.
    private static func trailingBound(_ a: TypedExpression, _ b: TypedExpression) -> (RowFunction, Int)? {
        for (call, literal) in [(a, b), (b, a)] {
            guard case .call(let function, let arguments) = call.node,
                  function == .daysBetween || function == .monthsBetween,
                  arguments.contains(where: \.isPeriodBound),
                  let bound = literal.integerLiteral, bound > 0 else { continue }
            return (function, bound)
        }
        return nil
    }
}

extension BinaryOperator {
    /// `< <= > >=`: the operators that bound a window.
    fileprivate var isOrdering: Bool {
        switch self {
        case .less, .lessOrEqual, .greater, .greaterOrEqual: return true
        default: return false
        }
    }
}

extension TypedExpression {
    fileprivate var isPeriodBound: Bool {
        switch node {
        case .periodStart, .periodEnd: return true
        default: return false
        }
    }

    fileprivate var integerLiteral: Int? {
        switch node {
        case .literal(.int(let value)): return Int(value)
        case .literal(.number(let value)) where value == value.rounded() && abs(value) < 1e9: return Int(value)
        default: return nil
        }
    }
}
