import Foundation
import KPIKit
import Testing

/// A division by zero warns only about the rows whose value uses its result: an `if`
/// branch where it is chosen, a `coalesce` argument where the earlier ones are null, the
/// right of `and`/`or` where the left does not decide, an aggregate's value where its
/// `where` keeps the row. `ratio` never warns. A breakdown reports each warning once.
@Suite struct DivisionWarningTests {
    static let yaml = """
    kpi: 1
    product: guarded
    model: subscription
    sources:
      accounts:
        key: id
        fields: { id: string, x: int?, y: int?, z: int?, flag: bool?, segment: "category[a, b, c]" }
      tickets:
        key: ticket_id
        parent: accounts by account
        fields: { ticket_id: string, account: string, hours: int, done: int }
    derived:
      accounts.guarded: if(y > 0, x / y, null)
      accounts.chosen: if(x > 1, x / y, 0)
      accounts.otherwise: if(flag, 0, x / y)
      accounts.nested: if(x > 1, if(y > 0, x / y, -1), x / y)
      accounts.first: coalesce(z, x / y)
      accounts.fallback: coalesce(z, 100, x / y)
      accounts.share: ratio(x, y)
      accounts.both: y > 0 and x / y > 1
      accounts.either: y == 0 or x / y >= 2
      accounts.plain: x / y
      accounts.per_ticket: if(flag, avg(tickets.hours / tickets.done), null)
    metrics:
      s_guarded: { formula: sum(guarded) }
      s_chosen: { formula: sum(chosen) }
      s_otherwise: { formula: sum(otherwise) }
      s_nested: { formula: sum(nested) }
      s_first: { formula: sum(first) }
      s_fallback: { formula: sum(fallback) }
      s_share: { formula: sum(share) }
      n_both: { formula: count(accounts where both) }
      n_either: { formula: count(accounts where either) }
      s_plain: { formula: sum(plain) }
      s_per_ticket: { formula: sum(per_ticket) }
      kept: { formula: avg(x / y where y != 0) }
      filtered: { formula: avg(x / y where x > 1) }
      guarded_metric: { formula: "if(count(accounts where y > 100) > 0, sum(x) / count(accounts where y > 100), 0)" }
      first_metric: { formula: "coalesce(sum(x), sum(x) / count(accounts where y > 100))" }
      chosen_metric: { formula: "if(count(accounts) > 0, sum(x) / count(accounts where y > 100), 0)" }
      per_big: { formula: sum(x) / count(accounts where x > 6) }
    """

    //            a1     a2     a3     a4     a5
    // x          6      1      2      8      5
    // y          3      0      0      4      -
    // z          1      7      -      -      -
    // flag       true   true   -      false  false
    static let tables = [
        Fixture.table("accounts", [
            Fixture.strings("id", ["a1", "a2", "a3", "a4", "a5"]),
            Fixture.ints("x", [6, 1, 2, 8, 5]),
            Fixture.ints("y", [3, 0, 0, 4, nil]),
            Fixture.ints("z", [1, 7, nil, nil, nil]),
            Fixture.bools("flag", [true, true, nil, false, false]),
            Fixture.categories("segment", ["a", "a", "b", "b", "c"], of: ["a", "b", "c"]),
        ]),
        // a1 (flag true): 4/2 and 3/0; a2 (flag true): 8/4; a4 (flag false): 5/0; zz (no
        // account): 1/0.
        Fixture.table("tickets", [
            Fixture.strings("ticket_id", ["t1", "t2", "t3", "t4", "t5"]),
            Fixture.strings("account", ["a1", "a1", "a2", "a4", "zz"]),
            Fixture.ints("hours", [4, 3, 8, 5, 1]),
            Fixture.ints("done", [2, 0, 4, 0, 0]),
        ]),
    ]

    static func divisionWarnings(_ result: ProductEvaluation) -> [String] {
        result.diagnostics.filter { $0.code == "division-by-zero" }.map(\.message).sorted()
    }

