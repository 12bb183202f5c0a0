import Foundation

/// The inline SVG charts of the HTML report: one `<svg>` per chart kind and product, each
/// with a class naming the kind (`scorecard`, `health`, `shares`, `bullets`, `trends`),
/// `role="img"` and a label, and a `<title>` on every mark for a tooltip.
///
/// Every length is linear in the value it draws, from a zero at the chart's left edge:
/// a bullet's value bar is `value / high x bulletWidth` wide and its target marker
/// centred at `target / high x bulletWidth`, so the two stand in the ratio value : target.
extension EvaluationHTMLRenderer {
    // MARK: - Colours

    /// The fill of a status: segments, dots and the scorecard's colour key.
    static func fill(_ status: MetricStatus?) -> String {
        switch status {
        case .green: return "#2da44e"
        case .yellow: return "#e3b341"
        case .red: return "#d1242f"
        case .noData: return "#d0d7de"
        case nil: return "#8c959f"
        }
    }

    /// The tints of a bullet chart's zones.
    static func zone(_ status: MetricStatus?) -> String {
        switch status {
        case .green: return "#cdeccf"
        case .yellow: return "#fdedb5"
        case .red: return "#fdd8d3"
        case .noData, nil: return "#eaeef2"
        }
    }

    // MARK: - Scorecard

    static let gaugeRadius = 78.0
    static let gaugeStroke = 18.0

    /// A half-circle gauge of the score (0...100), with the coverage as a bar under it.
    static func scorecardChart(_ card: Scorecard) -> String {
        let width = 240.0
        let height = 160.0
        let cx = width / 2
        let cy = 100.0
        let r = gaugeRadius
        func point(_ fraction: Double) -> (Double, Double) {
            let angle = Double.pi * (1 - min(max(fraction, 0), 1))
            return (cx + r * cos(angle), cy - r * sin(angle))
        }
        func arc(to fraction: Double) -> String {
            let (x0, y0) = point(0)
            let (x1, y1) = point(fraction)
            return "M \(n(x0)) \(n(y0)) A \(n(r)) \(n(r)) 0 0 1 \(n(x1)) \(n(y1))"
        }
        let label = "Scorecard \(card.score.map { ValueText.score($0) + " of 100" } ?? "not scored"), coverage \(card.coverage.map(ValueText.share) ?? "-")"
        var out = "<svg class=\"scorecard\" role=\"img\" aria-label=\"\(HTMLText.escape(label))\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\">\n"
        out += "<path class=\"track\" d=\"\(arc(to: 1))\" fill=\"none\" stroke=\"#eaeef2\" stroke-width=\"\(n(gaugeStroke))\"/>\n"
        if let score = card.score, score > 0 {
            out += "<path class=\"score\" d=\"\(arc(to: score / 100))\" fill=\"none\" stroke=\"#0969da\" stroke-width=\"\(n(gaugeStroke))\"><title>score \(ValueText.score(score)) of 100</title></path>\n"
        }
        out += "<text class=\"big\" x=\"\(n(cx))\" y=\"\(n(cy - 8))\" text-anchor=\"middle\">\(card.score.map(ValueText.score) ?? "–")</text>\n"
        out += "<text class=\"small\" x=\"\(n(cx))\" y=\"\(n(cy + 10))\" text-anchor=\"middle\">of 100</text>\n"
        out += "<text class=\"small\" x=\"\(n(cx - r))\" y=\"\(n(cy + 16))\" text-anchor=\"middle\">0</text>\n"
        out += "<text class=\"small\" x=\"\(n(cx + r))\" y=\"\(n(cy + 16))\" text-anchor=\"middle\">100</text>\n"
        // Coverage: the share of the weight the score stands on.
        let barX = 20.0
        let barWidth = width - 40
        let barY = cy + 46
        out += "<text class=\"small\" x=\"\(n(barX))\" y=\"\(n(barY - 5))\">coverage \(card.coverage.map(ValueText.share) ?? "-")</text>\n"
        out += "<rect class=\"track\" x=\"\(n(barX))\" y=\"\(n(barY))\" width=\"\(n(barWidth))\" height=\"10\" fill=\"#eaeef2\"/>\n"
        if let coverage = card.coverage, coverage > 0 {
            out += "<rect class=\"coverage\" x=\"\(n(barX))\" y=\"\(n(barY))\" width=\"\(n(barWidth * min(coverage, 1)))\" height=\"10\" fill=\"#54aeff\"><title>coverage \(ValueText.share(coverage))</title></rect>\n"
        }
        return out + "</svg>\n"
    }

