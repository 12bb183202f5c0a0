import Foundation
import KPIKit
import Testing

private typealias T = ModuleTestSupport

/// `ltv`, `retention` and `nrr` of the subscription module against hand-computed values.
@Suite struct SubscriptionModuleFunctionTests {
    let module = SubscriptionModule()

    // MARK: - ltv

    @Test func ltvIsMonthlyFeeTimesMonthsExactly() throws {
        // The domain's example: 500 yen a month for 10 months is 5,000 yen.
        let fee = T.yen(["500", "980.5", nil, "1200", "0.0001"])
        let months = T.ints([10, 3, 4, nil, 7])
        let result = try module.evaluateRow("ltv", arguments: [fee, months], rowCount: 5, resultType: .money("JPY"))
        #expect(result.scalars == [T.yenScalar("5000"), T.yenScalar("2941.5"), .null, .null, T.yenScalar("0.0007")])
        guard case .money(let scaled, let currency) = result.values else {
            Issue.record("money times whole months should stay exact money, got \(result.values)")
            return
        }
        #expect(currency == "JPY")
        #expect(scaled[0] == 50_000_000)
    }

    @Test func ltvWithFractionalMonthsStaysMoney() throws {
        let fee = T.yen(["500", "333"])
        let months = T.numbers([10.5, 0.1])
        let result = try module.evaluateRow("ltv", arguments: [fee, months], rowCount: 2, resultType: .money("JPY"))
        #expect(result.scalars == [T.yenScalar("5250"), T.yenScalar("33.3")])
    }

    @Test func ltvOfNegativeMonthsIsNull() throws {
        let result = try module.evaluateRow("ltv", arguments: [T.yen(["500"]), T.ints([-2])], rowCount: 1, resultType: .money("JPY"))
        #expect(result.scalars == [.null])
    }

    @Test func ltvOfIntsIsAnInt() throws {
        let result = try module.evaluateRow("ltv", arguments: [T.ints([500, nil]), T.ints([10, 1])], rowCount: 2, resultType: .int)
        #expect(result.scalars == [.int(5000), .null])
    }

    @Test func ltvOfConstantsInAMetric() throws {
        // A metric formula `ltv(arpa, avg_lifetime_months)` calls it with one row of constants.
        let fee = ColumnVector.constant(T.yenScalar("500"), count: 1)
        let months = ColumnVector.constant(.number(10), count: 1)
        let result = try module.evaluateRow("ltv", arguments: [fee, months], rowCount: 1, resultType: .money("JPY"))
        #expect(result.scalars == [T.yenScalar("5000")])
    }

    @Test func ltvOverflowFallsBackToDecimal() throws {
        // 900 trillion yen x 100 months does not fit scaled Int64 money; it stays exact.
        let result = try module.evaluateRow("ltv", arguments: [T.yen(["900000000000000"]), T.ints([100])], rowCount: 1, resultType: .money("JPY"))
        #expect(result.scalars.first?.text == "90000000000000000")
    }

    // MARK: - retention

    @Test func retentionIsOneMinusChurnedOverBase() throws {
        let churned = T.ints([3, 0, 5, nil, 1])
        let base = T.ints([100, 40, 0, 10, nil])
        let result = try module.evaluateRow("retention", arguments: [churned, base], rowCount: 5, resultType: .number)
        #expect(result.scalars == [.number(0.97), .number(1), .null, .null, .null])
    }

    @Test func retentionOfTwoAggregatesInAMetric() throws {
        let churned = ColumnVector.constant(.int(2), count: 1)
        let base = ColumnVector.constant(.int(8), count: 1)
        let result = try module.evaluateRow("retention", arguments: [churned, base], rowCount: 1, resultType: .number)
        #expect(result.scalars == [.number(0.75)])
    }

    @Test func retentionOfMoneyIsGrossRevenueRetention() throws {
        let result = try module.evaluateRow("retention", arguments: [T.yen(["2500"]), T.yen(["10000"])], rowCount: 1, resultType: .number)
        #expect(result.scalars == [.number(0.75)])
    }

    @Test func retentionRejectsTwoCurrencies() {
        #expect(throws: ModuleRuntimeError.self) {
            try module.evaluateRow("retention", arguments: [T.yen(["1"]), T.money(["2"], currency: "USD")], rowCount: 1, resultType: .number)
        }
    }

    // MARK: - nrr

    @Test func nrrIsEndOverStartOverRowsWithBoth() throws {
        // start 1000 + 2000 + 500 = 3500; end 1200 + 1800 + 0 = 3000; the row without a start
        // (a new customer) and the row without an end are left out.
        let start = T.yen(["1000", "2000", "500", nil, "700"])
        let end = T.yen(["1200", "1800", "0", "900", nil])
        let value = try module.evaluateAggregate("nrr", arguments: [start, end], rows: nil, resultType: .number)
        #expect(value == .number(3000.0 / 3500.0))
    }

    @Test func nrrKeepsOnlyTheWhereRows() throws {
        let start = T.yen(["1000", "2000", "500"])
        let end = T.yen(["1500", "1000", "500"])
        let value = try module.evaluateAggregate("nrr", arguments: [start, end], rows: [true, false, true], resultType: .number)
        #expect(value == .number(2000.0 / 1500.0))
    }

    @Test func nrrOfNothingIsNull() throws {
        let none = try module.evaluateAggregate("nrr", arguments: [T.yen([nil]), T.yen(["1"])], rows: nil, resultType: .number)
        let zero = try module.evaluateAggregate("nrr", arguments: [T.yen(["0"]), T.yen(["10"])], rows: nil, resultType: .number)
        let empty = try module.evaluateAggregate("nrr", arguments: [T.yen(["1"]), T.yen(["1"])], rows: [false], resultType: .number)
        #expect(none == .null)
        #expect(zero == .null)
        #expect(empty == .null)
    }

    @Test func unknownFunctionsThrow() {
        #expect(throws: ModuleRuntimeError.self) {
            try module.evaluateRow("nrr", arguments: [T.ints([1]), T.ints([1])], rowCount: 1, resultType: .number)
        }
        #expect(throws: ModuleRuntimeError.self) {
            try module.evaluateAggregate("ltv", arguments: [T.ints([1]), T.ints([1])], rows: nil, resultType: .number)
        }
    }
}
