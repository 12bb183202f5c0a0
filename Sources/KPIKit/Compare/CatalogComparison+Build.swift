import KPILanguage

extension CatalogComparison {
    /// Compares every product of `catalog`, in catalog order.
    /// - Parameter catalog: a checked catalog.
    public init(catalog: CheckedCatalog) {
        self.init(products: catalog.products, vocabulary: catalog.concepts)
    }

    /// Compares `products` of a catalog whose concept vocabulary is `vocabulary`.
    /// - Parameters:
    ///   - products: checked products, in the order to show them.
    ///   - vocabulary: the catalog's concepts (`CheckedCatalog.concepts`): the language's,
    ///     then the catalog's own.
    public init(products: [CheckedProduct], vocabulary: [String]) {
        let profiles = products.map(ProductProfile.init)
        var byConcept: [String?: [ComparedMetric]] = [:]
        for (product, profile) in zip(products, profiles) {
            for definition in product.definition.metrics {
                guard let checked = product.metric(definition.id.value) else { continue }
                let metric = ComparedMetric(checked, in: product, totalWeight: profile.totalWeight)
                byConcept[metric.concept, default: []].append(metric)
            }
        }
        // Concepts a product uses that the vocabulary lacks cannot pass the checker, but
        // keep them rather than drop metrics silently.
        let order: [String?] = vocabulary.map { $0 } + byConcept.keys.compactMap { $0 }.filter { !vocabulary.contains($0) }.sorted() + [nil]
        var concepts: [ConceptComparison] = []
        for concept in order {
            guard let metrics = byConcept[concept], !metrics.isEmpty else { continue }
            let shares = profiles.map { profile in
                let own = metrics.filter { $0.product == profile.id }
                let weight = own.reduce(0) { $0 + ($1.weight ?? 0) }
                return ConceptShare(product: profile.id, metricCount: own.count, weight: weight, share: profile.totalWeight > 0 ? weight / profile.totalWeight : nil)
            }
            concepts.append(ConceptComparison(
                concept: concept,
                isCatalogConcept: concept.map { !CatalogLoader.languageConcepts.contains($0) } ?? false,
                shares: shares, metrics: metrics))
        }
        self.products = profiles
        self.concepts = concepts
        self.vocabulary = vocabulary
        self.marks = []
        self.marks = ComparisonMarker(comparison: self).marks()
        for mark in marks { flag(mark) }
    }

    /// Records `mark`'s kind on the metrics it concerns.
    private mutating func flag(_ mark: ComparisonMark) {
        for c in concepts.indices {
            for m in concepts[c].metrics.indices {
                let metric = concepts[c].metrics[m]
                guard mark.products.contains(metric.product), !metric.marks.contains(mark.kind) else { continue }
                let concerned: Bool
                switch mark.kind {
                case .weight, .unit: concerned = metric.concept == mark.concept
                case .formula, .direction, .window, .concept: concerned = metric.id == mark.metric
                }
                if concerned { concepts[c].metrics[m].marks.append(mark.kind) }
            }
        }
    }
}

extension ProductProfile {
    /// The profile of a checked product.
    init(_ product: CheckedProduct) {
        let definition = product.definition
        self.init(
            id: product.id, name: definition.name, team: definition.team, model: definition.model.value,
            module: product.module, touch: definition.touch, description: definition.description,
            summary: definition.description.map(Self.firstSentence),
            totalWeight: definition.metrics.reduce(0) { $0 + max(0, $1.weight?.value ?? 0) },
            metricCount: definition.metrics.count, path: definition.file.path, evaluation: nil)
    }

    /// The first sentence of `text`, on one line: up to the first `.`, `!`, `?` (or `。`,
    /// `！`, `？`) followed by a space or the end, closing quotes included.
    static func firstSentence(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let characters = Array(flat)
        let enders: Set<Character> = [".", "!", "?", "。", "！", "？"]
        let closers: Set<Character> = ["\"", "'", "”", "’", "」", "』", ")", "）"]
        var index = 0
        while index < characters.count {
            if enders.contains(characters[index]) {
                var end = index + 1
                while end < characters.count, closers.contains(characters[end]) { end += 1 }
                let wide = "。！？".contains(characters[index])
                if end == characters.count || characters[end] == " " || wide {
                    return String(characters[..<end])
                }
            }
            index += 1
        }
        return flat
    }
}

extension ComparedMetric {
    /// The comparison entry of a checked metric.
    init(_ metric: CheckedMetric, in product: CheckedProduct, totalWeight: Double) {
        let definition = metric.definition
        var currency: String?
        if case .money(let code) = metric.formula.type { currency = code }
        let weight = definition.weight?.value
        self.init(
            product: product.id, id: metric.id, label: definition.label, concept: definition.concept?.value,
            unit: definition.unit?.value, currency: currency, direction: definition.direction,
            target: definition.target?.value,
            thresholds: definition.thresholds.map { ($0.green, $0.yellow) },
            hasScale: definition.scale != nil,
            weight: weight, share: weight.flatMap { totalWeight > 0 ? $0 / totalWeight : nil },
            formula: Self.collapsed(definition.formula.text),
            window: MetricWindow.of(metric, in: product), marks: [], evaluation: nil)
    }

    /// `text` with every run of whitespace (line breaks of a block scalar too) turned into
    /// one space, trimmed.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
