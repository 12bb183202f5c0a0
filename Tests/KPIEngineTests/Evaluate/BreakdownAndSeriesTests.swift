import Foundation
import KPIKit
import Testing

/// `--by FIELD` and `--periods N`.
@Suite struct BreakdownAndSeriesTests {
    static let yaml = """
    kpi: 1
    product: split
    model: subscription
    sources:
      accounts:
        key: id
        fields: { id: string, segment: "category[smb, mid, ent]?", mrr: "money[JPY]", signup: date }
      purchases:
        key: purchase_id
        parent: accounts by customer
        fields: { purchase_id: string, customer: string, amount: "money[JPY]" }
    derived:
      accounts.orders: count(purchases)
    segments:
      enterprise: accounts.segment == "ent"
    metrics:
      accounts: { formula: count(accounts), weight: 1, target: 2 }
      revenue: { formula: sum(mrr) }
      ordering: { formula: count(accounts where orders > 0) }
      all_purchases: { formula: sum(purchases.amount) }
      signups: { formula: count(accounts where signup in period) }
      signup_revenue: { formula: sum(mrr where signup in period) }
    """

    static let tables = [
        Fixture.table("accounts", [
            Fixture.strings("id", ["a1", "a2", "a3", "a4", "a5"]),
            Fixture.categories("segment", ["ent", "smb", nil, "smb", "ent"], of: ["smb", "mid", "ent"]),
            Fixture.money("mrr", ["1000", "100", "50", "200", "3000"]),
            Fixture.dates("signup", ["2026-08-15", "2026-09-01", "2026-09-30", "2026-10-01", "2026-10-31"]),
        ]),
        Fixture.table("purchases", [
            Fixture.strings("purchase_id", ["p1", "p2", "p3"]),
            Fixture.strings("customer", ["a1", "a2", "a2"]),
            Fixture.money("amount", ["10", "20", "30"]),
        ]),
    ]

    @Test func byACategoryFieldSplitsTheSourceAndKeepsOtherSourcesWhole() throws {
        let result = try Fixture.evaluate(Self.yaml, Self.tables, by: "segment")
        let breakdown = try #require(result.breakdown)
        #expect(breakdown.source == "accounts")
        // Declared order, values present only, then the rows with no value.
        #expect(breakdown.groups.map(\.value) == [.string("smb"), .string("ent"), .null])
        #expect(breakdown.groups.map(\.rows) == [2, 2, 1])
        func metric(_ group: Int, _ id: String) -> Scalar? {
            breakdown.groups[group].metrics.first { $0.id == id }?.value
        }
        #expect(metric(0, "accounts") == .int(2))
        #expect(metric(0, "revenue") == Fixture.yen("300"))
        #expect(metric(1, "revenue") == Fixture.yen("4000"))
        #expect(metric(2, "revenue") == Fixture.yen("50"))
        // Child rows follow their (restricted) parents.
        #expect(metric(0, "ordering") == .int(1))
        #expect(metric(1, "ordering") == .int(1))
        // Another source is not split.
        #expect(metric(0, "all_purchases") == Fixture.yen("60"))
        #expect(metric(2, "all_purchases") == Fixture.yen("60"))
        // Each group has its own scorecard.
        #expect(breakdown.groups[0].scorecard.score == 100)
        #expect(breakdown.groups[2].scorecard.score == 50)
        // The whole is unchanged.
        #expect(result.metric("accounts")?.value == .int(5))
    }

    @Test func byASegmentOrAQualifiedField() throws {
        let bySegment = try #require(try Fixture.evaluate(Self.yaml, Self.tables, by: "enterprise").breakdown)
        #expect(bySegment.groups.map(\.value) == [.bool(true), .bool(false), .null])
        #expect(bySegment.groups.map(\.rows) == [2, 2, 1])
        let qualified = try #require(try Fixture.evaluate(Self.yaml, Self.tables, by: "accounts.segment").breakdown)
        #expect(qualified.groups.count == 3)
    }

    @Test func anUnknownFieldIsAnErrorWithASuggestion() throws {
        let product = try Fixture.product(Self.yaml)
        let tables = Dictionary(uniqueKeysWithValues: Self.tables.map { ($0.name, $0) })
        #expect {
            try Evaluator(product: product).evaluate(tables: tables, period: Fixture.october, by: "segmnt")
        } throws: { error in
            (error as? EvaluationError)?.message == "cannot break down by `segmnt`: no field or segment is called that; did you mean `segment`?"
        }
    }

    @Test func previousPeriodAndChange() throws {
        let result = try Fixture.evaluate(Self.yaml, Self.tables)
        let signups = try #require(result.metric("signups"))
        #expect(signups.value == .int(2))       // October
        #expect(signups.previous == .int(2))    // September
        #expect(signups.change == Change(absolute: .int(0), relative: 0))
        let revenue = try #require(result.metric("signup_revenue"))
        #expect(revenue.value == Fixture.yen("3200"))
        #expect(revenue.previous == Fixture.yen("150"))
        #expect(revenue.change?.absolute == Fixture.yen("3050"))
        let relative = try #require(revenue.change?.relative)
        #expect(abs(relative - 3050.0 / 150.0) < 1e-12)
        // A metric that does not depend on the period has the same value before.
        #expect(result.metric("accounts")?.previous == .int(5))
        #expect(result.previousPeriod.description == "2026-09")
    }

    @Test func seriesGivesEachPeriodAndItsChange() throws {
        let result = try Fixture.evaluate(Self.yaml, Self.tables, periods: 3)
        let series = try #require(result.series)
        #expect(series.periods.map(\.description) == ["2026-08", "2026-09", "2026-10"])
        let signups = try #require(series.metrics.first { $0.id == "signups" })
        #expect(signups.points.map(\.value) == [.int(1), .int(2), .int(2)])
        // August against July (no signups): +1, relative undefined.
        #expect(signups.points[0].change == Change(absolute: .int(1), relative: nil))
        #expect(signups.points[1].change == Change(absolute: .int(1), relative: 1))
        #expect(signups.points[2].change == Change(absolute: .int(0), relative: 0))
        #expect(series.metrics.map(\.id) == result.metrics.map(\.id))
    }

    @Test func quartersAndRanges() throws {
        let q3 = try Fixture.evaluate(Self.yaml, Self.tables, period: Period(parsing: "2026-Q3"))
        #expect(q3.metric("signups")?.value == .int(3))
        #expect(q3.metric("signups")?.previous == .int(0))
        let range = try Fixture.evaluate(Self.yaml, Self.tables, period: Period(parsing: "2026-09-30..2026-10-01"))
        #expect(range.metric("signups")?.value == .int(2))
        #expect(range.metric("signups")?.previous == .int(0))
    }
}
