import Foundation
@testable import KPIEngine
import KPIKit
import Testing

/// `+ - * / %` on rows and on metric values: exact ints and money, `/` never truncating,
/// division by zero giving null and a warning that names the metric.
@Suite struct ArithmeticTests {
    @Test func intArithmeticIsExactAndDivisionNeverTruncates() throws {
        let v = try Fixture.values("int", Fixture.ints("x", [7, -3, 10]), [
            ("plus", "sum(x + 1)"), ("minus", "sum(x - 10)"), ("times", "sum(x * 2)"), ("negated", "sum(-x)"),
            ("half", "sum(x / 2)"), ("rest", "sum(x % 4)"), ("total", "sum(x)"), ("scaled", "total * 3"),
            ("share", "total / 4"), ("big", "sum(x * 1000000000000)"),
        ])
        #expect(v["plus"] == .int(17))
        #expect(v["minus"] == .int(-16))
        #expect(v["times"] == .int(28))
        #expect(v["negated"] == .int(-14))
        #expect(v["half"] == .number(7))
        #expect(v["rest"] == .int(3 + -3 + 2))
        #expect(v["total"] == .int(14))
        #expect(v["scaled"] == .int(42))
        #expect(v["share"] == .number(3.5))
        #expect(v["big"] == .int(14_000_000_000_000))
    }

    @Test func sevenHalvesIsThreeAndAHalf() throws {
        let v = try Fixture.values("int", Fixture.ints("x", [7]), [("row", "avg(x / 2)"), ("metric", "sum(x) / 2")])
        #expect(v["row"] == .number(3.5))
        #expect(v["metric"] == .number(3.5))
    }

    @Test func intOverflowIsAnErrorNotACrash() throws {
        let result = try Fixture.evaluateMetrics(
            fields: [("x", "int")], metrics: [("huge", "sum(x * 9223372036854775807)"), ("fine", "sum(x)")],
            columns: [Fixture.ints("x", [1, 2])])
        #expect(result.metric("huge")?.value == .null)
        #expect(result.metric("fine")?.value == .int(3))
        let error = try #require(result.diagnostics.first { $0.code == "overflow" })
        #expect(error.severity == .error)
        #expect(error.message.hasPrefix("metric `huge`:"))
    }

    @Test func anOverflowInABranchNotTakenIsNoError() throws {
        // 3 x 4e18 passes 64 bits; 1 x 4e18 does not. The branch is taken only for x < 3.
        let result = try Fixture.evaluateMetrics(
            fields: [("x", "int")],
            metrics: [
                ("guarded", "sum(if(x < 3, x * 4000000000000000000, 0))"),
                ("guarded_rows", "count(accounts where coalesce(if(x < 3, x * 4000000000000000000, null), 0) > 0)"),
                ("unguarded", "sum(if(x > 0, x * 4000000000000000000, 0))"),
            ],
            columns: [Fixture.ints("x", [1, 3, 0])])
        #expect(result.metric("guarded")?.value == .int(4_000_000_000_000_000_000))
        #expect(result.metric("guarded_rows")?.value == .int(1))
        // Taken on the row x = 3: an error, reported against the metric.
        #expect(result.metric("unguarded")?.value == .null)
        let errors = result.diagnostics.filter { $0.code == "overflow" }
        #expect(errors.count == 1)
        #expect(errors.first?.message.hasPrefix("metric `unguarded`:") == true)
    }

    @Test func anExactMoneyOverflowInABranchNotTakenIsNoError() throws {
        // 100 trillion yen x 10 is past the exact range (amounts are kept x 10,000 in 64 bits).
        let result = try Fixture.evaluateMetrics(
            fields: [("amount", "money[JPY]"), ("n", "int")],
            metrics: [("guarded", "sum(if(n < 3, amount * n, amount))")],
            columns: [Fixture.money("amount", ["100000000000000", "5"]), Fixture.ints("n", [10, 2])])
        #expect(result.metric("guarded")?.value == Fixture.yen("100000000000010"))
        #expect(result.diagnostics.filter { $0.code == "overflow" }.isEmpty)
    }

    @Test func anOverflowInAMetricBranchNotTakenIsNoError() throws {
        let result = try Fixture.evaluateMetrics(
            fields: [("x", "int")],
            metrics: [("total", "sum(x)"), ("safe", "if(total > 10, total * 4000000000000000000, total)")],
            columns: [Fixture.ints("x", [1, 3])])
        #expect(result.metric("safe")?.value == .int(4))
        #expect(result.diagnostics.filter { $0.code == "overflow" }.isEmpty)
    }

