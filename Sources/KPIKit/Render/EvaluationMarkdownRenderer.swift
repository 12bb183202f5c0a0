/// Renders evaluations as GitHub-flavoured Markdown (`--format markdown`): the same
/// sections and cells as the terminal table (`EvaluationTextRenderer`), as Markdown tables,
/// with the warnings of the evaluation listed at the end of each product.
struct EvaluationMarkdownRenderer {
    /// The report, ending in a newline.
    func render(_ reports: [ProductReport]) -> String {
        var out: String
        if reports.count == 1, let only = reports.first {
            out = "# KPI evaluation: \(Self.escape(only.title))\n"
        } else {
            out = "# KPI evaluation: \(reports.count) products\n\n" + summary(reports)
        }
        for report in reports { out += "\n" + product(report, level: "##") }
        return out
    }

    // MARK: - Sections

    private func summary(_ reports: [ProductReport]) -> String {
        var out = Self.header(
            ["product", "name", "period", "scorecard", "coverage", "health mean", "green", "yellow", "red", "signals"],
            right: [3, 4, 5, 6, 7, 8, 9])
        for report in reports {
            let e = report.evaluation
            out += Self.row([
                "`\(e.product)`", Self.escape(e.name ?? "-"), e.period.description, report.scoreText, report.coverageText,
                e.health?.mean.map(ValueText.score) ?? "-", e.health.map { String($0.green) } ?? "-",
                e.health.map { String($0.yellow) } ?? "-", e.health.map { String($0.red) } ?? "-",
                String(e.signals.reduce(0) { $0 + $1.count }),
            ])
        }
        return out
    }

    private func product(_ report: ProductReport, level: String) -> String {
        let e = report.evaluation
        var out = "\(level) \(Self.escape(report.title))\n\n"
        out += "- **Period:** \(report.periodText)\n"
        if let team = report.team { out += "- **Team:** \(Self.escape(team))\n" }
        out += "- **Scorecard:** \(report.scoreText), coverage \(report.coverageText) of the weight\n"
        out += "\n\(level)# Metrics\n\n" + metrics(report)
        if let health = e.health { out += "\n" + self.health(health, report, level: level + "#") }
        if !e.signals.isEmpty { out += "\n\(level)# Signals\n\n" + signals(e.signals) }
        if let breakdown = e.breakdown { out += "\n" + self.breakdown(breakdown, report, level: level + "#") }
        if let series = e.series { out += "\n" + self.series(series, report, level: level + "#") }
        if !e.diagnostics.isEmpty {
            out += "\n\(level)# Warnings\n\n"
            for diagnostic in e.diagnostics {
                    out += "- **\(diagnostic.severity.rawValue)** `\(diagnostic.locationDescription)`: \(Self.escapeKeepingCode(diagnostic.message))\n"
            }
        }
        return out
    }

    private func metrics(_ report: ProductReport) -> String {
        var out = Self.header(["metric", "value", "target", "status", "score", "share", report.changeHeader], right: [1, 2, 4, 5])
        for cells in report.metrics {
            out += Self.row([
                Self.escape(cells.label), cells.value, cells.target, Self.status(cells.result.status),
                cells.score, cells.share, cells.change,
            ])
        }
        return out
    }

    private func health(_ health: HealthSummary, _ report: ProductReport, level: String) -> String {
        var out = "\(level) \(Self.escape(report.healthHeading(health)))\n\n"
        out += Self.header(["band", "rows", "share", ""], right: [1, 2])
        for row in report.healthRows(health) {
            let share = row.share(of: health.rowCount)
            let bar = TextChart.bar(share, width: TextChart.healthBarWidth)
            out += Self.row([
                Self.status(row.status, text: row.band), ValueText.grouped(String(row.count), negative: false),
                ValueText.share(share), bar.isEmpty ? "" : "`\(bar)`",
            ])
        }
        return out + "\nMean score: **\(health.mean.map(ValueText.score) ?? "-")**\n"
    }

    private func signals(_ signals: [SignalResult]) -> String {
        var out = Self.header(["kind", "signal", "count", "first keys", "action"], right: [2])
        for signal in signals {
            out += Self.row([
                signal.kind.rawValue, Self.escape(signal.label ?? signal.id), String(signal.count),
                Self.escape(ProductReport.keysText(signal)), Self.escape(signal.action ?? "-"),
            ])
        }
        return out
    }

    private func breakdown(_ breakdown: Breakdown, _ report: ProductReport, level: String) -> String {
        let groups = breakdown.groups
        var out = "\(level) Breakdown by \(Self.escape(breakdown.field)) (\(Self.escape(breakdown.source)))\n\n"
        out += Self.header(["metric"] + groups.map { Self.escape(ProductReport.groupTitle($0.value)) }, right: Set(1...max(1, groups.count)))
        out += Self.row(["*rows*"] + groups.map { ValueText.grouped(String($0.rows), negative: false) })
        out += Self.row(["*scorecard*"] + groups.map { $0.scorecard.score.map(ValueText.score) ?? "-" })
        for (index, metric) in report.evaluation.metrics.enumerated() {
            var row = [Self.escape(report.metrics[index].label)]
            for group in groups {
                guard let result = group.metrics.first(where: { $0.id == metric.id }) else {
                    row.append("-")
                    continue
                }
                let value = report.cells(result).value
                row.append(result.status.map { Self.statusMark($0) + " " + value } ?? value)
            }
            out += Self.row(row)
        }
        return out
    }

    private func series(_ series: Series, _ report: ProductReport, level: String) -> String {
        guard let first = series.periods.first, let last = series.periods.last else { return "" }
        var out = "\(level) Trend over \(series.periods.count) periods, \(first.description) to \(last.description)\n\n"
        out += Self.header(["metric", "trend", first.description, last.description, "low", "high"], right: [2, 3, 4, 5])
        for (line, cells) in report.seriesLines(series) {
            let texts = ProductReport.seriesTexts(line, cells)
            out += Self.row([
                Self.escape(cells.label), "`\(TextChart.sparkline(line.points.map(\.value.doubleValue)))`",
                texts.first, texts.last, texts.low, texts.high,
            ])
        }
        return out
    }

    // MARK: - Markdown

    /// A status with a coloured circle, readable on GitHub at a glance: `🟢 green`.
    static func status(_ status: MetricStatus?, text: String? = nil) -> String {
        guard let status else { return text ?? "-" }
        return statusMark(status) + " " + (text ?? status.rawValue)
    }

    static func statusMark(_ status: MetricStatus) -> String {
        switch status {
        case .green: return "🟢"
        case .yellow: return "🟡"
        case .red: return "🔴"
        case .noData: return "⚪"
        }
    }

    /// A header row and its delimiter row; `right` holds the (0-based) right-aligned columns.
    static func header(_ cells: [String], right: Set<Int>) -> String {
        row(cells) + "|" + cells.indices.map { right.contains($0) ? "---:" : "---" }.joined(separator: "|") + "|\n"
    }

    /// One table row of cells already escaped.
    static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |\n"
    }

    /// A message with its `code spans` kept as code, the text between them escaped.
    static func escapeKeepingCode(_ text: String) -> String {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated().map { index, part in
            index % 2 == 1 ? "`" + part.replacing("\n", with: " ") + "`" : escape(String(part))
        }.joined()
    }

    /// Free text as literal Markdown: characters that would start markup (or end a table
    /// cell) escaped, line breaks as spaces.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "\n" || character == "\r\n" {
                out.append(" ")
                continue
            }
            if "\\`*_<>[]|#".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
