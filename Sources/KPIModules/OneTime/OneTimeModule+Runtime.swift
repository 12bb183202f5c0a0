public import KPIEngine
public import KPILanguage

extension OneTimeModule {
    /// `interpurchase_days`, over whole columns.
    public func evaluateRow(_ name: String, arguments: [ColumnVector], rowCount: Int, resultType: ValueType) throws -> ColumnVector {
        switch (name, arguments.count) {
        case ("interpurchase_days", 3): return OneTimeFunctions.interpurchaseDays(arguments[0], arguments[1], arguments[2], count: rowCount)
        default: throw ModuleRuntimeError("module `\(Self.id)` has no row function `\(name)` of \(arguments.count) arguments")
        }
    }

    /// `repeat_rate` and `ltv_per_customer`, over the rows the `where` keeps.
    public func evaluateAggregate(_ name: String, arguments: [ColumnVector], rows: [Bool]?, resultType: ValueType) throws -> Scalar {
        switch (name, arguments.count) {
        case ("repeat_rate", 1): return OneTimeFunctions.repeatRate(arguments[0], rows: rows)
        case ("ltv_per_customer", 2): return OneTimeFunctions.ltvPerCustomer(arguments[0], arguments[1], rows: rows, type: resultType)
        default: throw ModuleRuntimeError("module `\(Self.id)` has no aggregate function `\(name)` of \(arguments.count) arguments")
        }
    }
}
