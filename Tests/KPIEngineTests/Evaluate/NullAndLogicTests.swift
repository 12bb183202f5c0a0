import Foundation
import KPIKit
import Testing

/// Null rules: arithmetic and comparisons with null are null, `and`/`or` are three-valued,
/// a `where` keeps only rows where the predicate is true, aggregates skip nulls.
@Suite struct NullAndLogicTests {
    /// All nine combinations of true, false and null.
    static let a: [Bool?] = [true, true, true, false, false, false, nil, nil, nil]
    static let b: [Bool?] = [true, false, nil, true, false, nil, true, false, nil]

    func logic(_ metrics: [(String, String)]) throws -> [String: Scalar] {
        let result = try Fixture.evaluateMetrics(
            fields: [("a", "bool?"), ("b", "bool?")], metrics: metrics,
            columns: [Fixture.bools("a", Self.a), Fixture.bools("b", Self.b)])
        return Dictionary(uniqueKeysWithValues: result.metrics.map { ($0.id, $0.value) })
    }

    @Test func andIsThreeValued() throws {
        let v = try logic([
            ("true", "count(accounts where a and b)"),
            ("false", "count(accounts where not (a and b))"),
            ("null", "count(accounts where (a and b) is null)"),
        ])
        #expect(v["true"] == .int(1))   // T and T
        #expect(v["false"] == .int(5))  // any false side: TF, FT, FF, FN, NF
        #expect(v["null"] == .int(3))   // TN, NT, NN
    }

    @Test func orIsThreeValued() throws {
        let v = try logic([
            ("true", "count(accounts where a or b)"),
            ("false", "count(accounts where not (a or b))"),
            ("null", "count(accounts where (a or b) is null)"),
        ])
        #expect(v["true"] == .int(5))   // TT, TF, TN, FT, NT
        #expect(v["false"] == .int(1))  // FF
        #expect(v["null"] == .int(3))   // FN, NF, NN
    }

    @Test func logicWithConstants() throws {
        let v = try logic([
            ("and_true", "count(accounts where a and true)"),
            ("and_false", "count(accounts where not (a and false))"),
            ("or_true", "count(accounts where a or true)"),
            ("or_false_null", "count(accounts where (a or false) is null)"),
            ("not_null", "count(accounts where (not a) is null)"),
        ])
        #expect(v["and_true"] == .int(3))
        #expect(v["and_false"] == .int(9))
        #expect(v["or_true"] == .int(9))
        #expect(v["or_false_null"] == .int(3))
        #expect(v["not_null"] == .int(3))
    }

    @Test func arithmeticAndComparisonsWithNullAreNull() throws {
        let v = try Fixture.values("int?", Fixture.ints("x", [1, nil, 3, nil, -2]), [
            ("plus_null", "count(accounts where x + 1 is null)"),
            ("positive", "count(accounts where x > 0)"),
            ("not_positive", "count(accounts where not (x > 0))"),
            ("either", "count(accounts where x > 0 or x <= 0)"),
            ("sum", "sum(x)"), ("avg", "avg(x)"), ("min", "min(x)"), ("count", "count(accounts)"),
            ("present", "count(accounts where x is not null)"),
        ])
        #expect(v["plus_null"] == .int(2))
        #expect(v["positive"] == .int(2))
        #expect(v["not_positive"] == .int(1))
        #expect(v["either"] == .int(3))
        #expect(v["sum"] == .int(2))
        #expect(v["avg"] == .number(2.0 / 3.0))
        #expect(v["min"] == .int(-2))
        #expect(v["count"] == .int(5))
        #expect(v["present"] == .int(3))
    }

    @Test func inListBetweenAndInPeriod() throws {
        let result = try Fixture.evaluateMetrics(
            fields: [("x", "int?"), ("segment", "category[smb, mid, ent]"), ("day", "date?")],
            metrics: [
                ("in_list", "count(accounts where x in [1, 3])"),
                ("not_in_list", "count(accounts where x not in [1, 3])"),
                ("between", "count(accounts where x between 2 and 4)"),
                ("segments", "count(accounts where segment in [\"smb\", \"ent\"])"),
                ("not_mid", "count(accounts where segment != \"mid\")"),
                ("in_period", "count(accounts where day in period)"),
                ("explicit", "count(accounts where day >= period.start and day < period.end)"),
            ],
            columns: [
                Fixture.ints("x", [1, 2, 3, 4, 5, nil]),
                Fixture.categories("segment", ["smb", "mid", "ent", "smb", "mid", "ent"], of: ["smb", "mid", "ent"]),
                Fixture.dates("day", ["2026-09-30", "2026-10-01", "2026-10-31", "2026-11-01", nil, "2026-10-15"]),
            ])
        #expect(result.metric("in_list")?.value == .int(2))
        #expect(result.metric("not_in_list")?.value == .int(3))  // the null row is neither
        #expect(result.metric("between")?.value == .int(3))      // inclusive at both ends
        #expect(result.metric("segments")?.value == .int(4))
        #expect(result.metric("not_mid")?.value == .int(4))
        // October 2026: start inclusive, end (Nov 1) exclusive, null never.
        #expect(result.metric("in_period")?.value == .int(3))
        #expect(result.metric("explicit")?.value == .int(3))
    }

    @Test func stringsCompareThroughTheirDictionary() throws {
        let result = try Fixture.evaluateMetrics(
            fields: [("plan", "string?")],
            metrics: [
                ("pro", "count(accounts where plan == \"pro\")"), ("not_pro", "count(accounts where plan != \"pro\")"),
                ("before_m", "count(accounts where plan < \"m\")"), ("absent", "count(accounts where plan == \"gold\")"),
                ("kinds", "count_distinct(plan)"),
            ],
            columns: [Fixture.strings("plan", ["pro", "basic", nil, "pro", "team"])])
        #expect(result.metric("pro")?.value == .int(2))
        #expect(result.metric("not_pro")?.value == .int(2))
        #expect(result.metric("before_m")?.value == .int(1))
        #expect(result.metric("absent")?.value == .int(0))
        #expect(result.metric("kinds")?.value == .int(3))
    }

    @Test func metricLevelLogicAndComparisons() throws {
        let v = try Fixture.values("int?", Fixture.ints("x", [1, 2, nil]), [
            ("total", "sum(x)"), ("none", "max(x) - max(x) + sum(x where x > 5)"),
            ("big", "if(total > 2 and count(accounts) == 3, 1, 0)"),
            ("nothing", "coalesce(avg(x where x > 5), -1)"),
            ("null_compare", "if(avg(x where x > 5) > 0 or false, 1, 0)"),
        ])
        #expect(v["total"] == .int(3))
        #expect(v["none"] == .int(0))
        #expect(v["big"] == .int(1))
        #expect(v["nothing"] == .number(-1))
        #expect(v["null_compare"] == .int(0))
    }
}