    @Test func onlyRowsThatUseTheDivisionWarn() throws {
        let result = try Fixture.evaluate(Self.yaml, Self.tables)
        #expect(Self.divisionWarnings(result) == [
            // if(x > 1, ...): a3 (2 / 0); a2 (1 / 0) takes the 0 branch.
            "derived field `accounts.chosen`: division by zero in 1 row gives null",
            // coalesce(z, x / y): a3; a2 has z = 7.
            "derived field `accounts.first`: division by zero in 1 row gives null",
            // The else branch of the outer if: a2 (x = 1); a3 takes the inner -1 branch.
            "derived field `accounts.nested`: division by zero in 1 row gives null",
            // if(flag, 0, x / y): a3, whose flag is null; a2's flag is true.
            "derived field `accounts.otherwise`: division by zero in 1 row gives null",
            // avg over the tickets of a1 only (a4's flag is false, zz has no account).
            "derived field `accounts.per_ticket`: division by zero in 1 row gives null",
            // Unguarded: a2 and a3.
            "derived field `accounts.plain`: division by zero in 2 rows gives null",
            // The branch chosen divides by count(...) = 0.
            "metric `chosen_metric`: division by zero gives null",
            // `where x > 1` keeps a1, a3, a4, a5: a3 divides by zero, a2 is left out.
            "metric `filtered`: division by zero in 1 row gives null",
            // sum(x) / count(accounts where x > 6): a4 is counted.
        ])
    }

    @Test func valuesAreThoseOfEveryBranch() throws {
        let result = try Fixture.evaluate(Self.yaml, Self.tables)
        func value(_ id: String) -> Scalar? { result.metric(id)?.value }
        // guarded: 2, null, null, 2, null
        #expect(value("s_guarded") == .number(4))
        // chosen: 2, 0, null, 2, null
        #expect(value("s_chosen") == .number(4))
        // otherwise: 0, 0, null, 2, null
        #expect(value("s_otherwise") == .number(2))
        // nested: 2, null, -1, 2, -1
        #expect(value("s_nested") == .number(2))
        // first: 1, 7, null, 2, null
        #expect(value("s_first") == .number(10))
        // fallback: 1, 7, 100, 100, 100
        #expect(value("s_fallback") == .number(308))
        // share: 2, null, null, 2, null
        #expect(value("s_share") == .number(4))
        // both: true, false, false, true, null
        #expect(value("n_both") == .int(2))
        // either: true, true, true, true, null
        #expect(value("n_either") == .int(4))
        #expect(value("s_plain") == .number(4))
        // per_ticket: a1 avg(2, null) = 2, a2 avg(2) = 2, the others null.
        #expect(value("s_per_ticket") == .number(4))
        #expect(value("kept") == .number(2))
        #expect(value("filtered") == .number(2))
        #expect(value("guarded_metric") == .number(0))
        #expect(value("first_metric")?.doubleValue == 22)
        #expect(value("chosen_metric") == .null)
        #expect(value("per_big") == .number(22))
    }

    @Test func aBreakdownReportsEachWarningOnceForTheWholeData() throws {
        let result = try Fixture.evaluate(Self.yaml, Self.tables, by: "segment")
        let groups = try #require(result.breakdown?.groups)
        // per_big: a (6, 1) and c (5) have no x > 6, b (2, 8) has a4.
        #expect(groups.map { $0.metrics.first { $0.id == "per_big" }?.value } == [.null, .number(10), .null])
        #expect(Self.divisionWarnings(result) == [
            "derived field `accounts.chosen`: division by zero in 1 row gives null",
            "derived field `accounts.first`: division by zero in 1 row gives null",
            "derived field `accounts.nested`: division by zero in 1 row gives null",
            "derived field `accounts.otherwise`: division by zero in 1 row gives null",
            "derived field `accounts.per_ticket`: division by zero in 1 row gives null",
            // Once, with the whole data's count (not again for segments a and b).
            "derived field `accounts.plain`: division by zero in 2 rows gives null",
            "metric `chosen_metric`: division by zero gives null",
            "metric `filtered`: division by zero in 1 row gives null",
            // Only some groups divide by zero: reported once, naming them.
            "metric `per_big`: division by zero gives null in breakdown groups `a`, `c` (by `segment`)",
        ])
    }

    @Test func chunksAndTheFusedPassCountOnlyTheRowsUsed() throws {
        // More rows than one chunk: x = i, y = 0 where i % 3 == 0, else 1.
        let n = 20_000
        let yaml = Fixture.metricsProduct(
            fields: [("x", "int"), ("y", "int")],
            metrics: [
                ("m", "sum(if(x % 2 == 0, x / y, 0))"), ("guarded", "sum(if(y > 0, x / y, 0))"), ("rows", "count(accounts)"),
                ("q_sum", "sum(q)"),
            ],
            sections: "derived:\n  accounts.q: if(x % 2 == 0, x / y, 0)\n")
        let table = Fixture.table("accounts", [
            Fixture.strings("id", (0..<n).map { "a\($0)" }),
            Fixture.ints("x", (0..<n).map { Int64($0) }),
            Fixture.ints("y", (0..<n).map { $0 % 3 == 0 ? 0 : 1 }),
        ])
        let result = try Fixture.evaluate(yaml, [table])
        // Even multiples of 3 below 20,000: 0, 6, ..., 19,998.
        #expect(Self.divisionWarnings(result) == [
            "derived field `accounts.q`: division by zero in 3334 rows gives null",
            "metric `m`: division by zero in 3334 rows gives null",
        ])
        // Even i not divisible by 3: 99,990,000 (all evens) - 33,336,666 (multiples of 6).
        #expect(result.metric("m")?.value == .number(66_653_334))
        #expect(result.metric("q_sum")?.value == .number(66_653_334))
        // Every i not divisible by 3: 199,990,000 - 66,663,333 (multiples of 3).
        #expect(result.metric("guarded")?.value == .number(133_326_667))
        #expect(result.metric("rows")?.value == .int(20_000))
    }
}
