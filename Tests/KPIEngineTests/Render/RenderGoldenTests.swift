import Foundation
@testable import KPIKit
import KPITestSupport
import Testing

@Suite("Render: table, Markdown and CSV golden files")
struct RenderGoldenTests {
    static func render(_ format: EvaluationFormat, colors: Bool = false, both: Bool = false) throws -> String {
        let evaluations = both ? [RenderFixture.shop(), RenderFixture.ops()] : [RenderFixture.shop()]
        return EvaluationRenderer.render(evaluations, products: try RenderFixture.products(), format: format, colors: colors)
    }

    @Test("table, one product (no colours)")
    func table() throws {
        try RenderFixture.expectGolden(try Self.render(.table), "shop.table.txt")
    }

    @Test("table, two products with a summary first")
    func tableSeveral() throws {
        try RenderFixture.expectGolden(try Self.render(.table, both: true), "shop-ops.table.txt")
    }

    @Test("markdown, two products")
    func markdown() throws {
        try RenderFixture.expectGolden(try Self.render(.markdown, both: true), "shop-ops.md")
    }

    @Test("csv, two products: series, evaluated period and breakdown rows")
    func csv() throws {
        try RenderFixture.expectGolden(try Self.render(.csv, both: true), "shop-ops.csv")
    }

    @Test("colours: statuses and changes in ANSI, aligned as without colours")
    func colours() throws {
        let coloured = try Self.render(.table, colors: true)
        let plain = try Self.render(.table)
        #expect(coloured.contains("\u{1B}[33myellow\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[32mgreen\u{1B}[0m"))
        // NPS has no data: its value is dim.
        #expect(coloured.contains("\u{1B}[2mno data\u{1B}[0m"))
        // Churn went up, and lower is better: the change is red.
        #expect(coloured.contains("\u{1B}[31m▲ +0.6 pt\u{1B}[0m"))
        // Without the escapes, the coloured table is the plain one, to the space.
        let stripped = coloured.replacing(/\x{1B}\[[0-9;]*m/, with: "")
        #expect(stripped == plain, "\(TextDiff.lines(expected: plain, actual: stripped))")
        #expect(!plain.contains("\u{1B}"))
    }

    @Test("columns line up by display width, with Japanese labels")
    func alignment() throws {
        let text = try Self.render(.table)
        let lines = text.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("  metric") && $0.contains("value") })
        // Every row of the metrics table has its value column ending at the same cell.
        let valueEnd = lines[header].displayWidth(upTo: "value")
        for line in lines[(header + 2)...(header + 7)] {
            let cells = line.components(separatedBy: "  ").filter { !$0.isEmpty }
            #expect(cells.count >= 2, "\(line)")
            #expect(line.displayWidth(upTo: cells[1]) == valueEnd, "\(line)")
        }
    }

    @Test("the CSV is RFC 4180: quoted where needed, CRLF, one header")
    func csvShape() throws {
        let csv = try Self.render(.csv, both: true)
        #expect(csv.hasSuffix("\r\n"))
        let records = csv.components(separatedBy: "\r\n").dropLast()
        #expect(records.first == EvaluationCSVRenderer.columns.joined(separator: ","))
        // The label with a comma and a bar is quoted; money is exact, not rounded.
        #expect(csv.contains(",upsell,\"Upsell revenue, new | existing\",expansion,1234567.5,money,"))
        #expect(csv.contains(",arpa,ARPA,revenue,48765.4321,money,yellow,"))
        #expect(csv.contains(",12345.675,money,green,"))
        // 3 series periods: 2 earlier x 6 metrics, 6 evaluated, 3 groups x 6; then ops 2.
        #expect(records.count == 1 + 12 + 6 + 18 + 2)
        #expect(EvaluationCSVRenderer.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(EvaluationCSVRenderer.quoted("a\nb") == "\"a\nb\"")
        #expect(EvaluationCSVRenderer.quoted("plain") == "plain")
    }
}

extension String {
    /// The display width of this line up to and including the first `needle` (the cell
    /// where it ends).
    func displayWidth(upTo needle: String) -> Int {
        guard let range = range(of: needle) else { return -1 }
        return String(self[..<range.upperBound]).displayWidth
    }
}
