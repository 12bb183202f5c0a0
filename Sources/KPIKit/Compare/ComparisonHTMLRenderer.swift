/// Renders a comparison as one self-contained HTML page: inline CSS, an inline SVG of
/// stacked weight-share bars (one bar per product, one segment per concept), the product
/// table, and a table per concept with the marks highlighted.
///
/// Nothing is loaded from elsewhere (no scripts, fonts, images or links), so the file
/// can be mailed or archived as it is; it prints on paper (`@media print`) and renders
/// Japanese with the usual CJK fonts of each platform.
public struct ComparisonHTMLRenderer: Sendable {
    /// The width of a whole bar (a share of 100%) in the SVG, in pixels.
    public static let barWidth = 600.0
    /// The width of the product labels left of the bars.
    public static let labelWidth = 120.0
    static let barHeight = 22.0
    static let barGap = 10.0

    /// Segment colours, one per concept in comparison order (repeating after 16).
    static let palette = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
        "#9c755f", "#bab0ac", "#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#17becf",
    ]
    static let noConceptColor = "#c9c9c9"

    /// A renderer.
    public init() {}

    /// The page, ending in a newline.
    public func render(_ comparison: CatalogComparison) -> String {
        let ids = comparison.products.map(\.id).joined(separator: ", ")
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>KPI comparison: \(Self.escape(ids))</title>
            <style>
            \(Self.css)
            </style>
            </head>
            <body>
            <h1>KPI comparison: \(Self.escape(ids))</h1>

            """
        out += products(comparison)
        out += shares(comparison)
        for (index, concept) in comparison.concepts.enumerated() {
            out += section(concept, color: color(index: index, concept: concept), in: comparison)
        }
        let count = comparison.marks.count
        out += "<p class=\"summary\">\(count == 0 ? "No marks: these products weight, compute and measure their shared concepts alike." : "\(count) mark\(count == 1 ? "" : "s") where the teams talk past each other (highlighted ⚠).")</p>\n"
        out += "</body>\n</html>\n"
        return out
    }

    // MARK: - Sections

    private func products(_ comparison: CatalogComparison) -> String {
        let evaluated = comparison.products.contains { $0.evaluation != nil }
        var out = "<section>\n<h2>Products</h2>\n<table>\n<thead><tr><th>product</th><th>name</th><th>team</th><th>model</th><th>module</th><th>touch (high / low / tech)</th><th class=\"num\">metrics</th><th class=\"num\">total weight</th>"
        if evaluated { out += "<th>period</th><th class=\"num\">score</th><th class=\"num\">coverage</th>" }
        out += "<th>description</th></tr></thead>\n<tbody>\n"
        for product in comparison.products {
            out += "<tr><th scope=\"row\">\(Self.escape(product.id))</th><td>\(Self.escape(product.name ?? "-"))</td><td>\(Self.escape(product.team ?? "-"))</td>"
            out += "<td>\(product.model.rawValue)</td><td>\(Self.escape(product.module))</td><td>\(product.touchText)</td>"
            out += "<td class=\"num\">\(product.metricCount)</td><td class=\"num\">\(NumberText.plain(product.totalWeight))</td>"
            if evaluated {
                out += "<td>\(Self.escape(product.evaluation?.period ?? ""))</td>"
                out += "<td class=\"num\">\(product.evaluation?.score.map { NumberText.plain(($0 * 10).rounded() / 10) } ?? "")</td>"
                out += "<td class=\"num\">\(product.evaluation?.coverage.map(NumberText.share) ?? "")</td>"
            }
            out += "<td>\(Self.escape(product.summary ?? ""))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    private func shares(_ comparison: CatalogComparison) -> String {
        var out = "<section>\n<h2>Weight share by concept</h2>\n"
        out += chart(comparison)
        out += "<p class=\"legend\">"
        out += comparison.concepts.enumerated().map { index, concept in
            "<span class=\"key\"><span class=\"swatch\" style=\"background:\(color(index: index, concept: concept))\"></span>\(Self.escape(concept.title))</span>"
        }.joined(separator: " ")
        out += "</p>\n<table>\n<thead><tr><th>concept</th>"
        for product in comparison.products { out += "<th class=\"num\">\(Self.escape(product.id))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for concept in comparison.concepts {
            let marks = comparison.marks(for: concept.concept).filter { $0.kind == .weight }
            out += "<tr><th scope=\"row\">\(Self.escape(concept.title))</th>"
            for share in concept.shares {
                if let mark = marks.first(where: { $0.products.contains(share.product) }) {
                    out += "<td class=\"num mark\" title=\"\(Self.escape(mark.message))\">\(share.shareText) ⚠</td>"
                } else {
                    out += "<td class=\"num\">\(share.shareText)</td>"
                }
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n<p class=\"note\">- not measured. ⚠ heavy (≥ 15% of the weight) in one product, light (&lt; 5%) or missing in another.</p>\n"
        return out + "</section>\n"
    }

    /// The stacked bars: per product, one `<rect>` per concept with a share above 0, its
    /// width `share x barWidth`.
    func chart(_ comparison: CatalogComparison) -> String {
        let height = Double(comparison.products.count) * (Self.barHeight + Self.barGap) + Self.barGap
        let width = Self.labelWidth + Self.barWidth + 10
        var out = "<svg class=\"bars\" role=\"img\" aria-label=\"Weight share by concept, one bar per product\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\">\n"
        for (row, product) in comparison.products.enumerated() {
            let y = Self.barGap + Double(row) * (Self.barHeight + Self.barGap)
            out += "<text x=\"0\" y=\"\(Self.number(y + Self.barHeight * 0.7))\">\(Self.escape(product.id))</text>\n"
            guard product.totalWeight > 0 else {
                out += "<text x=\"\(Self.number(Self.labelWidth))\" y=\"\(Self.number(y + Self.barHeight * 0.7))\" class=\"muted\">no weights</text>\n"
                continue
            }
            var x = Self.labelWidth
            for (index, concept) in comparison.concepts.enumerated() {
                guard let share = concept.share(of: product.id)?.share, share > 0 else { continue }
                let segment = share * Self.barWidth
                out += "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(segment))\" height=\"\(Self.number(Self.barHeight))\" fill=\"\(color(index: index, concept: concept))\"><title>\(Self.escape(product.id)) · \(Self.escape(concept.title)): \(NumberText.share(share))</title></rect>\n"
                // The share written on segments wide enough for it, so paper shows it too.
                if segment >= 34 {
                    out += "<text class=\"share\" x=\"\(Self.number(x + segment / 2))\" y=\"\(Self.number(y + Self.barHeight * 0.7))\">\(NumberText.plain((share * 100).rounded()))%</text>\n"
                }
                x += segment
            }
        }
        return out + "</svg>\n"
    }

    private func section(_ concept: ConceptComparison, color: String, in comparison: CatalogComparison) -> String {
        let evaluated = comparison.hasEvaluations
        var out = "<section>\n<h2><span class=\"swatch\" style=\"background:\(color)\"></span>\(Self.escape(concept.title))\(concept.isCatalogConcept ? " <small>(catalog concept)</small>" : "")</h2>\n"
        out += "<table>\n<thead><tr><th>product</th><th>metric</th><th class=\"num\">share</th><th class=\"num\">weight</th>"
        if evaluated { out += "<th class=\"num\">value</th><th>status</th>" }
        out += "<th class=\"num\">target</th><th>direction</th><th>green / yellow</th><th>unit</th><th>window</th><th>formula</th></tr></thead>\n<tbody>\n"
        for metric in concept.metrics {
            let flagged = Set(metric.marks)
            func cell(_ text: String, _ kinds: Set<ComparisonMark.Kind>, numeric: Bool = false, code: Bool = false) -> String {
                let marked = !flagged.isDisjoint(with: kinds)
                let classes = [numeric ? "num" : nil, marked ? "mark" : nil].compactMap { $0 }
                let attribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                let body = code ? "<code>\(Self.escape(text))</code>" : Self.escape(text)
                return "<td\(attribute)>\(body)\(marked ? " ⚠" : "")</td>"
            }
            out += "<tr\(flagged.isEmpty ? "" : " class=\"marked\"")><td>\(Self.escape(metric.product))</td>"
            out += "<td><code>\(Self.escape(metric.id))</code>\(metric.label.map { "<br><small>\(Self.escape($0))</small>" } ?? "")</td>"
            out += cell(metric.shareText, [.weight], numeric: true)
            out += "<td class=\"num\">\(metric.weightText)</td>"
            if evaluated {
                out += "<td class=\"num\">\(Self.escape(metric.valueText))</td><td class=\"status \(metric.statusText)\">\(metric.statusText)</td>"
            }
            out += "<td class=\"num\">\(Self.escape(metric.targetText))</td>"
            out += cell(metric.direction.rawValue, [.direction])
            out += "<td>\(Self.escape(metric.thresholdsText))</td>"
            out += cell(metric.unitText, [.unit])
            out += cell(metric.window.description, [.window])
            out += cell(metric.formula, [.formula], code: true)
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        let marks = comparison.marks(for: concept.concept)
        if !marks.isEmpty {
            out += "<ul class=\"marks\">\n"
            for mark in marks {
                out += "<li class=\"mark\"><strong>⚠ \(mark.kind.rawValue)</strong>: \(Self.codeSpans(mark.message))</li>\n"
            }
            out += "</ul>\n"
        }
        return out + "</section>\n"
    }

    private func color(index: Int, concept: ConceptComparison) -> String {
        concept.concept == nil ? Self.noConceptColor : Self.palette[index % Self.palette.count]
    }

    // MARK: - HTML

    static let css = """
        :root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --mark: #fff1c2; --mark-line: #d4a72c; }
        body { font-family: system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", Meiryo, sans-serif;
               color: var(--ink); margin: 2rem; line-height: 1.45; }
        h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK JP", monospace; font-size: .85em; }
        table { border-collapse: collapse; margin: .5rem 0 1rem; }
        th, td { border-bottom: 1px solid var(--line); padding: .3rem .6rem; text-align: left; vertical-align: top; }
        thead th { border-bottom: 2px solid var(--ink); }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .mark { background: var(--mark); }
        ul.marks { padding-left: 0; list-style: none; }
        ul.marks li { border-left: 4px solid var(--mark-line); padding: .3rem .6rem; margin: .3rem 0; }
        .swatch { display: inline-block; width: .8em; height: .8em; margin-right: .35em; vertical-align: baseline; border-radius: 2px; }
        .legend .key { margin-right: 1em; white-space: nowrap; }
        .note, .muted, small { color: var(--muted); }
        svg.bars text { font-size: 13px; fill: var(--ink); }
        svg.bars text.muted { fill: var(--muted); }
        svg.bars text.share { font-size: 11px; text-anchor: middle; fill: #111; }
        .status.green { color: #1a7f37; } .status.yellow { color: #9a6700; } .status.red { color: #cf222e; }
        @media print {
          body { margin: 0; font-size: 9pt; }
          h2 { break-after: avoid; }
          section { break-inside: avoid-page; }
          tr { break-inside: avoid; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """

    // The page's text helpers are those of the evaluation page (`HTMLText`).

    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    static func codeSpans(_ text: String) -> String { HTMLText.codeSpans(text) }

    static func number(_ value: Double) -> String { HTMLText.number(value) }
}
