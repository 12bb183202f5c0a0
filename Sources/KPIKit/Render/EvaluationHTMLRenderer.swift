import Foundation

/// Renders evaluations as one self-contained HTML page (`--format html`): inline CSS, the
/// charts as inline SVG, no scripts, fonts, images or links to anything outside the file,
/// so it can be mailed or archived as it is.
///
/// Per product (one `<section>` each, a page apiece on paper): the scorecard gauge with
/// its coverage, the health band distribution and mean score, the weight shares as a
/// stacked bar coloured by status, a bullet chart per metric with a target or thresholds,
/// and trend sparklines when a series was evaluated. Every chart has a table under it
/// with the same numbers (for screen readers, copying, and print without colour); then
/// the signals, the breakdown and the warnings. Several products start with a summary
/// table. Japanese renders with the usual CJK fonts of each platform.
struct EvaluationHTMLRenderer {
    /// The page, ending in a newline.
    func render(_ reports: [ProductReport]) -> String {
        let ids = reports.map(\.evaluation.product).joined(separator: ", ")
        let periods = Set(reports.map(\.evaluation.period))
        let periodText = periods.count == 1 ? reports.first.map(\.periodText) : nil
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>KPI evaluation: \(HTMLText.escape(ids))\(periodText.map { " · " + HTMLText.escape($0) } ?? "")</title>
            <style>
            \(Self.css)
            </style>
            </head>
            <body>
            <header class="page">
            <h1>KPI evaluation</h1>
            <p class="muted">\(periodText.map { HTMLText.escape($0) + " · " } ?? "")\(reports.count) product\(reports.count == 1 ? "" : "s"): \(HTMLText.escape(ids))</p>
            </header>

            """
        if reports.count > 1 { out += summary(reports) }
        for report in reports { out += product(report) }
        out += "</body>\n</html>\n"
        return out
    }

    // MARK: - Sections

    private func summary(_ reports: [ProductReport]) -> String {
        var out = "<section class=\"summary\">\n<h2>Summary</h2>\n<table>\n"
        out += "<thead><tr><th>product</th><th>period</th><th class=\"num\">scorecard</th><th class=\"num\">coverage</th>"
        out += "<th class=\"num\">health mean</th><th class=\"num\">green</th><th class=\"num\">yellow</th><th class=\"num\">red</th><th class=\"num\">signals</th><th>metrics red / yellow / green</th></tr></thead>\n<tbody>\n"
        for report in reports {
            let e = report.evaluation
            let statuses = e.metrics.compactMap(\.status)
            func count(_ status: MetricStatus) -> Int { statuses.filter { $0 == status }.count }
            out += "<tr><th scope=\"row\"><a href=\"#\(Self.anchor(e.product))\">\(HTMLText.escape(report.title))</a></th>"
            out += "<td>\(HTMLText.escape(e.period.description))</td>"
            out += "<td class=\"num\"><strong>\(e.scorecard.score.map(ValueText.score) ?? "-")</strong></td><td class=\"num\">\(report.coverageText)</td>"
            out += "<td class=\"num\">\(e.health?.mean.map(ValueText.score) ?? "-")</td>"
            for status in [MetricStatus.green, .yellow, .red] {
                let band = e.health.map { status == .green ? $0.green : status == .yellow ? $0.yellow : $0.red }
                out += "<td class=\"num\">\(band.map { ValueText.grouped(String($0), negative: false) } ?? "-")</td>"
            }
            out += "<td class=\"num\">\(e.signals.reduce(0) { $0 + $1.count })</td>"
            out += "<td>\(Self.badge(.red, text: String(count(.red)))) \(Self.badge(.yellow, text: String(count(.yellow)))) \(Self.badge(.green, text: String(count(.green))))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    private func product(_ report: ProductReport) -> String {
        let e = report.evaluation
        var out = "<section class=\"product\" id=\"\(Self.anchor(e.product))\">\n"
        out += "<h2>\(HTMLText.escape(e.name ?? e.product))\(e.name == nil ? "" : " <small>\(HTMLText.escape(e.product))</small>")</h2>\n"
        var meta = ["<span>Period <strong>\(HTMLText.escape(report.periodText))</strong></span>"]
        if let team = report.team { meta.append("<span>Team <strong>\(HTMLText.escape(team))</strong></span>") }
        meta.append("<span>Change vs <strong>\(HTMLText.escape(e.previousPeriod.description))</strong></span>")
        out += "<p class=\"meta\">\(meta.joined(separator: " "))</p>\n"
        if let about = report.about {
            out += "<p class=\"description\">\(HTMLText.escape(about.trimmingCharacters(in: .whitespacesAndNewlines)))</p>\n"
        }
        out += "<div class=\"overview\">\n" + scorecard(report)
        if let health = e.health { out += self.health(health, report) }
        out += "</div>\n"
        out += shares(report)
        out += metrics(report)
        if let series = e.series { out += self.series(series, report) }
        if !e.signals.isEmpty { out += signals(e.signals) }
        if let breakdown = e.breakdown { out += self.breakdown(breakdown, report) }
        if !e.diagnostics.isEmpty { out += diagnostics(e.diagnostics) }
        return out + "</section>\n"
    }

    private func scorecard(_ report: ProductReport) -> String {
        let card = report.evaluation.scorecard
        var out = "<figure class=\"card\">\n<figcaption>Scorecard</figcaption>\n"
        out += Self.scorecardChart(card)
        out += "<table class=\"compact\">\n<tbody>\n"
        out += "<tr><th scope=\"row\">score</th><td class=\"num\">\(report.scoreText)</td></tr>\n"
        out += "<tr><th scope=\"row\">coverage</th><td class=\"num\">\(report.coverageText)</td></tr>\n"
        out += "<tr><th scope=\"row\">total weight</th><td class=\"num\">\(NumberText.plain(card.totalWeight))</td></tr>\n"
        return out + "</tbody>\n</table>\n<p class=\"note\">The weighted mean of the scores of the weighted metrics with a value; coverage is the share of the weight they hold.</p>\n</figure>\n"
    }

    private func health(_ health: HealthSummary, _ report: ProductReport) -> String {
        let rows = report.healthRows(health)
        var out = "<figure class=\"card\">\n<figcaption>Health score"
        if let source = report.healthSource { out += " <small>\(ValueText.grouped(String(health.rowCount), negative: false)) \(HTMLText.escape(source))</small>" }
        out += "</figcaption>\n"
        out += Self.healthChart(health, rows: rows, bands: report.healthBands)
        out += "<table class=\"compact\">\n<thead><tr><th>band</th><th class=\"num\">rows</th><th class=\"num\">share</th></tr></thead>\n<tbody>\n"
        for row in rows {
            let label = row.status.map { Self.badge($0, text: row.band) } ?? HTMLText.escape(row.band)
            out += "<tr><th scope=\"row\">\(label)</th><td class=\"num\">\(ValueText.grouped(String(row.count), negative: false))</td><td class=\"num\">\(ValueText.share(row.share(of: health.rowCount)))</td></tr>\n"
        }
        out += "<tr><th scope=\"row\">mean score</th><td class=\"num\" colspan=\"2\">\(health.mean.map(ValueText.score) ?? "-")</td></tr>\n"
        out += "</tbody>\n</table>\n"
        if let bands = report.healthBandsText { out += "<p class=\"note\">Bands: \(HTMLText.escape(bands)).</p>\n" }
        return out + "</figure>\n"
    }

    private func shares(_ report: ProductReport) -> String {
        let weighted = report.metrics.filter { ($0.result.share ?? 0) > 0 }
        guard !weighted.isEmpty else { return "" }
        var out = "<figure>\n<figcaption>Weight share by metric <small>coloured by status</small></figcaption>\n"
        out += Self.sharesChart(weighted)
        out += "<table>\n<thead><tr><th>metric</th><th class=\"num\">weight</th><th class=\"num\">share</th><th>status</th><th class=\"num\">score</th></tr></thead>\n<tbody>\n"
        for cells in weighted {
            out += "<tr><th scope=\"row\">\(Self.swatch(cells.result.status))\(HTMLText.escape(cells.label))</th><td class=\"num\">\(cells.weight)</td><td class=\"num\">\(cells.share)</td>"
            out += "<td>\(Self.statusCell(cells.result.status))</td><td class=\"num\">\(cells.score)</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</figure>\n"
    }

    private func metrics(_ report: ProductReport) -> String {
        var out = "<figure>\n<figcaption>Metrics against their targets</figcaption>\n"
        let charted = report.metrics.filter { Self.bulletScale($0.result) != nil }
        if !charted.isEmpty {
            out += "<p class=\"legend\"><span class=\"key\"><span class=\"sample value\"></span>value</span> "
            out += "<span class=\"key\"><span class=\"sample target\"></span>target</span> "
            out += "<span class=\"key\"><span class=\"sample zone red\"></span><span class=\"sample zone yellow\"></span><span class=\"sample zone green\"></span>red / yellow / green zones (by the thresholds)</span></p>\n"
            out += Self.bulletChart(charted)
        }
        out += "<div class=\"scroll\"><table>\n<thead><tr><th>metric</th><th class=\"num\">value</th><th class=\"num\">target</th><th>green / yellow</th>"
        out += "<th>status</th><th class=\"num\">score</th><th class=\"num\">share</th><th class=\"num\">\(HTMLText.escape(report.evaluation.previousPeriod.description))</th><th>\(HTMLText.escape(report.changeHeader))</th></tr></thead>\n<tbody>\n"
        for cells in report.metrics {
            let change: String
            switch cells.improved {
            case true?: change = "<td class=\"change better\">"
            case false?: change = "<td class=\"change worse\">"
            case nil: change = "<td class=\"change\">"
            }
            out += "<tr><th scope=\"row\" class=\"metric\">\(HTMLText.escape(cells.label))<br><code>\(HTMLText.escape(cells.id))</code></th>"
            out += "<td class=\"num\"><strong>\(HTMLText.escape(cells.value))</strong></td><td class=\"num\">\(HTMLText.escape(cells.target))</td>"
            // Green and yellow may wrap onto two lines, each boundary whole.
            let thresholds = cells.thresholds.components(separatedBy: " / ").map { "<span class=\"nowrap\">\(HTMLText.escape($0))</span>" }
            out += "<td>\(thresholds.joined(separator: " / "))</td><td>\(Self.statusCell(cells.result.status))</td>"
            out += "<td class=\"num\">\(cells.score)</td><td class=\"num\">\(cells.share)</td><td class=\"num muted\">\(HTMLText.escape(cells.previous))</td>"
            out += change + HTMLText.escape(cells.change) + "</td></tr>\n"
        }
        return out + "</tbody>\n</table></div>\n</figure>\n"
    }

    private func series(_ series: Series, _ report: ProductReport) -> String {
        let lines = report.seriesLines(series)
        guard let first = series.periods.first, let last = series.periods.last, !lines.isEmpty else { return "" }
        var out = "<figure>\n<figcaption>Trend over \(series.periods.count) periods <small>\(HTMLText.escape(first.description)) to \(HTMLText.escape(last.description))</small></figcaption>\n"
        out += Self.trendChart(lines)
        out += "<div class=\"scroll\"><table>\n<thead><tr><th>metric</th>"
        for period in series.periods { out += "<th class=\"num\">\(HTMLText.escape(period.description))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for (line, cells) in lines {
            out += "<tr><th scope=\"row\">\(HTMLText.escape(cells.label))</th>"
            for point in line.points {
                out += "<td class=\"num\">\(HTMLText.escape(ValueText.value(point.value, unit: cells.result.unit, currency: cells.currency)))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table></div>\n</figure>\n"
    }

    private func signals(_ signals: [SignalResult]) -> String {
        var out = "<section class=\"part\">\n<h3>Signals</h3>\n<table>\n<thead><tr><th>kind</th><th>signal</th><th class=\"num\">count</th><th>first keys</th><th>action</th></tr></thead>\n<tbody>\n"
        for signal in signals {
            out += "<tr\(signal.count == 0 ? " class=\"quiet\"" : "")><td>\(signal.kind.rawValue)</td><td>\(HTMLText.escape(signal.label ?? signal.id))<br><code>\(HTMLText.escape(signal.id))</code></td>"
            out += "<td class=\"num\"><strong>\(signal.count)</strong></td><td class=\"keys\">\(HTMLText.escape(ProductReport.keysText(signal)))</td>"
            out += "<td>\(HTMLText.escape(signal.action ?? "-"))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    private func breakdown(_ breakdown: Breakdown, _ report: ProductReport) -> String {
        let groups = breakdown.groups
        var out = "<section class=\"part\">\n<h3>Breakdown by <code>\(HTMLText.escape(breakdown.field))</code> <small>\(HTMLText.escape(breakdown.source))</small></h3>\n"
        out += "<div class=\"scroll\"><table>\n<thead><tr><th>metric</th>"
        for group in groups { out += "<th class=\"num\">\(HTMLText.escape(ProductReport.groupTitle(group.value)))</th>" }
        out += "</tr></thead>\n<tbody>\n<tr class=\"quiet\"><th scope=\"row\">rows</th>"
        for group in groups { out += "<td class=\"num\">\(ValueText.grouped(String(group.rows), negative: false))</td>" }
        out += "</tr>\n<tr><th scope=\"row\">scorecard</th>"
        for group in groups { out += "<td class=\"num\"><strong>\(group.scorecard.score.map(ValueText.score) ?? "-")</strong></td>" }
        out += "</tr>\n"
        for (index, metric) in report.evaluation.metrics.enumerated() {
            out += "<tr><th scope=\"row\">\(HTMLText.escape(report.metrics[index].label))</th>"
            for group in groups {
                guard let result = group.metrics.first(where: { $0.id == metric.id }) else {
                    out += "<td class=\"num\">-</td>"
                    continue
                }
                let text = HTMLText.escape(report.cells(result).value)
                if let status = result.status {
                    out += "<td class=\"num status \(status.rawValue)\" title=\"\(status.rawValue)\">\(Self.dot(status))\(text)</td>"
                } else {
                    out += "<td class=\"num\">\(text)</td>"
                }
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table></div>\n</section>\n"
    }

    private func diagnostics(_ diagnostics: [Diagnostic]) -> String {
        var out = "<section class=\"part\">\n<h3>Warnings</h3>\n<ul class=\"diagnostics\">\n"
        for diagnostic in diagnostics {
            out += "<li class=\"\(diagnostic.severity.rawValue)\"><strong>\(diagnostic.severity.rawValue)</strong> <code>\(HTMLText.escape(diagnostic.locationDescription))</code>: \(HTMLText.codeSpans(diagnostic.message))</li>\n"
        }
        return out + "</ul>\n</section>\n"
    }

    // MARK: - Pieces

    /// A status as a coloured word with a dot, so that it reads without colour too.
    static func statusCell(_ status: MetricStatus?) -> String {
        guard let status else { return "<span class=\"muted\">-</span>" }
        return badge(status, text: status.rawValue)
    }

    static func badge(_ status: MetricStatus, text: String) -> String {
        "<span class=\"status \(status.rawValue)\">\(dot(status))\(HTMLText.escape(text))</span>"
    }

    static func dot(_ status: MetricStatus) -> String {
        "<span class=\"dot\" aria-hidden=\"true\">\(status == .noData ? "○" : "●")</span>"
    }

    /// The colour key of a stacked-bar segment.
    static func swatch(_ status: MetricStatus?) -> String {
        "<span class=\"swatch\" style=\"background:\(fill(status))\"></span>"
    }

    /// An element id for a product: `product-` and its id (ids are `[a-z][a-z0-9_-]*`).
    static func anchor(_ product: String) -> String {
        "product-" + product
    }
}
