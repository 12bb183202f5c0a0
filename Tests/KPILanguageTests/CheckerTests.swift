@testable import KPILanguage
import KPITestSupport
import KPIYAML
import Testing

// The checker: how names resolve, what types expressions get, how aggregates relate to
// where they are written, in which order metrics are computed, which columns are read;
// and that every catalog shipped in the repository checks.

// MARK: - Helpers

/// A product that uses every kind of name: two sources with a parent link, an event log
/// with a grouped source over it, derived fields, segments, metrics, health and signals.
private let shopProduct = """
    kpi: 1
    product: shop
    model: subscription
    sources:
      accounts:
        key: account_id
        fields:
          account_id: string
          segment: category[smb, mid, ent]
          signup_date: date
          churned_date: date?
          mrr: money[JPY]
          logins_30d: int
          nps: int?
          notes: string?
      purchases:
        key: purchase_id
        parent: accounts by customer
        fields:
          purchase_id: string
          customer: string
          date: date
          amount: money[JPY]
          coupon: string?
      events:
        fields:
          user: string
          day: date
          amount: money[USD]
      users:
        group: events by user
        fields:
          first_day: min(day)
          event_count: count()
          spend: sum(amount)
    derived:
      accounts.purchase_count: count(purchases)
      accounts.spent: sum(purchases.amount where date in period)
      accounts.active: churned_date is null or churned_date >= period.start
      accounts.lifetime_months: months_between(signup_date, coalesce(churned_date, period.end))
    segments:
      enterprise: accounts.segment == "ent"
      loyal: accounts.lifetime_months >= 24
    metrics:
      ltv:
        formula: arpa * avg_lifetime_months
        unit: money
      arpa:
        formula: avg(mrr where active)
        unit: money
      avg_lifetime_months:
        formula: avg(lifetime_months)
        unit: months
      enterprise_share:
        formula: ratio(count(accounts where enterprise and active), count(accounts where active))
      nps_points:
        formula: avg(nps)
      double_nps:
        formula: nps_points * 2
      buyers:
        formula: count(accounts where purchase_count > 0)
      usd_spend:
        formula: sum(users.spend where first_day in period)
      big_buyers:
        formula: count(accounts where spent > arpa)
    health:
      source: accounts
      components:
        usage: { value: logins_30d, scale: { 0: 0, 20: 100 }, weight: 1 }
    signals:
      at_risk:
        kind: proactive
        when: health.band == "red" and logins_30d < 2 and not loyal
      champion:
        kind: predictive
        when: health.score >= 90 and enterprise and mrr > arpa
    """

