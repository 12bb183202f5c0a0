/// One product's evaluation with what the readable reports need beside it from the
/// definition (team, health bands, the currency of a money metric without a value), and
/// every cell formatted once so that table, Markdown and HTML show the same text.
struct ProductReport {
    var evaluation: ProductEvaluation
    /// The checked product, when the caller passed it.
    var product: CheckedProduct?
    /// The cells of each metric, in `evaluation.metrics` order.
    var metrics: [MetricCells]

    init(_ evaluation: ProductEvaluation, product: CheckedProduct?) {
        self.evaluation = evaluation
        self.product = product
        metrics = evaluation.metrics.map { MetricCells($0, currency: Self.currency(of: $0, in: product)) }
    }

    /// Pairs each evaluation with its checked product (by id).
    static func all(_ evaluations: [ProductEvaluation], products: [CheckedProduct]) -> [ProductReport] {
        evaluations.map { evaluation in
            ProductReport(evaluation, product: products.first { $0.id == evaluation.product })
        }
    }

    // MARK: - Headings

    /// `BlueMonkey CMS (cms)`, or the id alone without a name.
    var title: String {
        guard let name = evaluation.name, name != evaluation.product else { return evaluation.product }
        return "\(name) (\(evaluation.product))"
    }

    /// `2026-10 (2026-10-01 – 2026-10-31)`: the period as written and its days, both ends
    /// included.
    var periodText: String {
        Self.periodText(evaluation.period)
    }

    static func periodText(_ period: Period) -> String {
        let days = period.startDate == period.lastDate ? period.startDate : "\(period.startDate) – \(period.lastDate)"
        return period.description == days ? days : "\(period.description) (\(days))"
    }

    /// `72.1 / 100`, or `-` with no scored metric.
    var scoreText: String {
        evaluation.scorecard.score.map { ValueText.score($0) + " / 100" } ?? "-"
    }

    /// `100.0%`, or `-` when no metric has a weight.
    var coverageText: String {
        evaluation.scorecard.coverage.map(ValueText.share) ?? "-"
    }

    /// The header of the change column: `change vs 2026-09`.
    var changeHeader: String {
        "change vs \(evaluation.previousPeriod.description)"
    }

    var team: String? { product?.definition.team }
    /// The product's `description` (why these KPIs and weights).
    var about: String? { product?.definition.description }

    // MARK: - Health

    /// The health score's band boundaries (green, yellow), from the definition.
    var healthBands: (green: Double, yellow: Double)? {
        guard let health = product?.health else { return nil }
        return (health.definition.green.value, health.definition.yellow.value)
    }

    /// The source whose rows carry a health score.
    var healthSource: String? { product?.health?.source }

    /// The bands with their row counts, green first; no-data and error rows only when
    /// there are some.
    func healthRows(_ health: HealthSummary) -> [HealthBandRow] {
        var rows = [
            HealthBandRow(band: "green", status: .green, count: health.green),
            HealthBandRow(band: "yellow", status: .yellow, count: health.yellow),
            HealthBandRow(band: "red", status: .red, count: health.red),
        ]
        if health.noData > 0 { rows.append(HealthBandRow(band: "no-data", status: .noData, count: health.noData)) }
        if health.errors > 0 { rows.append(HealthBandRow(band: "error", status: nil, count: health.errors)) }
        return rows
    }

    /// `green ≥ 70, yellow ≥ 40`, when the definition is known.
    var healthBandsText: String? {
        healthBands.map { "green ≥ \(NumberText.plain($0.green)), yellow ≥ \(NumberText.plain($0.yellow))" }
    }

    /// `Health score (230 accounts; green ≥ 70, yellow ≥ 40)`: the heading of the health
    /// section of the text reports.
    func healthHeading(_ health: HealthSummary) -> String {
        var about: [String] = []
        if let source = healthSource { about.append("\(ValueText.grouped(String(health.rowCount), negative: false)) \(source)") }
        if let bands = healthBandsText { about.append(bands) }
        return "Health score" + (about.isEmpty ? "" : " (" + about.joined(separator: "; ") + ")")
    }

    // MARK: - Signals, breakdown, series

    /// The first keys a report lists per signal.
    static let signalKeyLimit = 5

    /// `A00111, A00140, A00157, A00175, A00188 (+1 more)`.
    static func keysText(_ signal: SignalResult) -> String {
        let shown = signal.keys.prefix(signalKeyLimit).joined(separator: ", ")
        let more = signal.count - min(signal.keys.count, signalKeyLimit)
        return more > 0 ? shown + " (+\(more) more)" : shown
    }

    /// A breakdown group's heading: its value, `(no value)` for null.
    static func groupTitle(_ value: Scalar) -> String {
        value.isNull ? "(no value)" : value.text
    }

    /// The cells of a metric within a breakdown group (without a change), in the
    /// currency of the product's metric (a group without data has no value to tell it).
    func cells(_ metric: MetricResult) -> MetricCells {
        MetricCells(metric, currency: metrics.first { $0.id == metric.id }?.currency ?? Self.currency(of: metric, in: product))
    }

    /// The series line of a metric, with its metric's cells.
    func seriesLines(_ series: Series) -> [(line: SeriesLine, cells: MetricCells)] {
        series.metrics.compactMap { line in
            guard let index = evaluation.metrics.firstIndex(where: { $0.id == line.id }) else { return nil }
            return (line, metrics[index])
        }
    }

    /// The texts of a series line's first and last values and its lowest and highest.
    static func seriesTexts(_ line: SeriesLine, _ cells: MetricCells) -> (first: String, last: String, low: String, high: String) {
        let values = line.points.map(\.value)
        let present = values.compactMap { value in value.doubleValue.map { (value, $0) } }
        func text(_ value: Scalar?) -> String {
            value.map { ValueText.value($0, unit: cells.result.unit, currency: cells.currency) } ?? "-"
        }
        return (
            text(values.first), text(values.last),
            text(present.min { $0.1 < $1.1 }?.0), text(present.max { $0.1 < $1.1 }?.0)
        )
    }

    // MARK: - Currency

    /// The currency of a money metric: from its value, else its previous value, else the
    /// type of its formula.
    static func currency(of metric: MetricResult, in product: CheckedProduct?) -> String? {
        for value in [metric.value, metric.previous] {
            if case .money(_, let currency) = value { return currency }
        }
        if case .money(let currency)? = product?.metric(metric.id)?.formula.type { return currency }
        return nil
    }
}

/// One health band's row count.
struct HealthBandRow {
    var band: String
    /// The status colour the band is drawn in (nil for rows in error).
    var status: MetricStatus?
    var count: Int

    /// The share of `total` rows, 0...1.
    func share(of total: Int) -> Double {
        total == 0 ? 0 : Double(count) / Double(total)
    }
}

extension HealthSummary {
    /// Every row of the health source: banded, without data, and in error.
    var rowCount: Int { green + yellow + red + noData + errors }
}
