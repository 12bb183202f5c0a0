import Foundation
import KPIKit
import Testing

private typealias T = APITestSupport

/// Evaluating through the embedding API: the same rows from tables, files and a provider
/// give the same results; missing and bad data are typed errors.
@Suite struct KPIEvaluationTests {
    @Test func evaluatesTablesBuiltInMemory() async throws {
        let catalog = try T.catalog()
        let result = try await catalog.evaluate(KPIProducts.crm, on: .tables([try T.accountsTable(catalog)]), period: T.october)
        #expect(result.productID == KPIProducts.crm)
        // Active in October: a1, a2, a3 (churned on the 20th); a3 churned in October.
        #expect(result.metric(CRMMetrics.churnRate)?.value == .number(1.0 / 3.0))
        #expect(result.metric(CRMMetrics.churnRate)?.status == .red)
        #expect(result.metric(CRMMetrics.arpa)?.value.doubleValue == 350.5 / 3)
        #expect(result.metric(CRMMetrics.activationRate)?.value == .number(1.0 / 3.0))
        #expect(result.metric(CRMMetrics.npsScore)?.value == .number(15))
        #expect(result.metric(CRMMetrics.newAccounts)?.value == .int(1))
        #expect(result.signal(CRMSignals.atRisk)?.keys == ["a3", "a4"])
        #expect(result.health.map { [$0.green, $0.yellow, $0.red] } == [0, 1, 3])
        #expect(result.issues.isEmpty)
    }

    @Test func filesTablesAndAProviderGiveTheSameResult() async throws {
        let catalog = try T.catalog()
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try T.accountsCSV.write(toFile: folder + "/accounts.csv", atomically: true, encoding: .utf8)

        let fromTables = try await catalog.evaluate("crm", on: .tables(["accounts": try T.accountsTable(catalog)]), period: T.october)
        let fromFiles = try await catalog.evaluate("crm", on: .files(["accounts": folder + "/accounts.csv"]), period: T.october)
        let provider = RecordingProvider(rows: ["accounts": T.accountRows])
        let fromProvider = try await catalog.evaluate("crm", on: .provider(provider), period: T.october)
        #expect(T.json(fromFiles) == T.json(fromTables))
        #expect(T.json(fromProvider) == T.json(fromTables))
        #expect(provider.received.map(\.source) == ["accounts"])
    }

    @Test func aProviderIsAskedOnceASourceForTheColumnsAnyProductReads() async throws {
        let base = """
            kpi: 1
            base: shared
            sources:
              accounts:
                key: id
                fields: { id: string, tier: category[a, b], seats: int, region: string }
            """
        let catalog = try KPICatalog(definitions: [
            KPIDefinitionFile(name: "shared.yaml", text: base),
            KPIDefinitionFile(name: "one.yaml", text: """
                kpi: 1
                product: one
                model: subscription
                extends: [shared]
                metrics:
                  seats: { formula: sum(seats) }
                """),
            KPIDefinitionFile(name: "two.yaml", text: """
                kpi: 1
                product: two
                model: subscription
                extends: [shared]
                metrics:
                  b_accounts: { formula: count(accounts where tier == "b") }
                """),
        ])
        let provider = RecordingProvider(rows: ["accounts": [
            ["id": "x", "tier": "a", "seats": 3, "region": "eu"],
            ["id": "y", "tier": "b", "seats": 4, "region": "us"],
        ]])
        let results = try await catalog.evaluate(["one", "two"], on: .provider(provider), period: T.october)
        #expect(results.map(\.product) == ["one", "two"])
        #expect(results[0].metric("seats")?.value == .int(7))
        #expect(results[1].metric("b_accounts")?.value == .int(1))
        let request = try #require(provider.received.first)
        #expect(provider.received.count == 1)
        #expect(request.products == ["one", "two"])
        #expect(Set(request.fields.map(\.name)) == ["id", "seats", "tier"])
        #expect(request.declaredFields.map(\.name) == ["id", "tier", "seats", "region"])
    }

    @Test func missingDataIsAnError() async throws {
        let catalog = try T.catalog()
        let fromFiles = await #expect(throws: KPIEvaluationError.self) {
            try await catalog.evaluate("crm", on: .files([:]), period: T.october)
        }
        #expect(fromFiles?.reason == .missingData)
        #expect(fromFiles?.source == "accounts")
        let fromTables = await #expect(throws: KPIEvaluationError.self) {
            try await catalog.evaluate("crm", on: .tables([Table]()), period: T.october)
        }
        #expect(fromTables?.reason == .missingData)
        #expect(fromTables?.description == "product `crm`: no data for source `accounts`; pass it with `--data accounts=FILE`")
    }

    @Test func providerFailuresAndBadRowsAreErrors() async throws {
        struct Unavailable: Error, CustomStringConvertible {
            var description: String { "the store is down" }
        }
        struct FailingProvider: KPIDataProvider {
            func rows(for request: SourceRequest, into table: inout TableBuilder) async throws { throw Unavailable() }
        }
        let catalog = try T.catalog()
        let failed = await #expect(throws: KPIEvaluationError.self) {
            try await catalog.evaluate("crm", on: .provider(FailingProvider()), period: T.october)
        }
        #expect(failed?.reason == .provider)
        #expect(failed?.description == "the data provider failed on source `accounts`: the store is down")
        #expect(failed?.underlying is Unavailable)

        var rows = T.accountRows
        rows[1]["plan"] = "business"
        rows[2]["signup_date"] = "2025-13-01"
        let bad = await #expect(throws: KPIEvaluationError.self) {
            try await catalog.evaluate("crm", on: .provider(RecordingProvider(rows: ["accounts": rows])), period: T.october)
        }
        #expect(bad?.reason == .invalidData)
        #expect(bad?.description == """
            source `accounts`, row 2, column `plan`: "business" is not a value of `plan`, declared `category[free, pro]`
            source `accounts`, row 3, column `signup_date`: the text "2025-13-01" does not fit `signup_date`, declared `date`; write a date as `YYYY-MM-DD`, such as `2026-10-01`
            """)
    }

    @Test func concurrentEvaluationsEqualSerialOnes() async throws {
        let catalog = try T.catalog()
        let table = try T.accountsTable(catalog)
        let periods = (1...12).map { Period.month($0, of: 2026) }
        var serial: [String] = []
        for period in periods {
            serial.append(T.json(try await catalog.evaluate(KPIProducts.crm, on: .tables([table]), period: period, periods: 3)))
        }
        let concurrent = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for round in 0..<4 {
                for (index, period) in periods.enumerated() {
                    group.addTask {
                        // Half through tables, half through a provider, all on one catalog value.
                        let data: KPIData = round.isMultiple(of: 2) ? .tables([table]) : .provider(RecordingProvider(rows: ["accounts": T.accountRows]))
                        return (index, T.json(try await catalog.evaluate(KPIProducts.crm, on: data, period: period, periods: 3)))
                    }
                }
            }
            var results: [(Int, String)] = []
            for try await result in group { results.append(result) }
            return results
        }
        #expect(concurrent.count == 48)
        for (index, json) in concurrent {
            #expect(json == serial[index], "period \(periods[index]) differs when evaluated concurrently")
        }
    }
}
