import Foundation
@testable import KPIEngine
import KPIKit
import KPITestSupport
import Testing

/// Tables larger than a chunk (`Frame.chunkSize`) go through the chunked and fused paths:
/// their results must equal a plain row-by-row computation, bit for bit, and warnings must
/// count every chunk's rows.
@Suite struct ChunkedEvaluationTests {
    static let n = 30_000

    struct Row {
        var x: Int64?
        var y: Int64
        var cents: Int64
        var day: Int32
        var flag: Bool
        var segment: String
    }

    static let rows: [Row] = (0..<n).map(row)

    static func row(_ i: Int) -> Row {
        let x: Int64? = i % 11 == 0 ? nil : Int64(i % 97)
        let y = Int64(i % 7) - 3
        let cents = Int64(i % 13) * 25
        let day = Fixture.day("2026-01-01") + Int32(i % 365)
        let segment = i % 3 == 0 ? "c" : (i % 2 == 0 ? "a" : "b")
        return Row(x: x, y: y, cents: cents, day: day, flag: i % 3 == 0 || i % 5 == 0, segment: segment)
    }

    static let yaml = """
    kpi: 1
    product: big
    model: subscription
    sources:
      accounts:
        key: id
        where: segment != "c"
        fields: { id: string, x: int?, y: int, price: "money[JPY]", cents: int, day: date, flag: bool, segment: "category[a, b, c]" }
    derived:
      accounts.score: x * 2 + y
      accounts.quotient: x / y
    metrics:
      rows: { formula: count(accounts) }
      flagged: { formula: count(accounts where flag) }
      total: { formula: sum(x) }
      mean: { formula: avg(x) }
      smallest: { formula: min(x) }
      largest: { formula: max(x) }
      revenue: { formula: sum(price) }
      average_price: { formula: avg(price) }
      steep: { formula: count(accounts where x / y > 5) }
      b_total: { formula: sum(x where segment == "b") }
      october: { formula: count(accounts where day in period) }
      scores: { formula: sum(score) }
      quotients: { formula: sum(quotient) }
      median_x: { formula: median(x) }
    health:
      source: accounts
      components:
        usage: { value: x, weight: 15 }
        pricing: { value: cents / 10, scale: { 0: 0, 20: 40, 30: 100 }, weight: 10 }
        flagged: { value: flag, weight: 5 }
      bands: { green: 70, yellow: 40 }
    signals:
      heavy:
        kind: proactive
        when: x > 90 and health.band != "red"
    """

    static func table() -> Table {
        Fixture.table("accounts", [
            Fixture.strings("id", (0..<n).map { "r\($0)" }),
            Fixture.ints("x", rows.map(\.x)),
            Fixture.ints("y", rows.map(\.y)),
            Fixture.money("price", rows.map { String(Double($0.cents) / 100) }),
            Fixture.ints("cents", rows.map(\.cents)),
            Fixture.dates("day", rows.map { CivilDate(days: $0.day).description }),
            Fixture.bools("flag", rows.map(\.flag)),
            Fixture.categories("segment", rows.map(\.segment), of: ["a", "b", "c"]),
        ])
    }

    @Test func largeTablesMatchARowByRowComputation() throws {
        let result = try Fixture.evaluate(Self.yaml, [Self.table()])
        let kept = Self.rows.enumerated().filter { $0.element.segment != "c" }
        #expect(kept.count > 2 * Frame.chunkSize)
        let xs = kept.compactMap(\.element.x)
        #expect(result.metric("rows")?.value == .int(Int64(kept.count)))
        #expect(result.metric("flagged")?.value == .int(Int64(kept.filter { $0.element.flag }.count)))
        #expect(result.metric("total")?.value == .int(xs.reduce(0, +)))
        #expect(result.metric("mean")?.value == .number(Double(xs.reduce(0, +)) / Double(xs.count)))
        #expect(result.metric("smallest")?.value == .int(xs.min()!))
        #expect(result.metric("largest")?.value == .int(xs.max()!))
        let cents = kept.reduce(Int64(0)) { $0 + $1.element.cents }
        #expect(result.metric("revenue")?.value == .money(Decimal(cents) / 100, currency: "JPY"))
        #expect(result.metric("average_price")?.value == .money(Decimal(cents) / 100 / Decimal(kept.count), currency: "JPY"))
        let steep = kept.filter { row in
            guard let x = row.element.x, row.element.y != 0 else { return false }
            return Double(x) / Double(row.element.y) > 5
        }
        #expect(result.metric("steep")?.value == .int(Int64(steep.count)))
        #expect(result.metric("b_total")?.value == .int(kept.filter { $0.element.segment == "b" }.compactMap(\.element.x).reduce(0, +)))
        let october = kept.filter { (Period.month(10, of: 2026).start ..< Period.month(10, of: 2026).end).contains($0.element.day) }
        #expect(result.metric("october")?.value == .int(Int64(october.count)))
        var scores: Int64 = 0
        for row in kept { if let x = row.element.x { scores += x * 2 + row.element.y } }
        #expect(result.metric("scores")?.value == .int(scores))
        // A Double sum across chunks: the exact sum of the quotients, rounded once.
        let quotients = kept.compactMap { row -> Double? in
            guard let x = row.element.x, row.element.y != 0 else { return nil }
            return Double(x) / Double(row.element.y)
        }
        #expect(result.metric("quotients")?.value == Fixture.exactlyRoundedSum(quotients).map(Scalar.number))
        let sorted = xs.sorted()
        let middle = Double(sorted.count - 1) * 0.5
        let low = Double(sorted[Int(middle)]), high = Double(sorted[min(Int(middle) + 1, sorted.count - 1)])
        #expect(result.metric("median_x")?.value == .number(Aggregation.lerp(low, high, middle - middle.rounded(.down))))
    }

