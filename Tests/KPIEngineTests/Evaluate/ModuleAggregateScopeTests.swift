import Foundation
import KPIKit
import KPITestSupport
import Testing

/// A module's aggregate follows the rules of the built-in aggregates: in a `derived` field
/// on a parent it aggregates each row's children, in a grouped source's fields each
/// group's rows, and a derived field may not aggregate its own source.
@Suite struct ModuleAggregateScopeTests {
    static let yaml = """
    kpi: 1
    product: modular
    model: subscription
    module: doubling
    sources:
      accounts:
        key: id
        fields: { id: string, plan: string, mrr: int }
      tickets:
        key: ticket_id
        parent: accounts by account
        fields: { ticket_id: string, account: string?, x: int? }
      plans:
        group: accounts by plan
        fields:
          share: top_share(mrr)
          small_share: top_share(mrr where mrr < 30)
    derived:
      accounts.share: top_share(tickets.x)
      accounts.small_share: top_share(tickets.x where tickets.x < 4)
    metrics:
      shares: { formula: sum(accounts.share) }
      no_share: { formula: count(accounts where share is null) }
      small_shares: { formula: sum(accounts.small_share) }
      plan_max: { formula: max(plans.share) }
      plan_min: { formula: min(plans.share) }
      plan_small: { formula: sum(plans.small_share) }
      whole: { formula: top_share(tickets.x) }
    signals:
      top_heavy:
        kind: proactive
        source: accounts
        when: share > 0.7
      top_heavy_plans:
        kind: proactive
        source: plans
        when: share > 0.7
    """

    //  account  plan  mrr   tickets (x)
    //  a1       p     10    1, 3
    //  a2       q     20    6, null, 3
    //  a3       p     30    -
    //  a4       q     30    0
    //  (zz: 5; no account: 4)
    static let tables = [
        Fixture.table("accounts", [
            Fixture.strings("id", ["a1", "a2", "a3", "a4"]),
            Fixture.strings("plan", ["p", "q", "p", "q"]),
            Fixture.ints("mrr", [10, 20, 30, 30]),
        ]),
        Fixture.table("tickets", [
            Fixture.strings("ticket_id", ["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"]),
            Fixture.strings("account", ["a1", "a1", "a2", "a2", "a2", "zz", nil, "a4"]),
            Fixture.ints("x", [1, 3, 6, nil, 3, 5, 4, 0]),
        ]),
    ]

