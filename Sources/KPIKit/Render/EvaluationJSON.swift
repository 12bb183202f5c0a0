import Foundation

/// The JSON of `kpi evaluate` (dsl.md, "Command line"): one object per product, or
/// `{"products": [...]}` for several. Numbers are JSON numbers, never rounded for display;
/// money is its exact decimal amount; dates are `YYYY-MM-DD`; no data is `null`.
public enum EvaluationJSON {
    /// - Parameters:
    ///   - evaluations: one per product, in the order asked for.
    ///   - wrapSingle: write `{"products": [...]}` even for one product.
    public static func render(_ evaluations: [ProductEvaluation], wrapSingle: Bool = false) -> String {
        var writer = JSONWriter()
        if evaluations.count == 1, !wrapSingle, let only = evaluations.first {
            write(only, to: &writer)
        } else {
            writer.object { w in
                w.key("products")
                w.array { w in
                    for evaluation in evaluations { write(evaluation, to: &w) }
                }
            }
        }
        return writer.output + "\n"
    }

    static func write(_ e: ProductEvaluation, to w: inout JSONWriter) {
        w.object { w in
            w.key("product"); w.string(e.product)
            w.key("name"); w.string(e.name)
            w.key("period"); period(e.period, &w)
            w.key("previous_period"); period(e.previousPeriod, &w)
            w.key("metrics")
            w.object { w in
                for metric in e.metrics {
                    w.key(metric.id)
                    self.metric(metric, &w, withPrevious: true)
                }
            }
            w.key("scorecard"); scorecard(e.scorecard, &w)
            w.key("health")
            if let health = e.health {
                w.object { w in
                    w.key("bands")
                    w.object { w in
                        w.key("green"); w.int(health.green)
                        w.key("yellow"); w.int(health.yellow)
                        w.key("red"); w.int(health.red)
                    }
                    w.key("no_data"); w.int(health.noData)
                    w.key("errors"); w.int(health.errors)
                    w.key("mean"); w.double(health.mean)
                }
            } else {
                w.null()
            }
            w.key("signals")
            w.object { w in
                for signal in e.signals {
                    w.key(signal.id)
                    w.object { w in
                        w.key("kind"); w.string(signal.kind.rawValue)
                        w.key("label"); w.string(signal.label)
                        w.key("action"); w.string(signal.action)
                        w.key("source"); w.string(signal.source)
                        w.key("count"); w.int(signal.count)
                        w.key("keys"); w.array { w in for key in signal.keys { w.string(key) } }
                    }
                }
            }
            if let breakdown = e.breakdown {
                w.key("breakdown")
                w.object { w in
                    w.key("by"); w.string(breakdown.field)
                    w.key("source"); w.string(breakdown.source)
                    w.key("groups")
                    w.array { w in
                        for group in breakdown.groups {
                            w.object { w in
                                w.key("value"); scalar(group.value, &w)
                                w.key("rows"); w.int(group.rows)
                                w.key("metrics")
                                w.object { w in
                                    for metric in group.metrics {
                                        w.key(metric.id)
                                        self.metric(metric, &w, withPrevious: false)
                                    }
                                }
                                w.key("scorecard"); scorecard(group.scorecard, &w)
                            }
                        }
                    }
                }
            }
            if let series = e.series {
                w.key("series")
                w.object { w in
                    w.key("periods"); w.array { w in for p in series.periods { period(p, &w) } }
                    w.key("metrics")
                    w.object { w in
                        for line in series.metrics {
                            w.key(line.id)
                            w.array { w in
                                for point in line.points {
                                    w.object { w in
                                        w.key("start"); w.string(point.period.startDate)
                                        w.key("value"); scalar(point.value, &w)
                                        w.key("change"); change(point.change, &w)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            w.key("diagnostics")
            w.array { w in
                for diagnostic in e.diagnostics {
                    w.object { w in
                        w.key("severity"); w.string(diagnostic.severity.rawValue)
                        w.key("code"); w.string(diagnostic.code)
                        w.key("message"); w.string(diagnostic.message)
                        w.key("location"); w.string(diagnostic.range == nil ? diagnostic.path : diagnostic.locationDescription)
                    }
                }
            }
        }
    }

    static func metric(_ m: MetricResult, _ w: inout JSONWriter, withPrevious: Bool) {
        w.object { w in
            w.key("value"); scalar(m.value, &w)
            w.key("unit"); w.string(m.unit?.rawValue)
            w.key("status"); w.string(m.status?.rawValue)
            w.key("score"); w.double(m.score)
            w.key("weight"); w.double(m.weight)
            w.key("share"); w.double(m.share)
            w.key("target"); w.double(m.target)
            w.key("thresholds")
            if let t = m.thresholds {
                w.object { w in
                    w.key("green"); w.double(t.green)
                    w.key("yellow"); w.double(t.yellow)
                }
            } else {
                w.null()
            }
            w.key("direction"); w.string(m.direction.rawValue)
            w.key("label"); w.string(m.label)
            w.key("concept"); w.string(m.concept)
            if withPrevious {
                w.key("previous"); scalar(m.previous, &w)
                w.key("change"); change(m.change, &w)
            }
        }
    }

    static func scorecard(_ s: Scorecard, _ w: inout JSONWriter) {
        w.object { w in
            w.key("score"); w.double(s.score)
            w.key("coverage"); w.double(s.coverage)
        }
    }

    static func period(_ p: Period, _ w: inout JSONWriter) {
        w.object { w in
            w.key("start"); w.string(p.startDate)
            w.key("end"); w.string(p.endDate)
        }
    }

    static func change(_ c: Change?, _ w: inout JSONWriter) {
        guard let c else { return w.null() }
        w.object { w in
            w.key("absolute"); scalar(c.absolute, &w)
            w.key("relative"); w.double(c.relative)
        }
    }

    /// A value as JSON: money as its exact decimal amount, dates as `YYYY-MM-DD`.
    static func scalar(_ value: Scalar, _ w: inout JSONWriter) {
        switch value {
        case .null: w.null()
        case .int(let v): w.raw(String(v))
        case .number(let v): w.double(v)
        case .money(let amount, _): w.raw(decimalText(amount))
        case .bool(let v): w.bool(v)
        case .date: w.string(value.text)
        case .string(let v): w.string(v)
        }
    }

    /// A Decimal as a plain JSON number (no exponent, every digit it holds).
    static func decimalText(_ value: Decimal) -> String {
        var copy = value
        return NSDecimalString(&copy, Locale(identifier: "en_US_POSIX"))
    }
}
