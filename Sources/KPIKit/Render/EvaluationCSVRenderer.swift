/// Renders evaluations as CSV (`--format csv`): one row per product, period and metric,
/// for spreadsheets and BI tools.
///
/// The shape (RFC 4180: a header row, fields quoted when they hold a comma, a quote or a
/// line break, quotes doubled, lines ending in CRLF; UTF-8 without a byte-order mark):
///
///     product,period_start,period_end,metric,label,concept,value,unit,status,score,weight,
///     share,target,previous,change,change_relative,currency,by,group,group_rows
///
/// - Numbers are exact, never rounded for display, as in the JSON: money is its plain
///   decimal amount (`175782.80542986425`) with its ISO code in `currency`; a percent is
///   the fraction (`0.125`); no thousands separators, `.` as the decimal point.
/// - `period_end` is exclusive (`period.end`, as in the JSON); an empty field is null.
/// - For each product, in this order: with `--periods`, the rows of the earlier periods
///   of the series, oldest first (value, previous, change; `status` and `score` empty,
///   as the series does not compute them); the rows of the evaluated period; with `--by`,
///   a row per group and metric, `by` naming the field or segment, `group` its value
///   (empty for rows without a value), `group_rows` the rows of the group, and `previous`
///   and `change` empty. `by`, `group` and `group_rows` are empty on the other rows.
/// - Health bands and signals are not in the CSV; the JSON has them.
struct EvaluationCSVRenderer {
    static let columns = [
        "product", "period_start", "period_end", "metric", "label", "concept", "value", "unit", "status", "score",
        "weight", "share", "target", "previous", "change", "change_relative", "currency", "by", "group", "group_rows",
    ]

    /// The CSV, every line (the last too) ending in CRLF.
    func render(_ reports: [ProductReport]) -> String {
        var out = Self.line(Self.columns)
        for report in reports {
            let evaluation = report.evaluation
            // A metric's currency, the same on all its rows (a group without data too).
            var currencies: [String: String] = [:]
            for cells in report.metrics { currencies[cells.id] = cells.currency }
            func row(
                _ period: Period, _ metric: MetricResult, value: Scalar, status: MetricStatus?, score: Double?,
                previous: Scalar?, change: Change?, group: (by: String, value: Scalar, rows: Int)? = nil
            ) -> String {
                Self.row(evaluation.product, period, metric, currency: currencies[metric.id], value: value, status: status,
                         score: score, previous: previous, change: change, group: group)
            }
            if let series = evaluation.series {
                for (index, period) in series.periods.enumerated() where period != evaluation.period {
                    for line in series.metrics {
                        guard let metric = evaluation.metric(line.id), index < line.points.count else { continue }
                        let point = line.points[index]
                        let previous = index > 0 ? line.points[index - 1].value : nil
                        out += row(period, metric, value: point.value, status: nil, score: nil,
                                   previous: previous, change: point.change)
                    }
                }
            }
            for metric in evaluation.metrics {
                out += row(evaluation.period, metric, value: metric.value, status: metric.status,
                           score: metric.score, previous: metric.previous, change: metric.change)
            }
            if let breakdown = evaluation.breakdown {
                for group in breakdown.groups {
                    for metric in group.metrics {
                        out += row(evaluation.period, metric, value: metric.value, status: metric.status,
                                   score: metric.score, previous: nil, change: nil,
                                   group: (breakdown.field, group.value, group.rows))
                    }
                }
            }
        }
        return out
    }

    // MARK: - Rows

    private static func row(
        _ product: String, _ period: Period, _ metric: MetricResult, currency: String?, value: Scalar, status: MetricStatus?,
        score: Double?, previous: Scalar?, change: Change?, group: (by: String, value: Scalar, rows: Int)?
    ) -> String {
        line([
            product, period.startDate, period.endDate, metric.id, metric.label ?? "", metric.concept ?? "",
            text(value), metric.unit?.rawValue ?? "", status?.rawValue ?? "", number(score),
            number(metric.weight), number(metric.share), number(metric.target),
            previous.map(text) ?? "", change.map { text($0.absolute) } ?? "", number(change?.relative),
            currency ?? "", group?.by ?? "", group.map { text($0.value) } ?? "", group.map { String($0.rows) } ?? "",
        ])
    }

    // MARK: - Fields

    /// A value in full: money as its exact decimal, dates `YYYY-MM-DD`, null empty.
    static func text(_ value: Scalar) -> String {
        switch value {
        case .null: return ""
        case .money(let amount, _): return EvaluationJSON.decimalText(amount)
        case .number(let double): return number(double)
        default: return value.text
        }
    }

    /// A double as the shortest text that reads back to it; empty for nil (and for NaN or
    /// infinity, which have no value to give).
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return JSONWriter.number(value)
    }

    /// One record: the fields quoted where RFC 4180 requires it, joined by commas, CRLF.
    static func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\r\n"
    }

    /// A field, in double quotes (with quotes doubled) when it holds a comma, a quote, a
    /// line break, or space at either end.
    static func quoted(_ field: String) -> String {
        let needsQuotes = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || field.first == " " || field.last == " "
        guard needsQuotes else { return field }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }
}
