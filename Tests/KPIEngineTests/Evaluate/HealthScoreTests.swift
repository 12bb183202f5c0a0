import Foundation
import KPIKit
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
}
