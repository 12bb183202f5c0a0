import Foundation
import KPIKit
import Testing

/// The starting definitions `kpi new` writes, which each module owns: each validates as it
/// is, with no error and no warning, for every model its module fits.
@Suite struct ModuleStarterTests {
    /// Every built-in module with each business model it fits.
    static let cases: [(module: String, model: BusinessModel)] = ModuleRegistry.standard.ids.flatMap { id in
        BusinessModel.allCases
            .filter { ModuleRegistry.standard.module(id)?.description.models.contains($0) == true }
            .map { (id, $0) }
    }

    @Test func everyModuleAndModelHasACase() {
        #expect(Self.cases.map { "\($0.module)/\($0.model.rawValue)" }
            == ["subscription/subscription", "subscription/usage", "infrastructure/subscription", "one-time/one-time"])
    }

    @Test(arguments: ModuleStarterTests.cases.indices)
    func starterValidatesWithoutDiagnostics(_ index: Int) throws {
        let (id, model) = Self.cases[index]
        let module = try #require(ModuleRegistry.standard.module(id))
        let text = module.defaults.starterDefinition(product: "acme", name: "Acme Cloud", model: model)
        #expect(!text.contains("{{"), "a placeholder is left in the \(id) starter for \(model)")
        let check = KPIKitCatalog.check(sources: [("acme.yaml", text)])
        #expect(check.diagnostics.isEmpty, "\(id)/\(model): \(DiagnosticRenderer().render(check.diagnostics))")
        let product = try #require(check.catalog.product("acme"))
        #expect(product.module == id)
        #expect(product.definition.name == "Acme Cloud")
        #expect(product.definition.model.value == model)
        // The touch mix adds up; the module's suggestion is its own starter's.
        let declared = try #require(product.definition.touch)
        #expect(abs(declared.high + declared.low + declared.tech - 1) < 1e-9)
        let touch = module.defaults.touch
        #expect(abs(touch.high + touch.low + touch.tech - 1) < 1e-9)
        if module.defaults.modelStarterTemplates[model] == nil {
            #expect([declared.high, declared.low, declared.tech] == [touch.high, touch.low, touch.tech])
        }
    }

    @Test func subscriptionModuleStartsAUsageProductFromItsUsageStarter() {
        let defaults = SubscriptionModule().defaults
        #expect(defaults.starterTemplate(for: .subscription) == defaults.starterTemplate)
        #expect(defaults.starterTemplate(for: .usage) != defaults.starterTemplate)
        let text = defaults.starterDefinition(product: "meter", model: .usage)
        #expect(text.contains("model: usage\nmodule: subscription\n"))
        let check = KPIKitCatalog.check(sources: [("meter.yaml", text)])
        #expect(check.diagnostics.isEmpty, "\(DiagnosticRenderer().render(check.diagnostics))")
        let product = check.catalog.product("meter")
        #expect(product?.definition.name == "meter")
        #expect(product?.definition.metrics.contains { $0.id.value == "usage_retention" } == true)
    }

    @Test func starterQuotesNamesThatYAMLWouldMisread() {
        let defaults = OneTimeModule().defaults
        let text = defaults.starterDefinition(product: "fin", name: "Invoice: \"fast\" #1", model: .oneTime)
        #expect(text.contains("name: \"Invoice: \\\"fast\\\" #1\"\n"))
        #expect(text.contains("team: \"Invoice: \\\"fast\\\" #1 Customer Success\"\n"))
        let check = KPIKitCatalog.check(sources: [("fin.yaml", text)])
        #expect(check.catalog.product("fin")?.definition.name == "Invoice: \"fast\" #1")
        #expect(defaults.starterDefinition(product: "n", name: "null", model: .oneTime).contains("name: \"null\"\n"))
        #expect(defaults.starterDefinition(product: "n", name: "Blue CMS", model: .oneTime).contains("name: Blue CMS\n"))
        #expect(defaults.starterDefinition(product: "n", name: "Tab\there", model: .oneTime).contains("name: \"Tab\\there\"\n"))
    }

    @Test func placeholdersAreFilledInOnePass() {
        let defaults = ModuleDefaults(
            touch: .init(high: 0, low: 0, tech: 1), keyConcepts: [],
            starterTemplate: "# {{title}}\nproduct: {{product}}\nname: {{name}}\nteam: {{team}}\nmodel: {{model}}\n{{unknown}} {{",
            modelStarterTemplates: [.oneTime: "one-time {{product}}"])
        #expect(defaults.starterDefinition(product: "p", name: "A\n{{model}}", model: .usage)
            == "# A {{model}}\nproduct: p\nname: \"A\\n{{model}}\"\nteam: \"A\\n{{model}} Customer Success\"\nmodel: usage\n{{unknown}} {{")
        #expect(defaults.starterDefinition(product: "p", model: .oneTime) == "one-time p")
    }

    @Test func keyConceptsAreLanguageConcepts() {
        for description in ModuleRegistry.standard.ids {
            let concepts = ModuleRegistry.standard.module(description)?.defaults.keyConcepts ?? []
            #expect(!concepts.isEmpty)
            #expect(concepts.allSatisfy(CatalogLoader.languageConcepts.contains), "\(concepts)")
        }
    }
}
