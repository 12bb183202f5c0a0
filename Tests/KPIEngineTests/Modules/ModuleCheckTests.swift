import Foundation
import KPIKit
import Testing

private typealias T = ModuleTestSupport

private let churnRate = """
  churn_rate:
    concept: churn
    formula: ratio(count(accounts where active_at_start and churned_date in period), count(accounts where active_at_start))
    unit: percent
    direction: lower
    target: 0.01
"""

private let upsell = """
  upsell:
    concept: expansion
    formula: sum(mrr)
    unit: money
    target: 1000
"""

private let onTime = """
  on_time_delivery:
    concept: onboarding
    formula: on_time_rate(delivered_date, due_date)
    unit: percent
    target: 0.9
"""

private let outcome = """
  outcome_rate:
    concept: outcome
    formula: ratio(count(accounts where attainment(leads, lead_goal) >= 1), count(accounts where lead_goal is not null))
    unit: percent
    target: 0.6
"""

/// Each module check fires on a small catalog that needs it, with the exact message, and
/// stays quiet on one that does not.
@Suite struct ModuleCheckTests {
    static let moduleCodes: Set<String> = [
        "no-churn-metric", "churn-unweighted", "currency-mismatch", "churn-overweighted",
        "onboarding-without-delivery", "no-outcome-metric", "no-repeat-metric", "repeat-unweighted",
    ]

    func moduleDiagnostics(_ text: String, name: String = "crm.yaml") -> String {
        T.rendered(T.check([(name, text)]), codes: Self.moduleCodes)
    }

    // MARK: - Checker integration

    @Test func loaderResolvesModuleFunctionsWithTheStandardDescriptions() throws {
        let text = T.subscriptionProduct(metrics: churnRate + "\n" + """
              mean_ltv:
                formula: avg(ltv(mrr, months_between(signup_date, coalesce(churned_date, period.end))))
                unit: money
            """)
        let check = CatalogLoader.load(sources: [("crm.yaml", text)], modules: ModuleRegistry.standard.descriptions)
        #expect(!check.hasErrors, "\(check.diagnostics.map(\.message))")
        let metric = try #require(check.catalog.product("crm")?.metric("mean_ltv"))
        #expect(metric.formula.type == .money("JPY"))
        guard case .aggregate(let avg) = metric.formula.node, case .module(let call)? = avg.argument?.node else {
            Issue.record("expected avg over a module call, got \(metric.formula.node)")
            return
        }
        #expect(call.module == "subscription")
        #expect(call.name == "ltv")
    }

    @Test func moduleFunctionsAreUnknownToAnotherModule() {
        let text = T.oneTimeProduct(metrics: """
              ltv:
                concept: repeat
                formula: avg(ltv(amount, 3))
                unit: money
            """)
        let check = T.check([("shop.yaml", text)])
        #expect(check.diagnostics.contains { $0.code == "unknown-function" && $0.message.hasPrefix("unknown function `ltv`") })
    }

    // MARK: - Subscription

