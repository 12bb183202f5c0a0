public import KPILanguage

/// The implementation of a per-product module's functions, called by the engine.
///
/// The checker learns a module's functions from its `ModuleDescription` (names, parameter
/// kinds, result types) and resolves every call at check time; the engine then calls the
/// runtime registered under the module's id (`Evaluator(product:modules:)`) with whole
/// columns, once per call site and evaluation, never once per row.
///
/// - Row functions (`FunctionSignature.Kind.row`) get one vector per argument, all of
///   `rowCount` rows (a literal or a metric argument arrives as a `.constant` vector), and
///   return one vector of `rowCount` rows of `resultType`. A metric formula that calls a
///   row function outside any aggregate calls it with `rowCount` 1.
/// - Aggregate functions (`.aggregate`) get the argument vectors over all rows of the
///   aggregated source and `rows`, the rows the `where` keeps (nil: every row), and return
///   one value.
/// - An aggregate function in a `derived` field on a parent source (over a child source)
///   or in a grouped source's fields is computed per parent row or per group:
///   `evaluateGroupedAggregate` gets the argument vectors over all rows of the aggregated
///   source, `rows`, and the group of each row, and returns one value per group. Its
///   default implementation calls `evaluateAggregate` once per group with the arguments
///   gathered to that group's rows the `where` keeps (in source order, `rows` nil), so a
///   module only needs `evaluateAggregate`; implement it to compute every group in one pass.
///
/// Follow the language's rules: null in, null out; skip null rows in aggregates; never
/// trap (throw `ModuleRuntimeError` instead, which the engine reports against the metric).
/// A simple function can be written row by row with `rowByRow(_:rowCount:type:_:)`.
public protocol ModuleRuntime: Sendable {
    /// The row function `name`, for every row.
    /// - Parameters:
    ///   - name: the function name as declared in the module's description.
    ///   - arguments: one vector per argument, each with `rowCount` rows.
    ///   - rowCount: the number of rows.
    ///   - resultType: the type the checker inferred for the call.
    /// - Returns: `rowCount` values of `resultType`.
    /// - Throws: `ModuleRuntimeError` when the function cannot be computed.
    func evaluateRow(_ name: String, arguments: [ColumnVector], rowCount: Int, resultType: ValueType) throws -> ColumnVector

    /// The aggregate function `name` over the rows of its source.
    /// - Parameters:
    ///   - name: the function name as declared in the module's description.
    ///   - arguments: one vector per argument, over every row of the source.
    ///   - rows: the rows the `where` keeps (`rows[i] == true`), or nil for every row.
    ///   - resultType: the type the checker inferred for the call.
    /// - Returns: one value of `resultType`, or `.null` when there is no data.
    /// - Throws: `ModuleRuntimeError` when the function cannot be computed.
    func evaluateAggregate(_ name: String, arguments: [ColumnVector], rows: [Bool]?, resultType: ValueType) throws -> Scalar

    /// The aggregate function `name` over the rows of each group: the child rows of each
    /// parent row (a `derived` field on the parent), or the rows of each group of a grouped
    /// source (its `fields`).
    /// - Parameters:
    ///   - name: the function name as declared in the module's description.
    ///   - arguments: one vector per argument, over every row of the source.
    ///   - rows: the rows the `where` keeps (`rows[i] == true`), or nil for every row.
    ///   - groupOf: the group of each row of the source (`0 ..< groupCount`), or -1 for a
    ///     row that belongs to no group (a child of no parent row), which is left out.
    ///   - groupCount: the number of groups: the length of the result.
    ///   - resultType: the type the checker inferred for the call.
    /// - Returns: `groupCount` values of `resultType`, group by group (`.null` for a group
    ///   with no data).
    /// - Throws: `ModuleRuntimeError` when the function cannot be computed.
    func evaluateGroupedAggregate(
        _ name: String, arguments: [ColumnVector], rows: [Bool]?, groupOf: [Int32], groupCount: Int, resultType: ValueType
    ) throws -> ColumnVector
}

