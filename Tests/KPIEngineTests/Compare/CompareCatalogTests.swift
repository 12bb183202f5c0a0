import Foundation
@testable import KPIKit
import KPITestSupport
import Testing

@Suite("Compare: catalog comparison")
struct CompareCatalogTests {
    // MARK: - Golden output

    @Test("shipped catalog, every format", arguments: [ReportFormat.table, .markdown, .json])
    func shippedGolden(format: ReportFormat) throws {
        let comparison = CatalogComparison(catalog: try CompareTestSupport.shipped())
        try CompareTestSupport.expectGolden(comparison.rendered(as: format), "shipped.\(Self.fileExtension(format))")
    }

    @Test("synthetic catalog, every format", arguments: [ReportFormat.table, .markdown, .json])
    func syntheticGolden(format: ReportFormat) throws {
        let comparison = CatalogComparison(catalog: try CompareTestSupport.synthetic())
        try CompareTestSupport.expectGolden(comparison.rendered(as: format), "synthetic.\(Self.fileExtension(format))")
    }

    static func fileExtension(_ format: ReportFormat) -> String {
        switch format {
        case .table: return "table.txt"
        case .markdown: return "md"
        case .json: return "json"
        case .html: return "html"
        }
    }

    // MARK: - Alignment and order

    @Test("concepts follow the language's order, then the catalog's, then no concept")
    func conceptOrder() throws {
        let catalog = try CompareTestSupport.shipped()
        let comparison = CatalogComparison(catalog: catalog)
        let order = comparison.concepts.map(\.concept)
        let expected: [String?] = catalog.concepts.filter { concept in order.contains(concept) } + [nil]
        #expect(order == expected)
        #expect(Array(catalog.concepts.prefix(CatalogLoader.languageConcepts.count)) == CatalogLoader.languageConcepts)
        #expect(comparison.concepts.first { $0.concept == "setup" }?.isCatalogConcept == true)
        #expect(comparison.concepts.first { $0.concept == "churn" }?.isCatalogConcept == false)
    }

    @Test("shares are of each product's total metric weight and add up to 1")
    func shares() throws {
        let comparison = CatalogComparison(catalog: try CompareTestSupport.shipped())
        for product in comparison.products {
            let total = comparison.concepts.compactMap { $0.share(of: product.id)?.share }.reduce(0, +)
            #expect(abs(total - 1) < 1e-9, "\(product.id): \(total)")
        }
        let cms = try #require(comparison.concepts.first { $0.concept == "outcome" }?.share(of: "cms"))
        #expect(cms.weight == 30)
        #expect(cms.share == 0.3)
        let ma = try #require(comparison.concepts.first { $0.concept == "outcome" }?.share(of: "ma"))
        #expect(ma.metricCount == 0)
    }

    @Test("formulas are as written, whitespace collapsed")
    func formulas() throws {
        let comparison = CatalogComparison(catalog: try CompareTestSupport.shipped())
        let ltv = comparison.concepts.flatMap(\.metrics).first { $0.product == "cms" && $0.id == "ltv" }
        #expect(ltv?.formula == "arpa * avg_lifetime_months")
        #expect(ComparedMetric.collapsed("ratio(a,\n    b)  ") == "ratio(a, b)")
    }

    @Test("products: model, module, touch mix and the description's first sentence")
    func profiles() throws {
        let comparison = CatalogComparison(catalog: try CompareTestSupport.synthetic())
        let beta = try #require(comparison.product("beta"))
        #expect(beta.model == .subscription)
        #expect(beta.module == "subscription")
        #expect(beta.touch?.high == 0.6)
        #expect(beta.summary == "Beta is infrastructure: switching means a rebuild!")
        #expect(comparison.product("gamma")?.summary == "一回ごとの購入です。")
        #expect(ProductProfile.firstSentence("\"Quoted.\" Then more.") == "\"Quoted.\"")
        #expect(ProductProfile.firstSentence("No end") == "No end")
        #expect(ProductProfile.firstSentence("Version 1.5 is out. Next.") == "Version 1.5 is out.")
    }

    // MARK: - Marks

