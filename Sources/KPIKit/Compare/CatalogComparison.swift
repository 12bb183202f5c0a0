public import KPIEngine
public import KPILanguage

/// The KPI sets of several products lined up by concept: what `kpi compare` renders.
///
/// Each team weights its KPIs from the structure of its product; lined up by the shared
/// concept vocabulary, the differences show, and `marks` points at the places where the
/// teams talk past each other (a concept one weights heavily and another ignores, one
/// metric id meaning two things, one concept measured in different units).
///
/// The comparison is built from definitions alone. Evaluated values are an extension:
/// `attach(_:product:metric:)` and `attach(_:product:)` add them after an evaluation
/// (`kpi compare --data ...`), and every renderer shows them when present.
public struct CatalogComparison: Sendable {
    /// The products compared, in the order asked for.
    public var products: [ProductProfile]
    /// The concepts measured by at least one of the products, in vocabulary order (the
    /// language's concepts, then the catalog's), then the metrics with no concept
    /// (`concept == nil`) if there are any.
    public var concepts: [ConceptComparison]
    /// Where the products talk past each other, by concept in the order of `concepts`.
    public var marks: [ComparisonMark]
    /// The whole concept vocabulary of the catalog.
    public var vocabulary: [String]

    /// The concepts that the catalog adds to the language's vocabulary.
    public var catalogConcepts: [String] {
        vocabulary.filter { !CatalogLoader.languageConcepts.contains($0) }
    }

    /// Whether any value has been attached.
    public var hasEvaluations: Bool {
        products.contains { $0.evaluation != nil } || concepts.contains { $0.metrics.contains { $0.evaluation != nil } }
    }

    /// The marks of the concept section `concept` (nil: the metrics with no concept).
    public func marks(for concept: String?) -> [ComparisonMark] {
        marks.filter { $0.concept == concept }
    }

    /// The profile of product `id`, if compared.
    public func product(_ id: String) -> ProductProfile? {
        products.first { $0.id == id }
    }

    // MARK: - Evaluated values (the `--data` extension point)

    /// Attaches the evaluated value of `metric` of `product`; ignored when the comparison
    /// has no such metric.
    /// - Parameters:
    ///   - evaluation: the value, status and score.
    ///   - product: the product id.
    ///   - metric: the metric id.
    public mutating func attach(_ evaluation: EvaluatedMetric, product: String, metric: String) {
        for c in concepts.indices {
            for m in concepts[c].metrics.indices where concepts[c].metrics[m].product == product && concepts[c].metrics[m].id == metric {
                concepts[c].metrics[m].evaluation = evaluation
            }
        }
    }

    /// Attaches the evaluated scorecard of `product`; ignored when it is not compared.
    public mutating func attach(_ evaluation: EvaluatedProduct, product: String) {
        for index in products.indices where products[index].id == product {
            products[index].evaluation = evaluation
        }
    }
}

/// What the comparison shows about one product besides its metrics.
public struct ProductProfile: Sendable {
    /// The product id.
    public var id: String
    /// The display name (`name:`).
    public var name: String?
    /// The team that owns the KPIs (`team:`).
    public var team: String?
    /// The business model.
    public var model: BusinessModel
    /// The module that applies (declared, or the default for the model).
    public var module: String
    /// Shares of accounts served high-, low- and tech-touch.
    public var touch: TouchMix?
    /// The whole description.
    public var description: String?
    /// The description's first sentence, on one line.
    public var summary: String?
    /// The sum of the metric weights (unweighted metrics count 0); shares divide by it.
    public var totalWeight: Double
    /// How many metrics the product has, weighted or not.
    public var metricCount: Int
    /// The file that declares the product.
    public var path: String
    /// The evaluated scorecard, when attached.
    public var evaluation: EvaluatedProduct?
}

/// One concept across the products: each product's share of weight on it and its metrics.
public struct ConceptComparison: Sendable {
    /// The concept; nil for the metrics that name none.
    public var concept: String?
    /// Whether the catalog (not the language) defines the concept.
    public var isCatalogConcept: Bool
    /// One entry per compared product, in product order, also for products that have no
    /// metric of this concept (`metricCount == 0`).
    public var shares: [ConceptShare]
    /// The metrics of this concept, product by product, each product's in its declared order.
    public var metrics: [ComparedMetric]

    /// The share entry of `product`.
    public func share(of product: String) -> ConceptShare? {
        shares.first { $0.product == product }
    }
}

/// How much of one product's weight a concept carries.
public struct ConceptShare: Sendable, Hashable {
    /// The product id.
    public var product: String
    /// How many of the product's metrics have this concept (0: absent).
    public var metricCount: Int
    /// The sum of their weights.
    public var weight: Double
    /// `weight` / the product's total weight; nil when the product weights nothing.
    public var share: Double?
}

/// One metric of one product, as compared.
public struct ComparedMetric: Sendable {
    /// The product id.
    public var product: String
    /// The metric id.
    public var id: String
    /// The label, if written.
    public var label: String?
    /// The concept; nil when the metric names none.
    public var concept: String?
    /// The unit, if written.
    public var unit: MetricUnit?
    /// The currency of a money metric (from its formula's type).
    public var currency: String?
    /// Whether higher or lower values are better.
    public var direction: Direction
    /// The target, if written.
    public var target: Double?
    /// The green and yellow boundaries, if written.
    public var thresholds: (green: Double, yellow: Double)?
    /// Whether the score comes from a `scale:` rather than the target.
    public var hasScale: Bool
    /// Nil when the metric has no `weight:`.
    public var weight: Double?
    /// `weight` / the product's total weight; nil when unweighted or the total is 0.
    public var share: Double?
    /// The formula as written, whitespace collapsed to single spaces.
    public var formula: String
    /// The time the value covers, inferred from the formula.
    public var window: MetricWindow
    /// The kinds of the marks that concern this metric.
    public var marks: [ComparisonMark.Kind]
    /// The evaluated value, when attached.
    public var evaluation: EvaluatedMetric?

    /// `percent`, `days`, `money[JPY]`...; nil without a unit.
    public var unitLabel: String? {
        guard let unit else { return nil }
        if unit == .money, let currency { return "money[\(currency)]" }
        return unit.rawValue
    }
}

/// A metric's evaluated value, attached to a comparison after an evaluation.
public struct EvaluatedMetric: Sendable {
    /// The value; `.null` for no data.
    public var value: Scalar
    /// The value as a report prints it (rounded, in its unit), if the caller formatted it.
    public var text: String?
    /// The status against the thresholds.
    public var status: MetricStatus?
    /// 0...100, nil when unscored.
    public var score: Double?

    /// A value with, optionally, its display text, status and score.
    public init(value: Scalar, text: String? = nil, status: MetricStatus? = nil, score: Double? = nil) {
        self.value = value
        self.text = text
        self.status = status
        self.score = score
    }
}

/// A product's evaluated scorecard, attached to a comparison after an evaluation.
public struct EvaluatedProduct: Sendable {
    /// The evaluated period as written (`2026-10`).
    public var period: String?
    /// The scorecard score, 0...100.
    public var score: Double?
    /// The share of the weight with data, 0...1.
    public var coverage: Double?

    /// A scorecard with the period, score and coverage, each optional.
    public init(period: String? = nil, score: Double? = nil, coverage: Double? = nil) {
        self.period = period
        self.score = score
        self.coverage = coverage
    }
}
