import Foundation
import KPIKit
import KPITestSupport
import Testing

/// The shipped catalog on the bundled example data, against an independent computation.
///
/// The expected values come from a pandas script written from `dsl.md` and the catalog
/// alone (not from the engine), `examples/check_cms.py 2026-10`: cms for 2026-10, with nested health groups under
/// `missing: renormalize` and accounts without site figures for the period left without
/// an outcome. Change them only together with the data, the catalog or the language.
@Suite struct ExampleDataTests {
    static let sources = ["accounts", "tickets", "expansions", "deliveries", "site_stats"]

    @Test func cmsForOctober2026MatchesAnIndependentComputation() throws {
        let catalog = try CompareTestSupport.shipped()
        let cms = try #require(catalog.product("cms"))
        let bindings = Dictionary(uniqueKeysWithValues: Self.sources.map { ($0, Repository.path("examples/data/\($0).csv")) })
        let result = try CatalogEvaluation.run(products: [cms], bindings: bindings, period: try Period(parsing: "2026-10"))
        let evaluation = try #require(result.evaluations.first)
        #expect(!evaluation.hasErrors)

        func close(_ value: Double?, _ expected: Double, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            guard let value else { Issue.record("no value, expected \(expected)", sourceLocation: sourceLocation); return }
            #expect(abs(value - expected) <= 1e-9 * max(abs(expected), 1), "\(value) vs \(expected)", sourceLocation: sourceLocation)
        }
        // 137 active accounts have a goal and figures, 60 of them met it; 221 are active.
        close(evaluation.metric("outcome_rate")?.value.doubleValue, 60.0 / 137.0)
        close(evaluation.metric("goal_coverage")?.value.doubleValue, 137.0 / 221.0)
        close(evaluation.scorecard.score, 75.48403611429491)

        let health = try #require(evaluation.health)
        #expect((health.green, health.yellow, health.red, health.noData, health.errors) == (99, 101, 30, 0, 0))
        close(health.mean, 64.54590109964516)

        let signals = Dictionary(uniqueKeysWithValues: evaluation.signals.map { ($0.id, $0.count) })
        #expect(signals == [
            "cancellation_notice": 0, "addon_request": 0, "red_and_silent": 6, "overdue_delivery": 1,
            "upsell_ready": 33, "outcome_gap": 10, "no_kickoff_after_launch": 3, "ma_crosssell_fit": 10,
        ])
    }
}
