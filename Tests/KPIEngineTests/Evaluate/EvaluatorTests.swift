import Foundation
import KPIKit
import Testing

/// The evaluator as a whole: what it needs from the data, what it reports.
@Suite struct EvaluatorTests {
    static let yaml = Fixture.metricsProduct(
        fields: [("mrr", "money[JPY]"), ("logins", "int")],
        metrics: [("revenue", "sum(mrr)"), ("active", "count(accounts where logins > 0)")])

    @Test func aMissingTableIsAnError() throws {
        let product = try Fixture.product(Self.yaml)
        #expect {
            try Evaluator(product: product).evaluate(tables: [:], period: Fixture.october)
        } throws: { error in
            guard let error = error as? EvaluationError else { return false }
            return error.code == "missing-data" && error.message == "no data for source `accounts`; pass it with `--data accounts=FILE`"
        }
    }

    @Test func aMissingOrMistypedColumnIsAnError() throws {
        let product = try Fixture.product(Self.yaml)
        let missing = Fixture.table("accounts", [Fixture.strings("id", ["a"]), Fixture.money("mrr", ["1"])])
        #expect {
            try Evaluator(product: product).evaluate(tables: ["accounts": missing], period: Fixture.october)
        } throws: { ($0 as? EvaluationError)?.code == "missing-column" }
        let mistyped = Fixture.table("accounts", [Fixture.strings("id", ["a"]), Fixture.decimals("mrr", [1]), Fixture.ints("logins", [1])])
        #expect {
            try Evaluator(product: product).evaluate(tables: ["accounts": mistyped], period: Fixture.october)
        } throws: { ($0 as? EvaluationError)?.code == "column-type" }
    }

    @Test func resultsCarryTheDefinition() throws {
        let yaml = """
        kpi: 1
        product: full
        name: Full Product
        model: subscription
        sources:
          accounts:
            key: id
            fields: { id: string, churned: bool }
        metrics:
          churn_rate:
            label: Churn rate
            concept: churn
            formula: ratio(count(accounts where churned), count(accounts))
            unit: percent
            direction: lower
            target: 0.01
            thresholds: { green: 0.01, yellow: 0.03 }
            weight: 10
        """
        let table = Fixture.table("accounts", [Fixture.strings("id", ["a", "b"]), Fixture.bools("churned", [false, false])])
        let result = try Fixture.evaluate(yaml, [table])
        #expect(result.product == "full")
        #expect(result.name == "Full Product")
        #expect((result.period.startDate, result.period.endDate) == ("2026-10-01", "2026-11-01"))
        let churn = try #require(result.metric("churn_rate"))
        #expect(churn.label == "Churn rate")
        #expect(churn.concept == "churn")
        #expect(churn.unit == .percent)
        #expect(churn.direction == .lower)
        #expect(churn.value == .number(0))
        #expect(churn.status == .green)
        #expect(churn.score == 100)
        #expect(churn.weight == 10)
        #expect(churn.share == 1)
        #expect(churn.target == 0.01)
        #expect(churn.thresholds?.green == 0.01)
        #expect(result.scorecard.score == 100)
        #expect(result.scorecard.coverage == 1)
        #expect(result.health == nil)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func signalsListKeysInRowOrderOrRowNumbers() throws {
        let yaml = """
        kpi: 1
        product: signals
        model: subscription
        sources:
          accounts:
            key: id
            fields: { id: string, logins: int }
          events:
            fields: { kind: string }
        metrics:
          n: { formula: count(accounts) }
        signals:
          quiet:
            kind: proactive
            source: accounts
            when: logins < 2
            action: call them
          errors:
            kind: reactive
            source: events
            when: kind == "error"
        """
        let result = try Fixture.evaluate(yaml, [
            Fixture.table("accounts", [Fixture.strings("id", ["z9", "a1", "m5", "b2"]), Fixture.ints("logins", [0, 5, 1, 2])]),
            Fixture.table("events", [Fixture.strings("kind", ["ok", "error", "error", "ok"])]),
        ])
        let quiet = try #require(result.signal("quiet"))
        #expect(quiet.count == 2)
        #expect(quiet.keys == ["z9", "m5"])
        #expect(quiet.kind == .proactive)
        #expect(quiet.action == "call them")
        #expect(result.signal("errors")?.keys == ["row 2", "row 3"])
    }

    @Test func aSourceFilterAppliesBeforeEverything() throws {
        let yaml = """
        kpi: 1
        product: cms
        model: subscription
        sources:
          accounts:
            key: id
            where: product == "cms" and mrr > 0
            fields: { id: string, product: string, mrr: "money[JPY]" }
        metrics:
          n: { formula: count(accounts) }
          revenue: { formula: sum(mrr) }
        signals:
          all:
            kind: proactive
            when: "true"
        """
        let result = try Fixture.evaluate(yaml, [Fixture.table("accounts", [
            Fixture.strings("id", ["a", "b", "c", "d"]), Fixture.strings("product", ["cms", "ma", "cms", "cms"]),
            Fixture.money("mrr", ["10", "20", "0", "30"]),
        ])])
        #expect(result.metric("n")?.value == .int(2))
        #expect(result.metric("revenue")?.value == Fixture.yen("40"))
        #expect(result.signal("all")?.keys == ["a", "d"])
    }
}