    // MARK: - Health

    static let healthWidth = 460.0

    /// The health bands as one stacked bar with the row counts, and the mean score on a
    /// 0...100 strip tinted by the bands.
    static func healthChart(_ health: HealthSummary, rows: [HealthBandRow], bands: (green: Double, yellow: Double)?) -> String {
        let width = healthWidth
        let height = 120.0
        let total = health.rowCount
        let label = rows.map { "\($0.band) \($0.count)" }.joined(separator: ", ") + ", mean score \(health.mean.map(ValueText.score) ?? "-")"
        var out = "<svg class=\"health\" role=\"img\" aria-label=\"Health bands: \(HTMLText.escape(label))\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\">\n"
        out += "<text class=\"small\" x=\"0\" y=\"12\">rows by band</text>\n"
        var x = 0.0
        for row in rows where row.count > 0 && total > 0 {
            let share = row.share(of: total)
            let segment = share * width
            let color = row.status.map { fill($0) } ?? "#57606a"
            out += "<rect class=\"band \(row.band)\" x=\"\(n(x))\" y=\"18\" width=\"\(n(segment))\" height=\"30\" fill=\"\(color)\" stroke=\"#fff\" stroke-width=\"1\"><title>\(row.band): \(row.count) (\(ValueText.share(share)))</title></rect>\n"
            let text = "\(ValueText.grouped(String(row.count), negative: false)) · \(ValueText.fixed(share * 100, digits: 0))%"
            let short = ValueText.grouped(String(row.count), negative: false)
            let shown = HTMLText.estimatedWidth(text, fontSize: 12) + 8 <= segment ? text
                : HTMLText.estimatedWidth(short, fontSize: 12) + 6 <= segment ? short : nil
            if let shown {
                let ink = row.status == .red || row.status == nil ? "#fff" : "#1f2328"
                out += "<text class=\"inside\" x=\"\(n(x + segment / 2))\" y=\"38\" text-anchor=\"middle\" fill=\"\(ink)\">\(shown)</text>\n"
            }
            x += segment
        }
        if total == 0 { out += "<text class=\"small\" x=\"0\" y=\"38\">no rows</text>\n" }
        // The mean on the 0...100 scale, the bands tinted behind it.
        let stripY = 84.0
        out += "<text class=\"small\" x=\"0\" y=\"\(n(stripY - 8))\">mean score \(health.mean.map(ValueText.score) ?? "-") on 0–100</text>\n"
        if let bands {
            let zones: [(MetricStatus, Double, Double)] = [(.red, 0, bands.yellow), (.yellow, bands.yellow, bands.green), (.green, bands.green, 100)]
            for (status, from, to) in zones where to > from {
                out += "<rect class=\"zone \(status.rawValue)\" x=\"\(n(from / 100 * width))\" y=\"\(n(stripY))\" width=\"\(n((to - from) / 100 * width))\" height=\"14\" fill=\"\(zone(status))\"/>\n"
            }
        } else {
            out += "<rect class=\"zone\" x=\"0\" y=\"\(n(stripY))\" width=\"\(n(width))\" height=\"14\" fill=\"\(zone(nil))\"/>\n"
        }
        if let mean = health.mean {
            let mx = min(max(mean, 0), 100) / 100 * width
            out += "<rect class=\"mean\" x=\"\(n(min(max(mx - 1.5, 0), width - 3)))\" y=\"\(n(stripY - 4))\" width=\"3\" height=\"22\" fill=\"#1f2328\"><title>mean \(ValueText.score(mean))</title></rect>\n"
        }
        for tick in [0.0, 50, 100] {
            let anchor = tick == 0 ? "start" : tick == 100 ? "end" : "middle"
            out += "<text class=\"small\" x=\"\(n(tick / 100 * width))\" y=\"\(n(stripY + 28))\" text-anchor=\"\(anchor)\">\(Int(tick))</text>\n"
        }
        return out + "</svg>\n"
    }

