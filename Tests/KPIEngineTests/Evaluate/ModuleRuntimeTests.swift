import Foundation
import KPIKit
import KPITestSupport
import Testing

/// A per-product module's functions reach the engine through `ModuleRuntime`: row
/// functions over whole columns, aggregates over the rows a `where` keeps.
@Suite struct ModuleRuntimeTests {
    struct Doubling: ModuleRuntime {
        func evaluateRow(_ name: String, arguments: [ColumnVector], rowCount: Int, resultType: ValueType) throws -> ColumnVector {
            guard name == "twice" else { throw ModuleRuntimeError("no row function `\(name)`") }
            return rowByRow(arguments, rowCount: rowCount, type: resultType) { row in
                guard case .int(let x) = row[0] else { return .null }
                return .int(x * 2)
            }
        }

        func evaluateAggregate(_ name: String, arguments: [ColumnVector], rows: [Bool]?, resultType: ValueType) throws -> Scalar {
            guard name == "top_share" else { throw ModuleRuntimeError("no aggregate `\(name)`") }
            let values = (0..<arguments[0].count).filter { rows?[$0] ?? true }.compactMap { arguments[0].scalar(at: $0).doubleValue }
            guard let top = values.max(), values.reduce(0, +) != 0 else { return .null }
            return .number(top / values.reduce(0, +))
        }
    }

    static let description = ModuleDescription(
        id: "doubling", summary: "test functions", models: [.subscription],
        functions: [
            FunctionSignature(name: "twice", kind: .row, parameters: [.number], summary: "x times 2") { _ in .int },
            FunctionSignature(name: "top_share", kind: .aggregate, parameters: [.quantity], summary: "largest / total") { _ in .number },
        ])

    static let yaml = """
    kpi: 1
    product: modular
    model: subscription
    module: doubling
    sources:
      accounts:
        key: id
        fields: { id: string, x: int? }
    metrics:
      doubled: { formula: sum(twice(x)) }
      share: { formula: top_share(x) }
      share_small: { formula: top_share(x where x < 4) }
      metric_twice: { formula: twice(count(accounts)) }
    """

    @Test func rowAndAggregateFunctionsAreCalledWithColumns() throws {
        let check = TestCatalog.check(Self.yaml, modules: [Self.description])
        #expect(!check.hasErrors, "\(TestCatalog.renderedErrors(check))")
        let product = try #require(check.catalog.products.first)
        let table = Fixture.table("accounts", [Fixture.strings("id", ["a", "b", "c", "d"]), Fixture.ints("x", [1, 3, nil, 6])])
        let result = try Evaluator(product: product, modules: ["doubling": Doubling()])
            .evaluate(tables: ["accounts": table], period: Fixture.october)
        #expect(result.metric("doubled")?.value == .int(20))
        #expect(result.metric("share")?.value == .number(0.6))
        #expect(result.metric("share_small")?.value == .number(0.75))
        #expect(result.metric("metric_twice")?.value == .int(8))
    }

    @Test func aMissingRuntimeIsReportedAgainstTheMetric() throws {
        let check = TestCatalog.check(Self.yaml, modules: [Self.description])
        let product = try #require(check.catalog.products.first)
        let table = Fixture.table("accounts", [Fixture.strings("id", ["a"]), Fixture.ints("x", [1])])
        let result = try Evaluator(product: product).evaluate(tables: ["accounts": table], period: Fixture.october)
        #expect(result.metric("doubled")?.value == .null)
        let error = try #require(result.diagnostics.first { $0.code == "module-error" })
        #expect(error.message.contains("module `doubling` has no implementation loaded"))
    }
}
