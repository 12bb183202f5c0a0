import Foundation
@testable import KPIEngine
@testable import KPIKit
import KPITestSupport
import Testing

// Golden files for the evaluate reports live in `Fixtures/render/`. To record new output
// after a deliberate change, run
//     KPI_UPDATE_GOLDEN=1 swift test --filter Render
// and read every changed file before committing it.

/// Hand-built evaluations with every case a report must show (a null value, money with a
/// fraction, a change of zero, a change from zero, Japanese labels, a breakdown group
/// without a value, a series with a gap), and the golden-file check.
enum RenderFixture {
    static let updating = ProcessInfo.processInfo.environment["KPI_UPDATE_GOLDEN"] == "1"

    /// `Tests/KPIEngineTests/Fixtures/render`, absolute.
    static let fixtures = Repository.path("Tests/KPIEngineTests/Fixtures/render")

    /// Compares `actual` with the golden file `name` (records it when updating).
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let path = fixtures + "/" + name
        if updating {
            try FileManager.default.createDirectory(atPath: fixtures, withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("missing golden file \(name); run KPI_UPDATE_GOLDEN=1 swift test --filter Render", sourceLocation: sourceLocation)
            return
        }
        #expect(expected == actual, "\(name) differs:\n\(TextDiff.lines(expected: expected, actual: actual))", sourceLocation: sourceLocation)
    }

    // MARK: - Products

    /// The definition the hand-built `shop` evaluation belongs to: labels, the currency of
    /// money metrics, the health bands.
    static let shopYAML = """
        kpi: 1
        product: shop
        name: ブックストア
        team: 書籍CSチーム
        model: subscription
        description: Books by subscription; churn and ARPA carry the weight.
        sources:
          accounts:
            key: id
            fields:
              id: string
              segment: category[smb, ent]
              mrr: money[JPY]
              churned: bool
              logins: int
        metrics:
          churn_rate:
            label: 解約率
            concept: churn
            formula: ratio(count(accounts where churned), count(accounts))
            unit: percent
            direction: lower
            target: 0.02
            thresholds: { green: 0.02, yellow: 0.05 }
            weight: 30
          arpa:
            label: ARPA
            concept: revenue
            formula: avg(mrr)
            unit: money
            target: 50000
            thresholds: { green: 50000, yellow: 30000 }
            weight: 20
          active:
            label: Active accounts
            formula: count(accounts where not churned)
            unit: count
          days_to_value:
            label: Days to first value
            concept: onboarding
            formula: avg(logins)
            unit: days
            direction: lower
            target: 14
            thresholds: { green: 14, yellow: 30 }
            weight: 10
          nps:
            label: NPS
            concept: satisfaction
            formula: avg(logins)
            unit: score
            target: 30
            weight: 40
          upsell:
            label: Upsell revenue, new | existing
            concept: expansion
            formula: sum(mrr)
            unit: money
        health:
          source: accounts
          components:
            usage: { value: logins, scale: { 0: 0, 20: 100 }, weight: 1 }
          bands: { green: 70, yellow: 40 }
        signals:
          at_risk:
            label: 要フォロー
            kind: proactive
            when: health.band == "red"
            action: CSM call within 7 days
          cancel:
            label: Cancellation notice
            kind: reactive
            when: churned
            action: Call within 24 hours
        """

    static let opsYAML = """
        kpi: 1
        product: ops
        model: one-time
        sources:
          orders:
            key: id
            fields: { id: string, amount: money[USD], late: bool }
        metrics:
          revenue:
            formula: sum(amount)
            unit: money
            target: 10000
            thresholds: { green: 10000, yellow: 5000 }
            weight: 1
          late_rate:
            formula: ratio(count(orders where late), count(orders))
            unit: percent
            direction: lower
        """

    /// The checked `shop` and `ops` products.
    static func products() throws -> [CheckedProduct] {
        let check = TestCatalog.check(files: [("shop.yaml", shopYAML), ("ops.yaml", opsYAML)])
        let errors = check.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(TestCatalog.renderedErrors(check))")
        return check.catalog.products
    }

