import Foundation
import KPIKit
import Testing

/// Every aggregate, hand-computed; child aggregates, grouped sources and source filters.
@Suite struct AggregateTests {
    @Test func numericAggregatesSkipNulls() throws {
        let v = try Fixture.values("int?", Fixture.ints("x", [4, nil, 1, 3, 2, nil, 3]), [
            ("rows", "count(accounts)"), ("big_rows", "count(accounts where x >= 3)"), ("sum", "sum(x)"),
            ("avg", "avg(x)"), ("min", "min(x)"), ("max", "max(x)"), ("median", "median(x)"),
            ("p90", "percentile(x, 0.9)"), ("distinct", "count_distinct(x)"),
        ])
        #expect(v["rows"] == .int(7))
        #expect(v["big_rows"] == .int(3))
        #expect(v["sum"] == .int(13))
        #expect(v["avg"] == .number(2.6))
        #expect(v["min"] == .int(1))
        #expect(v["max"] == .int(4))
        #expect(v["median"] == .number(3))
        // numpy: percentile([1, 2, 3, 3, 4], 90) = 3.6
        #expect(v["p90"] == .number(3.6))
        #expect(v["distinct"] == .int(4))
    }

    @Test func sumOfNoRowsIsZeroButSumOfNullsIsNull() throws {
        let v = try Fixture.values("int?", Fixture.ints("x", [nil, nil, 5]), [
            ("no_rows", "sum(x where x > 100)"), ("only_nulls", "sum(x where x is null)"), ("avg_none", "avg(x where x > 100)"),
            ("min_none", "min(x where x > 100)"), ("count_none", "count(accounts where x > 100)"),
        ])
        #expect(v["no_rows"] == .int(0))
        #expect(v["only_nulls"] == .null)
        #expect(v["avg_none"] == .null)
        #expect(v["min_none"] == .null)
        #expect(v["count_none"] == .int(0))
    }

    @Test func averageOfIntsSumsExactlyThenDividesOnce() throws {
        // 2^53 + 1 + 1 is exact in 64 bits, not in a running Double sum.
        let v = try Fixture.values("int", Fixture.ints("x", [9_007_199_254_740_992, 1, 1]), [("avg", "avg(x)")])
        #expect(v["avg"] == .number(Double(9_007_199_254_740_994 as Int64) / 3))
    }

    @Test(arguments: [
        ([1.0, 2, 3, 4], 0.9, 3.7), ([1.0, 2, 3, 4], 0.5, 2.5), ([3.0, 1, 2], 0.5, 2.0),
        ([10.0, 20, 30, 40, 50], 0.37, 24.8), ([0.1, 0.2, 0.7], 0.25, 0.15000000000000002), ([5.0], 0.8, 5.0),
        ([4.0, 1, 3, 2], 0, 1.0), ([4.0, 1, 3, 2], 1, 4.0),
    ])
    func percentileMatchesNumpy(_ values: [Double], _ q: Double, _ expected: Double) throws {
        let v = try Fixture.values("decimal", Fixture.decimals("x", values), [("p", "percentile(x, \(q))")])
        #expect(v["p"] == .number(expected))
    }

    @Test func moneyAggregates() throws {
        let v = try Fixture.values("money[JPY]", Fixture.money("fee", ["100", "300", "200", "400", "0.5"]), [
            ("median", "median(fee where fee >= 1)"), ("min", "min(fee)"), ("max", "max(fee)"), ("avg", "avg(fee where fee >= 1)"),
            ("distinct", "count_distinct(fee)"), ("p25", "percentile(fee where fee >= 1, 0.25)"),
        ])
        #expect(v["median"] == Fixture.yen("250"))
        #expect(v["min"] == Fixture.yen("0.5"))
        #expect(v["max"] == Fixture.yen("400"))
        #expect(v["avg"] == Fixture.yen("250"))
        #expect(v["distinct"] == .int(5))
        #expect(v["p25"] == Fixture.yen("175"))
    }

    @Test func ratioIsNullWhenTheDenominatorIsZeroOrNull() throws {
        let v = try Fixture.values("int?", Fixture.ints("x", [1, 2, nil]), [
            ("half", "ratio(count(accounts where x == 1), count(accounts where x is not null))"),
            ("by_zero", "ratio(sum(x), count(accounts where x > 10))"),
            ("by_null", "ratio(sum(x), avg(x where x > 10))"),
            ("rows", "count(accounts where ratio(x, x - 1) > 1)"),
        ])
        #expect(v["half"] == .number(0.5))
        #expect(v["by_zero"] == .null)
        #expect(v["by_null"] == .null)
        #expect(v["rows"] == .int(1))
    }

    @Test func datesAggregateAndFeedRowFunctions() throws {
        let v = try Fixture.values("date?", Fixture.dates("day", ["2026-03-01", nil, "2026-01-01", "2026-02-01"]), [
            ("span", "days_between(min(day), max(day))"), ("age", "months_between(min(day), period.end)"),
            ("newest_month", "month(max(day))"),
        ])
        #expect(v["span"] == .int(59))
        #expect(v["age"] == .int(10))   // 2026-01-01 to 2026-11-01
        #expect(v["newest_month"] == .int(3))
    }

