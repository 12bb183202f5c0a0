@testable import KPILanguage
import KPITestSupport
import KPIYAML
import Testing

// Inheritance (dsl.md, "Inheritance"): `extends` merges bases in order, then the product.
// Maps merge recursively by key; a scalar or list given again replaces the inherited one;
// a metric or health component given again is replaced whole, unless it gives only some
// of `weight`, `target`, `thresholds`, `label`, which then override those keys alone;
// `remove: [ids]` drops inherited metrics, components or signals.

// MARK: - Helpers

/// A base with two sources, metrics that use every field, a health score and a signal.
private let coreBase = """
    kpi: 1
    base: core
    name: Core
    description: From the base.
    sources:
      accounts:
        key: account_id
        where: product == "shop"
        fields:
          account_id: string
          product: category[shop, other]
          mrr: money[JPY]
          logins_30d: int
          churned_date: date?
          seats: int
      tickets:
        key: ticket_id
        parent: accounts by account_id
        fields:
          ticket_id: string
          account_id: string
    metrics:
      arpa:
        label: Average MRR
        formula: avg(mrr)
        unit: money
        target: 10000
        thresholds: { green: 10000, yellow: 5000 }
        weight: 10
      churned:
        label: Churned accounts
        formula: count(accounts where churned_date in period)
        unit: count
        direction: lower
        target: 1
        thresholds: { green: 1, yellow: 3 }
        weight: 5
      tickets_total:
        formula: count(tickets)
        unit: count
    health:
      source: accounts
      components:
        usage: { label: Logins, value: logins_30d, scale: { 0: 0, 20: 100 }, weight: 30 }
        money: { value: seats, scale: { 0: 0, 50: 100 }, weight: 10 }
      groups:
        activity: { weight: 60, components: [usage] }
        value: { weight: 40, components: [money] }
      bands: { green: 70, yellow: 40 }
    signals:
      silent:
        kind: proactive
        when: logins_30d == 0
        action: Call them.
    """

