import Foundation
@testable import KPIEngine
import KPIKit
import KPITestSupport
import Testing

/// The per-row health score: scales, clamping, groups, profiles, missing policies, bands.
@Suite struct HealthScoreTests {
    static func product(missing: String = "renormalize", extra: String = "") -> String {
        """
        kpi: 1
        product: health
        model: subscription
        sources:
          accounts:
            key: id
            fields: { id: string, logins: int, nps: int?, segment: "category[smb, ent]", onboarded: bool }
        metrics:
          accounts: { formula: count(accounts) }
        health:
          source: accounts
          components:
            usage: { value: logins, scale: { 0: 0, 5: 50, 20: 100 }, weight: 30 }
            loyalty: { value: nps, scale: { -100: 0, 100: 100 }, weight: 20 }
          missing: \(missing)
          bands: { green: 70, yellow: 40 }
        \(extra)
        signals:
          red:
            kind: proactive
            when: health.band == "red"
          scored:
            kind: reactive
            when: health.score >= 0
        """
    }

    static let accounts = Fixture.table("accounts", [
        Fixture.strings("id", ["a1", "a2", "a3", "a4", "a5"]),
        Fixture.ints("logins", [0, 5, 8, 20, 40]),
        Fixture.ints("nps", [-100, 0, 100, nil, 50]),
        Fixture.categories("segment", ["smb", "smb", "ent", "ent", "smb"], of: ["smb", "ent"]),
        Fixture.bools("onboarded", [true, false, true, true, false]),
    ])

    @Test func scalesMapAndWeightsAverage() throws {
        let result = try Fixture.evaluate(Self.product(), [Self.accounts])
        let health = try #require(result.health)
        // a1: (30x0 + 20x0)/50 = 0; a2: (30x50 + 20x50)/50 = 50; a3: usage 60, loyalty 100 -> 76;
        // a4: nps null, renormalized -> 100; a5: usage clamped to 100, loyalty 75 -> 90.
        #expect((health.red, health.yellow, health.green, health.noData) == (1, 1, 3, 0))
        let expectedMean: Double = (0 + 50 + 76 + 100 + 90) / 5.0
        #expect(health.mean == expectedMean)
        #expect(result.signal("red")?.keys == ["a1"])
        #expect(result.signal("scored")?.count == 5)
    }

    @Test func missingZeroCountsANullAsZero() throws {
        let result = try Fixture.evaluate(Self.product(missing: "zero"), [Self.accounts])
        let health = try #require(result.health)
        // a4: (30 x 100 + 20 x 0) / 50 = 60 -> yellow.
        #expect((health.red, health.yellow, health.green) == (1, 2, 2))
        let expectedMean: Double = (0 + 50 + 76 + 60 + 90) / 5.0
        #expect(health.mean == expectedMean)
    }

    @Test func missingErrorReportsTheRowsAndKeepsGoing() throws {
        let result = try Fixture.evaluate(Self.product(missing: "error"), [Self.accounts])
        let health = try #require(result.health)
        #expect(health.errors == 1)
        #expect((health.red, health.yellow, health.green, health.noData) == (1, 1, 2, 0))
        let expectedMean: Double = (0 + 50 + 76 + 90) / 4.0
        #expect(health.mean == expectedMean)
        let error = try #require(result.diagnostics.first { $0.code == "health-missing" })
        #expect(error.severity == .error)
        #expect(error.message.contains("1 row of `accounts` has no value for `loyalty`"))
        #expect(error.message.contains("(a4)"))
        #expect(result.metric("accounts")?.value == .int(5))
        // The row in error has no score, so no signal picks it by score.
        #expect(result.signal("scored")?.count == 4)
    }

    @Test func aRowWithNoComponentHasNoScore() throws {
        let yaml = """
        kpi: 1
        product: sparse
        model: subscription
        sources:
          accounts:
            key: id
            fields: { id: string, a: int?, b: int? }
        metrics:
          n: { formula: count(accounts) }
        health:
          source: accounts
          components:
            first: { value: a, weight: 1 }
            second: { value: b, weight: 3 }
          bands: { green: 70, yellow: 40 }
        """
        let table = Fixture.table("accounts", [
            Fixture.strings("id", ["x", "y", "z"]), Fixture.ints("a", [nil, 80, 150]), Fixture.ints("b", [nil, nil, -20]),
        ])
        let result = try Fixture.evaluate(yaml, [table])
        let health = try #require(result.health)
        // x: nothing -> no data; y: 80 alone; z: clamped to (1 x 100 + 3 x 0) / 4 = 25.
        #expect((health.green, health.yellow, health.red, health.noData) == (1, 0, 1, 1))
        let expectedMean: Double = (80 + 25) / 2.0
        #expect(health.mean == expectedMean)
    }

