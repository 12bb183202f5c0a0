import Foundation
import KPIKit
import Testing

private typealias T = ModuleTestSupport

/// A module that only renames the subscription module's summary, for replacement tests.
private struct RenamedSubscriptionModule: ProductModule {
    var description: ModuleDescription {
        var description = SubscriptionModule().description
        description.summary = "replaced"
        return description
    }
    var defaults: ModuleDefaults { SubscriptionModule().defaults }
}

/// `ModuleRegistry`: the standard modules, registration, lookups and checks.
@Suite struct ModuleRegistryTests {
    @Test func standardHasTheThreeBuiltInModules() {
        let registry = ModuleRegistry.standard
        #expect(registry.ids == ["subscription", "infrastructure", "one-time"])
        #expect(registry.descriptions.map(\.id) == ["subscription", "infrastructure", "one-time"])
        #expect(registry.runtimes.keys.sorted() == ["infrastructure", "one-time", "subscription"])
        #expect(registry.descriptions.allSatisfy { $0.functions.count >= 3 })
        #expect(registry.module("infrastructure")?.description.models == [.subscription])
        #expect(registry.module("one-time")?.description.models == [.oneTime])
        #expect(registry.module("usage") == nil)
    }

    @Test func everyFunctionHasAUniqueNameAndASummaryThatShowsTheCall() {
        for description in ModuleRegistry.standard.descriptions {
            let names = description.functions.map(\.name)
            #expect(Set(names).count == names.count, "\(description.id)")
            for function in description.functions {
                #expect(function.summary.hasPrefix("\(function.name)("), "\(function.summary)")
            }
        }
    }

    @Test func registerAddsAndReplacesById() {
        var registry = ModuleRegistry([OneTimeModule()])
        registry.register(SubscriptionModule())
        #expect(registry.ids == ["one-time", "subscription"])
        registry.register(RenamedSubscriptionModule())
        #expect(registry.ids == ["one-time", "subscription"])
        #expect(registry.module("subscription")?.description.summary == "replaced")
        #expect(registry.descriptions.count == 2)
        let extended = ModuleRegistry.standard.registering(RenamedSubscriptionModule())
        #expect(extended.ids == ModuleRegistry.standard.ids)
        #expect(extended.module("subscription")?.description.summary == "replaced")
        #expect(ModuleRegistry.standard.module("subscription")?.description.summary != "replaced")
    }

    @Test func theDefaultModuleForAModelMatchesTheChecker() {
        let registry = ModuleRegistry.standard
        for model in BusinessModel.allCases {
            let text = """
                kpi: 1
                product: p
                model: \(model.rawValue)
                sources:
                  rows:
                    fields: { n: int }
                metrics:
                  total:
                    formula: sum(n)
                    unit: count
                """
            let check = CatalogLoader.load(sources: [("p.yaml", text)], modules: registry.descriptions)
            let checked = check.catalog.product("p")
            #expect(checked != nil, "\(check.diagnostics.map(\.message))")
            #expect(registry.module(for: model)?.id == checked?.module, "\(model)")
        }
    }

    @Test func checkRunsTheProductsModuleOnly() throws {
        let text = T.subscriptionProduct(module: "infrastructure", metrics: """
              mrr_total:
                formula: sum(mrr)
                unit: money
            """)
        let check = CatalogLoader.load(sources: [("crm.yaml", text)], modules: ModuleRegistry.standard.descriptions)
        let product = try #require(check.catalog.product("crm"))
        #expect(ModuleRegistry.standard.check(product).map(\.code) == ["no-churn-metric", "no-outcome-metric"])
        #expect(ModuleRegistry([OneTimeModule()]).check(product).isEmpty)
    }

    @Test func anUnknownModuleIsAnErrorThatListsTheRegisteredOnes() {
        let text = T.subscriptionProduct(module: "infrastucture", metrics: "  n:\n    formula: count(accounts)\n    unit: count")
        let check = T.check([("crm.yaml", text)])
        let diagnostic = check.diagnostics.first { $0.code == "unknown-module" }
        #expect(diagnostic?.message == "unknown module `infrastucture`; did you mean `infrastructure`?; known modules: infrastructure, one-time, subscription")
    }
}
