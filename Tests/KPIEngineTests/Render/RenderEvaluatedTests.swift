import Foundation
@testable import KPIEngine
@testable import KPIKit
import Testing

/// A product checked from YAML and evaluated by the engine (not built by hand), rendered
/// in every format: the reports agree with the JSON on every value.
@Suite("Render: an evaluated product in every format")
struct RenderEvaluatedTests {
    static let yaml = Fixture.accountsProduct(
        fields: """
              segment: category[smb, ent]
              mrr: money[JPY]
              signup_date: date
        """,
        sections: """
        metrics:
          arpa:
            label: 平均MRR
            formula: avg(mrr)
            unit: money
            target: 1000
            thresholds: { green: 1000, yellow: 500 }
            weight: 3
          new_accounts:
            label: New accounts
            formula: count(accounts where signup_date in period)
            unit: count
            target: 2
            weight: 1
        """)

    static func evaluate() throws -> (ProductEvaluation, CheckedProduct) {
        let accounts = Fixture.table("accounts", [
            Fixture.strings("id", ["a", "b", "c"]),
            Fixture.categories("segment", ["smb", "smb", "ent"], of: ["smb", "ent"]),
            Fixture.money("mrr", ["1000.5", "333.25", "700"]),
            Fixture.dates("signup_date", ["2026-10-03", "2026-09-15", "2026-10-20"]),
        ])
        let product = try Fixture.product(yaml)
        let evaluation = try Evaluator(product: product).evaluate(
            tables: ["accounts": accounts], period: Fixture.october, by: "segment", periods: 2)
        return (evaluation, product)
    }

    @Test("rounded in the reports, exact in the CSV as in the JSON")
    func everyFormat() throws {
        let (evaluation, product) = try Self.evaluate()
        func render(_ format: EvaluationFormat) -> String {
            EvaluationRenderer.render([evaluation], products: [product], format: format, colors: false)
        }
        // ARPA (1000.5 + 333.25 + 700) / 3 = 677.9166...: ¥678 for people, every digit for tools.
        let amount = try #require(evaluation.metric("arpa")?.value.decimalValue)
        let exact = EvaluationJSON.decimalText(amount)
        #expect(exact.hasPrefix("677.91666"))
        #expect(render(.json).contains("\"value\": \(exact)"))
        let csv = render(.csv)
        #expect(csv.contains(",arpa,平均MRR,,\(exact),money,yellow,"))
        let records = csv.components(separatedBy: "\r\n").dropLast()
        // 2 metrics in September (series), 2 in October, 2 x 2 segment groups.
        #expect(records.count == 1 + 2 + 2 + 4)
        #expect(records.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == EvaluationCSVRenderer.columns.count })
        for format in [EvaluationFormat.table, .markdown, .html] {
            let text = render(format)
            #expect(text.contains("¥678"), "\(format)")
            #expect(!text.contains("677.9"), "\(format)")
            #expect(text.contains("平均MRR"), "\(format)")
        }
        let table = render(.table)
        #expect(table.contains("Breakdown by segment (accounts)"))
        #expect(table.contains("Trend over 2 periods, 2026-09 to 2026-10"))
        // Two new accounts in October against a target of 2, one in September.
        #expect(table.contains("\n  New accounts      2       2  -       100.0  25.0%  ▲ +1 (+100.0%)\n"), "\(table)")
        #expect(table.contains("\n  平均MRR        ¥678  ¥1,000  yellow   67.8  75.0%  = ¥0\n"), "\(table)")
        let html = render(.html)
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)  // no health: scorecard, shares, bullets, trends
    }
}
