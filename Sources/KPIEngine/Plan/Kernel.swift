import KPILanguage
import KPIYAML

/// A checked expression compiled for the engine: every name replaced by an index into the
/// plan (a source's column slot, a metric), literals turned into scalars, `in [...]` lists
/// into constant sets. The evaluator walks this tree once per evaluation and runs one
/// typed loop per node over whole columns, never once per row.
indirect enum Kernel: Sendable {
    case constant(Scalar)
    /// A column (declared, grouped, derived or segment) of the current row's source.
    case column(source: Int, slot: Int)
    /// A metric's value.
    case metric(Int)
    case periodStart
    case periodEnd
    case healthScore
    case healthBand
    case negate(Kernel, SourceRange)
    case not(Kernel)
    /// `and` / `or`, three-valued.
    case logical(BinaryOperator, Kernel, Kernel)
    /// `+ - * / %` with the result type the checker inferred.
    case arithmetic(BinaryOperator, Kernel, Kernel, ValueType, SourceRange)
    /// `== != < <= > >=`.
    case comparison(BinaryOperator, Kernel, Kernel)
    /// `x in [literals]`.
    case inList(Kernel, [Scalar], negated: Bool)
    case inPeriod(Kernel)
    case between(Kernel, Kernel, Kernel)
    case isNull(Kernel, negated: Bool)
    case call(RowFunction, [Kernel], ValueType, SourceRange)
    case ratio(Kernel, Kernel, ValueType)
    case aggregate(AggregatePlan)
    case module(ModulePlan)
}

/// An aggregate compiled: which source's rows, what value, which rows, and how they map to
/// the rows of the expression that reads it.
struct AggregatePlan: Sendable {
    enum Scope: Sendable {
        /// All rows of the source: one value.
        case whole
        /// The child rows of each row of `parent`: `foreignKey` (a slot of the child) holds
        /// the value of the parent's `parentKey` slot.
        case perParent(parent: Int, foreignKey: Int, parentKey: Int)
        /// The rows of each group of grouped source `grouped` (whose origin is `source`).
        case perGroup(grouped: Int)
    }

    /// Unique within the plan: results are cached by it.
    var id: Int
    var function: AggregateFunction
    var source: Int
    /// Nil for `count(S)`, which counts rows.
    var argument: Kernel?
    var filter: Kernel?
    var quantile: Double
    var scope: Scope
    var type: ValueType
    var range: SourceRange
}

/// A call of a per-product module's function.
struct ModulePlan: Sendable {
    var module: String
    var name: String
    var arguments: [Kernel]
    /// For an aggregate function: the source whose rows it reads.
    var source: Int?
    var filter: Kernel?
    /// For an aggregate function: all rows of `source`, the child rows of each parent row,
    /// or the rows of each group (as `AggregatePlan.scope`); `.whole` for a row function.
    var scope: AggregatePlan.Scope
    var type: ValueType
    var range: SourceRange
}

extension Kernel {
    /// The direct sub-expressions, for walks over the tree.
    var children: [Kernel] {
        switch self {
        case .constant, .column, .metric, .periodStart, .periodEnd, .healthScore, .healthBand:
            return []
        case .negate(let a, _), .not(let a), .inList(let a, _, _), .inPeriod(let a), .isNull(let a, _):
            return [a]
        case .logical(_, let a, let b), .arithmetic(_, let a, let b, _, _), .comparison(_, let a, let b), .ratio(let a, let b, _):
            return [a, b]
        case .between(let a, let b, let c):
            return [a, b, c]
        case .call(_, let arguments, _, _):
            return arguments
        case .aggregate(let plan):
            return [plan.argument, plan.filter].compactMap { $0 }
        case .module(let plan):
            return plan.arguments + [plan.filter].compactMap { $0 }
        }
    }
}
