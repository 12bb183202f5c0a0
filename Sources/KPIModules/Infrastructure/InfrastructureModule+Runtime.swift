public import KPIEngine
public import KPILanguage

extension InfrastructureModule {
    /// `on_time`, `days_late`, `attainment` and the subscription row functions.
    public func evaluateRow(_ name: String, arguments: [ColumnVector], rowCount: Int, resultType: ValueType) throws -> ColumnVector {
        switch (name, arguments.count) {
        case ("on_time", 2): return InfrastructureFunctions.onTime(arguments[0], arguments[1], count: rowCount)
        case ("days_late", 2): return InfrastructureFunctions.daysLate(arguments[0], arguments[1], count: rowCount)
        case ("attainment", 2): return try InfrastructureFunctions.attainment(arguments[0], arguments[1], count: rowCount)
        case ("ltv", 2): return try SubscriptionFunctions.ltv(arguments[0], arguments[1], count: rowCount, type: resultType)
        case ("retention", 2): return try SubscriptionFunctions.retention(arguments[0], arguments[1], count: rowCount)
        default: throw ModuleRuntimeError("module `\(Self.id)` has no row function `\(name)` of \(arguments.count) arguments")
        }
    }

    /// `on_time_rate` and `nrr`, over the rows the `where` keeps.
    public func evaluateAggregate(_ name: String, arguments: [ColumnVector], rows: [Bool]?, resultType: ValueType) throws -> Scalar {
        switch (name, arguments.count) {
        case ("on_time_rate", 2): return InfrastructureFunctions.onTimeRate(arguments[0], arguments[1], rows: rows)
        case ("nrr", 2): return try SubscriptionFunctions.nrr(arguments[0], arguments[1], rows: rows)
        default: throw ModuleRuntimeError("module `\(Self.id)` has no aggregate function `\(name)` of \(arguments.count) arguments")
        }
    }
}