    // MARK: - Weight shares

    static let sharesWidth = 910.0

    /// One bar, a segment per weighted metric (`share x sharesWidth` wide) in the colour
    /// of its status, the share written on segments wide enough for it.
    static func sharesChart(_ metrics: [MetricCells]) -> String {
        let width = sharesWidth
        let height = 40.0
        var out = "<svg class=\"shares\" role=\"img\" aria-label=\"Weight share by metric, coloured by status\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\">\n"
        var x = 0.0
        for cells in metrics {
            guard let share = cells.result.share, share > 0 else { continue }
            let segment = share * width
            out += "<rect class=\"share \(cells.result.status?.rawValue ?? "unrated")\" x=\"\(n(x))\" y=\"4\" width=\"\(n(segment))\" height=\"32\" fill=\"\(fill(cells.result.status))\" stroke=\"#fff\" stroke-width=\"1.5\">"
            out += "<title>\(HTMLText.escape(cells.label)): \(cells.share) of the weight, \(cells.status)</title></rect>\n"
            let text = ValueText.fixed(share * 100, digits: 0) + "%"
            if HTMLText.estimatedWidth(text, fontSize: 12) + 6 <= segment {
                let ink = cells.result.status == .red || cells.result.status == nil ? "#fff" : "#1f2328"
                out += "<text class=\"inside\" x=\"\(n(x + segment / 2))\" y=\"25\" text-anchor=\"middle\" fill=\"\(ink)\">\(text)</text>\n"
            }
            x += segment
        }
        return out + "</svg>\n"
    }

    // MARK: - Bullet charts

    /// The width of a bullet's scale (its zones), left of the value column.
    static let bulletWidth = 720.0
    static let bulletRowHeight = 50.0
    static let bulletValueColumn = 190.0

    /// The span a metric's bullet draws: from `low` (0, or the smallest value below it) to
    /// `high` (the largest of value, target and thresholds, plus 15% room; a percentage
    /// that stays within 100% ends at 100% at most). Nil for a metric with neither a
    /// target nor thresholds: there is nothing to compare its value with.
    struct BulletScale {
        var low: Double
        var high: Double

        /// The x of `value`, 0...`bulletWidth`.
        func x(_ value: Double) -> Double {
            (min(max(value, low), high) - low) / (high - low) * EvaluationHTMLRenderer.bulletWidth
        }
    }

    static func bulletScale(_ metric: MetricResult) -> BulletScale? {
        var points = [metric.target, metric.thresholds?.green, metric.thresholds?.yellow].compactMap { $0 }
        guard !points.isEmpty else { return nil }
        if let value = metric.value.doubleValue, value.isFinite { points.append(value) }
        let top = points.max()!
        let low = min(0, points.min()!)
        var high = top + (top - low) * 0.15
        if metric.unit == .percent, top <= 1, high > 1 { high = 1 }
        if high <= low { high = low + 1 }
        return BulletScale(low: low, high: high)
    }

