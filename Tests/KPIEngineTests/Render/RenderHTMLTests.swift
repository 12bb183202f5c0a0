import Foundation
@testable import KPIEngine
@testable import KPIKit
import Testing

@Suite("Render: HTML page")
struct RenderHTMLTests {
    static func page(_ evaluations: [ProductEvaluation]? = nil) throws -> String {
        EvaluationRenderer.render(
            evaluations ?? [RenderFixture.shop(), RenderFixture.ops()], products: try RenderFixture.products(), format: .html, colors: true)
    }

    /// The `<section>` of product `id`, up to the next product's.
    static func section(_ html: String, _ id: String) throws -> String {
        let parts = html.components(separatedBy: "<section class=\"product\" id=\"product-")
        let part = try #require(parts.first { $0.hasPrefix(id + "\"") }, "no section for \(id)")
        return part.components(separatedBy: "</body>")[0]
    }

    /// The `<svg class="kind" ...>...</svg>` elements in `html`.
    static func svgs(_ html: String, _ kind: String) -> [String] {
        html.components(separatedBy: "<svg class=\"\(kind)\"").dropFirst().map { "<svg class=\"\(kind)\"" + $0.components(separatedBy: "</svg>")[0] + "</svg>" }
    }

    /// The value of `attribute` in the first tag of `html` that starts with `prefix`.
    static func attribute(_ attribute: String, ofTag prefix: String, in html: String) throws -> Double {
        let tag = try #require(html.components(separatedBy: prefix).dropFirst().first?.components(separatedBy: ">").first, "no \(prefix)")
        let value = try #require(tag.components(separatedBy: " \(attribute)=\"").dropFirst().first?.components(separatedBy: "\"").first)
        return try #require(Double(value))
    }

    /// The `<g class="bullet">` of metric `id`.
    static func bullet(_ html: String, _ id: String) throws -> String {
        let parts = html.components(separatedBy: "<g class=\"bullet\" data-metric=\"\(id)\">")
        try #require(parts.count == 2, "one bullet for \(id)")
        return parts[1].components(separatedBy: "</g>")[0]
    }

    @Test("one self-contained document: no URLs, no scripts, styles or fonts from elsewhere")
    func selfContained() throws {
        let html = try Self.page()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(html.components(separatedBy: "<html").count == 2)
        #expect(!html.lowercased().contains("http:"))
        #expect(!html.lowercased().contains("https:"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        #expect(!html.contains("@font-face"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
    }

    @Test("Japanese renders and the page prints: CJK fonts listed, a page per product")
    func fontsAndPrint() throws {
        let html = try Self.page()
        #expect(html.contains("\"Noto Sans CJK JP\""))
        #expect(html.contains("sans-serif;"))
        #expect(html.contains("ブックストア"))
        #expect(html.contains("書籍CSチーム"))
        #expect(html.contains("解約率"))
        #expect(html.contains("@media print"))
        #expect(html.contains("section.product { break-before: page;"))
    }

    @Test("several products: a summary table first, then one section each")
    func sections() throws {
        let html = try Self.page()
        let summary = try #require(html.range(of: "<section class=\"summary\">"))
        let shop = try #require(html.range(of: "id=\"product-shop\""))
        let ops = try #require(html.range(of: "id=\"product-ops\""))
        #expect(summary.lowerBound < shop.lowerBound && shop.lowerBound < ops.lowerBound)
        #expect(html.contains("<a href=\"#product-shop\">ブックストア (shop)</a>"))
        // One product alone: no summary.
        let single = try Self.page([RenderFixture.shop()])
        #expect(!single.contains("<section class=\"summary\">"))
    }

    @Test("one <svg> per chart kind and product, each followed by a table")
    func charts() throws {
        let html = try Self.page()
        let shop = try Self.section(html, "shop")
        for kind in ["scorecard", "health", "shares", "bullets", "trends"] {
            #expect(Self.svgs(shop, kind).count == 1, "shop: \(kind)")
        }
        #expect(shop.components(separatedBy: "<svg").count - 1 == 5)
        // ops has neither health nor a series.
        let ops = try Self.section(html, "ops")
        for kind in ["scorecard", "shares", "bullets"] {
            #expect(Self.svgs(ops, kind).count == 1, "ops: \(kind)")
        }
        #expect(ops.components(separatedBy: "<svg").count - 1 == 3)
        // Every chart has a table after it, in the same figure.
        for figure in shop.components(separatedBy: "<figure").dropFirst() {
            let body = figure.components(separatedBy: "</figure>")[0]
            if let svg = body.range(of: "<svg") {
                #expect(body.range(of: "<table", range: svg.upperBound..<body.endIndex) != nil, "\(body.prefix(80))")
            }
        }
        // Every svg is labelled for screen readers.
        #expect(html.components(separatedBy: "<svg ").count == html.components(separatedBy: "role=\"img\" aria-label=\"").count)
    }

