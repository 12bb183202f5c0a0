import Foundation
import KPIKit
import Testing

private typealias T = ModuleTestSupport

/// `repeat_rate`, `interpurchase_days` and `ltv_per_customer` of the one-time module.
@Suite struct OneTimeModuleFunctionTests {
    let module = OneTimeModule()

    @Test func repeatRateIsTwoOrMoreOverOneOrMore() throws {
        // Buyers (1+): 1, 2, 5, 1, 3 -> 5; repeaters (2+): 2, 5, 3 -> 3. Zero and null skipped.
        let counts = T.ints([1, 2, 0, 5, nil, 1, 3])
        let value = try module.evaluateAggregate("repeat_rate", arguments: [counts], rows: nil, resultType: .number)
        #expect(value == .number(0.6))
    }

    @Test func repeatRateKeepsTheWhereRowsAndIsNullWithoutBuyers() throws {
        let counts = T.ints([1, 2, 0, 5])
        let kept = try module.evaluateAggregate("repeat_rate", arguments: [counts], rows: [true, true, true, false], resultType: .number)
        #expect(kept == .number(0.5))
        let none = try module.evaluateAggregate("repeat_rate", arguments: [T.ints([0, nil])], rows: nil, resultType: .number)
        #expect(none == .null)
    }

    @Test func interpurchaseDaysIsTheMeanGap() throws {
        let first = T.dates(["2026-01-01", "2026-01-01", "2026-03-01", nil, "2026-05-10"])
        let last = T.dates(["2026-01-31", "2026-03-02", "2026-03-01", "2026-04-01", "2026-05-01"])
        let counts = T.ints([2, 3, 1, 4, 2])
        let result = try module.evaluateRow("interpurchase_days", arguments: [first, last, counts], rowCount: 5, resultType: .number)
        // 30 / 1; 60 / 2; one purchase; no first date; last before first (bad data).
        #expect(result.scalars == [.number(30), .number(30), .null, .null, .null])
    }

    @Test func ltvPerCustomerIsExactMoneyPerDistinctCustomer() throws {
        // a: 1000 + 2000.5, b: 500, c: 0.1 -> 3500.6 over 3 customers; the row without a
        // customer and the row without an amount are left out.
        let amounts = T.yen(["1000", "500", "2000.5", "0.1", "9999", nil])
        let customers = T.strings(["a", "b", "a", "c", nil, "d"])
        let value = try module.evaluateAggregate("ltv_per_customer", arguments: [amounts, customers], rows: nil, resultType: .money("JPY"))
        guard case .money(let amount, let currency) = value else {
            Issue.record("expected money, got \(value)")
            return
        }
        #expect(currency == "JPY")
        #expect(amount == Decimal(string: "3500.6")! / 3)
        #expect(amount.description.hasPrefix("1166.8666666666666"))
    }

    @Test func ltvPerCustomerOfEvenAmountsIsExact() throws {
        let amounts = T.yen(["0.1", "0.2", "0.3"])
        let customers = T.ints([7, 8, 7])
        let value = try module.evaluateAggregate("ltv_per_customer", arguments: [amounts, customers], rows: nil, resultType: .money("JPY"))
        #expect(value == T.yenScalar("0.3"))
    }

    @Test func ltvPerCustomerKeepsTheWhereRowsAndIsNullWithoutRows() throws {
        let amounts = T.yen(["100", "300", "50"])
        let customers = T.strings(["a", "b", "a"])
        let kept = try module.evaluateAggregate("ltv_per_customer", arguments: [amounts, customers], rows: [true, false, true], resultType: .money("JPY"))
        #expect(kept == T.yenScalar("150"))
        let none = try module.evaluateAggregate("ltv_per_customer", arguments: [amounts, customers], rows: [false, false, false], resultType: .money("JPY"))
        #expect(none == .null)
    }

    @Test func ltvPerCustomerOfNumbersIsANumber() throws {
        let value = try module.evaluateAggregate("ltv_per_customer", arguments: [T.numbers([1.5, 2.5]), T.strings(["a", "b"])], rows: nil, resultType: .number)
        #expect(value == .number(2))
    }
}