    /// A bullet chart per metric, one row each: the label, the zones red / yellow / green
    /// behind (direction aware), the value as a dark bar, the target as a blue marker, and
    /// the value with a status dot at the right.
    static func bulletChart(_ metrics: [MetricCells]) -> String {
        let width = bulletWidth + bulletValueColumn
        let height = Double(metrics.count) * bulletRowHeight
        var out = "<svg class=\"bullets\" role=\"img\" aria-label=\"Each metric's value against its target and thresholds\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\">\n"
        for (row, cells) in metrics.enumerated() {
            guard let scale = bulletScale(cells.result) else { continue }
            let metric = cells.result
            let y = Double(row) * bulletRowHeight
            out += "<g class=\"bullet\" data-metric=\"\(HTMLText.escape(cells.id))\">\n"
            // The label line: label, then target and thresholds in grey.
            var detail: [String] = []
            if metric.target != nil { detail.append("target \(cells.target)") }
            if metric.thresholds != nil { detail.append("green / yellow \(cells.thresholds)") }
            let detailText = detail.joined(separator: " · ")
            let room = width - HTMLText.estimatedWidth("  " + detailText, fontSize: 11) - 4
            let label = HTMLText.fitting(cells.label, width: max(room, width * 0.4), fontSize: 13)
            out += "<text class=\"label\" x=\"0\" y=\"\(n(y + 14))\"><title>\(HTMLText.escape(cells.label))</title>\(HTMLText.escape(label))<tspan class=\"detail\" dx=\"8\">\(HTMLText.escape(detailText))</tspan></text>\n"
            // The zones.
            let bandTop = y + 21
            let bandHeight = 20.0
            for (status, from, to) in zones(metric, scale) where to > from {
                out += "<rect class=\"zone \(status?.rawValue ?? "none")\" x=\"\(n(scale.x(from)))\" y=\"\(n(bandTop))\" width=\"\(n(scale.x(to) - scale.x(from)))\" height=\"\(n(bandHeight))\" fill=\"\(zone(status))\"/>\n"
            }
            // The value bar, from zero.
            if let value = metric.value.doubleValue, value.isFinite {
                let zero = scale.x(0)
                let end = scale.x(value)
                out += "<rect class=\"value\" x=\"\(n(min(zero, end)))\" y=\"\(n(bandTop + 6))\" width=\"\(n(abs(end - zero)))\" height=\"8\" fill=\"#24292f\"><title>value \(HTMLText.escape(cells.value))</title></rect>\n"
            }
            if let target = metric.target {
                let tx = scale.x(target)
                out += "<rect class=\"target\" x=\"\(n(tx - 1.5))\" y=\"\(n(bandTop - 3))\" width=\"3\" height=\"\(n(bandHeight + 6))\" fill=\"#0969da\"><title>target \(HTMLText.escape(cells.target))</title></rect>\n"
            }
            // The value and its status at the right.
            let vx = bulletWidth + 14
            out += "<circle cx=\"\(n(vx + 5))\" cy=\"\(n(bandTop + 10))\" r=\"5.5\" fill=\"\(fill(metric.status))\"/>\n"
            let valueText = HTMLText.fitting(cells.value, width: bulletValueColumn - 30, fontSize: 14)
            out += "<text class=\"value\(metric.value.isNull ? " muted" : "")\" x=\"\(n(vx + 16))\" y=\"\(n(bandTop + 15))\">\(HTMLText.escape(valueText))</text>\n"
            out += "</g>\n"
        }
        return out + "</svg>\n"
    }

    /// The zones of a bullet, low to high: for `higher`, red below yellow, yellow up to
    /// green, green above; for `lower` the other way round. Without thresholds, one grey
    /// zone.
    static func zones(_ metric: MetricResult, _ scale: BulletScale) -> [(MetricStatus?, Double, Double)] {
        guard let thresholds = metric.thresholds else { return [(nil, scale.low, scale.high)] }
        func clamp(_ v: Double) -> Double { min(max(v, scale.low), scale.high) }
        switch metric.direction {
        case .higher:
            let yellow = clamp(thresholds.yellow)
            let green = clamp(max(thresholds.green, thresholds.yellow))
            return [(.red, scale.low, yellow), (.yellow, yellow, green), (.green, green, scale.high)]
        case .lower:
            let green = clamp(thresholds.green)
            let yellow = clamp(max(thresholds.yellow, thresholds.green))
            return [(.green, scale.low, green), (.yellow, green, yellow), (.red, yellow, scale.high)]
        }
    }

    // MARK: - Trends

    static let trendColumns = 3
    static let trendCellWidth = 370.0
    static let trendCellHeight = 74.0
    static let trendLineWidth = 240.0