    @Test("the synthetic catalog triggers every kind of mark")
    func everyMark() throws {
        let comparison = CatalogComparison(catalog: try CompareTestSupport.synthetic())
        #expect(Set(comparison.marks.map(\.kind)) == Set(ComparisonMark.Kind.allCases))

        let churn = try #require(comparison.marks.first { $0.kind == .weight && $0.concept == "churn" })
        #expect(churn.products == ["alpha", "beta", "gamma"])
        #expect(churn.message == "churn: heavy in alpha (50.0%); light in beta (2.0%); not measured by gamma; a priority the teams do not share")

        let formula = try #require(comparison.marks.first { $0.kind == .formula })
        #expect(formula.metric == "ltv")
        #expect(formula.products == ["alpha", "beta", "gamma"])

        let direction = try #require(comparison.marks.first { $0.kind == .direction })
        #expect(direction.metric == "silent_accounts")
        #expect(direction.message.contains("lower is better in alpha but higher is better in beta"))

        // Same formula text, different windows: `engaged` is the period in alpha, 30 days in beta.
        let windows = comparison.marks.filter { $0.kind == .window }.compactMap(\.metric)
        #expect(windows.sorted() == ["engaged_share", "ltv"])
        #expect(!comparison.marks.contains { $0.kind == .formula && $0.metric == "engaged_share" })

        let concept = try #require(comparison.marks.first { $0.kind == .concept })
        #expect(concept.metric == "nps")
        #expect(concept.concept == "satisfaction")

        // Different units: percent vs days, and money of two currencies.
        let units = comparison.marks.filter { $0.kind == .unit }.compactMap(\.concept)
        #expect(units.sorted() == ["ltv", "onboarding"])
    }

    @Test("a share between 5% and 15% is neither heavy nor light")
    func thresholds() throws {
        let comparison = CatalogComparison(catalog: try CompareTestSupport.synthetic())
        // ltv: 10% in alpha, 20% in beta, 40% in gamma: nobody is light.
        #expect(!comparison.marks.contains { $0.kind == .weight && $0.concept == "ltv" })
        // satisfaction: 5% in alpha is not heavy.
        #expect(!comparison.marks.contains { $0.kind == .weight && $0.concept == "satisfaction" })
        // engagement: exactly 15% in alpha counts as heavy.
        #expect(comparison.marks.contains { $0.kind == .weight && $0.concept == "engagement" })
    }

    @Test("metrics carry the kinds of the marks that concern them")
    func flags() throws {
        let comparison = CatalogComparison(catalog: try CompareTestSupport.synthetic())
        let metrics = comparison.concepts.flatMap(\.metrics)
        #expect(metrics.first { $0.product == "gamma" && $0.id == "ltv" }?.marks.sorted { $0.rawValue < $1.rawValue } == [.formula, .unit, .window])
        #expect(metrics.first { $0.product == "alpha" && $0.id == "community_members" }?.marks == [])
    }