    // MARK: - Child and grouped sources

    static let shop = """
    kpi: 1
    product: shop
    model: one-time
    sources:
      accounts:
        key: id
        where: status != "test"
        fields: { id: string, status: string, segment: "category[smb, ent]" }
      purchases:
        key: purchase_id
        parent: accounts by customer
        fields: { purchase_id: string, customer: string?, day: date, amount: "money[JPY]" }
      customers:
        group: purchases by customer
        fields:
          first_purchase: min(day)
          orders: count(purchases)
          revenue: sum(amount)
          biggest: max(amount)
    derived:
      accounts.order_count: count(purchases)
      accounts.spend: sum(purchases.amount)
      accounts.big_orders: count(purchases where amount >= 1000)
    metrics:
      accounts: { formula: count(accounts) }
      ordered: { formula: count(accounts where order_count > 0) }
      total_orders: { formula: sum(order_count) }
      spend: { formula: sum(accounts.spend) }
      avg_spend: { formula: avg(accounts.spend) }
      big: { formula: sum(big_orders) }
      customers: { formula: count(customers) }
      repeaters: { formula: count(customers where orders >= 2) }
      revenue: { formula: sum(customers.revenue) }
      biggest: { formula: max(customers.biggest) }
      first_ever: { formula: "days_between(min(customers.first_purchase), period.end)" }
      all_revenue: { formula: sum(purchases.amount) }
    signals:
      repeat_buyers:
        kind: proactive
        source: customers
        when: orders >= 2
      loyal:
        kind: proactive
        source: accounts
        when: order_count >= 2
    """

    static func shopTables() -> [Table] {
        [
            Fixture.table("accounts", [
                Fixture.strings("id", ["a1", "a2", "a3", "t1"]),
                Fixture.strings("status", ["live", "live", "live", "test"]),
                Fixture.categories("segment", ["smb", "ent", "smb", "smb"], of: ["smb", "ent"]),
            ]),
            Fixture.table("purchases", [
                Fixture.strings("purchase_id", ["p1", "p2", "p3", "p4", "p5", "p6", "p7"]),
                Fixture.strings("customer", ["a2", "a1", "a2", "zz", "t1", nil, "a2"]),
                Fixture.dates("day", ["2026-10-03", "2026-09-01", "2026-10-05", "2026-10-06", "2026-10-07", "2026-10-08", "2026-10-09"]),
                Fixture.money("amount", ["1000", "250.5", "2000", "10", "99", "5", "0.5"]),
            ]),
        ]
    }

    @Test func childAggregatesAggregateEachParentsRows() throws {
        let result = try Fixture.evaluate(Self.shop, Self.shopTables())
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        // `where: status != "test"` drops t1 (and so its purchase p5 has no parent here).
        #expect(result.metric("accounts")?.value == .int(3))
        #expect(result.metric("ordered")?.value == .int(2))
        // a1: p2; a2: p1, p3, p7; a3: none. zz and the null customer have no account.
        #expect(result.metric("total_orders")?.value == .int(4))
        #expect(result.metric("spend")?.value == Fixture.yen("3251"))
        // a3 spent 0 (no purchases sum to 0), so the average is over three accounts.
        let average = try #require(result.metric("avg_spend")?.value.doubleValue)
        #expect(abs(average - 3251.0 / 3.0) < 1e-9)
        #expect(result.metric("big")?.value == .int(2))
    }

    @Test func groupedSourcesHaveOneRowPerDistinctKey() throws {
        let result = try Fixture.evaluate(Self.shop, Self.shopTables())
        // a2, a1, zz, t1 (a null customer is in no group).
        #expect(result.metric("customers")?.value == .int(4))
        #expect(result.metric("repeaters")?.value == .int(1))
        #expect(result.metric("revenue")?.value == Fixture.yen("3360"))
        #expect(result.metric("all_revenue")?.value == Fixture.yen("3365"))
        #expect(result.metric("biggest")?.value == Fixture.yen("2000"))
        // The first purchase ever, 2026-09-01, is 61 days before 2026-11-01.
        #expect(result.metric("first_ever")?.value == .int(61))
        #expect(result.signal("repeat_buyers")?.keys == ["a2"])
        #expect(result.signal("loyal")?.keys == ["a2"])
    }

    @Test func groupKeysKeepFirstSeenOrder() throws {
        let yaml = Self.shop.replacingOccurrences(of: "when: orders >= 2", with: "when: orders >= 1")
        let result = try Fixture.evaluate(yaml, Self.shopTables())
        #expect(result.signal("repeat_buyers")?.keys == ["a2", "a1", "zz", "t1"])
        #expect(result.signal("repeat_buyers")?.count == 4)
    }
}
