import Foundation
@testable import KPIEngine
import KPIKit
import KPIYAML
import Testing

/// Status, score and scorecard exactly as dsl.md defines them.
@Suite struct ScoringTests {
    static let range = SourceRange(file: SourceFile(path: "t.yaml", text: ""), start: .init(line: 1, column: 1), end: .init(line: 1, column: 1))
    static func thresholds(_ green: Double, _ yellow: Double) -> Thresholds { Thresholds(green: green, yellow: yellow, range: range) }

    @Test func higherIsBetterBoundariesAreInclusive() {
        let t = Self.thresholds(0.8, 0.5)
        #expect(MetricScoring.status(0.9, thresholds: t, direction: .higher) == .green)
        #expect(MetricScoring.status(0.8, thresholds: t, direction: .higher) == .green)
        #expect(MetricScoring.status(0.79, thresholds: t, direction: .higher) == .yellow)
        #expect(MetricScoring.status(0.5, thresholds: t, direction: .higher) == .yellow)
        #expect(MetricScoring.status(0.49, thresholds: t, direction: .higher) == .red)
        #expect(MetricScoring.status(nil, thresholds: t, direction: .higher) == .noData)
    }

    @Test func lowerIsBetterBoundariesAreInclusive() {
        let t = Self.thresholds(0.01, 0.03)
        #expect(MetricScoring.status(0, thresholds: t, direction: .lower) == .green)
        #expect(MetricScoring.status(0.01, thresholds: t, direction: .lower) == .green)
        #expect(MetricScoring.status(0.02, thresholds: t, direction: .lower) == .yellow)
        #expect(MetricScoring.status(0.03, thresholds: t, direction: .lower) == .yellow)
        #expect(MetricScoring.status(0.031, thresholds: t, direction: .lower) == .red)
        #expect(MetricScoring.status(nil, thresholds: t, direction: .lower) == .noData)
    }

    @Test func withoutThresholdsThereIsNoStatusButNullIsStillNoData() {
        #expect(MetricScoring.status(3, thresholds: nil, direction: .higher) == nil)
        #expect(MetricScoring.status(nil, thresholds: nil, direction: .higher) == .noData)
    }

    @Test func scoreFromATarget() {
        func score(_ value: Double?, _ target: Double, _ direction: Direction) -> Double? {
            MetricScoring.score(value, scale: nil, target: target, direction: direction)
        }
        // higher: min(100, 100 * value / target)
        #expect(score(0.4, 0.8, .higher) == 50)
        #expect(score(0.8, 0.8, .higher) == 100)
        #expect(score(1.6, 0.8, .higher) == 100)
        #expect(score(-0.1, 0.8, .higher) == 0)
        // lower: 100 when value <= target, else 100 * target / value
        #expect(score(0.02, 0.05, .lower) == 100)
        #expect(score(0.05, 0.05, .lower) == 100)
        #expect(score(0.1, 0.05, .lower) == 50)
        // A target of 0: met or not.
        #expect(score(0, 0, .higher) == 100)
        #expect(score(-1, 0, .higher) == 0)
        #expect(score(0, 0, .lower) == 100)
        #expect(score(0.5, 0, .lower) == 0)
        // A negative target: the further on the wrong side, the lower.
        #expect(score(-5, -5, .higher) == 100)
        #expect(score(3, -5, .higher) == 100)
        #expect(score(-10, -5, .higher) == 50)
        #expect(score(-6, -5, .lower) == 100)
        #expect(score(-2.5, -5, .lower) == 50)
        #expect(score(1, -5, .lower) == 0)
        #expect(score(nil, 1, .higher) == nil)
    }

    @Test func scoreFromAScaleWinsOverTheTarget() {
        let scale = Scale(points: [(10, 100), (0, 0)], range: Self.range)
        #expect(MetricScoring.score(5, scale: scale, target: 1, direction: .higher) == 50)
        #expect(MetricScoring.score(20, scale: scale, target: 1, direction: .higher) == 100)
        #expect(MetricScoring.score(-1, scale: scale, target: 1, direction: .higher) == 0)
        #expect(MetricScoring.score(5, scale: nil, target: nil, direction: .higher) == nil)
    }

    @Test func scorecardIsTheWeightedMeanOfScoredMetricsWithAValue() throws {
        let yaml = """
        kpi: 1
        product: card
        model: subscription
        sources:
          accounts:
            key: id
            fields: { id: string, x: int?, churned: bool }
        metrics:
          onboarding: { formula: "ratio(count(accounts where x >= 5), count(accounts))", target: 0.8, weight: 30, thresholds: { green: 0.8, yellow: 0.5 } }
          missing: { formula: avg(x where x > 100), target: 10, weight: 20 }
          unscored: { formula: count(accounts), weight: 10 }
          churn: { formula: "ratio(count(accounts where churned), count(accounts))", direction: lower, scale: { 0: 100, 0.5: 0 }, weight: 40, thresholds: { green: 0.1, yellow: 0.25 } }
          volume: { formula: sum(x) }
        """
        let table = Fixture.table("accounts", [
            Fixture.strings("id", ["a", "b", "c", "d"]), Fixture.ints("x", [5, 7, 1, nil]), Fixture.bools("churned", [false, true, false, false]),
        ])
        let result = try Fixture.evaluate(yaml, [table])
        let onboarding = try #require(result.metric("onboarding"))
        #expect(onboarding.value == .number(0.5))
        #expect(onboarding.status == .yellow)
        #expect(onboarding.score == 62.5)
        #expect(onboarding.share == 0.3)
        let missing = try #require(result.metric("missing"))
        #expect(missing.value == .null)
        #expect(missing.status == .noData)
        #expect(missing.score == nil)
        #expect(missing.share == 0.2)
        let churn = try #require(result.metric("churn"))
        #expect(churn.value == .number(0.25))
        #expect(churn.status == .yellow)
        #expect(churn.score == 50)
        #expect(result.metric("unscored")?.score == nil)
        #expect(result.metric("unscored")?.share == 0.1)
        #expect(result.metric("volume")?.share == nil)
        #expect(result.metric("volume")?.status == nil)
        // (30 x 62.5 + 40 x 50) / 70; the no-data metric and the unscored one are uncovered.
        let expectedScore: Double = (30 * 62.5 + 40 * 50) / 70
        #expect(result.scorecard.score == expectedScore)
        #expect(result.scorecard.coverage == 0.7)
        #expect(result.scorecard.totalWeight == 100)
    }

    @Test func noWeightsMeansNoScorecard() throws {
        let v = try Fixture.evaluateMetrics(fields: [("x", "int")], metrics: [("n", "count(accounts)")], columns: [Fixture.ints("x", [1])])
        #expect(v.scorecard.score == nil)
        #expect(v.scorecard.coverage == nil)
    }
}