    @Test("one product: no marks")
    func single() throws {
        let catalog = try CompareTestSupport.shipped()
        let comparison = CatalogComparison(products: [try #require(catalog.product("cms"))], vocabulary: catalog.concepts)
        #expect(comparison.marks.isEmpty)
        #expect(comparison.rendered(as: .table).contains("No marks"))
    }

    // MARK: - Windows

    @Test("windows inferred from the formula and what it reads")
    func windows() throws {
        let catalog = try CompareTestSupport.shipped()
        func window(_ product: String, _ metric: String) throws -> MetricWindow {
            let checked = try #require(catalog.product(product))
            return MetricWindow.of(try #require(checked.metric(metric)), in: checked)
        }
        #expect(try window("cms", "churn_rate") == .period)
        #expect(try window("cms", "retention_rate") == .trailingDays(365))
        #expect(try window("financing", "ltv") == .allTime)
        #expect(try window("financing", "repeat_rate") == .toDate)
        #expect(try window("financing", "first_success_rate") == .trailingDays(90))
    }

    // MARK: - Text helpers

    @Test("display width: wide characters take two cells")
    func displayWidth() {
        #expect("cms".displayWidth == 3)
        #expect("ブックストア".displayWidth == 12)
        #expect("書籍CSチーム".displayWidth == 12)
        #expect("é".decomposedStringWithCanonicalMapping.displayWidth == 1)
        #expect("ブ".padded(to: 4) == "ブ  ")
        #expect("7".padded(to: 3, alignment: .right) == "  7")
    }

    @Test("the table lines up Japanese text by display width")
    func japaneseAlignment() throws {
        let text = CatalogComparison(catalog: try CompareTestSupport.synthetic()).rendered(as: .table)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("  alpha    Alpha") || $0.hasPrefix("  gamma    ブック") }
        #expect(rows.count == 2)
        // The team column starts in the same terminal cell in both rows.
        let columns = rows.map { row -> Int in
            let team = row.range(of: row.contains("Alpha CS") ? "Alpha CS" : "書籍CSチーム")!
            return String(row[..<team.lowerBound]).displayWidth
        }
        #expect(columns[0] == columns[1])
    }

    @Test("numbers: shares, units and money")
    func numbers() {
        #expect(NumberText.share(0.3) == "30.0%")
        #expect(NumberText.share(2.0 / 11) == "18.2%")
        #expect(NumberText.quantity(0.015, unit: .percent) == "1.5%")
        #expect(NumberText.quantity(3_000_000, unit: .money, currency: "JPY") == "3,000,000 JPY")
        #expect(NumberText.quantity(14, unit: .days) == "14 days")
        #expect(NumberText.plain(6.5) == "6.5")
        #expect(NumberText.plain(1e-7) == "0.0000001")
        #expect(JSONValue.format(0.05) == "0.05")
        #expect(JSONValue.quote("a\"b\n") == "\"a\\\"b\\n\"")
    }

    // MARK: - Evaluated values

    @Test("evaluated values attach to a metric and show in every format")
    func evaluations() throws {
        var comparison = CatalogComparison(catalog: try CompareTestSupport.synthetic())
        #expect(!comparison.hasEvaluations)
        comparison.attach(EvaluatedMetric(value: .number(0.031), text: "3.1%", status: .yellow, score: 64.5), product: "alpha", metric: "churn_rate")
        comparison.attach(EvaluatedMetric(value: .money(Decimal(string: "1234.5")!, currency: "USD")), product: "gamma", metric: "ltv")
        comparison.attach(EvaluatedProduct(period: "2026-10", score: 71.25, coverage: 0.9), product: "alpha")
        #expect(comparison.hasEvaluations)
        let metric = comparison.concepts.flatMap(\.metrics).first { $0.product == "alpha" && $0.id == "churn_rate" }
        #expect(metric?.evaluation?.status == .yellow)

        let table = comparison.rendered(as: .table)
        #expect(table.contains("3.1%  yellow"))
        let json = comparison.rendered(as: .json)
        #expect(json.contains("\"value\": 0.031,\n"))
        #expect(json.contains("\"value\": 1234.5,\n"))
        #expect(json.contains("\"status\": \"yellow\""))
        #expect(comparison.rendered(as: .markdown).contains("| value | status |"))
        #expect(comparison.rendered(as: .html).contains("<th class=\"num\">value</th>"))
    }

    @Test("an evaluation of the example data attaches to every metric")
    func exampleData() throws {
        let catalog = try CompareTestSupport.shipped()
        let products = ["cms", "ma", "financing"].compactMap(catalog.product)
        let sources = ["accounts", "tickets", "expansions", "deliveries", "site_stats", "applications", "transactions"]
        let bindings = Dictionary(uniqueKeysWithValues: sources.map { ($0, Repository.path("examples/data/\($0).csv")) })
        let result = try CatalogEvaluation.run(products: products, bindings: bindings, period: try Period(parsing: "2026-10"))
        var comparison = CatalogComparison(products: products, vocabulary: catalog.concepts)
        comparison.attach(result.evaluations)
        #expect(comparison.products.allSatisfy { $0.evaluation?.period == "2026-10" })
        #expect(comparison.concepts.flatMap(\.metrics).allSatisfy { $0.evaluation != nil })
        let churn = try #require(comparison.concepts.flatMap(\.metrics).first { $0.product == "ma" && $0.id == "churn_rate" })
        #expect(churn.evaluation?.value == result.evaluations.first { $0.product == "ma" }?.metric("churn_rate")?.value)
        #expect(churn.valueText.hasSuffix("%"))
    }
}
