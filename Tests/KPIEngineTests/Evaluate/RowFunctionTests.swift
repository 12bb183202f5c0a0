import Foundation
import KPIKit
import Testing

/// The built-in row functions, on rows and on metric values.
@Suite struct RowFunctionTests {
    @Test func coalesceAndIf() throws {
        let result = try Fixture.evaluateMetrics(
            fields: [("x", "int?"), ("y", "int?"), ("flag", "bool?")],
            metrics: [
                ("filled", "sum(coalesce(x, 10))"), ("chain", "sum(coalesce(x, y, 100))"),
                ("chosen", "sum(if(flag, x, y))"), ("as_number", "sum(coalesce(x, 0.5))"),
            ],
            columns: [
                Fixture.ints("x", [1, nil, 3, nil]), Fixture.ints("y", [20, 30, nil, nil]),
                Fixture.bools("flag", [true, false, nil, true]),
            ])
        #expect(result.metric("filled")?.value == .int(1 + 10 + 3 + 10))
        #expect(result.metric("chain")?.value == .int(1 + 30 + 3 + 100))
        // flag null takes the else branch; x null on the last row stays null.
        #expect(result.metric("chosen")?.value == .int(1 + 30))
        #expect(result.metric("as_number")?.value == .number(5))
    }

    @Test func daysBetweenIsTheSecondMinusTheFirst() throws {
        let result = try Fixture.evaluateMetrics(
            fields: [("a", "date"), ("b", "date?")],
            metrics: [("days", "sum(days_between(a, b))"), ("longest", "max(days_between(a, b))"), ("first", "min(days_between(a, b))")],
            columns: [
                Fixture.dates("a", ["2026-01-01", "2026-03-01", "2026-01-01"]),
                Fixture.dates("b", ["2026-01-31", "2026-02-01", nil]),
            ])
        #expect(result.metric("days")?.value == .int(30 - 28))
        #expect(result.metric("longest")?.value == .int(30))
        #expect(result.metric("first")?.value == .int(-28))
    }

    @Test(arguments: [
        ("2026-01-31", "2026-02-28", 0), ("2026-01-15", "2026-03-15", 2), ("2026-01-15", "2026-03-14", 1),
        ("2026-03-15", "2026-01-15", -2), ("2026-03-14", "2026-01-15", -1), ("2024-02-29", "2025-02-28", 11),
        ("2024-02-29", "2025-03-01", 12), ("2020-05-10", "2026-05-10", 72), ("2026-10-01", "2026-10-01", 0),
    ])
    func monthsBetweenCountsWholeMonths(_ from: String, _ to: String, _ months: Int64) throws {
        let result = try Fixture.evaluateMetrics(
            fields: [("a", "date"), ("b", "date")], metrics: [("months", "max(months_between(a, b))")],
            columns: [Fixture.dates("a", [from]), Fixture.dates("b", [to])])
        #expect(result.metric("months")?.value == .int(months))
    }

    @Test func roundHalvesAwayFromZero() throws {
        let result = try Fixture.evaluateMetrics(
            fields: [("x", "decimal"), ("n", "int"), ("fee", "money[JPY]")],
            metrics: [
                ("up", "max(round(x))"), ("down", "min(round(x))"), ("cents", "count(accounts where round(x, 2) == 1.01)"), ("eighths", "count(accounts where round(x, 2) == 0.13)"),
                ("hundreds", "max(round(n, -2))"), ("neg_hundreds", "min(round(n, -2))"),
                ("yen", "max(round(fee))"), ("negative_yen", "min(round(fee))"), ("tenth", "max(round(fee, 1))"),
                ("metric", "round(avg(x), 1)"),
            ],
            columns: [
                Fixture.decimals("x", [2.5, -2.5, 1.005, 0.125]), Fixture.ints("n", [1250, -1250, 49, 0]),
                Fixture.money("fee", ["2.5", "-2.5", "0.45", "0.04"]),
            ])
        #expect(result.metric("up")?.value == .number(3))
        #expect(result.metric("down")?.value == .number(-3))
        // 1.005 and 0.125 as written round up (their nearest Doubles are a hair below).
        #expect(result.metric("cents")?.value == .int(1))
        #expect(result.metric("eighths")?.value == .int(1))
        #expect(result.metric("hundreds")?.value == .int(1300))
        #expect(result.metric("neg_hundreds")?.value == .int(-1300))
        #expect(result.metric("yen")?.value == Fixture.yen("3"))
        #expect(result.metric("negative_yen")?.value == Fixture.yen("-3"))
        #expect(result.metric("tenth")?.value == Fixture.yen("2.5"))
        // avg = (2.5 - 2.5 + 1.005 + 0.125) / 4 = 0.2825 -> 0.3
        #expect(result.metric("metric")?.value == .number(0.3))
    }