    /// Small multiples, three per row: each metric's label, its line over the periods
    /// (scaled to its own low and high; gaps for no data) and its latest value.
    static func trendChart(_ lines: [(line: SeriesLine, cells: MetricCells)]) -> String {
        let rows = (lines.count + trendColumns - 1) / trendColumns
        let width = Double(trendColumns) * trendCellWidth
        let height = Double(rows) * trendCellHeight
        var out = "<svg class=\"trends\" role=\"img\" aria-label=\"Trend of each metric over the periods\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\">\n"
        for (index, (line, cells)) in lines.enumerated() {
            let x0 = Double(index % trendColumns) * trendCellWidth
            let y0 = Double(index / trendColumns) * trendCellHeight
            let label = HTMLText.fitting(cells.label, width: trendCellWidth - 24, fontSize: 12)
            out += "<g class=\"trend\" data-metric=\"\(HTMLText.escape(cells.id))\">\n"
            out += "<text class=\"label\" x=\"\(n(x0))\" y=\"\(n(y0 + 14))\"><title>\(HTMLText.escape(cells.label))</title>\(HTMLText.escape(label))</text>\n"
            let values = line.points.map { $0.value.doubleValue.flatMap { $0.isFinite ? $0 : nil } }
            let present = values.compactMap { $0 }
            let top = y0 + 24
            let lineHeight = 38.0
            out += "<rect class=\"frame\" x=\"\(n(x0))\" y=\"\(n(top - 2))\" width=\"\(n(trendLineWidth))\" height=\"\(n(lineHeight + 4))\" fill=\"#f6f8fa\"/>\n"
            if let low = present.min(), let high = present.max() {
                let step = values.count > 1 ? (trendLineWidth - 8) / Double(values.count - 1) : 0
                func point(_ i: Int, _ v: Double) -> (Double, Double) {
                    let x = x0 + 4 + Double(i) * step
                    let y = high > low ? top + lineHeight - (v - low) / (high - low) * lineHeight : top + lineHeight / 2
                    return (x, y)
                }
                // One polyline per run of values without a gap.
                var run: [(Double, Double)] = []
                func flush() {
                    if run.count > 1 {
                        out += "<polyline points=\"\(run.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " "))\" fill=\"none\" stroke=\"#0969da\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n"
                    } else if let only = run.first {
                        out += "<circle cx=\"\(n(only.0))\" cy=\"\(n(only.1))\" r=\"2\" fill=\"#0969da\"/>\n"
                    }
                    run = []
                }
                for (i, value) in values.enumerated() {
                    guard let value else { flush(); continue }
                    run.append(point(i, value))
                }
                flush()
                if let lastIndex = values.lastIndex(where: { $0 != nil }), let last = values[lastIndex] {
                    let (lx, ly) = point(lastIndex, last)
                    out += "<circle cx=\"\(n(lx))\" cy=\"\(n(ly))\" r=\"3.5\" fill=\"\(fill(cells.result.status))\" stroke=\"#1f2328\" stroke-width=\"0.8\"/>\n"
                }
            } else {
                out += "<text class=\"small\" x=\"\(n(x0 + 8))\" y=\"\(n(top + 24))\">no data</text>\n"
            }
            let latest = line.points.last.map { ValueText.value($0.value, unit: cells.result.unit, currency: cells.currency) } ?? ValueText.noData
            let latestText = HTMLText.fitting(latest, width: trendCellWidth - trendLineWidth - 24, fontSize: 13)
            out += "<text class=\"value\" x=\"\(n(x0 + trendLineWidth + 10))\" y=\"\(n(top + 16))\">\(HTMLText.escape(latestText))</text>\n"
            if let first = line.points.first {
                let from = "from " + ValueText.value(first.value, unit: cells.result.unit, currency: cells.currency)
                out += "<text class=\"small\" x=\"\(n(x0 + trendLineWidth + 10))\" y=\"\(n(top + 33))\">\(HTMLText.escape(HTMLText.fitting(from, width: trendCellWidth - trendLineWidth - 24, fontSize: 11)))</text>\n"
            }
            out += "</g>\n"
        }
        return out + "</svg>\n"
    }

    /// A coordinate, two decimals at most.
    private static func n(_ value: Double) -> String {
        HTMLText.number(value)
    }
}