    static func evaluate(_ yaml: String = yaml, by: String? = nil) throws -> ProductEvaluation {
        let check = TestCatalog.check(yaml, modules: [ModuleRuntimeTests.description])
        #expect(!check.hasErrors, "\(TestCatalog.renderedErrors(check))")
        let product = try #require(check.catalog.products.first)
        return try Evaluator(product: product, modules: ["doubling": ModuleRuntimeTests.Doubling()]).evaluate(
            tables: Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) }), period: Fixture.october, by: by)
    }

    @Test func aDerivedFieldAggregatesEachParentsChildRows() throws {
        let result = try Self.evaluate()
        #expect(!result.hasErrors, "\(result.diagnostics)")
        // a1: 3 / (1 + 3); a2: 6 / (6 + 3); a3: no tickets; a4: total 0. Both null.
        #expect(result.metric("shares")?.value == .number(0.75 + 6.0 / 9.0))
        #expect(result.metric("no_share")?.value == .int(2))
        #expect(result.signal("top_heavy")?.keys == ["a1"])
        // x < 4: a1 3 / 4; a2 3 / 3; a4 0 / 0 is null.
        #expect(result.metric("small_shares")?.value == .number(1.75))
        // A metric still reads every ticket: 6 / (1 + 3 + 6 + 3 + 5 + 4 + 0).
        #expect(result.metric("whole")?.value == .number(6.0 / 22.0))
    }

    @Test func aGroupedSourcesFieldAggregatesEachGroupsRows() throws {
        let result = try Self.evaluate()
        // p: 30 / (10 + 30); q: 30 / (20 + 30).
        #expect(result.metric("plan_max")?.value == .number(0.75))
        #expect(result.metric("plan_min")?.value == .number(0.6))
        #expect(result.signal("top_heavy_plans")?.keys == ["p"])
        // mrr < 30: p 10 / 10; q 20 / 20.
        #expect(result.metric("plan_small")?.value == .number(2))
    }

    @Test func aBreakdownRestrictsTheParentsOfEachGroup() throws {
        let result = try Self.evaluate(by: "plan")
        let groups = try #require(result.breakdown?.groups)
        #expect(groups.map(\.value) == [.string("p"), .string("q")])
        func metric(_ group: Int, _ id: String) -> Scalar? { groups[group].metrics.first { $0.id == id }?.value }
        // p: a1 0.75 (a3 none); q: a2 6 / 9 (a4 null).
        #expect(metric(0, "shares") == .number(0.75))
        #expect(metric(1, "shares") == .number(6.0 / 9.0))
        // Grouped out of the split source: one group each.
        #expect(metric(0, "plan_max") == .number(0.75))
        #expect(metric(1, "plan_max") == .number(0.6))
    }

    @Test func aDerivedFieldCannotAggregateItsOwnSourceOrASourceThatIsNotAChild() throws {
        let own = Self.yaml.replacingOccurrences(
            of: "  accounts.share: top_share(tickets.x)\n", with: "  accounts.share: top_share(tickets.x)\n  accounts.own: top_share(mrr)\n")
        let ownCheck = TestCatalog.check(own, modules: [ModuleRuntimeTests.description])
        let ownError = try #require(ownCheck.diagnostics.first { $0.severity == .error })
        #expect(ownError.code == "self-aggregate")
        #expect(ownError.message.hasPrefix("derived field `accounts.own` aggregates its own source `accounts`"))

        let other = Self.yaml.replacingOccurrences(
            of: "  accounts.share: top_share(tickets.x)\n", with: "  accounts.share: top_share(tickets.x)\n  tickets.parent_share: top_share(accounts.mrr)\n")
        let otherCheck = TestCatalog.check(other, modules: [ModuleRuntimeTests.description])
        let otherError = try #require(otherCheck.diagnostics.first { $0.severity == .error })
        #expect(otherError.code == "not-a-child")
        #expect(otherError.message.contains("`accounts` is not a child source"))

        let grouped = Self.yaml.replacingOccurrences(
            of: "      small_share: top_share(mrr where mrr < 30)\n", with: "      small_share: top_share(mrr where mrr < 30)\n      tickets_share: top_share(tickets.x)\n")
        let groupedCheck = TestCatalog.check(grouped, modules: [ModuleRuntimeTests.description])
        let groupedError = try #require(groupedCheck.diagnostics.first { $0.severity == .error })
        #expect(groupedError.code == "not-a-child")
    }

    /// A module that computes every group in one pass gets the groups, not one call each.
    struct GroupedSum: ModuleRuntime {
        func evaluateAggregate(_ name: String, arguments: [ColumnVector], rows: [Bool]?, resultType: ValueType) throws -> Scalar {
            throw ModuleRuntimeError("called once per group")
        }

        func evaluateGroupedAggregate(
            _ name: String, arguments: [ColumnVector], rows: [Bool]?, groupOf: [Int32], groupCount: Int, resultType: ValueType
        ) throws -> ColumnVector {
            var sums = [Scalar](repeating: .number(0), count: groupCount)
            for i in 0..<groupOf.count where groupOf[i] >= 0 && (rows?[i] ?? true) {
                let g = Int(groupOf[i])
                sums[g] = .number((sums[g].doubleValue ?? 0) + (arguments[0].scalar(at: i).doubleValue ?? 0))
            }
            return ColumnVector(scalars: sums, type: resultType)
        }
    }

    @Test func aModuleCanComputeEveryGroupInOnePass() throws {
        let check = TestCatalog.check(Self.yaml, modules: [ModuleRuntimeTests.description])
        let product = try #require(check.catalog.products.first)
        let result = try Evaluator(product: product, modules: ["doubling": GroupedSum()]).evaluate(
            tables: Dictionary(uniqueKeysWithValues: Self.tables.map { ($0.name, $0) }), period: Fixture.october)
        // accounts.share is now the sum of each account's tickets: 4 + 9 + 0 + 0.
        #expect(result.metric("shares")?.value == .number(13))
        // p: 10 + 30; q: 20 + 30.
        #expect(result.metric("plan_max")?.value == .number(50))
        // The metric (all rows) still calls evaluateAggregate.
        #expect(result.metric("whole")?.value == .null)
        #expect(result.diagnostics.contains { $0.code == "module-error" && $0.message.contains("called once per group") })
    }
}