    @Test func absLeastGreatestClamp() throws {
        let result = try Fixture.evaluateMetrics(
            fields: [("x", "int?"), ("y", "int?")],
            metrics: [
                ("abs", "sum(abs(x))"), ("least", "sum(least(x, y))"), ("greatest", "sum(greatest(x, y))"),
                ("clamped", "sum(clamp(x, 0, 10))"), ("clamped_rows", "count(accounts where clamp(x, 0, 10) is null)"),
                ("metric_least", "least(sum(x), 5)"), ("metric_abs", "abs(min(x))"),
            ],
            columns: [Fixture.ints("x", [-5, 15, nil, 4]), Fixture.ints("y", [2, nil, 7, 4])])
        #expect(result.metric("abs")?.value == .int(5 + 15 + 4))
        // Nulls are skipped: least(15, null) is 15, least(null, 7) is 7.
        #expect(result.metric("least")?.value == .int(-5 + 15 + 7 + 4))
        #expect(result.metric("greatest")?.value == .int(2 + 15 + 7 + 4))
        #expect(result.metric("clamped")?.value == .int(0 + 10 + 4))
        #expect(result.metric("clamped_rows")?.value == .int(1))
        #expect(result.metric("metric_least")?.value == .int(5))
        #expect(result.metric("metric_abs")?.value == .int(5))
    }

    @Test func yearAndMonth() throws {
        let result = try Fixture.evaluateMetrics(
            fields: [("day", "date")],
            metrics: [("years", "sum(year(day))"), ("months", "sum(month(day))"), ("october", "count(accounts where month(day) == 10)")],
            columns: [Fixture.dates("day", ["2026-10-15", "1999-12-31", "2000-02-29"])])
        #expect(result.metric("years")?.value == .int(2026 + 1999 + 2000))
        #expect(result.metric("months")?.value == .int(10 + 12 + 2))
        #expect(result.metric("october")?.value == .int(1))
    }

    @Test func ifAndCoalesceOnStringsAndMoney() throws {
        let result = try Fixture.evaluateMetrics(
            fields: [("plan", "string?"), ("segment", "category[smb, ent]"), ("fee", "money[JPY]?")],
            metrics: [
                ("free", "count(accounts where coalesce(plan, \"free\") == \"free\")"),
                ("big", "count(accounts where if(segment == \"ent\", \"big\", plan) == \"big\")"),
                ("fees", "sum(coalesce(fee, fee))"), ("ent_fees", "sum(if(segment == \"ent\", fee, fee * 2))"),
            ],
            columns: [
                Fixture.strings("plan", ["pro", nil, "big"]),
                Fixture.categories("segment", ["ent", "smb", "smb"], of: ["smb", "ent"]),
                Fixture.money("fee", ["0.1", nil, "0.2"]),
            ])
        #expect(result.metric("free")?.value == .int(1))
        #expect(result.metric("big")?.value == .int(2))
        #expect(result.metric("fees")?.value == Fixture.yen("0.3"))
        #expect(result.metric("ent_fees")?.value == Fixture.yen("0.5"))
    }
}
