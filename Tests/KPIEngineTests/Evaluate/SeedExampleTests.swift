import Foundation
import KPIKit
import Testing

/// The worked examples of the domain brief, computed end to end from YAML.
@Suite struct SeedExampleTests {
    @Test func lifetimeValueIsMonthlyFeeTimesMonthsExactly() throws {
        let yaml = Fixture.accountsProduct(
            fields: """
                  fee: money[JPY]
                  months: int
            """,
            sections: """
            metrics:
              monthly_fee: { formula: avg(fee), unit: money }
              months_retained: { formula: avg(months), unit: months }
              ltv: { formula: monthly_fee * months_retained, unit: money, concept: ltv }
            """)
        let accounts = Fixture.table("accounts", [
            Fixture.strings("id", ["a"]), Fixture.money("fee", ["500"]), Fixture.ints("months", [10]),
        ])
        let result = try Fixture.evaluate(yaml, [accounts])
        #expect(try Fixture.value(result, "ltv") == Fixture.yen("5000"))
        #expect(try Fixture.value(result, "monthly_fee") == Fixture.yen("500"))
        #expect(try Fixture.value(result, "months_retained") == .number(10))
    }

    @Test func successfulCustomersAreCustomersTimesOnboardingTimesAdoption() throws {
        let yaml = Fixture.accountsProduct(
            fields: """
                  onboarded: bool
                  succeeded: bool
            """,
            sections: """
            metrics:
              customers: { formula: count(accounts), unit: count }
              onboarding_rate: { formula: "ratio(count(accounts where onboarded), count(accounts))", unit: ratio }
              adoption_rate: { formula: "ratio(count(accounts where onboarded and succeeded), count(accounts where onboarded))", unit: ratio }
              successful_customers: { formula: customers * onboarding_rate * adoption_rate, unit: count }
            """)
        // 200 customers, 100 onboarded, 30 of those succeeded.
        let ids = (0..<200).map { "c\($0)" }
        let accounts = Fixture.table("accounts", [
            Fixture.strings("id", ids),
            Fixture.bools("onboarded", (0..<200).map { $0 < 100 }),
            Fixture.bools("succeeded", (0..<200).map { $0 < 30 || $0 >= 150 }),
        ])
        let result = try Fixture.evaluate(yaml, [accounts])
        #expect(try Fixture.value(result, "customers") == .int(200))
        #expect(try Fixture.value(result, "onboarding_rate") == .number(0.5))
        #expect(try Fixture.value(result, "adoption_rate") == .number(0.3))
        #expect(try Fixture.value(result, "successful_customers") == .number(30))
    }
}
