public import KPIYAML

/// A literal value known when the catalog is checked.
public enum Literal: Sendable, Hashable {
    case null
    case int(Int64)
    case number(Double)
    case string(String)
    case bool(Bool)
    /// Days since 1970-01-01.
    case date(Int32)
}

/// The aggregates of the language.
public enum AggregateFunction: String, Sendable, CaseIterable {
    case count, sum, avg, min, max, median, percentile
    case countDistinct = "count_distinct"
}

/// The built-in row functions.
public enum RowFunction: String, Sendable, CaseIterable {
    case coalesce, `if`, daysBetween = "days_between", monthsBetween = "months_between", round, abs
    case least, greatest, clamp, year, month
}

/// An aggregate over the rows of a source, resolved at check time.
public struct AggregateCall: Sendable {
    public var function: AggregateFunction
    /// The source whose rows are aggregated.
    public var source: String
    /// The value aggregated; nil for `count(S)` (which counts rows).
    public var argument: TypedExpression?
    /// The `where` predicate, evaluated on the same rows.
    public var filter: TypedExpression?
    /// `percentile`'s q in 0...1.
    public var quantile: Double?
    /// How the rows relate to the row being computed.
    public var scope: Scope

    public enum Scope: Sendable, Hashable {
        /// All rows of the source (a metric): one value.
        case whole
        /// The child rows of each row of the parent (a `derived` field on the parent):
        /// `foreignKey` of the child holds the parent's key.
        case perParent(parent: String, foreignKey: String)
        /// The rows of each group (a grouped source's `fields`).
        case perGroup(groupSource: String, key: String)
    }
}

/// A function added by a per-product module (see `FunctionSignature`).
public struct ModuleCall: Sendable {
    public var module: String
    public var name: String
    public var arguments: [TypedExpression]
    /// For an aggregate module function: the source its arguments are read from.
    public var source: String?
    public var filter: TypedExpression?
    /// For an aggregate module function: how the rows of `source` relate to the row being
    /// computed, as for `AggregateCall.scope` (all rows for a metric, the child rows of
    /// each parent row in a `derived` field, the rows of each group in a grouped source's
    /// fields). `.whole` for a row function.
    public var scope: AggregateCall.Scope
}

/// A checked expression: names resolved, types known, ready for the engine to compile.
public indirect enum TypedNode: Sendable {
    case literal(Literal)
    case list([TypedExpression])
    /// A column (declared, derived or segment) of the current row's source.
    case column(source: String, name: String)
    /// A metric's value (a scalar, also when used inside a row predicate).
    case metric(String)
    case periodStart
    case periodEnd
    case healthScore
    case healthBand
    case negate(TypedExpression)
    case not(TypedExpression)
    case binary(BinaryOperator, TypedExpression, TypedExpression)
    case inList(TypedExpression, TypedExpression, negated: Bool)
    case inPeriod(TypedExpression)
    case between(TypedExpression, TypedExpression, TypedExpression)
    case isNull(TypedExpression, negated: Bool)
    case call(RowFunction, [TypedExpression])
    /// `ratio(a, b)`: a / b, null when b is 0.
    case ratio(TypedExpression, TypedExpression)
    case aggregate(AggregateCall)
    case module(ModuleCall)
}

/// Whether an expression yields one value per row or one value in all.
public enum EvaluationContext: Sendable, Hashable {
    /// One value per row of the source.
    case row(source: String)
    /// One value (a metric).
    case scalar
}

/// A node of a checked expression with its type and span.
public struct TypedExpression: Sendable {
    public var node: TypedNode
    public var type: ValueType
    public var range: SourceRange

    public init(_ node: TypedNode, type: ValueType, range: SourceRange) {
        self.node = node
        self.type = type
        self.range = range
    }
}

// Equal trees are equal in every stored property, ranges included (two ranges are equal
// when they are in the same `SourceFile` object at the same places).
extension TypedExpression: Equatable {}
extension TypedNode: Equatable {}
extension AggregateCall: Equatable {}
extension ModuleCall: Equatable {}