    @Test func aScoreExactlyOnABoundaryLandsInTheUpperBand() throws {
        let yaml = """
        kpi: 1
        product: edges
        model: subscription
        sources:
          accounts:
            key: id
            fields: { id: string, a: decimal, b: decimal? }
        metrics:
          n: { formula: count(accounts) }
        health:
          source: accounts
          components:
            one: { value: a, weight: 15 }
            two: { value: b, weight: 10 }
          bands: { green: 70, yellow: 40 }
        """
        // (15 x 40 + 10 x 40) / 25 = 40 exactly; (15 x 70 + 10 x 70) / 25 = 70 exactly;
        // b null: 40 alone. The rest straddle the boundaries.
        let table = Fixture.table("accounts", [
            Fixture.strings("id", ["on40", "on70", "alone40", "below40", "below70", "top"]),
            Fixture.decimals("a", [40, 70, 40, 39.99999, 69.99999, 100]),
            Fixture.decimals("b", [40, 70, nil, 39.99999, 69.99999, 100]),
        ])
        let result = try Fixture.evaluate(yaml, [table])
        let health = try #require(result.health)
        #expect((health.red, health.yellow, health.green) == (1, 3, 2))
    }

    @Test func booleanComponentsAreWorthAHundredOrNothing() throws {
        let yaml = Self.product(extra: "").replacingOccurrences(
            of: "usage: { value: logins, scale: { 0: 0, 5: 50, 20: 100 }, weight: 30 }",
            with: "usage: { value: onboarded, weight: 30 }")
        let result = try Fixture.evaluate(yaml, [Self.accounts])
        let health = try #require(result.health)
        // a1: (3000 + 0)/50 = 60; a2: (0 + 1000)/50 = 20; a3: (3000 + 2000)/50 = 100;
        // a4: 100 (nps null); a5: (0 + 1500)/50 = 30.
        #expect((health.red, health.yellow, health.green) == (2, 1, 2))
        let expectedMean: Double = (60 + 20 + 100 + 100 + 30) / 5.0
        #expect(health.mean == expectedMean)
    }

    @Test func groupsWeighTheirComponents() throws {
        let yaml = Self.product(extra: "").replacingOccurrences(of: "  missing: renormalize", with: """
          groups:
            product: { weight: 60, components: [usage] }
            voice: { weight: 40, components: [loyalty] }
          missing: renormalize
        """)
        let result = try Fixture.evaluate(yaml, [Self.accounts])
        let health = try #require(result.health)
        // Weights 60 / 40 instead of 30 / 20 (same ratio): the same scores.
        #expect((health.red, health.yellow, health.green) == (1, 1, 3))
        let expectedMean: Double = (0 + 50 + 76 + 100 + 90) / 5.0
        #expect(health.mean == expectedMean)
    }

    @Test func profilesPickTheirWeightsFirstMatchWins() throws {
        let yaml = Self.product(extra: "").replacingOccurrences(of: "  missing: renormalize", with: """
          profiles:
            enterprise: { when: segment == "ent", components: { loyalty: 1 } }
            everyone: { when: "true", components: { usage: 1 } }
          missing: renormalize
        """)
        let result = try Fixture.evaluate(yaml, [Self.accounts])
        let health = try #require(result.health)
        // ent rows a3, a4 score on loyalty alone: 100, and no component for a4 (nps null);
        // the others on usage alone: 0, 50, 100.
        #expect((health.red, health.yellow, health.green, health.noData) == (1, 1, 2, 1))
        let expectedMean: Double = (0 + 50 + 100 + 100) / 4.0
        #expect(health.mean == expectedMean)
    }

    // MARK: - Groups