extension ModuleRuntime {
    /// By default a module has no row functions: this throws.
    public func evaluateRow(_ name: String, arguments: [ColumnVector], rowCount: Int, resultType: ValueType) throws -> ColumnVector {
        throw ModuleRuntimeError("this module has no row function `\(name)`")
    }

    /// By default a module has no aggregate functions: this throws.
    public func evaluateAggregate(_ name: String, arguments: [ColumnVector], rows: [Bool]?, resultType: ValueType) throws -> Scalar {
        throw ModuleRuntimeError("this module has no aggregate function `\(name)`")
    }

    /// By default, `evaluateAggregate` once per group (also for a group with no rows), with
    /// every argument gathered to the group's rows that the `where` keeps, in source order,
    /// and `rows` nil. The rows are put in group order once (a counting sort, linear in the
    /// rows), so the whole costs one pass over the rows plus one call per group.
    public func evaluateGroupedAggregate(
        _ name: String, arguments: [ColumnVector], rows: [Bool]?, groupOf: [Int32], groupCount: Int, resultType: ValueType
    ) throws -> ColumnVector {
        let members = GroupMembers(groupOf: groupOf, rows: rows, groupCount: groupCount)
        var results: [Scalar] = []
        results.reserveCapacity(groupCount)
        for group in 0..<groupCount {
            let positions = members.rows(of: group)
            let gathered = arguments.map { $0.gathered(positions) }
            results.append(try evaluateAggregate(name, arguments: gathered, rows: nil, resultType: resultType))
        }
        return ColumnVector(scalars: results, type: resultType)
    }

    /// A row function computed one row at a time from scalars: simple, and fast enough for
    /// functions that are not on a hot path.
    /// - Parameters:
    ///   - arguments: the argument vectors, as passed to `evaluateRow`.
    ///   - rowCount: the number of rows.
    ///   - type: the result type.
    ///   - body: the value of one row from that row's argument values.
    public func rowByRow(
        _ arguments: [ColumnVector], rowCount: Int, type: ValueType, _ body: ([Scalar]) throws -> Scalar
    ) rethrows -> ColumnVector {
        var results: [Scalar] = []
        results.reserveCapacity(rowCount)
        var row = [Scalar](repeating: .null, count: arguments.count)
        for index in 0..<rowCount {
            for (position, argument) in arguments.enumerated() { row[position] = argument.scalar(at: index) }
            results.append(try body(row))
        }
        return ColumnVector(scalars: results, type: type)
    }
}

/// A module function that could not be computed; the message says why.
public struct ModuleRuntimeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why the function failed, for the report.
    public var message: String
    /// An error saying `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// The rows of each group, in source order: a counting sort of the rows kept by group.
struct GroupMembers {
    /// The rows of group `g` are `order[start[g] ..< start[g + 1]]`.
    private var start: [Int]
    private var order: [Int32]

    init(groupOf: [Int32], rows: [Bool]?, groupCount: Int) {
        var start = [Int](repeating: 0, count: groupCount + 1)
        for i in 0..<groupOf.count where groupOf[i] >= 0 && (rows?[i] ?? true) { start[Int(groupOf[i]) + 1] += 1 }
        for g in 0..<groupCount { start[g + 1] += start[g] }
        var next = start
        var order = [Int32](repeating: 0, count: start[groupCount])
        for i in 0..<groupOf.count where groupOf[i] >= 0 && (rows?[i] ?? true) {
            let g = Int(groupOf[i])
            order[next[g]] = Int32(i)
            next[g] += 1
        }
        self.start = start
        self.order = order
    }

    /// The rows of group `group`, in source order.
    func rows(of group: Int) -> ArraySlice<Int32> {
        order[start[group] ..< start[group + 1]]
    }
}