    // MARK: - Evaluations

    static let october = try! Period(parsing: "2026-10")

    static func yen(_ text: String) -> Scalar { .money(Decimal(string: text)!, currency: "JPY") }
    static func dollars(_ text: String) -> Scalar { .money(Decimal(string: text)!, currency: "USD") }

    private static let nowhere = SourceFile(path: "shop.yaml", text: "")

    static func thresholds(_ green: Double, _ yellow: Double) -> Thresholds {
        Thresholds(green: green, yellow: yellow, range: SourceRange(file: nowhere, start: .init(line: 1, column: 1), end: .init(line: 1, column: 1)))
    }

    static func metric(
        _ id: String, label: String?, concept: String? = nil, unit: MetricUnit?, direction: Direction = .higher,
        value: Scalar, status: MetricStatus? = nil, score: Double? = nil, weight: Double? = nil, share: Double? = nil,
        target: Double? = nil, thresholds: Thresholds? = nil, previous: Scalar = .null, change: Change? = nil
    ) -> MetricResult {
        MetricResult(
            id: id, label: label, concept: concept, unit: unit, direction: direction, value: value, status: status,
            score: score, weight: weight, share: share, target: target, thresholds: thresholds, previous: previous,
            change: change)
    }

    /// The metrics of `shop` in October 2026, with hand-picked values:
    /// - churn 3.12% (yellow, lower is better), up 0.62 points from 2.5%: worse;
    /// - ARPA ¥48,765.4321 (shown ¥48,765), up ¥3,764.9321 (+8.4%);
    /// - 1,234 active accounts, unchanged;
    /// - 12.345 days to value (green), down 2.655 days from 15;
    /// - NPS without data (no-data; its weight uncovered);
    /// - upsell ¥1,234,567.5 (shown ¥1,234,568) from ¥0: no relative change.
    static func shopMetrics() -> [MetricResult] {
        [
            metric("churn_rate", label: "解約率", concept: "churn", unit: .percent, direction: .lower, value: .number(0.0312),
                   status: .yellow, score: 100 * 0.02 / 0.0312, weight: 30, share: 0.3, target: 0.02, thresholds: thresholds(0.02, 0.05),
                   previous: .number(0.025), change: Change(absolute: .number(0.0062), relative: 0.248)),
            metric("arpa", label: "ARPA", concept: "revenue", unit: .money, value: yen("48765.4321"), status: .yellow,
                   score: 100 * 48765.4321 / 50000, weight: 20, share: 0.2, target: 50000, thresholds: thresholds(50000, 30000),
                   previous: yen("45000.5"), change: Change(absolute: yen("3764.9321"), relative: 3764.9321 / 45000.5)),
            metric("active", label: "Active accounts", unit: .count, value: .int(1234), previous: .int(1234),
                   change: Change(absolute: .int(0), relative: 0)),
            metric("days_to_value", label: "Days to first value", concept: "onboarding", unit: .days, direction: .lower,
                   value: .number(12.345), status: .green, score: 100, weight: 10, share: 0.1, target: 14,
                   thresholds: thresholds(14, 30), previous: .number(15), change: Change(absolute: .number(-2.655), relative: -2.655 / 15)),
            metric("nps", label: "NPS", concept: "satisfaction", unit: .score, value: .null, status: .noData, weight: 40, share: 0.4,
                   target: 30, previous: .number(12)),
            metric("upsell", label: "Upsell revenue, new | existing", concept: "expansion", unit: .money, value: yen("1234567.5"),
                   previous: yen("0"), change: Change(absolute: yen("1234567.5"), relative: nil)),
        ]
    }