    @Test func divisionByZeroIsNullWithAWarningNamingTheMetric() throws {
        let result = try Fixture.evaluateMetrics(
            fields: [("x", "int"), ("y", "int")],
            metrics: [
                ("per_row", "sum(x / y)"),
                ("per_metric", "sum(x) / count(accounts where y > 100)"),
                ("as_ratio", "ratio(sum(x), count(accounts where y > 100))"),
                ("rows_ok", "count(accounts where x / y > 0)"),
            ],
            columns: [Fixture.ints("x", [6, 1, 2, 8]), Fixture.ints("y", [3, 0, 0, 4])])
        // The two rows divided by zero are null, and skipped by `sum`.
        #expect(result.metric("per_row")?.value == .number(4))
        #expect(result.metric("per_metric")?.value == .null)
        #expect(result.metric("as_ratio")?.value == .null)
        #expect(result.metric("rows_ok")?.value == .int(2))
        let warnings = result.diagnostics.filter { $0.code == "division-by-zero" }.map(\.message)
        #expect(warnings.contains("metric `per_row`: division by zero in 2 rows gives null"))
        #expect(warnings.contains("metric `per_metric`: division by zero gives null"))
        #expect(warnings.contains("metric `rows_ok`: division by zero in 2 rows gives null"))
        // `ratio` is defined to be null there: no warning.
        #expect(!warnings.contains { $0.contains("as_ratio") })
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test func divisionWarningPointsAtTheDivision() throws {
        let yaml = Fixture.metricsProduct(fields: [("x", "int")], metrics: [("m", "sum(x) / sum(x - x)")])
        let table = Fixture.table("accounts", [Fixture.strings("id", ["a"]), Fixture.ints("x", [5])])
        let result = try Fixture.evaluate(yaml, [table])
        let warning = try #require(result.diagnostics.first)
        let range = try #require(warning.range)
        let line = String(range.file.line(range.start.line))
        let text = line.dropFirst(range.start.column - 1).prefix(range.end.column - range.start.column)
        #expect(text == "sum(x) / sum(x - x)")
    }

    // MARK: - Money

    @Test func tenTimesATenthOfAYenIsExactlyOneYen() throws {
        let v = try Fixture.values("money[JPY]", Fixture.money("fee", Array(repeating: "0.1", count: 10)), [("total", "sum(fee)")])
        #expect(v["total"] == Fixture.yen("1"))
        if case .money(let amount, let currency)? = v["total"] {
            #expect(amount == Decimal(1))
            #expect(currency == "JPY")
        }
    }

    @Test func moneyPlusMinusAndTimesIntStayExact() throws {
        let result = try Fixture.evaluateMetrics(
            fields: [("fee", "money[JPY]"), ("refund", "money[JPY]"), ("seats", "int")],
            metrics: [
                ("net", "sum(fee - refund)"), ("gross", "sum(fee * seats)"), ("gross_left", "sum(seats * fee)"),
                ("doubled", "sum(fee) * 2"), ("sum_of_sums", "sum(fee) + sum(refund)"),
            ],
            columns: [
                Fixture.money("fee", ["0.1", "0.2", "1234567.8901"]), Fixture.money("refund", ["0.3", "0", "0.0001"]),
                Fixture.ints("seats", [3, 7, 2]),
            ])
        #expect(result.metric("net")?.value == Fixture.yen("1234567.89"))
        #expect(result.metric("gross")?.value == Fixture.yen("2469137.4802"))
        #expect(result.metric("gross_left")?.value == Fixture.yen("2469137.4802"))
        #expect(result.metric("doubled")?.value == Fixture.yen("2469136.3802"))
        #expect(result.metric("sum_of_sums")?.value == Fixture.yen("1234568.4902"))
    }

    @Test func moneyTimesARateStaysMoneyWithFifteenDigits() throws {
        let result = try Fixture.evaluateMetrics(
            fields: [("fee", "money[JPY]")],
            metrics: [("taxed", "sum(fee) * 1.1"), ("per_row", "sum(fee * 1.5)"), ("third", "sum(fee) / 3")],
            columns: [Fixture.money("fee", Array(repeating: "0.1", count: 10))])
        // A rate written in the formula multiplies exactly.
        #expect(result.metric("taxed")?.value == Fixture.yen("1.1"))
        let perRow = try #require(result.metric("per_row")?.value.doubleValue)
        #expect(abs(perRow - 1.5) < 1e-14)
        guard case .money(_, "JPY")? = result.metric("per_row")?.value else {
            Issue.record("money times a rate must stay money")
            return
        }
        let third = try #require(result.metric("third")?.value)
        guard case .money(let amount, _) = third else { Issue.record("money / int is money"); return }
        #expect(abs(amount.doubleValue - 1.0 / 3.0) < 1e-15)
    }

    @Test func moneyOverMoneyIsANumber() throws {
        let result = try Fixture.evaluateMetrics(
            fields: [("upsell", "money[JPY]"), ("mrr", "money[JPY]")],
            metrics: [("expansion", "sum(upsell) / sum(mrr)"), ("per_row", "avg(upsell / mrr)")],
            columns: [Fixture.money("upsell", ["100", "50"]), Fixture.money("mrr", ["400", "200"])])
        #expect(result.metric("expansion")?.value == .number(0.25))
        #expect(result.metric("per_row")?.value == .number(0.25))
    }

    @Test func aMoneySumPastTheExactRangeIsAnError() throws {
        let result = try Fixture.evaluateMetrics(
            fields: [("amount", "money[JPY]")], metrics: [("total", "sum(amount)"), ("rows", "count(accounts)")],
            columns: [Fixture.money("amount", ["500000000000000", "500000000000000"])])
        #expect(result.metric("total")?.value == .null)
        #expect(result.metric("rows")?.value == .int(2))
        let error = try #require(result.diagnostics.first { $0.code == "overflow" })
        #expect(error.message.hasPrefix("metric `total`:"))
        #expect(result.hasErrors)
    }

    @Test func aRunningTotalMayPassTheRangeWhenTheTotalFits() throws {
        let v = try Fixture.values("int", Fixture.ints("x", [Int64.max, 1, -2]), [("total", "sum(x)")])
        #expect(v["total"] == .int(Int64.max - 1))
    }

    @Test func moneyAverageKeepsItsFraction() throws {
        let v = try Fixture.values("money[JPY]", Fixture.money("mrr", ["100", "100", "101"]), [("avg", "avg(mrr)")])
        guard case .money(let amount, "JPY")? = v["avg"] else { Issue.record("avg of money is money"); return }
        #expect(abs(amount.doubleValue - 301.0 / 3.0) < 1e-12)
        #expect(amount.description.hasPrefix("100.33333333333"))
    }
}