    /// Two groups: `core` (weight 60) holds `a` (weight 1) and `b` (3), `extra` (40) holds
    /// `c`. `profiles` is YAML indented as under `health:`.
    static func grouped(missing: String = "renormalize", profiles: String = "") -> String {
        """
        kpi: 1
        product: grouped
        model: subscription
        sources:
          accounts:
            key: id
            fields: { id: string, a: decimal?, b: decimal?, c: decimal?, stage: "category[new, mid, old]" }
        metrics:
          accounts: { formula: count(accounts) }
          total_a: { formula: sum(a) }
        health:
          source: accounts
          components:
            a: { value: a, weight: 1 }
            b: { value: b, weight: 3 }
            c: { value: c, weight: 1 }
          groups:
            core: { weight: 60, components: [a, b] }
            extra: { weight: 40, components: [c] }
        \(profiles)
          missing: \(missing)
          bands: { green: 70, yellow: 40 }
        signals:
          red:
            kind: proactive
            when: health.band == "red"
        """
    }

    struct Row {
        var id: String
        var a: Double?
        var b: Double?
        var c: Double?
        var stage = "old"
    }

    static func table(_ rows: [Row]) -> Table {
        Fixture.table("accounts", [
            Fixture.strings("id", rows.map(\.id)),
            Fixture.decimals("a", rows.map(\.a)), Fixture.decimals("b", rows.map(\.b)), Fixture.decimals("c", rows.map(\.c)),
            Fixture.categories("stage", rows.map(\.stage), of: ["new", "mid", "old"]),
        ])
    }