    /// `shop` with health, signals, a breakdown by segment (smb, ent, and rows without a
    /// segment) and a three-month series with a gap.
    static func shop() -> ProductEvaluation {
        let metrics = shopMetrics()
        // (30 x 64.1025... + 20 x 97.5308... + 10 x 100) / 60: NPS has no data.
        let score = (30 * metrics[0].score! + 20 * metrics[1].score! + 10 * 100) / 60
        let august = try! Period(parsing: "2026-08")
        let september = try! Period(parsing: "2026-09")
        func group(_ value: Scalar, rows: Int, churn: Double?, arpa: String?, score: Double?) -> BreakdownGroup {
            var own = metrics.map { metric -> MetricResult in
                var copy = metric
                copy.previous = .null
                copy.change = nil
                return copy
            }
            own[0].value = churn.map(Scalar.number) ?? .null
            own[0].status = churn.map { $0 <= 0.02 ? .green : $0 <= 0.05 ? .yellow : .red } ?? .noData
            own[0].score = churn.map { $0 <= 0.02 ? 100 : 100 * 0.02 / $0 }
            own[1].value = arpa.map(yen) ?? .null
            own[1].status = arpa.map { Decimal(string: $0)! >= 50000 ? .green : Decimal(string: $0)! >= 30000 ? .yellow : .red } ?? .noData
            own[1].score = arpa.map { min(100, 100 * Double($0)! / 50000) }
            return BreakdownGroup(value: value, rows: rows, metrics: own, scorecard: Scorecard(score: score, coverage: 0.6, totalWeight: 100))
        }
        func line(_ id: String, _ values: [Scalar]) -> SeriesLine {
            SeriesLine(id: id, points: zip([august, september, october], values).map { SeriesPoint(period: $0, value: $1, change: nil) })
        }
        return ProductEvaluation(
            product: "shop", name: "ブックストア", period: october, previousPeriod: october.previous, metrics: metrics,
            scorecard: Scorecard(score: score, coverage: 0.6, totalWeight: 100),
            health: HealthSummary(green: 3, yellow: 2, red: 1, noData: 1, errors: 0, mean: 58.25),
            signals: [
                SignalResult(id: "at_risk", label: "要フォロー", kind: .proactive, action: "CSM call within 7 days", source: "accounts",
                             count: 7, keys: ["A1", "A2", "A3", "A4", "A5", "A6", "A7"]),
                SignalResult(id: "cancel", label: "Cancellation notice", kind: .reactive, action: "Call within 24 hours", source: "accounts",
                             count: 0, keys: []),
            ],
            breakdown: Breakdown(field: "segment", source: "accounts", groups: [
                group(.string("smb"), rows: 4, churn: 0.05, arpa: "30000.25", score: 70.5),
                group(.string("ent"), rows: 2, churn: 0.01, arpa: "125000", score: 96),
                group(.null, rows: 1, churn: nil, arpa: nil, score: nil),
            ]),
            series: Series(periods: [august, september, october], metrics: [
                line("churn_rate", [.number(0.02), .number(0.025), .number(0.0312)]),
                line("arpa", [yen("44000"), yen("45000.5"), yen("48765.4321")]),
                line("active", [.int(1200), .int(1234), .int(1234)]),
                line("days_to_value", [.number(20), .null, .number(12.345)]),
                line("nps", [.number(10), .number(12), .null]),
                line("upsell", [yen("0"), yen("0"), yen("1234567.5")]),
            ]),
            diagnostics: [Diagnostic(.warning, "division-by-zero", "metric `churn_rate`: division by zero in 1 row gives null", at: nil, path: "shop.yaml")])
    }

    /// `ops`: US dollars, no health, no signals, no series.
    static func ops() -> ProductEvaluation {
        ProductEvaluation(
            product: "ops", name: nil, period: october, previousPeriod: october.previous,
            metrics: [
                metric("revenue", label: nil, unit: .money, value: dollars("12345.675"), status: .green, score: 100, weight: 1, share: 1,
                       target: 10000, thresholds: thresholds(10000, 5000), previous: dollars("13000"),
                       change: Change(absolute: dollars("-654.325"), relative: -654.325 / 13000)),
                metric("late_rate", label: nil, unit: .percent, direction: .lower, value: .number(0.1), previous: .number(0.1),
                       change: Change(absolute: .number(0), relative: 0)),
            ],
            scorecard: Scorecard(score: 100, coverage: 1, totalWeight: 1), health: nil, signals: [], breakdown: nil, series: nil,
            diagnostics: [])
    }
}
