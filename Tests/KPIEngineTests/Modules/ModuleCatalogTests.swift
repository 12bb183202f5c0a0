import Foundation
import KPIKit
import Testing

/// The team catalog in `kpi-definitions/` under the standard modules.
@Suite struct ModuleCatalogTests {
    var catalog: String { ModuleTestSupport.packageRoot + "/kpi-definitions" }

    @Test func theCatalogValidatesWithItsModules() throws {
        let check = KPIKitCatalog.check(paths: [catalog])
        #expect(!check.hasErrors, "\(DiagnosticRenderer().render(check.diagnostics))")
        let modules = Dictionary(uniqueKeysWithValues: check.catalog.products.map { ($0.id, $0.module) })
        #expect(modules == ["cms": "infrastructure", "financing": "one-time", "ma": "subscription"])
        // The cms (churn 10% of the weight, on-time delivery as onboarding, an outcome
        // metric), ma (churn weighted) and financing (repeat weighted) need no module advice.
        let moduleCodes = ModuleCheckTests.moduleCodes
        #expect(check.diagnostics.filter { moduleCodes.contains($0.code) }.isEmpty, "\(DiagnosticRenderer().render(check.diagnostics))")
    }

    @Test func aSingleFileKeepsOnlyItsOwnModuleDiagnostics() throws {
        // Checked alone, ma.yaml is checked with the other files as context; a module
        // warning about another product must not appear.
        var modules = ModuleRegistry.standard
        modules.register(AlwaysWarnsModule(id: "one-time"))
        let check = KPIKitCatalog.check(paths: [catalog + "/ma.yaml"], modules: modules)
        #expect(!check.diagnostics.contains { $0.code == "always" })
        let all = KPIKitCatalog.check(paths: [catalog], modules: modules)
        #expect(all.diagnostics.filter { $0.code == "always" }.count == 1)
    }
}

/// A module whose check always warns at the product id.
private struct AlwaysWarnsModule: ProductModule {
    var id: String
    var description: ModuleDescription {
        ModuleDescription(id: id, summary: "test", models: Set(BusinessModel.allCases), functions: [])
    }
    var defaults: ModuleDefaults { ModuleDefaults(touch: .init(high: 0, low: 0, tech: 1), keyConcepts: [], starterTemplate: "") }
    func check(_ product: CheckedProduct) -> [Diagnostic] {
        [.warning("always", "always", at: product.definition.id.range)]
    }
}
