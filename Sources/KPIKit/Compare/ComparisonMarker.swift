/// Finds where the compared products talk past each other (see `ComparisonMark.Kind`).
struct ComparisonMarker {
    let comparison: CatalogComparison

    /// Every mark, concept by concept in the comparison's order; within a concept the
    /// weight mark, then the unit mark, then the metric-id marks by metric id.
    func marks() -> [ComparisonMark] {
        let idMarks = metricIDMarks()
        var out: [ComparisonMark] = []
        for concept in comparison.concepts {
            if let mark = weightMark(concept) { out.append(mark) }
            if let mark = unitMark(concept) { out.append(mark) }
            out += idMarks.filter { $0.concept == concept.concept }
        }
        return out
    }

    private var productOrder: [String] { comparison.products.map(\.id) }

    // MARK: - Weight

    /// Heavy in one product, light or absent in another (products that weight nothing
    /// have no shares and take no part).
    func weightMark(_ concept: ConceptComparison) -> ComparisonMark? {
        guard let name = concept.concept else { return nil }
        let weighted = concept.shares.filter { $0.share != nil }
        let heavy = weighted.filter { $0.share! >= ComparisonMark.heavyShare - 1e-12 }
        let light = weighted.filter { $0.share! < ComparisonMark.lightShare - 1e-12 }
        guard !heavy.isEmpty, !light.isEmpty else { return nil }
        var parts = ["heavy in " + Self.list(heavy.map { "\($0.product) (\(NumberText.share($0.share!)))" })]
        let low = light.filter { $0.metricCount > 0 && $0.weight > 0 }
        let unweighted = light.filter { $0.metricCount > 0 && $0.weight == 0 }
        let absent = light.filter { $0.metricCount == 0 }
        if !low.isEmpty { parts.append("light in " + Self.list(low.map { "\($0.product) (\(NumberText.share($0.share!)))" })) }
        if !unweighted.isEmpty { parts.append("unweighted in " + Self.list(unweighted.map(\.product))) }
        if !absent.isEmpty { parts.append("not measured by " + Self.list(absent.map(\.product))) }
        let involved = Set(heavy.map(\.product) + light.map(\.product))
        return ComparisonMark(
            kind: .weight, concept: name, products: productOrder.filter(involved.contains),
            message: "\(name): \(parts.joined(separator: "; ")); a priority the teams do not share")
    }

    // MARK: - Unit

    /// The products that measure `concept` do it in different sets of units. A product's
    /// units are those of its weighted metrics of the concept (what its team steers by),
    /// or of all of them when none is weighted.
    func unitMark(_ concept: ConceptComparison) -> ComparisonMark? {
        guard let name = concept.concept else { return nil }
        var units: [(product: String, units: [String])] = []
        for product in productOrder {
            let metrics = concept.metrics.filter { $0.product == product }
            let weighted = metrics.filter { ($0.weight ?? 0) > 0 }
            let own = (weighted.isEmpty ? metrics : weighted).compactMap(\.unitLabel)
            var unique: [String] = []
            for unit in own where !unique.contains(unit) { unique.append(unit) }
            if !unique.isEmpty { units.append((product, unique.sorted())) }
        }
        guard units.count >= 2, Set(units.map(\.units)).count > 1 else { return nil }
        let groups = Self.grouped(units.map { ($0.product, $0.units.joined(separator: " and ")) })
        let parts = groups.map { "\($0.value) in \(Self.list($0.products))" }
        return ComparisonMark(
            kind: .unit, concept: name, products: units.map(\.product),
            message: "\(name) is measured in \(Self.list(parts, conjunction: "but")): the numbers cannot be set side by side")
    }

    // MARK: - One metric id

    /// For each metric id that several products use: different formula, direction,
    /// window or concept.
    func metricIDMarks() -> [ComparisonMark] {
        var byID: [String: [ComparedMetric]] = [:]
        var ids: [String] = []
        for product in productOrder {
            for concept in comparison.concepts {
                for metric in concept.metrics where metric.product == product {
                    if byID[metric.id] == nil { ids.append(metric.id) }
                    byID[metric.id, default: []].append(metric)
                }
            }
        }
        var out: [ComparisonMark] = []
        for id in ids.sorted() {
            let metrics = byID[id]!
            guard metrics.count >= 2 else { continue }
            let section = metrics[0].concept
            let products = metrics.map(\.product)

            let formulas = Self.grouped(metrics.map { ($0.product, $0.formula) })
            if formulas.count > 1 {
                out.append(ComparisonMark(
                    kind: .formula, concept: section, metric: id, products: products,
                    message: "`\(id)` is computed \(formulas.count) different ways (\(formulas.map { Self.list($0.products) }.joined(separator: " / "))): the same name does not mean the same number"))
            }
            let directions = Self.grouped(metrics.map { ($0.product, $0.direction.rawValue) })
            if directions.count > 1 {
                let parts = directions.map { "\($0.value) is better in \(Self.list($0.products))" }
                out.append(ComparisonMark(
                    kind: .direction, concept: section, metric: id, products: products,
                    message: "`\(id)`: \(Self.list(parts, conjunction: "but")); one team's good news is another's bad"))
            }
            let windows = Self.grouped(metrics.map { ($0.product, $0.window.phrase) })
            if windows.count > 1 {
                let parts = windows.map { "\($0.value) in \(Self.list($0.products))" }
                out.append(ComparisonMark(
                    kind: .window, concept: section, metric: id, products: products,
                    message: "`\(id)` covers \(Self.list(parts, conjunction: "but")): values over different stretches of time"))
            }
            let concepts = Self.grouped(metrics.map { ($0.product, $0.concept ?? "no concept") })
            if concepts.count > 1 {
                let parts = concepts.map { "\($0.value) in \(Self.list($0.products))" }
                out.append(ComparisonMark(
                    kind: .concept, concept: section, metric: id, products: products,
                    message: "`\(id)` is filed under \(Self.list(parts, conjunction: "but")): it lines up with different KPIs"))
            }
        }
        return out
    }

    // MARK: - Text

    /// (product, value) pairs grouped by value, groups in order of first appearance.
    static func grouped(_ pairs: [(product: String, value: String)]) -> [(value: String, products: [String])] {
        var out: [(value: String, products: [String])] = []
        for pair in pairs {
            if let index = out.firstIndex(where: { $0.value == pair.value }) {
                out[index].products.append(pair.product)
            } else {
                out.append((pair.value, [pair.product]))
            }
        }
        return out
    }

    /// `a`, `a and b`, `a, b and c` (or with another conjunction).
    static func list(_ items: [String], conjunction: String = "and") -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " \(conjunction) " + (items.last ?? "")
        }
    }
}

extension MetricWindow {
    /// The window as the object of "covers": `the period`, `all time`, `365 days`.
    var phrase: String {
        switch self {
        case .trailingDays(let days): return "the last \(days) days"
        case .trailingMonths(let months): return "the last \(months) months"
        case .period: return "the period"
        case .toDate: return "everything to date"
        case .allTime: return "all time"
        }
    }
}
