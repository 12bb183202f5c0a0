import Foundation
import KPIKit
import KPITestSupport
import Testing

/// The peer benchmark's workload (`shared/bench/kpi_workload.sql`) written in the language,
/// evaluated on the 1,000-account fixture and compared with DuckDB's results
/// (`Fixtures/bench/expected_1k.json`): counts and sums exactly, rates and means to 1e-12.
@Suite struct BenchmarkWorkloadTests {
    static let weights: [String: [Int]] = [
        "cms": [15, 10, 15, 40, 20], "ma": [15, 35, 25, 10, 15], "financing": [25, 5, 10, 40, 20],
    ]

    static func yaml(_ product: String) -> String {
        let w = weights[product]!
        return """
        kpi: 1
        product: \(product)
        model: \(product == "financing" ? "one-time" : "subscription")
        sources:
          accounts:
            key: account_id
            where: product == "\(product)"
            fields:
              account_id: string
              product: category[cms, ma, financing]
              segment: category[smb, mid, ent]
              signup_date: date
              onboarded_date: date?
              churned_date: date?
              mrr: money[JPY]
              upsell_amount: money[JPY]
              crosssell_amount: money[JPY]
              logins_30d: int
              features_used: int
              setup_phases_done: int
              deliveries_on_time: bool
              nps: int?
              purchases: int
        derived:
          accounts.churned: churned_date is not null
          accounts.onboarded: onboarded_date is not null
          accounts.life_days: days_between(signup_date, coalesce(churned_date, period.end))
        segments:
          enterprise: accounts.segment == "ent"
        metrics:
          accounts: { formula: count(accounts), unit: count }
          churn_rate: { formula: "ratio(count(accounts where churned), count(accounts))", unit: ratio, direction: lower, target: 0.05, weight: 10 }
          onboarding_rate: { formula: "ratio(count(accounts where onboarded), count(accounts))", unit: ratio, target: 0.8, weight: 20 }
          adoption_rate: { formula: "ratio(count(accounts where onboarded and features_used >= 5), count(accounts where onboarded))", unit: ratio, target: 0.8, weight: 20 }
          upsell_revenue: { formula: sum(upsell_amount), unit: money }
          crosssell_revenue: { formula: sum(crosssell_amount), unit: money }
          repeat_rate: { formula: "ratio(count(accounts where purchases >= 2), count(accounts where purchases >= 1))", unit: ratio, target: 0.5, weight: 10 }
          avg_mrr: { formula: avg(mrr), unit: money }
          avg_lifetime_months: { formula: avg(life_days) / 30.4375, unit: months }
          avg_ltv: { formula: avg_mrr * avg_lifetime_months, unit: money }
        health:
          source: accounts
          components:
            engagement: { value: "if(logins_30d >= 20, 100, if(logins_30d >= 5, 50, 0))", weight: \(w[0]) }
            setup: { value: setup_phases_done * 100 / 6, weight: \(w[1]) }
            adoption: { value: "if(features_used >= 10, 100, if(features_used >= 5, 60, if(features_used >= 1, 30, 0)))", weight: \(w[2]) }
            outcome: { value: "if(deliveries_on_time, 50, 0) + if(upsell_amount + crosssell_amount > 0 or purchases >= 2, 50, 0)", weight: \(w[3]) }
            nps: { value: (nps + 100) / 2, weight: \(w[4]) }
          missing: renormalize
          bands: { green: 70, yellow: 40 }
        signals:
          at_risk:
            kind: proactive
            when: health.band == "red" and logins_30d < 2
            action: CSM call within 7 days
        """
    }

    static func table(for product: CheckedProduct) throws -> Table {
        let source = try #require(product.source("accounts"))
        let schema = TableSchema(
            name: "accounts", fields: source.fields.compactMap { field in field.declared.map { (field.name, $0) } }, key: source.key)
        return try TableReader.read(
            path: Repository.path("Tests/KPIEngineTests/Fixtures/bench/accounts_1k.csv"), schema: schema, columns: source.usedFields)
    }

    static func expected() throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Repository.path("Tests/KPIEngineTests/Fixtures/bench/expected_1k.json")))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let products = try #require(root["products"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: products.map { ($0["product"] as! String, $0) })
    }

    @Test(arguments: ["cms", "ma", "financing"])
    func matchesDuckDB(_ id: String) throws {
        let product = try Fixture.product(Self.yaml(id))
        let table = try Self.table(for: product)
        let result = try Evaluator(product: product).evaluate(tables: ["accounts": table], period: Fixture.october)
        let expected = try #require(try Self.expected()[id])
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")

        func close(_ metric: String, _ key: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            let value = try #require(result.metric(metric), sourceLocation: sourceLocation).value
            guard let want = expected[key] as? Double else {
                #expect(value == .null, "\(metric)", sourceLocation: sourceLocation)
                return
            }
            let got = try #require(value.doubleValue, "\(metric) is null", sourceLocation: sourceLocation)
            #expect(abs(got - want) <= 1e-12 * max(abs(want), 1e-300), "\(metric): \(got) vs \(want)", sourceLocation: sourceLocation)
        }
        #expect(result.metric("accounts")?.value == .int(Int64(expected["accounts"] as! Int)))
        #expect(result.metric("upsell_revenue")?.value == Fixture.yen(String(expected["upsell_revenue"] as! Int)))
        #expect(result.metric("crosssell_revenue")?.value == Fixture.yen(String(expected["crosssell_revenue"] as! Int)))
        for (metric, key) in [
            ("churn_rate", "churn_rate"), ("onboarding_rate", "onboarding_rate"), ("adoption_rate", "adoption_rate"),
            ("repeat_rate", "repeat_rate"), ("avg_mrr", "avg_mrr"), ("avg_lifetime_months", "avg_lifetime_months"),
            ("avg_ltv", "avg_ltv"),
        ] {
            try close(metric, key)
        }
        let health = try #require(result.health)
        #expect(health.red == expected["red"] as! Int)
        #expect(health.yellow == expected["yellow"] as! Int)
        #expect(health.green == expected["green"] as! Int)
        let mean = try #require(health.mean)
        let wantMean = expected["avg_health"] as! Double
        #expect(abs(mean - wantMean) <= 1e-12 * wantMean, "\(mean) vs \(wantMean)")
    }
}
