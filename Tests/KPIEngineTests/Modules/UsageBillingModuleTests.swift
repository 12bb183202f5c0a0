import Foundation
import KPIKit
import Testing

private typealias T = ModuleTestSupport

// MARK: - A fourth module, as an embedding tool writes it

/// A module for usage-billed products, written outside the package the way an embedding
/// tool extends `ModuleRegistry.standard`: plan allowance, overage and its charge.
private struct UsageBillingModule: ProductModule {
    var description: ModuleDescription {
        ModuleDescription(
            id: "usage-billing",
            summary: "Usage-billed products: allowance, overage and what it earns.",
            models: [.usage],
            functions: [
                FunctionSignature(
                    name: "overage", kind: .row, parameters: [.number, .number],
                    summary: "overage(used, included): usage above the plan's allowance, 0 within it",
                    result: { $0 == [.int, .int] ? .int : .number }),
                FunctionSignature(
                    name: "overage_charge", kind: .row, parameters: [.number, .number, .money],
                    summary: "overage_charge(used, included, unit_price): overage x unit price, exact",
                    result: { $0[2] }),
                FunctionSignature(
                    name: "utilization", kind: .aggregate, parameters: [.number, .number],
                    summary: "utilization(used, included): sum(used) / sum(included) over rows with both",
                    result: { _ in .number }),
            ])
    }

    var defaults: ModuleDefaults {
        ModuleDefaults(touch: .init(high: 0, low: 0.2, tech: 0.8), keyConcepts: ["expansion"], starterTemplate: "")
    }

    func check(_ product: CheckedProduct) -> [Diagnostic] {
        guard product.moduleCalls(to: description.id).isEmpty else { return [] }
        return [.warning("no-usage-function", "usage product `\(product.id)` never measures overage; add `sum(overage_charge(used, included, unit_price))`", at: product.definition.id.range)]
    }

    func evaluateRow(_ name: String, arguments: [ColumnVector], rowCount: Int, resultType: ValueType) throws -> ColumnVector {
        switch name {
        case "overage":
            return rowByRow(arguments, rowCount: rowCount, type: resultType) { row in
                switch (row[0], row[1]) {
                case (.int(let used), .int(let included)): return .int(max(0, used - included))
                default:
                    guard let used = row[0].doubleValue, let included = row[1].doubleValue else { return .null }
                    return .number(max(0, used - included))
                }
            }
        case "overage_charge":
            return rowByRow(arguments, rowCount: rowCount, type: resultType) { row in
                guard let used = row[0].doubleValue, let included = row[1].doubleValue,
                      case .money(let price, let currency) = row[2] else { return .null }
                return .money(Decimal(max(0, used - included)) * price, currency: currency)
            }
        default:
            throw ModuleRuntimeError("no row function `\(name)`")
        }
    }

    func evaluateAggregate(_ name: String, arguments: [ColumnVector], rows: [Bool]?, resultType: ValueType) throws -> Scalar {
        guard name == "utilization" else { throw ModuleRuntimeError("no aggregate function `\(name)`") }
        var used = 0.0
        var included = 0.0
        for index in 0..<arguments[0].count where rows?[index] ?? true {
            guard let u = arguments[0].scalar(at: index).doubleValue, let i = arguments[1].scalar(at: index).doubleValue else { continue }
            used += u
            included += i
        }
        return included == 0 ? .null : .number(used / included)
    }
}

private let meteredProduct = """
    kpi: 1
    product: api
    model: usage
    module: usage-billing
    sources:
      accounts:
        key: id
        fields:
          id: string
          api_calls: int
          included_calls: int?
          unit_price: money[JPY]
    metrics:
      overage_revenue:
        concept: expansion
        formula: sum(overage_charge(api_calls, included_calls, unit_price))
        unit: money
      utilization:
        formula: utilization(api_calls, included_calls)
        unit: ratio
      mean_overage:
        formula: avg(overage(api_calls, included_calls))
        unit: number
    """

// MARK: - Tests

/// A module written outside the package registers, checks and evaluates like a built-in.
@Suite struct UsageBillingModuleTests {
    var registry: ModuleRegistry { ModuleRegistry.standard.registering(UsageBillingModule()) }

    @Test func withoutTheModuleTheProductDoesNotCheck() {
        let check = KPIKitCatalog.check(sources: [("api.yaml", meteredProduct)])
        #expect(check.diagnostics.first { $0.severity == .error }?.message == "unknown module `usage-billing`; known modules: infrastructure, one-time, subscription")
        #expect(check.catalog.product("api") == nil)
    }

    @Test func registeredItValidatesWithItsFunctionsResolvedAndTyped() throws {
        let check = KPIKitCatalog.check(sources: [("api.yaml", meteredProduct)], modules: registry)
        #expect(check.diagnostics.isEmpty, "\(DiagnosticRenderer().render(check.diagnostics))")
        let product = try #require(check.catalog.product("api"))
        #expect(product.module == "usage-billing")
        #expect(product.metric("overage_revenue")?.formula.type == .money("JPY"))
        #expect(product.metric("utilization")?.formula.type == .number)
        #expect(product.metric("mean_overage")?.formula.type == .number)
        let calls = product.moduleCalls(to: "usage-billing").compactMap { node -> String? in
            guard case .module(let call) = node.node else { return nil }
            return "\(call.name) -> \(node.type) over \(call.source ?? "the row")"
        }
        #expect(calls == ["overage_charge -> money[JPY] over the row", "utilization -> number over accounts", "overage -> int over the row"])
    }

    @Test func itsParametersAreTypeChecked() {
        let text = meteredProduct.replacing("utilization(api_calls, included_calls)", with: "utilization(id, included_calls)")
        let check = KPIKitCatalog.check(sources: [("api.yaml", text)], modules: registry)
        #expect(check.diagnostics.map(\.message) == ["argument 1 of `utilization` must be number, but it is a string"])
    }

    @Test func itsCheckRunsThroughTheCatalog() {
        let text = meteredProduct.components(separatedBy: "metrics:")[0] + """
            metrics:
              calls:
                formula: sum(api_calls) - sum(included_calls)
                unit: count
              mean_price:
                formula: avg(unit_price)
                unit: money
            """
        let check = KPIKitCatalog.check(sources: [("api.yaml", text)], modules: registry)
        #expect(check.diagnostics.map(\.code) == ["no-usage-function"])
    }

    @Test func itEvaluatesThroughTheRuntime() throws {
        let check = KPIKitCatalog.check(sources: [("api.yaml", meteredProduct)], modules: registry)
        let product = try #require(check.catalog.product("api"))
        let accounts = Fixture.table("accounts", [
            Fixture.strings("id", ["a", "b", "c", "d"]),
            Fixture.ints("api_calls", [1500, 800, 2000, 1200]),
            Fixture.ints("included_calls", [1000, 1000, nil, 1000]),
            Fixture.money("unit_price", ["0.5", "0.5", "0.5", "0.3"]),
        ])
        let result = try Evaluator(product: product, modules: registry.runtimes)
            .evaluate(tables: ["accounts": accounts], period: Fixture.october)
        #expect(!result.hasErrors, "\(result.diagnostics.map(\.message))")
        // 500 x 0.5 + 0 + (no allowance: null) + 200 x 0.3 = 310 yen, exactly.
        #expect(result.metric("overage_revenue")?.value == T.yenScalar("310"))
        #expect(result.metric("utilization")?.value == .number(3500.0 / 3000.0))
        #expect(result.metric("mean_overage")?.value == .number(700.0 / 3.0))
    }
}
