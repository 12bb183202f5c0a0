import Foundation
@testable import KPIKit
import KPITestSupport
import KPIYAML
import Testing

@Suite("Compare: explain")
struct CompareExplainTests {
    static let folder = "Tests/KPIEngineTests/Fixtures/compare/explain"
    static let base = folder + "/base.yaml"
    static let shop = folder + "/shop.yaml"

    /// The `shop` product of the explain fixture (a product and its base), checked
    /// without modules.
    static func product() throws -> CheckedProduct {
        let files = try CompareTestSupport.files(in: folder).map { SourceFile(path: $0.name, text: $0.text) }
        let check = CatalogLoader.check(files: files, modules: [])
        #expect(!check.hasErrors)
        return try #require(check.catalog.product("shop"))
    }

    /// Name, kind, `path:line:column` and document of every node, depth first, with the
    /// depth as indentation.
    static func outline(_ node: DependencyNode, depth: Int = 0) -> [String] {
        let place = node.location.map { "\($0.documentDescription) \($0)" } ?? "-"
        let line = String(repeating: "  ", count: depth) + "\(node.name) \(node.kind.rawValue)\(node.isRepeated ? " (repeated)" : "") \(node.type ?? "-") \(place)"
        return [line] + node.children.flatMap { outline($0, depth: depth + 1) }
    }

    @Test("the tree goes down to declared fields, each with its type and place")
    func tree() throws {
        let explanation = try #require(MetricExplanation(metric: "large_order_value", in: try Self.product()))
        // Line and column numbers read off the fixture files by hand: a formula points at
        // its value (`    formula: ` is 13 columns), a derived field or segment at its
        // expression, a field or source at its key.
        let b = Self.base, s = Self.shop
        #expect(Self.outline(explanation.tree) == [
            "large_order_value metric money[JPY] product shop \(s):20:14",
            "  customers source - product shop \(s):6:3",
            "    customers.signup_date field date base retail-core \(b):9:7",
            "  customers.order_total derived money[JPY] product shop \(s):16:26",
            "    orders source - product shop \(s):8:3",
            "      orders.customer_id field string product shop \(s):13:7",
            "    orders.amount field money[JPY] product shop \(s):14:7",
            "  customers.active derived bool base retail-core \(b):13:21",
            "    customers.churned_date field date? base retail-core \(b):10:7",
            "  large segment bool base retail-core \(b):15:10",
            "    customers.segment field category[small, large] base retail-core \(b):8:7",
            "  arpa metric money[JPY] base retail-core \(b):19:14",
            "    customers source (repeated) - product shop \(s):6:3",
            "    customers.mrr field money[JPY] base retail-core \(b):11:7",
            "    customers.active derived (repeated) bool base retail-core \(b):13:21",
        ])
        #expect(explanation.tree.children[0].detail == "key customer_id, where signup_date >= date(\"2020-01-01\")")
        #expect(explanation.tree.children[2].detail == "churned_date is null or churned_date >= period.start")
    }

    @Test("settings of an inherited metric point into the base, overrides into the product")
    func settings() throws {
        let explanation = try #require(MetricExplanation(metric: "arpa", in: try Self.product()))
        let settings = explanation.settings.map { "\($0.key)=\($0.value) \($0.location.documentDescription) \($0.location)" }
        #expect(settings == [
            "formula=avg(mrr where active) base retail-core \(Self.base):19:14",
            "concept=revenue base retail-core \(Self.base):18:14",
            "unit=money base retail-core \(Self.base):20:11",
            "weight=5 product shop \(Self.shop):25:13",
            "target=8000 product shop \(Self.shop):26:13",
        ])
        #expect(explanation.share == 5.0 / 15)
    }

    @Test("the text output draws the tree")
    func rendered() throws {
        let text = ExplanationTextRenderer().render(try #require(MetricExplanation(metric: "large_order_value", in: try Self.product())))
        #expect(text.hasPrefix("shop / large_order_value\n"))
        #expect(text.contains("  ├─ customers.order_total "))
        #expect(text.contains("  │  │  └─ orders.customer_id "))
        #expect(text.contains("  └─ arpa "))
        #expect(text.contains("     └─ customers.active (see above) "))
        #expect(text.contains("\(Self.base):13:21"))
    }

    @Test("a product alone: its metrics with concept and share")
    func overview() throws {
        let overview = ProductExplanation(try Self.product())
        #expect(overview.bases == ["retail-core"])
        #expect(overview.entries.map(\.metric) == ["arpa", "large_order_value"])
        #expect(overview.entries.map(\.concept) == ["revenue", "expansion"])
        #expect(overview.entries.map { $0.share.map(NumberText.share) } == ["33.3%", "66.7%"])
        let text = ExplanationTextRenderer().render(overview)
        #expect(text.contains("large_order_value  -      expansion  money  higher         10  66.7%  product shop"))
    }

    @Test("an unknown metric gives nil")
    func unknown() throws {
        #expect(MetricExplanation(metric: "nope", in: try Self.product()) == nil)
    }

    @Test("the shipped catalog: an inherited formula points into saas-core, the filter into cms")
    func shipped() throws {
        let catalog = try CompareTestSupport.shipped()
        let cms = try #require(catalog.product("cms"))
        let explanation = try #require(MetricExplanation(metric: "churn_rate", in: cms))
        // The catalog changes; find the lines in the files rather than hard-code them.
        func place(_ file: String, _ text: String, after: String) throws -> String {
            let lines = try String(contentsOfFile: Repository.path(file), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            let start = try #require(lines.firstIndex { $0.hasPrefix(after) })
            let index = try #require(lines[start...].firstIndex { $0.contains(text) })
            let column = lines[index].distance(from: lines[index].startIndex, to: lines[index].range(of: text)!.upperBound) + 2
            return "\(file):\(index + 1):\(column)"
        }
        #expect(explanation.settings.first?.location.description == (try place("kpi-definitions/saas-core.yaml", "formula:", after: "  churn_rate:")))
        #expect(explanation.settings.first { $0.key == "weight" }?.location.description == (try place("kpi-definitions/cms.yaml", "weight:", after: "  churn_rate:")))
        let source = try #require(explanation.tree.children.first { $0.kind == .source })
        #expect(source.location?.documentDescription == "product cms")
    }
}