    @Test func healthOverChunksMatchesARowByRowComputation() throws {
        let result = try Fixture.evaluate(Self.yaml, [Self.table()])
        let scale = Scale(points: [(0, 0), (20, 40), (30, 100)], range: ScoringTests.range)
        var green = 0, yellow = 0, red = 0
        var scores: [Double] = []
        var heavy: [String] = []
        for (i, row) in Self.rows.enumerated() where row.segment != "c" {
            var numerator = 0.0, denominator = 0.0
            if let x = row.x {
                numerator += 15 * min(max(Double(x), 0), 100)
                denominator += 15
            }
            numerator += 10 * scale.map(Double(row.cents) / 10)
            denominator += 10
            numerator += 5 * (row.flag ? 100 : 0)
            denominator += 5
            let score = numerator / denominator
            scores.append(score)
            if score >= 70 { green += 1 } else if score >= 40 { yellow += 1 } else { red += 1 }
            if let x = row.x, x > 90, score >= 40 { heavy.append("r\(i)") }
        }
        let health = try #require(result.health)
        #expect((health.green, health.yellow, health.red) == (green, yellow, red))
        // The mean of the exact sum of the scores, rounded once.
        let total = try #require(Fixture.exactlyRoundedSum(scores))
        #expect(health.mean == total / Double(green + yellow + red))
        #expect(result.signal("heavy")?.keys == heavy)
    }

    @Test func healthKeepsRowsOnlyWhenSomethingReadsThem() throws {
        // The signal reads `health.band`: scores and bands are kept for every row.
        #expect(try PlanBuilder.build(try Fixture.product(Self.yaml)).health?.keepsRows == true)
        // Without it only the summary is kept, and the summary is the same.
        let withoutSignal = try #require(Self.yaml.components(separatedBy: "\nsignals:").first)
        #expect(try PlanBuilder.build(try Fixture.product(withoutSignal)).health?.keepsRows == false)
        let summary = try #require(try Fixture.evaluate(withoutSignal, [Self.table()]).health)
        let kept = try #require(try Fixture.evaluate(Self.yaml, [Self.table()]).health)
        #expect((summary.green, summary.yellow, summary.red, summary.noData) == (kept.green, kept.yellow, kept.red, kept.noData))
        #expect(summary.mean == kept.mean)
    }

    @Test func divisionWarningsCountTheRowsOfEveryChunk() throws {
        let result = try Fixture.evaluate(Self.yaml, [Self.table()])
        let zeros = Self.rows.filter { $0.segment != "c" && $0.x != nil && $0.y == 0 }.count
        #expect(zeros > 1000)
        let messages = result.diagnostics.map(\.message)
        #expect(messages.contains("metric `steep`: division by zero in \(zeros) rows gives null"))
        #expect(messages.contains("derived field `accounts.quotient`: division by zero in \(zeros) rows gives null"))
        #expect(result.diagnostics.count == 2)
    }

    @Test func theBenchmarkFixtureRepeatedMatchesDuckDB() throws {
        // 25 copies of the 1,000 accounts: counts and sums x 25, rates and means unchanged.
        for id in ["cms", "ma", "financing"] {
            let product = try Fixture.product(BenchmarkWorkloadTests.yaml(id))
            let once = try BenchmarkWorkloadTests.table(for: product)
            var columns: [String: Column] = [:]
            for (name, column) in once.columns { columns[name] = Self.repeated(column, 25) }
            let table = Table(name: "accounts", rowCount: once.rowCount * 25, columns: columns)
            let result = try Evaluator(product: product).evaluate(tables: ["accounts": table], period: Fixture.october)
            let expected = try #require(try BenchmarkWorkloadTests.expected()[id])
            #expect(result.metric("accounts")?.value == .int(Int64(expected["accounts"] as! Int * 25)))
            #expect(result.metric("upsell_revenue")?.value == Fixture.yen(String(expected["upsell_revenue"] as! Int * 25)))
            for key in ["churn_rate", "onboarding_rate", "adoption_rate", "avg_lifetime_months", "avg_mrr", "avg_ltv"] {
                let got = try #require(result.metric(key)?.value.doubleValue)
                let want = expected[key] as! Double
                #expect(abs(got - want) <= 1e-12 * max(abs(want), 1e-300), "\(id).\(key): \(got) vs \(want)")
            }
            let health = try #require(result.health)
            #expect(health.red == expected["red"] as! Int * 25)
            #expect(health.yellow == expected["yellow"] as! Int * 25)
            #expect(health.green == expected["green"] as! Int * 25)
            let mean = try #require(health.mean)
            #expect(abs(mean - (expected["avg_health"] as! Double)) <= 1e-12 * mean)
        }
    }

    static func repeated(_ column: Column, _ times: Int) -> Column {
        func many<T>(_ values: [T]) -> [T] { Array([[T]](repeating: values, count: times).joined()) }
        let storage: Column.Storage
        switch column.storage {
        case .int(let v): storage = .int(many(v))
        case .decimal(let v): storage = .decimal(many(v))
        case .money(let v, let currency): storage = .money(many(v), currency: currency)
        case .bool(let v): storage = .bool(many(v))
        case .date(let v): storage = .date(many(v))
        case .string(let codes, let dictionary): storage = .string(codes: many(codes), dictionary: dictionary)
        case .category(let codes, let values): storage = .category(codes: many(codes), values: values)
        }
        return Column(name: column.name, type: column.type, storage: storage, validity: column.validity.map(many), count: column.count * times)
    }
}
