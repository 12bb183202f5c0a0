import Foundation
import KPIKit
import Testing

/// The starting definitions `kpi new` writes: each validates as it is, with no warning.
@Suite struct ModuleStarterTests {
    @Test(arguments: ["subscription", "infrastructure", "one-time"])
    func starterValidatesWithoutDiagnostics(_ id: String) throws {
        let module = try #require(ModuleRegistry.standard.module(id))
        let model = try #require(module.description.models.sorted { $0.rawValue < $1.rawValue }.first)
        let text = module.defaults.starterDefinition(product: "acme", name: "Acme Cloud", model: model)
        let check = KPIKitCatalog.check(sources: [("acme.yaml", text)])
        #expect(check.diagnostics.isEmpty, "\(DiagnosticRenderer().render(check.diagnostics))")
        let product = try #require(check.catalog.product("acme"))
        #expect(product.module == id)
        #expect(product.definition.name == "Acme Cloud")
        #expect(product.definition.model.value == model)
        // The starter shows the module's own functions at work.
        #expect(!product.moduleCalls(to: id).isEmpty)
        // ... and its touch mix is the module's suggestion.
        let touch = module.defaults.touch
        let declared = try #require(product.definition.touch)
        #expect([declared.high, declared.low, declared.tech] == [touch.high, touch.low, touch.tech])
        #expect(abs(touch.high + touch.low + touch.tech - 1) < 1e-9)
    }

    @Test func subscriptionStarterFitsAUsageProduct() {
        let text = SubscriptionModule().defaults.starterDefinition(product: "meter", model: .usage)
        let check = KPIKitCatalog.check(sources: [("meter.yaml", text)])
        #expect(check.diagnostics.isEmpty, "\(DiagnosticRenderer().render(check.diagnostics))")
        #expect(check.catalog.product("meter")?.definition.name == "meter")
    }

    @Test func starterQuotesNamesThatYAMLWouldMisread() {
        let defaults = OneTimeModule().defaults
        let text = defaults.starterDefinition(product: "fin", name: "Invoice: \"fast\" #1", model: .oneTime)
        #expect(text.contains("name: \"Invoice: \\\"fast\\\" #1\"\n"))
        let check = KPIKitCatalog.check(sources: [("fin.yaml", text)])
        #expect(check.catalog.product("fin")?.definition.name == "Invoice: \"fast\" #1")
        #expect(defaults.starterDefinition(product: "n", name: "null", model: .oneTime).contains("name: \"null\"\n"))
        #expect(defaults.starterDefinition(product: "n", name: "Blue CMS", model: .oneTime).contains("name: Blue CMS\n"))
    }

    @Test func keyConceptsAreLanguageConcepts() {
        for description in ModuleRegistry.standard.ids {
            let concepts = ModuleRegistry.standard.module(description)?.defaults.keyConcepts ?? []
            #expect(!concepts.isEmpty)
            #expect(concepts.allSatisfy(CatalogLoader.languageConcepts.contains), "\(concepts)")
        }
    }
}