    @Test func subscriptionWarnsWithoutChurnOrRetention() {
        let text = T.subscriptionProduct(metrics: upsell)
        #expect(moduleDiagnostics(text) == """
            crm.yaml:2:10: warning: subscription product `crm` has no metric with concept `churn` or `retention`; a subscription lives on renewals, so add one, such as `churn_rate` with `concept: churn` and `formula: ratio(count(accounts where churned_date in period), count(accounts where active_at_start))`, or `retention(churned, base)`
            product: crm
                     ^~~

            """)
    }

    @Test func subscriptionIsQuietWithChurnOrRetention() {
        #expect(moduleDiagnostics(T.subscriptionProduct(metrics: churnRate)) == "")
        let retention = T.subscriptionProduct(metrics: """
              logo_retention:
                concept: retention
                formula: retention(count(accounts where active_at_start and churned_date in period), count(accounts where active_at_start))
                unit: percent
            """)
        #expect(moduleDiagnostics(retention) == "")
    }

    @Test func theDefaultModuleOfAUsageProductIsSubscription() {
        let text = T.subscriptionProduct(module: nil, model: "usage", metrics: upsell)
        let check = T.check([("crm.yaml", text)])
        #expect(check.catalog.product("crm")?.module == "subscription")
        #expect(T.codes(check).contains("no-churn-metric"))
    }

    @Test func subscriptionWarnsWhenChurnIsUnweightedInAWeightedScorecard() {
        let text = T.subscriptionProduct(metrics: churnRate + "\n" + upsell + "\n    weight: 10")
        #expect(moduleDiagnostics(text) == """
            crm.yaml:2:10: warning: product `crm` weights its scorecard but gives no weight to churn or retention (`churn_rate`); a swappable subscription is lost at renewal, so give one of them a `weight:` (or use `module: infrastructure` if switching cost is high)
            product: crm
                     ^~~
            crm.yaml:28:3: note: `churn_rate` is defined here

            """)
        let weighted = T.subscriptionProduct(metrics: churnRate + "\n    weight: 5\n" + upsell + "\n    weight: 10")
        #expect(moduleDiagnostics(weighted) == "")
        let unweighted = T.subscriptionProduct(metrics: churnRate + "\n" + upsell)
        #expect(moduleDiagnostics(unweighted) == "")
    }

    @Test func currenciesOfRetentionAndNrrMustMatch() {
        let text = T.subscriptionProduct(metrics: churnRate + "\n" + """
              nrr_mixed:
                formula: nrr(mrr, mrr_usd)
                unit: ratio
              nrr_ok:
                formula: nrr(mrr, mrr)
                unit: ratio
            """)
        #expect(moduleDiagnostics(text) == """
            crm.yaml:35:14: error: `nrr` compares amounts of one currency, but gets money[JPY] and money[USD]; money of two currencies never mixes, so convert one of them in the data first
                formula: nrr(mrr, mrr_usd)
                         ^~~~~~~~~~~~~~~~~

            """)
    }

    // MARK: - Infrastructure

    @Test func infrastructureWarnsWhenChurnCarriesMoreThanAFifth() {
        let text = T.subscriptionProduct(module: "infrastructure", metrics: [
            churnRate + "\n    weight: 25",
            upsell + "\n    weight: 45",
            onTime + "\n    weight: 10",
            outcome + "\n    weight: 20",
        ].joined(separator: "\n"))
        #expect(moduleDiagnostics(text) == """
            crm.yaml:34:13: warning: churn and retention carry 25% of the scorecard weight in `crm` (`churn_rate` 25); an infrastructure product's switching cost is high, so churn barely moves: keep them at 20% or less and weight customer outcome and expansion instead
                weight: 25
                        ^~

            """)
    }

    @Test func infrastructureShowsAShareJustOverAFifthToOneDecimal() {
        let text = T.subscriptionProduct(module: "infrastructure", metrics: [
            churnRate + "\n    weight: 20.5",
            upsell + "\n    weight: 49.5",
            onTime + "\n    weight: 10",
            outcome + "\n    weight: 20",
        ].joined(separator: "\n"))
        #expect(moduleDiagnostics(text).hasPrefix("crm.yaml:34:13: warning: churn and retention carry 20.5% of the scorecard weight in `crm` (`churn_rate` 20.5);"))
    }

    @Test func infrastructureAcceptsChurnAtAFifthOrLess() {
        let text = T.subscriptionProduct(module: "infrastructure", metrics: [
            churnRate + "\n    weight: 20",
            upsell + "\n    weight: 50",
            onTime + "\n    weight: 10",
            outcome + "\n    weight: 20",
        ].joined(separator: "\n"))
        #expect(moduleDiagnostics(text) == "")
    }

    @Test func infrastructureWarnsAboutAnOnboardingRateWithoutDelivery() {
        let text = T.subscriptionProduct(module: "infrastructure", metrics: [churnRate, outcome, """
              onboarding_rate:
                concept: onboarding
                formula: ratio(count(accounts where leads > 0), count(accounts))
                unit: percent
            """].joined(separator: "\n"))
        #expect(moduleDiagnostics(text) == """
            crm.yaml:40:14: warning: metric `onboarding_rate` measures onboarding, but no onboarding metric of `crm` is based on delivery; an infrastructure product is onboarded by building and delivering it, so measure on-time delivery, such as `on_time_rate(delivered_date, due_date)` over the projects due in the period, with `concept: onboarding`
                concept: onboarding
                         ^~~~~~~~~~

            """)
    }

    @Test func deliveryBasedOnboardingCountsThroughFieldsFunctionsAndDerivedFields() {
        // With an on_time_rate metric, through a ratio over delivery fields, or through a
        // derived field that reads them: no warning.
        let viaFunction = T.subscriptionProduct(module: "infrastructure", metrics: [churnRate, outcome, onTime].joined(separator: "\n"))
        #expect(moduleDiagnostics(viaFunction) == "")
        let viaFields = T.subscriptionProduct(module: "infrastructure", metrics: [churnRate, outcome, """
              on_time_delivery:
                concept: onboarding
                formula: ratio(count(deliveries where delivered_date is not null and delivered_date <= due_date), count(deliveries))
                unit: percent
            """].joined(separator: "\n"))
        #expect(moduleDiagnostics(viaFields) == "")
        let viaDerived = T.subscriptionProduct(
            module: "infrastructure",
            metrics: [churnRate, outcome, """
                  launched_rate:
                    concept: onboarding
                    formula: ratio(count(accounts where launched), count(accounts))
                    unit: percent
                """].joined(separator: "\n"),
            extra: "  accounts.launched: count(deliveries where delivered_date is not null) > 0")
        #expect(moduleDiagnostics(viaDerived) == "")
    }

    @Test func infrastructureWarnsWithoutAnOutcomeMetric() {
        let text = T.subscriptionProduct(module: "infrastructure", metrics: [churnRate, onTime].joined(separator: "\n"))
        #expect(moduleDiagnostics(text) == """
            crm.yaml:2:10: warning: infrastructure product `crm` has no metric with concept `outcome`; with churn weighted low, the customer's results (qualified leads from the site, say) are what shows success, so add one, such as `ratio(count(accounts where attainment(leads, lead_goal) >= 1), count(accounts where lead_goal is not null))` with `concept: outcome`
            product: crm
                     ^~~

            """)
    }

    @Test func infrastructureStillWantsAChurnMetric() {
        let text = T.subscriptionProduct(module: "infrastructure", metrics: [outcome, onTime].joined(separator: "\n"))
        #expect(T.codes(T.check([("crm.yaml", text)])).filter(Self.moduleCodes.contains) == ["no-churn-metric"])
    }

    @Test func infrastructureOnAnInheritedMetricPointsAtTheProduct() {
        let base = """
            kpi: 1
            base: core
            sources:
              accounts:
                key: account_id
                fields: { account_id: string, onboarded_date: date? }
            metrics:
              onboarding_rate:
                concept: onboarding
                formula: ratio(count(accounts where onboarded_date is not null), count(accounts))
                unit: percent
              churn_rate:
                concept: churn
                formula: count(accounts)
                unit: count
              outcome:
                concept: outcome
                formula: count(accounts)
                unit: count
            """
        let product = """
            kpi: 1
            product: cms
            model: subscription
            module: infrastructure
            extends: [core]
            """
        let check = T.check([("core.yaml", base), ("cms.yaml", product)])
        #expect(T.rendered(check, codes: Self.moduleCodes) == """
            cms.yaml:2:10: warning: metric `onboarding_rate` measures onboarding, but no onboarding metric of `cms` is based on delivery; an infrastructure product is onboarded by building and delivering it, so measure on-time delivery, such as `on_time_rate(delivered_date, due_date)` over the projects due in the period, with `concept: onboarding`
            product: cms
                     ^~~
            core.yaml:9:14: note: `onboarding_rate` is inherited from here; replace it, or list it in `remove:`

            """)
    }

    // MARK: - One-time

    @Test func oneTimeWarnsWithoutARepeatMetric() {
        let text = T.oneTimeProduct(metrics: """
              ltv:
                concept: ltv
                formula: ltv_per_customer(amount, customer)
                unit: money
            """)
        #expect(moduleDiagnostics(text, name: "shop.yaml") == """
            shop.yaml:2:10: warning: one-time product `shop` has no metric with concept `repeat`; without a subscription, retention is whether customers come back, so add one, such as `repeat_rate(purchases)` over a grouped source of customers with `concept: repeat`
            product: shop
                     ^~~~

            """)
    }

    @Test func oneTimeWarnsWhenRepeatIsUnweightedInAWeightedScorecard() {
        let text = T.oneTimeProduct(metrics: """
              repeat_rate:
                concept: repeat
                formula: repeat_rate(purchases)
                unit: percent
              ltv:
                concept: ltv
                formula: ltv_per_customer(amount, customer)
                unit: money
                target: 10000
                weight: 10
            """)
        #expect(moduleDiagnostics(text, name: "shop.yaml") == """
            shop.yaml:2:10: warning: product `shop` weights its scorecard but gives no weight to repeat use (`repeat_rate`); in a one-time business repeat is what churn is to a subscription, so give one of them a `weight:`
            product: shop
                     ^~~~
            shop.yaml:19:3: note: `repeat_rate` is defined here

            """)
    }

    @Test func oneTimeIsQuietWithAWeightedRepeatMetric() {
        let text = T.oneTimeProduct(metrics: """
              repeat_rate:
                concept: repeat
                formula: repeat_rate(purchases)
                unit: percent
                target: 0.4
                weight: 10
              gap_days:
                concept: repeat
                formula: median(interpurchase_days(first_purchase, last_purchase, purchases))
                unit: days
              ltv:
                concept: ltv
                formula: ltv_per_customer(amount, customer)
                unit: money
            """)
        let check = T.check([("shop.yaml", text)])
        #expect(check.diagnostics.isEmpty, "\(check.diagnostics.map(\.message))")
        #expect(check.catalog.product("shop")?.metric("gap_days")?.formula.type == .number)
    }

    // MARK: - Scope

    @Test func moduleChecksRunOnlyOnProductsWithoutErrors() {
        let text = T.subscriptionProduct(metrics: upsell + "\n      broken:\n        formula: sum(nope)\n        unit: count")
        let check = T.check([("crm.yaml", text)])
        #expect(check.hasErrors)
        #expect(!T.codes(check).contains("no-churn-metric"))
    }

    @Test func diagnosticsStaySortedByFileAndPosition() {
        let text = T.subscriptionProduct(metrics: upsell)
        let check = T.check([("b.yaml", text), ("a.yaml", T.oneTimeProduct(metrics: "  n:\n    formula: count(transactions)\n    unit: count").replacing("product: shop", with: "product: shop-a"))])
        let places = check.diagnostics.compactMap { $0.range.map { ($0.file.path, $0.start.line, $0.start.column) } }
        #expect(places.map(\.0) == places.map(\.0).sorted())
        #expect(T.codes(check).contains("no-churn-metric"))
        #expect(T.codes(check).contains("no-repeat-metric"))
    }
}
