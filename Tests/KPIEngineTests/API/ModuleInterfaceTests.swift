import Foundation
import KPIKit
import Testing

/// Module interfaces: a program's own module declared as data, so that `kpi` (and the
/// plugins) can check definitions that call it.
@Suite struct ModuleInterfaceTests {
    static let interfaceJSON = """
        {"modules": [{
          "id": "seats", "summary": "Seat-based products.", "models": ["subscription"],
          "functions": [
            {"name": "utilization", "kind": "row", "parameters": ["number", "number"], "result": "number",
             "summary": "utilization(used, bought): used over bought, null when none were bought"},
            {"name": "largest", "kind": "aggregate", "parameters": ["quantity"], "result": "argument 1",
             "summary": "largest(x): the largest value"}
          ]
        }]}
        """

    static let product = KPIDefinitionFile(name: "p.yaml", text: """
        kpi: 1
        product: p
        model: subscription
        module: seats
        sources:
          accounts:
            key: id
            fields: { id: string, used: int, bought: int, mrr: money[EUR] }
        metrics:
          mean_utilization:
            formula: avg(utilization(used, bought))
          top_mrr:
            formula: largest(mrr)
            unit: money
        """)

    /// The Swift implementation the interface above declares.
    struct SeatsModule: ProductModule {
        var description: ModuleDescription {
            (try? ModuleInterface.decode(Data(ModuleInterfaceTests.interfaceJSON.utf8), path: "seats.json"))?.first?.description
                ?? ModuleDescription(id: "seats", summary: "", models: [], functions: [])
        }
        var defaults: ModuleDefaults { ModuleDefaults(touch: .init(high: 0, low: 0, tech: 1), keyConcepts: [], starterTemplate: "") }

        func evaluateRow(_ name: String, arguments: [ColumnVector], rowCount: Int, resultType: ValueType) throws -> ColumnVector {
            rowByRow(arguments, rowCount: rowCount, type: resultType) { row in
                guard let used = row[0].doubleValue, let bought = row[1].doubleValue, bought > 0 else { return .null }
                return .number(used / bought)
            }
        }

        func evaluateAggregate(_ name: String, arguments: [ColumnVector], rows: [Bool]?, resultType: ValueType) throws -> Scalar {
            var best: Scalar = .null
            for index in 0..<arguments[0].count where rows?[index] ?? true {
                let value = arguments[0].scalar(at: index)
                if let number = value.doubleValue, number > (best.doubleValue ?? -.infinity) { best = value }
            }
            return best
        }
    }

    @Test func anInterfaceChecksDefinitionsThatCallTheModule() throws {
        #expect(throws: KPICatalogError.self) { try KPICatalog(definitions: [Self.product]) }
        let interfaces = try ModuleInterface.decode(Data(Self.interfaceJSON.utf8), path: "kpi-modules.json")
        #expect(interfaces.map(\.id) == ["seats"])
        let checked = try KPICatalog(definitions: [Self.product], modules: ModuleRegistry.standard.registering(interfaces[0]))
        #expect(checked.product("p")?.module == "seats")
        // The result rule `argument 1` types `largest(mrr)` as money.
        let topMRR = try #require(checked.product("p")?.checked.metric("top_mrr"))
        #expect(topMRR.formula.type == .money("EUR"))
    }

    @Test func theSwiftModuleEvaluatesWhatTheInterfaceChecked() async throws {
        let catalog = try KPICatalog(definitions: [Self.product], modules: ModuleRegistry.standard.registering(SeatsModule()))
        var accounts = TableBuilder(try #require(catalog.product("p")?.source("accounts")))
        accounts.append(["id": "a", "used": 3, "bought": 4, "mrr": 10])
        accounts.append(["id": "b", "used": 1, "bought": 4, "mrr": "12.5"])
        let result = try await catalog.evaluate("p", on: .tables([try accounts.build()]), period: .month(10, of: 2026))
        #expect(result.metric("mean_utilization")?.value == .number(0.5))
        #expect(result.metric("top_mrr")?.value == .money(Decimal(string: "12.5")!, currency: "EUR"))
    }

    @Test func aBadInterfaceFileSaysWhatIsWrong() {
        func failure(_ json: String) -> String? {
            do {
                _ = try ModuleInterface.decode(Data(json.utf8), path: "kpi-modules.json")
                return nil
            } catch {
                return error.description
            }
        }
        #expect(failure(#"{"modules": [{"id": "m", "summary": "", "models": ["rental"], "functions": []}]}"#)
            == "kpi-modules.json: error: module `m`: unknown model `rental`; models are `subscription`, `one-time`, `usage`")
        #expect(failure(#"{"modules": [{"id": "m", "summary": "", "models": [], "functions": [{"name": "f", "kind": "row", "parameters": [], "result": "float", "summary": ""}]}]}"#)
            == "kpi-modules.json: error: module `m`, function `f`: unknown result type `float`; write `int`, `number`, `bool`, `date`, `string`, `money[USD]` or `argument N`")
        #expect(failure(#"{"modules": [{"id": "m", "summary": "", "models": [], "functions": [{"name": "f", "kind": "row", "parameters": ["number"], "result": "argument 2", "summary": ""}]}]}"#)
            == "kpi-modules.json: error: module `m`, function `f`: `argument 2`: the function has 1 parameter")
        #expect(failure(#"{"modules": [{"id": "m", "models": [], "functions": []}]}"#)
            == "kpi-modules.json: error: .modules[0]: `summary` is missing")
        #expect(failure("{") != nil)
    }

    @Test func anInterfaceAloneCannotEvaluate() async throws {
        let interfaces = try ModuleInterface.decode(Data(Self.interfaceJSON.utf8), path: "kpi-modules.json")
        let catalog = try KPICatalog(definitions: [Self.product], modules: ModuleRegistry.standard.registering(interfaces[0]))
        var accounts = TableBuilder(try #require(catalog.product("p")?.source("accounts")))
        accounts.append(["id": "a", "used": 3, "bought": 4, "mrr": 10])
        let result = try await catalog.evaluate("p", on: .tables([try accounts.build()]), period: .month(10, of: 2026))
        #expect(result.metric("mean_utilization")?.value == .null)
        #expect(result.issues.contains { $0.message.contains("registered as an interface only") })
    }
}
