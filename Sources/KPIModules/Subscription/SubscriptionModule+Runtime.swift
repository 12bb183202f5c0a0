public import KPIEngine
public import KPILanguage

extension SubscriptionModule {
    /// `ltv` and `retention`, over whole columns.
    public func evaluateRow(_ name: String, arguments: [ColumnVector], rowCount: Int, resultType: ValueType) throws -> ColumnVector {
        switch (name, arguments.count) {
        case ("ltv", 2): return try SubscriptionFunctions.ltv(arguments[0], arguments[1], count: rowCount, type: resultType)
        case ("retention", 2): return try SubscriptionFunctions.retention(arguments[0], arguments[1], count: rowCount)
        default: throw ModuleRuntimeError("module `\(Self.id)` has no row function `\(name)` of \(arguments.count) arguments")
        }
    }

    /// `nrr`, over the rows the `where` keeps.
    public func evaluateAggregate(_ name: String, arguments: [ColumnVector], rows: [Bool]?, resultType: ValueType) throws -> Scalar {
        switch (name, arguments.count) {
        case ("nrr", 2): return try SubscriptionFunctions.nrr(arguments[0], arguments[1], rows: rows)
        default: throw ModuleRuntimeError("module `\(Self.id)` has no aggregate function `\(name)` of \(arguments.count) arguments")
        }
    }
}
