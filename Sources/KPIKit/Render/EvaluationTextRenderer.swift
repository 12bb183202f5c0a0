/// Renders evaluations as aligned text for a terminal (`--format table`): per product a
/// header with the scorecard, the metrics table, the health bands, the signals, and the
/// breakdown and trend when evaluated `--by` a field or over `--periods`. With several
/// products a summary comes first.
///
/// Values are rounded for display in their unit (`ValueText`); columns are padded by
/// display width, so Japanese labels line up. Statuses are coloured only with `colors`.
struct EvaluationTextRenderer {
    /// Colour statuses and changes with ANSI escapes (for a terminal).
    var colors: Bool

    /// The report, ending in a newline.
    func render(_ reports: [ProductReport]) -> String {
        var sections: [String] = []
        if reports.count > 1 { sections.append(summary(reports)) }
        sections += reports.map(product)
        return sections.joined(separator: "\n")
    }

    // MARK: - Sections

    private func summary(_ reports: [ProductReport]) -> String {
        var table = TerminalTable(
            headers: ["product", "name", "period", "scorecard", "coverage", "health mean", "green", "yellow", "red", "signals"],
            alignments: [.left, .left, .left, .right, .right, .right, .right, .right, .right, .right])
        for report in reports {
            let e = report.evaluation
            table.addRow([
                .init(e.product), .init(e.name ?? "-"), .init(e.period.description),
                .init(report.scoreText), .init(report.coverageText),
                .init(e.health?.mean.map(ValueText.score) ?? "-"),
                .init(e.health.map { String($0.green) } ?? "-", e.health == nil ? nil : .green),
                .init(e.health.map { String($0.yellow) } ?? "-", e.health == nil ? nil : .yellow),
                .init(e.health.map { String($0.red) } ?? "-", e.health == nil ? nil : .red),
                .init(String(e.signals.reduce(0) { $0 + $1.count })),
            ])
        }
        return heading("KPI evaluation: \(reports.count) products", rule: "=") + table.render(colors: colors)
    }

    private func product(_ report: ProductReport) -> String {
        let e = report.evaluation
        var out = heading(report.title, rule: "=")
        out += "Period     \(report.periodText)\n"
        if let team = report.team { out += "Team       \(team)\n" }
        out += "Scorecard  \(report.scoreText), coverage \(report.coverageText) of the weight\n"
        out += "\n" + metrics(report)
        if let health = e.health { out += "\n" + self.health(health, report) }
        if !e.signals.isEmpty { out += "\n" + signals(e.signals) }
        if let breakdown = e.breakdown { out += "\n" + self.breakdown(breakdown, report) }
        if let series = e.series { out += "\n" + self.series(series, report) }
        return out
    }

    private func metrics(_ report: ProductReport) -> String {
        var table = TerminalTable(
            headers: ["metric", "value", "target", "status", "score", "share", report.changeHeader],
            alignments: [.left, .right, .right, .left, .right, .right, .left])
        for cells in report.metrics {
            table.addRow([
                .init(cells.label), .init(cells.value, cells.result.value.isNull ? .dim : nil), .init(cells.target),
                status(cells.result.status), .init(cells.score), .init(cells.share),
                .init(cells.change, cells.improved.map { $0 ? .green : .red }),
            ])
        }
        return "Metrics\n" + table.render(colors: colors)
    }

    private func health(_ health: HealthSummary, _ report: ProductReport) -> String {
        var table = TerminalTable(headers: ["band", "rows", "share", ""], alignments: [.left, .right, .right, .left])
        for row in report.healthRows(health) {
            let share = row.share(of: health.rowCount)
            let style = row.status.map(TerminalTable.Style.init)
            table.addRow([
                .init(row.band, style), .init(ValueText.grouped(String(row.count), negative: false)),
                .init(ValueText.share(share)), .init(TextChart.bar(share, width: TextChart.healthBarWidth), style),
            ])
        }
        return report.healthHeading(health) + "\n" + table.render(colors: colors) + "  mean score: \(health.mean.map(ValueText.score) ?? "-")\n"
    }

    private func signals(_ signals: [SignalResult]) -> String {
        // The action on a line of its own under each signal: actions are sentences.
        var table = TerminalTable(headers: ["kind", "signal", "count", "first keys"], alignments: [.left, .left, .right, .left])
        for signal in signals {
            table.addRow([
                .init(signal.kind.rawValue), .init(signal.label ?? signal.id),
                .init(String(signal.count), signal.count == 0 ? .dim : .bold), .init(ProductReport.keysText(signal)),
            ])
            if let action = signal.action { table.addLine(.init("  → " + action, .dim)) }
        }
        return "Signals\n" + table.render(colors: colors)
    }

    private func breakdown(_ breakdown: Breakdown, _ report: ProductReport) -> String {
        let groups = breakdown.groups
        var table = TerminalTable(
            headers: ["metric"] + groups.map { ProductReport.groupTitle($0.value) },
            alignments: [.left] + groups.map { _ in .right })
        table.addRow([.init("rows", .dim)] + groups.map { .init(ValueText.grouped(String($0.rows), negative: false), .dim) })
        table.addRow([.init("scorecard")] + groups.map { .init($0.scorecard.score.map(ValueText.score) ?? "-") })
        for (index, metric) in report.evaluation.metrics.enumerated() {
            var row: [TerminalTable.Cell] = [.init(report.metrics[index].label)]
            for group in groups {
                guard let result = group.metrics.first(where: { $0.id == metric.id }) else {
                    row.append("-")
                    continue
                }
                row.append(.init(report.cells(result).value, result.status.map(TerminalTable.Style.init)))
            }
            table.addRow(row)
        }
        return "Breakdown by \(breakdown.field) (\(breakdown.source))\n" + table.render(colors: colors)
    }

    private func series(_ series: Series, _ report: ProductReport) -> String {
        guard let first = series.periods.first, let last = series.periods.last else { return "" }
        var table = TerminalTable(
            headers: ["metric", "trend", first.description, last.description, "low", "high"],
            alignments: [.left, .left, .right, .right, .right, .right])
        for (line, cells) in report.seriesLines(series) {
            let texts = ProductReport.seriesTexts(line, cells)
            table.addRow([
                .init(cells.label), .init(TextChart.sparkline(line.points.map(\.value.doubleValue))),
                .init(texts.first), .init(texts.last), .init(texts.low), .init(texts.high),
            ])
        }
        let title = "Trend over \(series.periods.count) periods, \(first.description) to \(last.description)"
        return title + "\n" + table.render(colors: colors)
    }

    // MARK: - Pieces

    private func heading(_ text: String, rule: Character) -> String {
        let line = String(repeating: rule, count: text.displayWidth)
        return (colors ? TerminalTable.Style.bold.apply(text) : text) + "\n" + line + "\n"
    }

    private func status(_ status: MetricStatus?) -> TerminalTable.Cell {
        guard let status else { return "-" }
        return .init(status.rawValue, .init(status))
    }
}
