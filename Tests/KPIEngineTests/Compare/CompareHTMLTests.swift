import Foundation
@testable import KPIKit
import KPITestSupport
import Testing

@Suite("Compare: HTML page")
struct CompareHTMLTests {
    static func pages() throws -> [(CatalogComparison, String)] {
        try [CompareTestSupport.shipped(), CompareTestSupport.synthetic()].map { catalog in
            let comparison = CatalogComparison(catalog: catalog)
            return (comparison, comparison.rendered(as: .html))
        }
    }

    @Test("one self-contained document: no URLs, no external scripts, styles or fonts")
    func selfContained() throws {
        for (_, html) in try Self.pages() {
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(html.components(separatedBy: "<html").count == 2)
            #expect(html.components(separatedBy: "</html>").count == 2)
            #expect(!html.lowercased().contains("http:"))
            #expect(!html.lowercased().contains("https:"))
            #expect(!html.contains("http"))
            #expect(!html.contains("<script"))
            #expect(!html.contains("<link"))
            #expect(!html.contains("@import"))
            #expect(!html.contains("url("))
            #expect(!html.contains("@font-face"))
            #expect(html.contains("<meta charset=\"utf-8\">"))
        }
    }

    @Test("prints well and renders Japanese")
    func printAndFonts() throws {
        let (_, html) = try #require(try Self.pages().last)
        #expect(html.contains("@media print"))
        #expect(html.contains("\"Noto Sans CJK JP\""))
        #expect(html.contains("ブックストア"))
        #expect(html.contains("書籍CSチーム"))
    }

    @Test("one <rect> per product and concept with a share above 0, widths proportional to the shares")
    func bars() throws {
        for (comparison, html) in try Self.pages() {
            let svgs = html.components(separatedBy: "<svg").count - 1
            #expect(svgs == 1)
            let svg = try #require(html.range(of: "<svg").flatMap { start in html.range(of: "</svg>").map { String(html[start.lowerBound..<$0.upperBound]) } })
            let rects = Self.rects(in: svg)
            var expected: [(product: String, concept: String, share: Double)] = []
            for product in comparison.products {
                for concept in comparison.concepts {
                    if let share = concept.share(of: product.id)?.share, share > 0 {
                        expected.append((product.id, concept.title, share))
                    }
                }
            }
            #expect(rects.count == expected.count)
            #expect(!html.replacingOccurrences(of: svg, with: "").contains("<rect"))
            for (rect, want) in zip(rects, expected) {
                #expect(rect.title.hasPrefix("\(want.product) · \(CatalogComparison.htmlEscaped(want.concept)):"))
                #expect(abs(rect.width / ComparisonHTMLRenderer.barWidth - want.share) < 0.0001, "\(rect.title)")
            }
            // Each bar's segments sit side by side and fill the whole width.
            for product in comparison.products where product.totalWeight > 0 {
                let own = rects.filter { $0.title.hasPrefix(product.id + " · ") }
                #expect(abs(own.reduce(0) { $0 + $1.width } - ComparisonHTMLRenderer.barWidth) < 0.05)
                for (a, b) in zip(own, own.dropFirst()) {
                    #expect(abs(a.x + a.width - b.x) < 0.02)
                }
            }
        }
    }

    @Test("marks are highlighted")
    func highlighted() throws {
        let (comparison, html) = try #require(try Self.pages().last)
        #expect(html.contains("class=\"num mark\""))
        #expect(html.components(separatedBy: "<li class=\"mark\">").count - 1 == comparison.marks.count)
        #expect(html.contains("<code>silent_accounts</code>"))
    }

    /// The x, width and title of each `<rect>`.
    static func rects(in svg: String) -> [(x: Double, width: Double, title: String)] {
        svg.components(separatedBy: "<rect ").dropFirst().map { part in
            func attribute(_ name: String) -> Double {
                let start = part.range(of: "\(name)=\"")!.upperBound
                let end = part[start...].firstIndex(of: "\"")!
                return Double(part[start..<end])!
            }
            let title = part.range(of: "<title>").flatMap { open in part.range(of: "</title>").map { String(part[open.upperBound..<$0.lowerBound]) } } ?? ""
            return (attribute("x"), attribute("width"), title)
        }
    }
}

extension CatalogComparison {
    static func htmlEscaped(_ text: String) -> String { ComparisonHTMLRenderer.escape(text) }
}