    /// The score of each row (nil: none), each row evaluated alone: its mean is its score.
    static func scores(_ yaml: String, _ rows: [Row], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [Double?] {
        let evaluator = Evaluator(product: try Fixture.product(yaml, sourceLocation: sourceLocation))
        return try rows.map { row in
            try #require(try evaluator.evaluate(tables: ["accounts": table([row])], period: Fixture.october).health, sourceLocation: sourceLocation).mean
        }
    }

    static let groupedRows = [
        Row(id: "full", a: 100, b: 50, c: 20),
        Row(id: "partial", a: nil, b: 70, c: 0),
        Row(id: "groupGone", a: 100, b: 40, c: nil),
        Row(id: "onlyExtra", a: nil, b: nil, c: 90),
        Row(id: "none", a: nil, b: nil, c: nil),
    ]

    @Test func groupsRenormalizeWithinTheGroupThenAcrossGroups() throws {
        // full: core (1 x 100 + 3 x 50) / 4 = 62.5, extra 20 -> (60 x 62.5 + 40 x 20) / 100 = 45.5.
        // partial: missing `a` shares its weight within core only: core 70, extra 0 -> 42
        //   (one flat mean would give (45 x 70 + 40 x 0) / 85 = 37.06, red: core lost share).
        // groupGone: extra has nothing, its weight goes to core: (1 x 100 + 3 x 40) / 4 = 55.
        // onlyExtra: core has nothing: 90. none: no score.
        #expect(try Self.scores(Self.grouped(), Self.groupedRows) == [45.5, 42, 55, 90, nil])
        let result = try Fixture.evaluate(Self.grouped(), [Self.table(Self.groupedRows)])
        let health = try #require(result.health)
        #expect((health.green, health.yellow, health.red, health.noData) == (1, 3, 0, 1))
        let expectedMean: Double = (45.5 + 42 + 55 + 90) / 4
        #expect(health.mean == expectedMean)
        #expect(result.signal("red")?.keys == [])
    }

    @Test func groupsUnderZeroAndErrorKeepTheFlatMean() throws {
        // Every component counts, so the nested mean is the flat one with the groups folded
        // in (60 x 1/4 = 15, 60 x 3/4 = 45, 40), computed exactly as before groups nested.
        func flat(_ row: Row) -> Double { (15 * (row.a ?? 0) + 45 * (row.b ?? 0) + 40 * (row.c ?? 0)) / (15 + 45 + 40) }
        let zero = try Self.scores(Self.grouped(missing: "zero"), Self.groupedRows)
        #expect(zero == Self.groupedRows.map { Optional(flat($0)) })
        #expect(zero == [45.5, 31.5, 33, 36, 0])

        #expect(try Self.scores(Self.grouped(missing: "error"), Self.groupedRows) == [45.5, nil, nil, nil, nil])
        let result = try Fixture.evaluate(Self.grouped(missing: "error"), [Self.table(Self.groupedRows)])
        let health = try #require(result.health)
        #expect((health.errors, health.yellow, health.green + health.red + health.noData) == (4, 1, 0))
        #expect(health.mean == 45.5)
    }

    @Test func profilesWeighWithinTheGroupsAndAGroupOutOfTheProfileDropsOut() throws {
        let profiles = """
              profiles:
                starting: { when: stage == "new", components: { a: 1, b: 1 } }
                growing: { when: stage == "mid", components: { a: 1, c: 2 } }
            """
        let rows = [
            Row(id: "n1", a: 100, b: 50, c: 0, stage: "new"),
            Row(id: "n2", a: nil, b: 30, c: 100, stage: "new"),
            Row(id: "n3", a: nil, b: nil, c: 100, stage: "new"),
            Row(id: "m1", a: 100, b: 0, c: 50, stage: "mid"),
            Row(id: "m2", a: nil, b: 100, c: 50, stage: "mid"),
            Row(id: "o1", a: 100, b: 50, c: 20, stage: "old"),
        ]
        // starting: core only (extra has no component in it), a and b 1:1. n1: 75; n2: b
        // alone 30; n3: core has nothing and extra is out: no score.
        // growing: core = a (b left out), extra = c. m1: (60 x 100 + 40 x 50) / 100 = 80;
        // m2: a missing and b out leave core empty: extra alone, 50. o1: default weights, 45.5.
        #expect(try Self.scores(Self.grouped(profiles: profiles), rows) == [75, 30, nil, 80, 50, 45.5])
        // Under `zero`: starting folds to a 30, b 30; growing to a 60, c 40.
        #expect(try Self.scores(Self.grouped(missing: "zero", profiles: profiles), rows) == [75, 15, 0, 80, 20, 45.5])
    }

    @Test func groupedScoresStayWithinRangeAndEqualTheFlatMeanWhenNothingIsMissing() throws {
        var random = SeededGenerator(seed: 0x6A0C_5C03)
        let scale = Scale(points: [(0, 0), (50, 20), (100, 100)], range: ScoringTests.range)
        for _ in 0..<24 {
            let k = Int.random(in: 2...6, using: &random)
            let weights = (0..<k).map { _ in Double(Int.random(in: 1...9, using: &random)) }
            let groupCount = Int.random(in: 1...min(3, k), using: &random)
            var groupOf = Array(0..<groupCount) + (groupCount..<k).map { _ in Int.random(in: 0..<groupCount, using: &random) }
            groupOf.shuffle(using: &random)
            let groupWeights = (0..<groupCount).map { _ in Double(Int.random(in: 1...50, using: &random)) }
            let scaled = (0..<k).map { _ in random.chance(0.5) }

            let fields = (0..<k).map { "      v\($0): decimal?" }.joined(separator: "\n")
            var sections = "metrics:\n  n: { formula: count(accounts) }\nhealth:\n  source: accounts\n  components:\n"
            for c in 0..<k {
                let mapping = scaled[c] ? ", scale: { 0: 0, 50: 20, 100: 100 }" : ""
                sections += "    c\(c): { value: v\(c)\(mapping), weight: \(weights[c]) }\n"
            }
            sections += "  groups:\n"
            for g in 0..<groupCount {
                let members = (0..<k).filter { groupOf[$0] == g }.map { "c\($0)" }.joined(separator: ", ")
                sections += "    g\(g): { weight: \(groupWeights[g]), components: [\(members)] }\n"
            }
            sections += "  bands: { green: 70, yellow: 40 }\n"
            let yaml = Fixture.accountsProduct(fields: fields, sections: sections)

            let rowCount = 30
            let values: [[Double?]] = (0..<rowCount).map { _ in
                let complete = random.chance(0.3)
                return (0..<k).map { _ in
                    complete || !random.chance(0.35) ? (Double.random(in: -30...130, using: &random) * 100).rounded() / 100 : nil
                }
            }
            let ids = (0..<rowCount).map { "r\($0)" }
            func table(_ rows: Range<Int>) -> Table {
                Fixture.table("accounts", [Fixture.strings("id", rows.map { ids[$0] })]
                    + (0..<k).map { c in Fixture.decimals("v\(c)", rows.map { values[$0][c] }) })
            }
            func points(_ c: Int, _ v: Double) -> Double { scaled[c] ? scale.map(v) : min(max(v, 0), 100) }

            let evaluator = Evaluator(product: try Fixture.product(yaml))
            var scores: [Double] = []
            for r in 0..<rowCount {
                let score = try #require(try evaluator.evaluate(tables: ["accounts": table(r ..< r + 1)], period: Fixture.october).health).mean
                // The nested mean, written out: groups with a value, each over its values.
                var num = 0.0, den = 0.0
                for g in 0..<groupCount {
                    let present = (0..<k).filter { groupOf[$0] == g && values[r][$0] != nil }
                    guard !present.isEmpty else { continue }
                    let inner = present.reduce(0.0) { $0 + weights[$1] * points($1, values[r][$1]!) } / present.reduce(0.0) { $0 + weights[$1] }
                    num += groupWeights[g] * inner
                    den += groupWeights[g]
                }
                let expected = den > 0 ? num / den : nil
                #expect((score == nil) == (expected == nil), "\(yaml)row \(values[r])")
                guard let score, let expected else { continue }
                #expect(score >= 0 && score <= 100)
                #expect(abs(score - expected) <= 1e-9, "\(yaml)row \(values[r]): \(score) vs \(expected)")
                if values[r].allSatisfy({ $0 != nil }) {
                    // Nothing missing: the flat mean, weight = group weight x share within the group.
                    var flatNum = 0.0, flatDen = 0.0
                    for c in 0..<k {
                        let share = groupWeights[groupOf[c]] * weights[c] / (0..<k).filter { groupOf[$0] == groupOf[c] }.reduce(0.0) { $0 + weights[$1] }
                        flatNum += share * points(c, values[r][c]!)
                        flatDen += share
                    }
                    #expect(abs(score - flatNum / flatDen) <= 1e-9, "\(yaml)row \(values[r])")
                }
                scores.append(score)
            }
            // All rows at once: the same scores, so the same bands and mean.
            let health = try #require(try evaluator.evaluate(tables: ["accounts": table(0 ..< rowCount)], period: Fixture.october).health)
            #expect(health.green == scores.filter { $0 >= 70 }.count)
            #expect(health.yellow == scores.filter { $0 >= 40 && $0 < 70 }.count)
            #expect(health.red == scores.filter { $0 < 40 }.count)
            #expect(health.noData == rowCount - scores.count)
            if !scores.isEmpty { #expect(abs(try #require(health.mean) - scores.reduce(0, +) / Double(scores.count)) <= 1e-9) }
        }
    }

    @Test func groupsOverChunksAndTheFusedPassMatchARowByRowComputation() throws {
        // Past a chunk, with a metric to share the pass: chunked, fused and profiled.
        let yaml = Self.grouped(profiles: """
              profiles:
                starting: { when: stage == "new", components: { a: 1, b: 1 } }
            """)
        let n = 2 * Frame.chunkSize + 517
        var random = SeededGenerator(seed: 0xC4_0C5)
        func value() -> Double? { random.chance(0.3) ? nil : Double(Int.random(in: -500...12_000, using: &random)) / 100 }
        let rows = (0..<n).map { i in
            Row(id: "r\(i)", a: value(), b: value(), c: value(), stage: random.chance(0.2) ? "new" : "old")
        }
        let result = try Fixture.evaluate(yaml, [Self.table(rows)])
        var green = 0, yellow = 0, red = 0, noData = 0
        var total = 0.0
        for row in rows {
            let clamp = { (x: Double) in min(max(x, 0), 100) }
            let inner: [(Double?, Double)] = row.stage == "new" ? [(row.a, 1), (row.b, 1)] : [(row.a, 1), (row.b, 3)]
            var num = 0.0, den = 0.0
            var groupNum = 0.0, groupDen = 0.0
            for (v, w) in inner { if let v { groupNum += w * clamp(v); groupDen += w } }
            if groupDen > 0 { num += 60 * (groupNum / groupDen); den += 60 }
            if row.stage != "new", let c = row.c { num += 40 * clamp(c); den += 40 }
            guard den > 0 else { noData += 1; continue }
            let score = num / den
            total += score
            if score >= 70 { green += 1 } else if score >= 40 { yellow += 1 } else { red += 1 }
        }
        let health = try #require(result.health)
        #expect((health.green, health.yellow, health.red, health.noData) == (green, yellow, red, noData))
        let mean = try #require(health.mean)
        #expect(abs(mean - total / Double(green + yellow + red)) <= 1e-12 * mean)
    }
}