/// The shop product, checked; fails the test on any error.
private func checkedShop(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> CheckedProduct {
    let check = TestCatalog.check(shopProduct, path: "shop.yaml")
    let errors = TestCatalog.renderedErrors(check)
    #expect(errors.isEmpty, "unexpected errors:\n\(errors)", sourceLocation: sourceLocation)
    return try #require(check.catalog.product("shop"), sourceLocation: sourceLocation)
}

/// A product with one source (and a child) and the given metrics, derived fields and extra text.
private func product(metrics: [String: String] = [:], derived: [String: String] = [:], extra: String = "") -> String {
    var text = """
        kpi: 1
        product: shop
        model: subscription
        sources:
          accounts:
            key: account_id
            fields:
              account_id: string
              segment: category[smb, mid, ent]
              signup_date: date
              churned_date: date?
              mrr: money[JPY]
              logins_30d: int
              nps: int?
              score: decimal
              vip: bool
          purchases:
            key: purchase_id
            parent: accounts by customer
            fields:
              purchase_id: string
              customer: string
              date: date
              amount: money[JPY]

        """
    if !derived.isEmpty {
        text += "derived:\n" + derived.sorted { $0.key < $1.key }.map { "  accounts.\($0.key): \($0.value)\n" }.joined()
    }
    if !metrics.isEmpty {
        text += "metrics:\n" + metrics.sorted { $0.key < $1.key }.map { "  \($0.key):\n    formula: \($0.value)\n" }.joined()
    }
    return text + extra
}

/// A compact, readable form of a checked expression: names resolved, aggregates with
/// their source and scope.
private func sketch(_ expression: TypedExpression) -> String {
    switch expression.node {
    case .literal(let literal):
        switch literal {
        case .null: return "null"
        case .int(let value): return String(value)
        case .number(let value): return String(value)
        case .string(let text): return "\"\(text)\""
        case .bool(let value): return String(value)
        case .date(let days): return "date(\(days))"
        }
    case .list(let items): return "[" + items.map(sketch).joined(separator: ", ") + "]"
    case .column(let source, let name): return "\(source).\(name)"
    case .metric(let name): return "metric:\(name)"
    case .periodStart: return "period.start"
    case .periodEnd: return "period.end"
    case .healthScore: return "health.score"
    case .healthBand: return "health.band"
    case .negate(let a): return "-\(sketch(a))"
    case .not(let a): return "not \(sketch(a))"
    case .binary(let op, let a, let b): return "(\(sketch(a)) \(op.rawValue) \(sketch(b)))"
    case .inList(let a, let b, let negated): return "(\(sketch(a)) \(negated ? "not in" : "in") \(sketch(b)))"
    case .inPeriod(let a): return "(\(sketch(a)) in period)"
    case .between(let a, let b, let c): return "(\(sketch(a)) between \(sketch(b)) and \(sketch(c)))"
    case .isNull(let a, let negated): return "(\(sketch(a)) is \(negated ? "not " : "")null)"
    case .call(let function, let arguments): return "\(function.rawValue)(\(arguments.map(sketch).joined(separator: ", ")))"
    case .ratio(let a, let b): return "ratio(\(sketch(a)), \(sketch(b)))"
    case .aggregate(let call):
        let scope: String = switch call.scope {
        case .whole: "whole"
        case .perParent(let parent, let foreignKey): "per \(parent) by \(foreignKey)"
        case .perGroup(let group, let key): "per \(group) by \(key)"
        }
        var inside = call.argument.map(sketch) ?? call.source
        if let filter = call.filter { inside += " where \(sketch(filter))" }
        return "\(call.function.rawValue)[\(call.source), \(scope)](\(inside))"
    case .module(let call): return "\(call.module).\(call.name)(\(call.arguments.map(sketch).joined(separator: ", ")))"
    }
}

/// Every aggregate call in an expression, outermost first.
private func aggregates(in expression: TypedExpression) -> [AggregateCall] {
    var out: [AggregateCall] = []
    func visit(_ e: TypedExpression) {
        switch e.node {
        case .aggregate(let call):
            out.append(call)
            if let argument = call.argument { visit(argument) }
            if let filter = call.filter { visit(filter) }
        case .literal, .column, .metric, .periodStart, .periodEnd, .healthScore, .healthBand: break
        case .list(let items), .call(_, let items): items.forEach(visit)
        case .negate(let a), .not(let a), .inPeriod(let a), .isNull(let a, _): visit(a)
        case .binary(_, let a, let b), .inList(let a, let b, _), .ratio(let a, let b): visit(a); visit(b)
        case .between(let a, let b, let c): visit(a); visit(b); visit(c)
        case .module(let call): call.arguments.forEach(visit)
        }
    }
    visit(expression)
    return out
}

// MARK: - Name resolution

@Suite("Checker: names")
struct CheckerNameTests {
    @Test("names resolve to fields, qualified fields, derived fields, segments, metrics and the period")
    func resolution() throws {
        let shop = try checkedShop()
        func formula(_ id: String) throws -> String { sketch(try #require(shop.metric(id)).formula) }

        // A bare field of the aggregated source, and a derived field used as a filter.
        #expect(try formula("arpa") == "avg[accounts, whole](accounts.mrr where accounts.active)")
        // A segment reads as a boolean column of its source.
        #expect(try formula("enterprise_share") == "ratio(count[accounts, whole](accounts where (accounts.enterprise and accounts.active)), count[accounts, whole](accounts where accounts.active))")
        // Metrics by name, outside and inside aggregates.
        #expect(try formula("ltv") == "(metric:arpa * metric:avg_lifetime_months)")
        #expect(try formula("big_buyers") == "count[accounts, whole](accounts where (accounts.spent > metric:arpa))")
        // A qualified field picks the source; a grouped source's computed field is a column.
        #expect(try formula("usd_spend") == "sum[users, whole](users.spend where (users.first_day in period))")

        let accounts = try #require(shop.source("accounts"))
        #expect(sketch(try #require(accounts.derived["active"])) == "((accounts.churned_date is null) or (accounts.churned_date >= period.start))")
        #expect(sketch(try #require(accounts.derived["lifetime_months"])) == "months_between(accounts.signup_date, coalesce(accounts.churned_date, period.end))")
        #expect(sketch(try #require(shop.segment("enterprise")).expression) == "(accounts.segment == \"ent\")")
    }

    @Test("health.score and health.band resolve in signals on the health source")
    func healthInSignals() throws {
        let shop = try checkedShop()
        let signals = Dictionary(uniqueKeysWithValues: shop.signals.map { ($0.id, sketch($0.when)) })
        #expect(signals["at_risk"] == "(((health.band == \"red\") and (accounts.logins_30d < 2)) and not accounts.loyal)")
        #expect(signals["champion"] == "(((health.score >= 90) and accounts.enterprise) and (accounts.mrr > metric:arpa))")
        #expect(shop.signals.allSatisfy { $0.source == "accounts" })
    }

    @Test("health.score and health.band are errors outside signals", arguments: [
        ("metrics:\n  m:\n    formula: avg(health.score)\n", "`health.score` can only be read in `signals` on the health source"),
        ("derived:\n  accounts.red: health.band == \"red\"\n", "`health.band` can only be read in `signals` on the health source"),
        ("segments:\n  red: health.band == \"red\"\n", "`health.band` can only be read in `signals` on the health source"),
    ])
    func healthOutsideSignals(section: String, message: String) {
        let health = "health:\n  source: accounts\n  components:\n    usage: { value: logins_30d, weight: 1 }\n"
        let check = TestCatalog.check(product(extra: health + section))
        #expect(check.diagnostics.filter { $0.severity == .error }.map(\.message) == [message])
    }

    @Test("a bare name is a field first, then a segment, then a metric")
    func lookupOrder() throws {
        let text = product(
            metrics: [
                "nps": "avg(nps)",  // inside the aggregate: the field
                "nps_doubled": "nps * 2",  // outside: the metric
                "vip_count": "count(accounts where vip)",  // the field, not the segment
            ],
            extra: "segments:\n  vip: accounts.segment == \"ent\"\n")
        let check = TestCatalog.check(text)
        #expect(TestCatalog.renderedErrors(check).isEmpty, "\(TestCatalog.renderedErrors(check))")
        let shop = try #require(check.catalog.product("shop"))
        #expect(sketch(try #require(shop.metric("nps")).formula) == "avg[accounts, whole](accounts.nps)")
        #expect(sketch(try #require(shop.metric("nps_doubled")).formula) == "(metric:nps * 2)")
        #expect(sketch(try #require(shop.metric("vip_count")).formula) == "count[accounts, whole](accounts where accounts.vip)")
    }

    @Test("period.start and period.end are dates; other parts of period are errors")
    func period() {
        let ok = TestCatalog.check(product(derived: ["fresh": "signup_date >= period.start and signup_date < period.end"]))
        #expect(!ok.hasErrors)
        let bad = TestCatalog.check(product(derived: ["fresh": "signup_date >= period.begin"]))
        #expect(TestCatalog.renderedErrors(bad) == """
            test.yaml:26:41: error: `period.begin` is not known; use `period.start` or `period.end` (exclusive)
              accounts.fresh: signup_date >= period.begin
                                                    ^~~~~

            """)
    }

    @Test("a field of several sources outside any source asks for the qualified name")
    func ambiguousBareField() {
        let check = TestCatalog.check(product(metrics: ["m": "amount"]))
        #expect(check.diagnostics.filter { $0.severity == .error }.map(\.message) == [
            "field `amount` is read outside an aggregate in metric `m`; a metric needs one value, so aggregate it, such as `avg(amount)` or `sum(amount)`",
        ])
        let ambiguous = TestCatalog.check(product(metrics: ["m": "customer"], extra: """
            segments:
              recent: purchases.date >= period.start
            """).replacingOccurrences(of: "      amount: money[JPY]\n", with: "      amount: money[JPY]\n      account_id: string\n"))
        #expect(ambiguous.diagnostics.filter { $0.severity == .error }.map(\.message) == [
            "field `customer` is read outside an aggregate in metric `m`; a metric needs one value, so aggregate it, such as `avg(customer)` or `sum(customer)`",
        ])
        let twoSources = TestCatalog.check(product(metrics: ["m": "sum(amount) + count_distinct(account_id)"])
            .replacingOccurrences(of: "      amount: money[JPY]\n", with: "      amount: money[JPY]\n      account_id: string\n"))
        #expect(twoSources.diagnostics.filter { $0.severity == .error }.map(\.message) == [
            "field `account_id` belongs to several sources (accounts, purchases); write the qualified name, such as `accounts.account_id`",
        ])
    }

    @Test("a metric cannot be read where there is no metric (derived fields, segments)")
    func metricsOnlyInMetrics() {
        let check = TestCatalog.check(product(metrics: ["arpa": "avg(mrr)"], derived: ["rich": "mrr > arpa"]))
        #expect(check.diagnostics.filter { $0.severity == .error }.map(\.message) == [
            "unknown name `arpa`: no field of `accounts` or segment is called that",
        ])
    }
}

// MARK: - Types

@Suite("Checker: types")
struct CheckerTypeTests {
    static let metricTypes: [(formula: String, type: String)] = [
        ("avg(mrr)", "money[JPY]"),
        ("sum(mrr)", "money[JPY]"),
        ("median(mrr)", "money[JPY]"),
        ("min(mrr)", "money[JPY]"),
        ("sum(purchases.amount)", "money[JPY]"),
        ("sum(mrr) * 2", "money[JPY]"),
        ("2 * sum(mrr)", "money[JPY]"),
        ("sum(mrr) / count(accounts)", "money[JPY]"),
        ("sum(mrr) - sum(purchases.amount)", "money[JPY]"),
        ("round(avg(mrr), 0)", "money[JPY]"),
        ("sum(mrr) / sum(purchases.amount)", "number"),
        ("ratio(sum(mrr), sum(purchases.amount))", "number"),
        ("ratio(count(accounts where vip), count(accounts))", "number"),
        ("ratio(sum(mrr), 12)", "money[JPY]"),
        ("count(accounts)", "int"),
        ("count(accounts where churned_date in period)", "int"),
        ("count_distinct(purchases.customer)", "int"),
        ("count(purchases) + 1", "int"),
        ("count(purchases) * 3 - 1", "int"),
        ("count(purchases) % 7", "int"),
        ("count(purchases) / count(accounts)", "number"),
        ("7 / 2", "number"),
        ("sum(logins_30d)", "int"),
        ("max(logins_30d)", "int"),
        ("avg(logins_30d)", "number"),
        ("percentile(logins_30d, 0.9)", "number"),
        ("percentile(mrr, 0.5)", "money[JPY]"),
        ("sum(score)", "number"),
        ("avg(coalesce(nps, 0))", "number"),
        ("sum(coalesce(nps, 0))", "int"),
        ("sum(if(vip, 1, 0.5))", "number"),
        ("avg(months_between(signup_date, coalesce(churned_date, period.end)))", "number"),
        ("max(days_between(signup_date, period.end))", "int"),
        ("-count(accounts)", "int"),
        ("abs(sum(score))", "number"),
        ("clamp(avg(logins_30d), 0, 100)", "number"),
        ("greatest(count(accounts), 10)", "int"),
    ]

    @Test("metric formulas have the types of dsl.md", arguments: metricTypes)
    func metricType(formula: String, type: String) throws {
        let check = TestCatalog.check(product(metrics: ["m": formula]))
        let errors = TestCatalog.renderedErrors(check)
        #expect(errors.isEmpty, "\(errors)")
        let shop = try #require(check.catalog.product("shop"))
        #expect(try #require(shop.metric("m")).formula.type.description == type)
    }

    static let derivedTypes: [(expression: String, type: String)] = [
        ("min(purchases.date)", "date"),
        ("max(purchases.date where amount > 0)", "date"),
        ("count(purchases)", "int"),
        ("sum(purchases.amount)", "money[JPY]"),
        ("avg(purchases.amount)", "money[JPY]"),
        ("segment", "category[smb, mid, ent]"),
        ("segment == \"ent\" or vip", "bool"),
        ("signup_date", "date"),
        ("year(signup_date)", "int"),
        ("coalesce(churned_date, period.end)", "date"),
        ("if(vip, \"yes\", \"no\")", "string"),
        ("logins_30d * 1.5", "number"),
        ("logins_30d between 1 and 5", "bool"),
        ("segment in [\"smb\", \"mid\"]", "bool"),
        ("nps is not null", "bool"),
    ]

    @Test("derived fields have row types", arguments: derivedTypes)
    func derivedType(expression: String, type: String) throws {
        let check = TestCatalog.check(product(derived: ["x": expression]))
        let errors = TestCatalog.renderedErrors(check)
        #expect(errors.isEmpty, "\(errors)")
        let shop = try #require(check.catalog.product("shop"))
        let accounts = try #require(shop.source("accounts"))
        #expect(try #require(accounts.derived["x"]).type.description == type)
        #expect(accounts.type(of: "x")?.description == type)
    }

    @Test("type errors the contract names", arguments: [
        ("count(accounts where segment == 1)", "cannot compare a category (smb, mid, ent) with an int"),
        ("count(accounts where segment == \"entreprise\")", "`\"entreprise\"` is not a value of this category (smb, mid, ent)"),
        ("count(accounts where segment in [\"smb\", \"md\"])", "`\"md\"` is not a value of this category (smb, mid, ent); did you mean `mid`?"),
        ("sum(purchases.customer)", "`sum` adds numbers or money, but this is a string"),
        ("avg(segment)", "`avg` needs numbers or money, but this is a category (smb, mid, ent)"),
        ("sum(mrr) * sum(mrr)", "`*` does not apply to money in JPY and money in JPY; money adds to money of the same currency and multiplies or divides by a number"),
        ("count(accounts where signup_date > 3)", "cannot compare a date with an int"),
        ("count(accounts where logins_30d)", "the `where` of `count` must be true or false, but it is an int"),
        ("sum(mrr) > 0", "the formula of metric `m` gives a boolean; a metric is a number, such as a count, a ratio or an amount"),
    ])
    func typeErrors(formula: String, message: String) {
        let check = TestCatalog.check(product(metrics: ["m": formula]))
        #expect(check.diagnostics.filter { $0.severity == .error }.map(\.message) == [message])
    }
}

// MARK: - Aggregates

@Suite("Checker: aggregates")
struct CheckerAggregateTests {
    @Test("an aggregate over a child in a derived field of the parent is per parent row")
    func perParent() throws {
        let shop = try checkedShop()
        let accounts = try #require(shop.source("accounts"))
        #expect(sketch(try #require(accounts.derived["purchase_count"])) == "count[purchases, per accounts by customer](purchases)")
        #expect(sketch(try #require(accounts.derived["spent"])) == "sum[purchases, per accounts by customer](purchases.amount where (purchases.date in period))")
    }

    @Test("the same aggregate in a metric is over the whole source")
    func wholeInMetrics() throws {
        let check = TestCatalog.check(product(metrics: ["m": "count(purchases) + sum(purchases.amount where date in period) / sum(mrr)"]))
        let shop = try #require(check.catalog.product("shop"))
        let calls = aggregates(in: try #require(shop.metric("m")).formula)
        #expect(calls.map(\.source) == ["purchases", "purchases", "accounts"])
        #expect(calls.allSatisfy { $0.scope == .whole })
    }

    @Test("a grouped source's fields aggregate the rows of each group")
    func perGroup() throws {
        let shop = try checkedShop()
        let users = try #require(shop.source("users"))
        let fields = Dictionary(uniqueKeysWithValues: users.groupFields.map { ($0.name, sketch($0.expression)) })
        #expect(fields == [
            "first_day": "min[events, per users by user](events.day)",
            "event_count": "count[events, per users by user](events)",
            "spend": "sum[events, per users by user](events.amount)",
        ])
        #expect(users.key == "user")
        #expect(users.fields.map(\.name) == ["user", "first_day", "event_count", "spend"])
        #expect(users.fields.map(\.type.description) == ["string", "date", "int", "money[USD]"])
        guard case .grouped(let origin, let key) = users.origin else {
            Issue.record("users is not grouped")
            return
        }
        #expect(origin == "events")
        #expect(key == "user")
    }

    @Test("a source is inferred from the fields an aggregate reads; a qualified name fixes it")
    func sourceInference() throws {
        let check = TestCatalog.check(product(metrics: [
            "a": "sum(amount where date in period)",  // only purchases has both
            "b": "avg(logins_30d where vip)",
            "c": "count(purchases where customer != \"x\")",
            "d": "count_distinct(purchases.customer where amount > 0)",
        ]))
        #expect(!check.hasErrors, "\(TestCatalog.renderedErrors(check))")
        let shop = try #require(check.catalog.product("shop"))
        #expect(try aggregates(in: #require(shop.metric("a")).formula).map(\.source) == ["purchases"])
        #expect(try aggregates(in: #require(shop.metric("b")).formula).map(\.source) == ["accounts"])
        #expect(try aggregates(in: #require(shop.metric("c")).formula).map(\.source) == ["purchases"])
        #expect(try aggregates(in: #require(shop.metric("d")).formula).map(\.source) == ["purchases"])
    }

    @Test("a derived field may not aggregate its own source, nor a source that is not its child")
    func derivedScopeErrors() {
        let own = TestCatalog.check(product(derived: ["rich": "mrr > avg(mrr)"]))
        #expect(own.diagnostics.filter { $0.severity == .error }.map(\.code) == ["self-aggregate"])
        let child = TestCatalog.check(product(derived: ["n": "count(accounts)"]).replacingOccurrences(of: "accounts.n:", with: "purchases.n:"))
        #expect(child.diagnostics.filter { $0.severity == .error }.map(\.code) == ["not-a-child"])
    }
}

// MARK: - Dependencies and used fields

@Suite("Checker: dependencies and used fields")
struct CheckerDependencyTests {
    @Test("metrics come in dependency order, each after the metrics it reads")
    func dependencyOrder() throws {
        let shop = try checkedShop()
        let order = shop.metrics.map(\.id)
        #expect(Set(order) == Set(shop.definition.metrics.map(\.id.value)))
        for metric in shop.metrics {
            let index = try #require(order.firstIndex(of: metric.id))
            for dependency in metric.dependencies {
                let dependencyIndex = try #require(order.firstIndex(of: dependency))
                #expect(dependencyIndex < index, "\(dependency) must come before \(metric.id)")
            }
        }
        #expect(shop.metric("ltv")?.dependencies == ["arpa", "avg_lifetime_months"])
        #expect(shop.metric("double_nps")?.dependencies == ["nps_points"])
        #expect(shop.metric("big_buyers")?.dependencies == ["arpa"])
        #expect(shop.metric("arpa")?.dependencies == [])
        // `ltv` is declared first but needs the two after it.
        #expect(Array(order.prefix(3)) == ["arpa", "avg_lifetime_months", "ltv"])
    }

    @Test("a dependency chain deeper than the declaration order is still ordered")
    func longChain() throws {
        let ids = (0..<12).map { "m\($0)" }
        var metrics: [String: String] = ["m11": "count(accounts)"]
        for index in 0..<11 { metrics[ids[index]] = "\(ids[index + 1]) + 1" }
        let check = TestCatalog.check(product(metrics: metrics))
        let shop = try #require(check.catalog.product("shop"))
        #expect(shop.metrics.map(\.id) == ids.reversed())
    }

    @Test("usedFields holds only the columns some expression reads, plus keys and links")
    func usedFields() throws {
        let shop = try checkedShop()
        #expect(shop.source("accounts")?.usedFields == ["account_id", "segment", "signup_date", "churned_date", "mrr", "logins_30d", "nps"])
        #expect(shop.source("purchases")?.usedFields == ["purchase_id", "customer", "date", "amount"])
        #expect(shop.source("events")?.usedFields == ["user", "day", "amount"])
        #expect(shop.source("users")?.usedFields == ["user"])
    }

    @Test("declared fields nothing reads get a warning; fields read only by a segment do not")
    func unusedFieldWarnings() {
        let check = TestCatalog.check(shopProduct, path: "shop.yaml")
        let warnings = check.diagnostics.filter { $0.code == "unused-field" }.map(\.message)
        #expect(warnings == [
            "field `notes` of source `accounts` is never used; remove it, or use it in a metric, health or signal",
            "field `coupon` of source `purchases` is never used; remove it, or use it in a metric, health or signal",
        ])
    }

    @Test("no unused-field warnings once the product has errors (its uses are not known)")
    func noUnusedWarningsAfterErrors() {
        let check = TestCatalog.check(product(metrics: ["m": "mrr * 12"]))
        #expect(check.diagnostics.map(\.code) == ["bare-field"])
    }
}

// MARK: - Shipped catalogs

@Suite("Checker: shipped catalogs")
struct ShippedCatalogTests {
    @Test("kpi-definitions/ checks without errors and holds cms, ma and financing")
    func kpiDefinitions() throws {
        let check = CatalogLoader.load(paths: [Repository.path("kpi-definitions")])
        #expect(!check.hasErrors, "\(TestCatalog.renderedErrors(check))")
        #expect(check.failedProducts.isEmpty)
        #expect(Set(check.catalog.products.map(\.id)) == ["cms", "ma", "financing"])
        #expect(check.documentCount == 5)
        for product in check.catalog.products {
            #expect(!product.metrics.isEmpty, "\(product.id) has no metrics")
        }
        #expect(check.catalog.product("cms")?.bases.map(\.id) == ["cs-common", "saas-core"])
        #expect(check.catalog.product("financing")?.bases.map(\.id) == ["cs-common"])
    }

    @Test("each shipped product checks on its own file too (its bases read from the folder)", arguments: ["cms", "ma", "financing"])
    func singleFile(id: String) throws {
        let check = CatalogLoader.load(paths: [Repository.path("kpi-definitions/\(id).yaml")])
        #expect(!check.hasErrors, "\(TestCatalog.renderedErrors(check))")
        #expect(check.catalog.product(id) != nil)
    }

    @Test("benchmarks/definitions/ checks without errors and holds the three bench products")
    func benchmarks() throws {
        let check = CatalogLoader.load(paths: [Repository.path("benchmarks/definitions")])
        #expect(!check.hasErrors, "\(TestCatalog.renderedErrors(check))")
        #expect(check.failedProducts.isEmpty)
        #expect(Set(check.catalog.products.map(\.id)) == ["bench-cms", "bench-ma", "bench-financing"])
        for product in check.catalog.products {
            #expect(product.bases.map(\.id) == ["bench-core"])
        }
    }
}

// MARK: - The contract's own example

@Suite("Checker: the example of dsl.md")
struct ContractExampleTests {
    /// The product of dsl.md, "Catalog", with `purchases.fields` in block style.
    static let example = """
        kpi: 1
        product: cms
        name: BlueMonkey CMS
        team: CMS Customer Success
        model: subscription
        description: Why these KPIs and weights (free text, shown in reports and comparisons).

        sources:
          accounts:
            key: account_id
            where: product == "cms"
            fields:
              account_id: string
              product: string
              segment: category[smb, mid, ent]
              signup_date: date
              churned_date: date?
              mrr: money[JPY]
              logins_30d: int
              nps: int?
          purchases:
            key: purchase_id
            parent: accounts by customer
            fields:
              purchase_id: string
              customer: string
              date: date
              amount: money[JPY]

        derived:
          accounts.purchase_count: count(purchases)
          accounts.active: churned_date is null or churned_date >= period.start
          accounts.lifetime_months: months_between(signup_date, coalesce(churned_date, period.end))

        segments:
          enterprise: accounts.segment == "ent"

        metrics:
          churn_rate:
            label: Churn rate
            concept: churn
            formula: ratio(count(accounts where churned_date in period), count(accounts where active))
            unit: percent
            direction: lower
            target: 0.01
            thresholds: { green: 0.01, yellow: 0.03 }
            weight: 10
          ltv:
            concept: ltv
            formula: arpa * avg_lifetime_months
            unit: money
          arpa:
            concept: revenue
            formula: avg(mrr where active)
            unit: money
          avg_lifetime_months:
            formula: avg(lifetime_months)
            unit: months

        health:
          source: accounts
          components:
            usage:   { value: logins_30d, scale: { 0: 0, 5: 50, 20: 100 }, weight: 30 }
            loyalty: { value: nps, scale: { -100: 0, 100: 100 }, weight: 20 }
          missing: renormalize
          bands: { green: 70, yellow: 40 }

        signals:
          at_risk:
            kind: proactive
            when: health.band == "red" and logins_30d < 2
            action: CSM call within 7 days
        """

    @Test("the example product checks without errors")
    func exampleChecks() throws {
        let check = TestCatalog.check(Self.example, path: "cms.yaml")
        #expect(!check.hasErrors, "\(TestCatalog.renderedErrors(check))")
        let cms = try #require(check.catalog.product("cms"))
        #expect(cms.metric("ltv")?.formula.type == .money("JPY"))
        #expect(cms.metric("churn_rate")?.formula.type == .number)
    }

    @Test("the grouped-source example checks without errors")
    func groupedExampleChecks() throws {
        let check = TestCatalog.check("""
            kpi: 1
            product: shop
            model: one-time
            sources:
              purchases:
                fields:
                  customer: string
                  date: date
                  amount: money[USD]
              customers:
                group: purchases by customer
                fields:
                  first_purchase: min(date)
                  purchases: count()
                  revenue: sum(amount)
            metrics:
              revenue_per_customer:
                formula: avg(revenue)
                unit: money
              new_customers:
                formula: count(customers where first_purchase in period)
              repeaters:
                formula: count(customers where purchases >= 2)
            """)
        #expect(!check.hasErrors, "\(TestCatalog.renderedErrors(check))")
    }

    @Test("the example's flow-style `fields: { ..., amount: money[USD] }` loads")
    func flowStyleFieldsWithBrackets() {
        // dsl.md writes `fields: { customer: string, date: date, amount: money[USD] }`; in
        // strict YAML flow context `[` starts a sequence, so the loader must accept this form
        // on purpose (files valid under the contract keep working).
        let check = TestCatalog.check("""
            kpi: 1
            product: shop
            model: one-time
            sources:
              purchases:
                fields: { customer: string, date: date, amount: money[USD] }
              customers:
                group: purchases by customer
                fields:
                  revenue: sum(amount)
            metrics:
              revenue:
                formula: sum(customers.revenue)
            """)
        #expect(!check.hasErrors, "\(TestCatalog.renderedErrors(check))")
        let purchases = check.catalog.product("shop")?.source("purchases")
        #expect(purchases?.fields.map(\.type.description) == ["string", "date", "money[USD]"])
    }
}