    @Test("bullet charts: value bar and target marker at value and target over the scale, computed by hand")
    func bullets() throws {
        let html = try Self.page()
        #expect(EvaluationHTMLRenderer.bulletWidth == 720)
        // Churn 3.12% against 2%; the scale ends at the yellow threshold 5% plus 15%:
        // 5.75%. Value bar 720 x 3.12 / 5.75 = 390.68; target centre 720 x 2 / 5.75 = 250.43.
        let churn = try Self.bullet(html, "churn_rate")
        let churnValue = try Self.attribute("width", ofTag: "<rect class=\"value\"", in: churn)
        let churnTarget = try Self.attribute("x", ofTag: "<rect class=\"target\"", in: churn) + 1.5
        #expect(abs(churnValue - 390.68) < 0.011)
        #expect(abs(churnTarget - 250.43) < 0.011)
        #expect(abs(churnValue / churnTarget - 0.0312 / 0.02) < 0.001)
        // Lower is better: green from 0 to 2%, yellow to 5%, red above.
        #expect(churn.components(separatedBy: "<rect class=\"zone ").dropFirst().map { $0.prefix { $0 != "\"" } } == ["green", "yellow", "red"])
        #expect(abs(try Self.attribute("width", ofTag: "<rect class=\"zone green\"", in: churn) - 250.43) < 0.011)
        // ARPA ¥48,765.4321 against ¥50,000, scale to ¥57,500: 610.63 and 626.09.
        let arpa = try Self.bullet(html, "arpa")
        let arpaValue = try Self.attribute("width", ofTag: "<rect class=\"value\"", in: arpa)
        let arpaTarget = try Self.attribute("x", ofTag: "<rect class=\"target\"", in: arpa) + 1.5
        #expect(abs(arpaValue - 610.63) < 0.011)
        #expect(abs(arpaTarget - 626.09) < 0.011)
        #expect(abs(arpaValue / arpaTarget - 48765.4321 / 50000) < 0.001)
        // Higher is better: red up to ¥30,000, yellow to ¥50,000, green above.
        #expect(arpa.components(separatedBy: "<rect class=\"zone ").dropFirst().map { $0.prefix { $0 != "\"" } } == ["red", "yellow", "green"])
        // ops revenue above its target: the scale ends at the value plus 15%, so the bar
        // is 720 / 1.15 = 626.09 and the target 720 x 10000 / 14197.53 = 507.13.
        let revenue = try Self.bullet(html, "revenue")
        #expect(abs(try Self.attribute("width", ofTag: "<rect class=\"value\"", in: revenue) - 626.09) < 0.011)
        #expect(abs(try Self.attribute("x", ofTag: "<rect class=\"target\"", in: revenue) + 1.5 - 507.13) < 0.011)
        // NPS has a target but no data: a row without a value bar, saying so.
        let nps = try Self.bullet(html, "nps")
        #expect(!nps.contains("<rect class=\"value\""))
        #expect(nps.contains(">no data</text>"))
        // Metrics with neither target nor thresholds are not charted (they are in the table).
        #expect(!html.contains("<g class=\"bullet\" data-metric=\"active\""))
        #expect(!html.contains("<g class=\"bullet\" data-metric=\"late_rate\""))
    }

    @Test("weight shares and health bands: segment widths proportional to share and count")
    func stackedBars() throws {
        let shop = try Self.section(try Self.page(), "shop")
        let shares = try #require(Self.svgs(shop, "shares").first)
        let widths = shares.components(separatedBy: "<rect class=\"share ").dropFirst().map { part -> Double in
            Double(part.components(separatedBy: "width=\"")[1].prefix { $0 != "\"" })!
        }
        // churn 30%, ARPA 20%, days 10%, NPS 40% of 910.
        #expect(widths == [273, 182, 91, 364])
        #expect(shares.contains("<rect class=\"share no-data\""))
        let health = try #require(Self.svgs(shop, "health").first)
        // 3 green, 2 yellow, 1 red, 1 without data of 7 rows, over 460.
        let bands = health.components(separatedBy: "<rect class=\"band ").dropFirst().map { part -> Double in
            Double(part.components(separatedBy: "width=\"")[1].prefix { $0 != "\"" })!
        }
        #expect(bands == [197.14, 131.43, 65.71, 65.71])
        // The mean 58.25 on the 0...100 strip.
        #expect(abs(try Self.attribute("x", ofTag: "<rect class=\"mean\"", in: health) + 1.5 - 0.5825 * 460) < 0.011)
    }

    @Test("the tables say what the charts show, in the same text as the terminal")
    func tables() throws {
        let shop = try Self.section(try Self.page(), "shop")
        #expect(shop.contains("<td class=\"num\"><strong>¥48,765</strong></td><td class=\"num\">¥50,000</td>"))
        #expect(shop.contains("<td><span class=\"nowrap\">≤ 2.0%</span> / <span class=\"nowrap\">≤ 5.0%</span></td>"))
        #expect(shop.contains("<td class=\"change worse\">▲ +0.6 pt</td>"))
        #expect(shop.contains("<td class=\"change better\">▼ -2.7 days (-17.7%)</td>"))
        #expect(shop.contains("<span class=\"status yellow\"><span class=\"dot\" aria-hidden=\"true\">●</span>yellow</span>"))
        #expect(shop.contains("A1, A2, A3, A4, A5 (+2 more)"))
        #expect(shop.contains("<th class=\"num\">(no value)</th>"))
        #expect(shop.contains("<li class=\"warning\"><strong>warning</strong> <code>shop.yaml</code>: metric <code>churn_rate</code>: division by zero"))
    }

    @Test("text from the definitions and the data is escaped")
    func escaping() throws {
        var evaluation = RenderFixture.shop()
        evaluation.metrics[0].label = "<b>churn</b> & \"loss\""
        evaluation.signals[0].keys = ["<A1>"]
        let html = try Self.page([evaluation])
        #expect(!html.contains("<b>churn"))
        #expect(html.contains("&lt;b&gt;churn&lt;/b&gt; &amp; &quot;loss&quot;"))
        #expect(html.contains("&lt;A1&gt;"))
    }
}