/// Checks `product` (as `shop.yaml`) with the given bases, and requires it to check cleanly.
private func checkedShop(
    _ product: String, bases: [String] = [coreBase], sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> CheckedProduct {
    let files = bases.enumerated().map { (path: "base\($0.offset).yaml", text: $0.element) } + [(path: "shop.yaml", text: product)]
    let check = TestCatalog.check(files: files)
    let errors = TestCatalog.renderedErrors(check)
    #expect(errors.isEmpty, "unexpected errors:\n\(errors)", sourceLocation: sourceLocation)
    return try #require(check.catalog.product("shop"), sourceLocation: sourceLocation)
}

/// `kpi: 1 / product: shop / model: subscription / extends: [core]` plus `body`.
private func shop(_ body: String = "", extends: String = "[core]") -> String {
    """
    kpi: 1
    product: shop
    model: subscription
    extends: \(extends)
    \(body)
    """
}

private func metric(_ product: CheckedProduct, _ id: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> MetricDefinition {
    try #require(product.metric(id), "no metric `\(id)`", sourceLocation: sourceLocation).definition
}

// MARK: - Rules

@Suite("Extends: inheritance rules")
struct ExtendsTests {
    @Test("a product that only extends gets everything the base declares")
    func inheritsEverything() throws {
        let product = try checkedShop(shop())
        #expect(product.definition.name == "Core")
        #expect(product.definition.sources.map(\.id.value) == ["accounts", "tickets"])
        #expect(Set(product.metrics.map(\.id)) == ["arpa", "churned", "tickets_total"])
        #expect(product.health?.components.map(\.id) == ["usage", "money"])
        #expect(product.signals.map(\.id) == ["silent"])
        #expect(product.bases.map(\.id) == ["core"])
    }

    @Test("scalars given again replace the inherited ones")
    func scalarsReplace() throws {
        let product = try checkedShop(shop("""
            name: Shop
            description: From the product.
            sources:
              accounts:
                where: product == "other"
            """))
        #expect(product.definition.name == "Shop")
        #expect(product.definition.description == "From the product.")
        let filter = try #require(product.definition.sources.first { $0.id.value == "accounts" }?.filter)
        #expect(filter.text == "product == \"other\"")
        #expect(filter.range.file.path == "shop.yaml", "the merged node keeps the file it came from")
    }

    @Test("maps merge recursively: a product adds fields to an inherited source and keeps the others")
    func mapsMergeRecursively() throws {
        let product = try checkedShop(shop("""
            sources:
              accounts:
                fields:
                  plan: category[basic, pro]
            segments:
              pro: accounts.plan == "pro"
            metrics:
              pro_accounts:
                formula: count(accounts where pro)
                unit: count
            """))
        let accounts = try #require(product.source("accounts"))
        #expect(accounts.fields.map(\.name) == ["account_id", "product", "mrr", "logins_30d", "churned_date", "seats", "plan"])
        #expect(accounts.key == "account_id", "the inherited key stays")
        #expect(accounts.filter != nil, "the inherited `where` stays")
        // The new metric comes after the inherited ones in declaration order.
        #expect(product.definition.metrics.map(\.id.value) == ["arpa", "churned", "tickets_total", "pro_accounts"])
    }

    @Test("lists given again replace the inherited list")
    func listsReplace() throws {
        let product = try checkedShop(shop("""
            health:
              groups:
                activity: { components: [usage, money] }
                value: { weight: 0, components: [] }
            """))
        let health = try #require(product.health)
        let activity = try #require(health.definition.groups.first { $0.id.value == "activity" })
        #expect(activity.components.map(\.value) == ["usage", "money"])
        #expect(activity.weight.value == 60, "the group map merges: its weight is inherited")
        let value = try #require(health.definition.groups.first { $0.id.value == "value" })
        #expect(value.components.isEmpty)
        #expect(health.weights == ["usage": 45, "money": 15])
    }

    @Test("a metric given with only weight/target/thresholds/label overrides those keys alone")
    func partialMetricOverride() throws {
        let product = try checkedShop(shop("""
            metrics:
              arpa:
                weight: 20
              churned:
                label: Lost accounts
                target: 2
                thresholds: { yellow: 5 }
            """))
        let arpa = try metric(product, "arpa")
        #expect(arpa.weight?.value == 20)
        #expect(arpa.formula.text == "avg(mrr)")
        #expect(arpa.label == "Average MRR")
        #expect(arpa.target?.value == 10000)
        #expect(arpa.unit?.value == .money)
        #expect(arpa.weight?.range.file.path == "shop.yaml")
        #expect(arpa.formula.range.file.path == "base0.yaml")

        let churned = try metric(product, "churned")
        #expect(churned.label == "Lost accounts")
        #expect(churned.target?.value == 2)
        // `thresholds` is a map: it merges by key like every map.
        #expect(churned.thresholds?.green == 1)
        #expect(churned.thresholds?.yellow == 5)
        #expect(churned.direction == .lower, "an inherited direction stays")
        #expect(churned.weight?.value == 5)
    }

    @Test("a metric given with any other key is replaced whole")
    func wholeMetricReplacement() throws {
        let product = try checkedShop(shop("""
            metrics:
              arpa:
                formula: sum(mrr)
                weight: 3
            """))
        let arpa = try metric(product, "arpa")
        #expect(arpa.formula.text == "sum(mrr)")
        #expect(arpa.weight?.value == 3)
        #expect(arpa.label == nil, "the inherited label is gone with the rest")
        #expect(arpa.target == nil)
        #expect(arpa.thresholds == nil)
        #expect(arpa.unit == nil)
    }

    @Test("a replaced metric without a formula is an error, not a silent partial merge")
    func replacedMetricNeedsFormula() {
        let check = TestCatalog.check(files: [
            (path: "core.yaml", text: coreBase),
            (path: "shop.yaml", text: shop("""
                metrics:
                  arpa:
                    weight: 3
                    unit: number
                """)),
        ])
        #expect(TestCatalog.renderedErrors(check) == """
            shop.yaml:6:3: error: metric `arpa` has no `formula:`; write how it is computed, such as `ratio(count(accounts where churned), count(accounts))`
              arpa:
              ^~~~

            """)
        #expect(check.failedProducts == ["shop"])
    }

    @Test("a health component follows the same rule as a metric")
    func healthComponentOverride() throws {
        let product = try checkedShop(shop("""
            health:
              components:
                usage: { weight: 50 }
                money: { value: logins_30d, weight: 5 }
            """))
        let health = try #require(product.health)
        let usage = try #require(health.definition.components.first { $0.id.value == "usage" })
        #expect(usage.weight.value == 50)
        #expect(usage.label == "Logins")
        #expect(usage.value.text == "logins_30d")
        #expect(usage.scale != nil)
        let money = try #require(health.definition.components.first { $0.id.value == "money" })
        #expect(money.value.text == "logins_30d")
        #expect(money.scale == nil, "replaced whole: the inherited scale is gone")
    }

    @Test("remove drops inherited metrics, health components and signals")
    func removeDropsInherited() throws {
        let product = try checkedShop(shop("""
            remove: [tickets_total, money, silent]
            health:
              groups:
                value: { components: [] }
                activity: { weight: 100 }
            """))
        #expect(Set(product.metrics.map(\.id)) == ["arpa", "churned"])
        #expect(product.health?.components.map(\.id) == ["usage"])
        #expect(product.signals.isEmpty)
    }

    @Test("remove of an id nothing inherits is an error that suggests the closest id")
    func removeUnknown() {
        let check = TestCatalog.check(files: [
            (path: "core.yaml", text: coreBase),
            (path: "shop.yaml", text: shop("remove: [arpaa, nothing_like_it]")),
        ])
        #expect(TestCatalog.renderedErrors(check) == """
            shop.yaml:5:10: error: `remove` names `arpaa`, but no inherited metric, health component or signal has that id; did you mean `arpa`?
            remove: [arpaa, nothing_like_it]
                     ^~~~~
            shop.yaml:5:17: error: `remove` names `nothing_like_it`, but no inherited metric, health component or signal has that id
            remove: [arpaa, nothing_like_it]
                            ^~~~~~~~~~~~~~~

            """)
    }

    @Test("several bases merge in order, then the product on top")
    func mergeOrderOfSeveralBases() throws {
        let growth = """
            kpi: 1
            base: growth
            name: Growth
            metrics:
              arpa:
                weight: 2
                label: ARPA (growth)
              expansion:
                formula: sum(mrr where churned_date is null)
                unit: money
                weight: 7
            """
        let retention = """
            kpi: 1
            base: retention
            name: Retention
            metrics:
              arpa:
                weight: 3
              expansion:
                weight: 8
            """
        let both = try checkedShop(shop(extends: "[core, growth, retention]"), bases: [coreBase, growth, retention])
        #expect(both.definition.name == "Retention", "the last base wins")
        #expect(try metric(both, "arpa").weight?.value == 3)
        #expect(try metric(both, "arpa").label == "ARPA (growth)")
        #expect(try metric(both, "expansion").weight?.value == 8)
        #expect(both.bases.map(\.id) == ["core", "growth", "retention"])

        let reversed = try checkedShop(shop(extends: "[core, retention, growth]"), bases: [coreBase, growth, retention])
        #expect(reversed.definition.name == "Growth")
        #expect(try metric(reversed, "arpa").weight?.value == 2)

        let own = try checkedShop(shop("""
            name: Mine
            metrics:
              arpa: { weight: 4 }
            """, extends: "[core, growth, retention]"), bases: [coreBase, growth, retention])
        #expect(own.definition.name == "Mine", "the product is merged last")
        #expect(try metric(own, "arpa").weight?.value == 4)
        #expect(try metric(own, "arpa").label == "ARPA (growth)")
    }

    @Test("bases extend bases: the chain is merged depth first")
    func transitiveBases() throws {
        let middle = """
            kpi: 1
            base: middle
            extends: [core]
            metrics:
              arpa: { weight: 11 }
            """
        let product = try checkedShop(shop(extends: "[middle]"), bases: [coreBase, middle])
        #expect(try metric(product, "arpa").weight?.value == 11)
        #expect(try metric(product, "arpa").formula.text == "avg(mrr)")
        #expect(product.bases.map(\.id) == ["core", "middle"])
    }

    @Test("document keys of a base (`kpi`, `base`, `extends`, `remove`) are not inherited")
    func ownKeysAreNotInherited() throws {
        let dropper = """
            kpi: 1
            base: dropper
            extends: [core]
            remove: [tickets_total]
            """
        let product = try checkedShop(shop(extends: "[dropper]"), bases: [coreBase, dropper])
        #expect(product.metric("tickets_total") == nil, "the base's own remove applied to its tree")
        #expect(product.definition.extends.map(\.value) == ["dropper"])
    }
}

// MARK: - Merge of trees

@Suite("Extends: merging YAML trees")
struct ExtendsTreeMergeTests {
    private func node(_ yaml: String) throws -> YAMLNode {
        try #require(try YAMLLoader.load(SourceFile(path: "t.yaml", text: yaml)).first)
    }

    @Test("merge of plain maps, scalars and lists")
    func plainMerge() throws {
        let base = try node("a: 1\nb: { c: 2, d: [1, 2] }\ne: x")
        let over = try node("b: { d: [3], f: 4 }\ne: y\ng: z")
        let merged = ExtendsResolver.merge(base, over, path: [])
        #expect(PlainValue(merged) == PlainValue(try node("a: 1\nb: { c: 2, d: [3], f: 4 }\ne: y\ng: z")))
        #expect(merged.mapping?.map { $0.key.scalar ?? "" } == ["a", "b", "e", "g"], "inherited keys first, new keys after")
    }

    @Test("a map given where a scalar was (or the reverse) replaces it")
    func shapeChangeReplaces() throws {
        let merged = ExtendsResolver.merge(try node("a: 1\nb: { c: 2 }"), try node("a: { x: 1 }\nb: 3"), path: [])
        #expect(PlainValue(merged) == PlainValue(try node("a: { x: 1 }\nb: 3")))
    }

    @Test("an empty base is the identity, and so is an empty product")
    func emptyIsIdentity() throws {
        let tree = try node(coreBase)
        let empty = try node("{}")
        #expect(PlainValue(ExtendsResolver.merge(empty, tree, path: [])) == PlainValue(tree))
        #expect(PlainValue(ExtendsResolver.merge(tree, empty, path: [])) == PlainValue(tree))
    }
}

// MARK: - Property: the merge equals a reference merge on plain dictionaries

/// A YAML tree as plain values, to compare trees without their marks.
indirect enum PlainValue: Equatable, CustomStringConvertible {
    case scalar(String)
    case list([PlainValue])
    case map([(String, PlainValue)])

    init(_ node: YAMLNode) {
        switch node.kind {
        case .scalar(let text, _): self = .scalar(text)
        case .sequence(let items): self = .list(items.map(PlainValue.init))
        case .mapping(let pairs): self = .map(pairs.map { ($0.key.scalar ?? "", PlainValue($0.value)) })
        }
    }

    static func == (lhs: PlainValue, rhs: PlainValue) -> Bool {
        switch (lhs, rhs) {
        case (.scalar(let a), .scalar(let b)): return a == b
        case (.list(let a), .list(let b)): return a == b
        case (.map(let a), .map(let b)): return a.elementsEqual(b) { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    var description: String {
        switch self {
        case .scalar(let text): return text
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .map(let pairs): return "{" + pairs.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
        }
    }
}

/// One generated metric: only the keys that are set.
private struct GeneratedMetric {
    var label: String?
    var formula: String?
    var unit: String?
    var target: Int?
    var weight: Int?
    var green: Int?
    var yellow: Int?

    var keys: Set<String> {
        var out: Set<String> = []
        if label != nil { out.insert("label") }
        if formula != nil { out.insert("formula") }
        if unit != nil { out.insert("unit") }
        if target != nil { out.insert("target") }
        if weight != nil { out.insert("weight") }
        if green != nil || yellow != nil { out.insert("thresholds") }
        return out
    }

    var yaml: String {
        var parts: [String] = []
        if let label { parts.append("label: \"\(label)\"") }
        if let formula { parts.append("formula: \(formula)") }
        if let unit { parts.append("unit: \(unit)") }
        if let target { parts.append("target: \(target)") }
        if let weight { parts.append("weight: \(weight)") }
        var thresholds: [String] = []
        if let green { thresholds.append("green: \(green)") }
        if let yellow { thresholds.append("yellow: \(yellow)") }
        if !thresholds.isEmpty { parts.append("thresholds: { \(thresholds.joined(separator: ", ")) }") }
        return "{ " + parts.joined(separator: ", ") + " }"
    }

    /// The reference merge of dsl.md on plain values: `over` replaces `self` whole unless
    /// it gives only overridable keys; thresholds, a map, merge by key.
    func merged(with over: GeneratedMetric) -> GeneratedMetric {
        guard over.keys.isSubset(of: ["weight", "target", "thresholds", "label"]) else { return over }
        var out = self
        out.label = over.label ?? label
        out.target = over.target ?? target
        out.weight = over.weight ?? weight
        out.green = over.green ?? green
        out.yellow = over.yellow ?? yellow
        return out
    }
}

private let formulas = ["count(accounts)", "avg(mrr)", "sum(mrr)", "count(accounts where logins_30d > 3)", "max(logins_30d)"]
private let units = ["count", "money", "number"]

extension SeededGenerator {
    /// A full metric definition (what a base or a new product metric gives).
    fileprivate mutating func fullMetric() -> GeneratedMetric {
        var metric = GeneratedMetric()
        metric.formula = pick(formulas)
        if chance(0.6) { metric.label = "Label \(Int.random(in: 0..<1000, using: &self))" }
        if chance(0.5) { metric.unit = pick(units) }
        if chance(0.6) { metric.target = Int.random(in: 1...100, using: &self) }
        if chance(0.7) { metric.weight = Int.random(in: 1...20, using: &self) }
        if chance(0.5) {
            metric.green = Int.random(in: 50...100, using: &self)
            metric.yellow = Int.random(in: 0..<50, using: &self)
        }
        return metric
    }

    /// What a product gives for an inherited metric: a partial override or a replacement.
    fileprivate mutating func override(of inherited: GeneratedMetric) -> GeneratedMetric {
        if chance(0.3) { return fullMetric() }
        var metric = GeneratedMetric()
        repeat {
            if chance(0.4) { metric.label = "Override \(Int.random(in: 0..<1000, using: &self))" }
            if chance(0.4) { metric.target = Int.random(in: 1...100, using: &self) }
            if chance(0.4) { metric.weight = Int.random(in: 1...20, using: &self) }
            // A partial thresholds map only where one is inherited to complete it.
            if inherited.green != nil, chance(0.4) {
                if chance(0.5) { metric.green = Int.random(in: 50...100, using: &self) } else { metric.yellow = Int.random(in: 0..<50, using: &self) }
            } else if chance(0.2) {
                metric.green = Int.random(in: 50...100, using: &self)
                metric.yellow = Int.random(in: 0..<50, using: &self)
            }
        } while metric.keys.isEmpty
        return metric
    }
}

@Suite("Extends: property tests")
struct ExtendsPropertyTests {
    static let sourceYAML = """
        sources:
          accounts:
            key: account_id
            fields:
              account_id: string
              mrr: money[JPY]
              logins_30d: int
        """

    /// The YAML of a `metrics:` section, in the given order.
    private static func metricsYAML(_ metrics: [(String, GeneratedMetric)]) -> String {
        guard !metrics.isEmpty else { return "" }
        return "metrics:\n" + metrics.map { "  \($0.0): \($0.1.yaml)" }.joined(separator: "\n")
    }

    /// What the checker made of a metric, in the generator's terms.
    private static func observed(_ definition: MetricDefinition) -> [String: String] {
        var out: [String: String] = ["formula": definition.formula.text]
        if let label = definition.label { out["label"] = label }
        if let unit = definition.unit { out["unit"] = unit.value.rawValue }
        if let target = definition.target { out["target"] = NodeReader.format(target.value) }
        if let weight = definition.weight { out["weight"] = NodeReader.format(weight.value) }
        if let thresholds = definition.thresholds {
            out["green"] = NodeReader.format(thresholds.green)
            out["yellow"] = NodeReader.format(thresholds.yellow)
        }
        return out
    }

    private static func expected(_ metric: GeneratedMetric) -> [String: String] {
        var out: [String: String] = [:]
        if let formula = metric.formula { out["formula"] = formula }
        if let label = metric.label { out["label"] = label }
        if let unit = metric.unit { out["unit"] = unit }
        if let target = metric.target { out["target"] = String(target) }
        if let weight = metric.weight { out["weight"] = String(weight) }
        if let green = metric.green { out["green"] = String(green) }
        if let yellow = metric.yellow { out["yellow"] = String(yellow) }
        return out
    }

    @Test("merged metrics equal the reference merge", arguments: 0..<8)
    func mergeMatchesReference(batch: UInt64) throws {
        var random = SeededGenerator(seed: 0x5EED_0000 + batch)
        for round in 0..<25 {
            let ids = ["a", "b", "c", "d", "e", "f", "g"]
            // Base: some metrics, fully defined.
            var base: [(String, GeneratedMetric)] = []
            for id in ids where random.chance(0.6) { base.append((id, random.fullMetric())) }
            let baseIDs = base.map(\.0)
            // Product: overrides of some inherited metrics, some new ones, some removals.
            var product: [(String, GeneratedMetric)] = []
            var removed: [String] = []
            for (id, inherited) in base {
                if random.chance(0.5) {
                    product.append((id, random.override(of: inherited)))
                } else if random.chance(0.2) {
                    removed.append(id)
                }
            }
            for id in ids where !baseIDs.contains(id) && random.chance(0.4) {
                product.append((id, random.fullMetric()))
            }
            product.shuffle(using: &random)

            // Reference: plain dictionaries.
            var reference: [String: GeneratedMetric] = Dictionary(uniqueKeysWithValues: base)
            for (id, metric) in product {
                reference[id] = reference[id].map { $0.merged(with: metric) } ?? metric
            }
            for id in removed { reference[id] = nil }
            let referenceOrder = baseIDs.filter { reference[$0] != nil } + product.map(\.0).filter { !baseIDs.contains($0) }

            let baseText = "kpi: 1\nbase: core\n\(Self.sourceYAML)\n\(Self.metricsYAML(base))\n"
            let productText = """
                kpi: 1
                product: shop
                model: subscription
                extends: [core]
                \(removed.isEmpty ? "" : "remove: [\(removed.joined(separator: ", "))]")
                \(Self.metricsYAML(product))

                """
            let check = TestCatalog.check(files: [(path: "core.yaml", text: baseText), (path: "shop.yaml", text: productText)])
            let context = "seed batch \(batch), round \(round):\n--- core.yaml\n\(baseText)--- shop.yaml\n\(productText)"
            let errors = TestCatalog.renderedErrors(check)
            guard errors.isEmpty, let shop = check.catalog.product("shop") else {
                Issue.record("the generated catalog does not check: \(errors)\n\(context)")
                continue
            }
            #expect(shop.definition.metrics.map(\.id.value) == referenceOrder, "\(context)")
            for definition in shop.definition.metrics {
                let want = try #require(reference[definition.id.value])
                #expect(Self.observed(definition) == Self.expected(want), "metric `\(definition.id.value)`, \(context)")
            }
        }
    }

    @Test("extending an empty base is the identity", arguments: 0..<4)
    func emptyBaseIsIdentity(batch: UInt64) throws {
        var random = SeededGenerator(seed: 0xE3B7_0000 + batch)
        for round in 0..<25 {
            var metrics: [(String, GeneratedMetric)] = []
            for id in ["a", "b", "c", "d", "e"] where random.chance(0.7) { metrics.append((id, random.fullMetric())) }
            let body = "model: subscription\n\(Self.sourceYAML)\n\(Self.metricsYAML(metrics))\n"
            let alone = TestCatalog.check("kpi: 1\nproduct: shop\n" + body, path: "shop.yaml")
            let extended = TestCatalog.check(files: [
                (path: "empty.yaml", text: "kpi: 1\nbase: empty\n"),
                (path: "shop.yaml", text: "kpi: 1\nproduct: shop\nextends: [empty]\n" + body),
            ])
            let context = "seed batch \(batch), round \(round):\n\(body)"
            #expect(TestCatalog.renderedErrors(alone).isEmpty, "\(context)")
            #expect(TestCatalog.renderedErrors(extended).isEmpty, "\(context)")
            let a = try #require(alone.catalog.product("shop"))
            let b = try #require(extended.catalog.product("shop"))
            #expect(a.definition.metrics.map(\.id.value) == b.definition.metrics.map(\.id.value), "\(context)")
            #expect(a.definition.metrics.map(Self.observed) == b.definition.metrics.map(Self.observed), "\(context)")
            #expect(a.metrics.map(\.id) == b.metrics.map(\.id), "\(context)")
        }
    }

    @Test("the tree merge equals the reference merge on random nested maps")
    func treeMergeMatchesReference() throws {
        var random = SeededGenerator(seed: 42)
        for round in 0..<300 {
            let base = random.plainTree(depth: 3)
            let over = random.plainTree(depth: 3)
            let baseNode = try #require(try YAMLLoader.load(SourceFile(path: "b.yaml", text: base.flowYAML)).first)
            let overNode = try #require(try YAMLLoader.load(SourceFile(path: "o.yaml", text: over.flowYAML)).first)
            // Top-level keys that are not `metrics`/`health`, so no whole-entry rule applies.
            let merged = PlainValue(ExtendsResolver.merge(baseNode, overNode, path: []))
            #expect(merged == PlainValue.referenceMerge(base, over), "round \(round): \(base.flowYAML) <- \(over.flowYAML)")
            #expect(PlainValue(ExtendsResolver.merge(YAMLNode(kind: .mapping([]), range: baseNode.range), overNode, path: [])) == over)
        }
    }
}

extension PlainValue {
    /// dsl.md's rule on plain values: maps merge by key (inherited keys first), anything
    /// else given again replaces.
    static func referenceMerge(_ base: PlainValue, _ over: PlainValue) -> PlainValue {
        guard case .map(let basePairs) = base, case .map(let overPairs) = over else { return over }
        var out = basePairs
        for (key, value) in overPairs {
            if let index = out.firstIndex(where: { $0.0 == key }) {
                out[index].1 = referenceMerge(out[index].1, value)
            } else {
                out.append((key, value))
            }
        }
        return .map(out)
    }

    /// The value as one line of flow YAML.
    var flowYAML: String {
        switch self {
        case .scalar(let text): return text
        case .list(let items): return "[" + items.map(\.flowYAML).joined(separator: ", ") + "]"
        case .map(let pairs): return "{" + pairs.map { "\($0.0): \($0.1.flowYAML)" }.joined(separator: ", ") + "}"
        }
    }
}

extension SeededGenerator {
    /// A random map of a few keys from a small alphabet (so base and product share keys),
    /// with scalars, lists and nested maps as values.
    fileprivate mutating func plainTree(depth: Int) -> PlainValue {
        var pairs: [(String, PlainValue)] = []
        for key in ["k", "m", "p", "q", "r"] where chance(0.5) {
            let value: PlainValue
            switch Int.random(in: 0..<(depth > 0 ? 3 : 2), using: &self) {
            case 0: value = .scalar("v\(Int.random(in: 0..<5, using: &self))")
            case 1: value = .list((0..<Int.random(in: 0...2, using: &self)).map { _ in .scalar("i\(Int.random(in: 0..<5, using: &self))") })
            default: value = plainTree(depth: depth - 1)
            }
            pairs.append((key, value))
        }
        return .map(pairs)
    }
}
