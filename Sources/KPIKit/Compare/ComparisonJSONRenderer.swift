import KPIEngine

/// Renders a comparison as JSON, keys in a fixed order. The shape (version 1):
///
/// ```text
/// {
///   "format": "kpi-compare", "version": 1,
///   "vocabulary": [concept, ...],                 // language's, then the catalog's
///   "products": [{
///     "id", "name", "team", "model", "module",
///     "touch": {"high", "low", "tech"} | null,    // shares of accounts, 0..1
///     "description", "summary",                   // summary: the first sentence
///     "metric_count", "total_weight", "path",
///     "evaluation": {"period", "score", "coverage"} | null
///   }],
///   "concepts": [{                                // measured concepts, vocabulary order
///     "concept": id | null,                       // null: metrics without a concept
///     "catalog_concept": bool,
///     "shares": [{"product", "metric_count", "weight", "share"}],  // one per product
///     "metrics": [{
///       "product", "id", "label", "unit", "currency", "direction", "target",
///       "thresholds": {"green", "yellow"} | null, "scale": bool,
///       "weight", "share",                        // share of the product's total, 0..1
///       "formula",                                // as written, whitespace collapsed
///       "window",                                 // "period" | "to-date" | "all-time"
///                                                 // | "last-N-days" | "last-N-months"
///       "marks": [kind, ...],
///       "value", "status", "score"                // null unless values are attached
///     }]
///   }],
///   "marks": [{"kind", "concept", "metric", "products": [id, ...], "message"}]
/// }
/// ```
///
/// Mark kinds: `weight`, `unit`, `formula`, `direction`, `window`, `concept`. Numbers are
/// JSON numbers, never rounded; a missing value is null, never left out.
public struct ComparisonJSONRenderer: Sendable {
    /// A renderer.
    public init() {}

    /// The comparison as JSON text, ending in a newline.
    public func render(_ comparison: CatalogComparison) -> String {
        JSONValue.object([
            ("format", "kpi-compare"),
            ("version", .number(1)),
            ("vocabulary", .array(comparison.vocabulary.map(JSONValue.string))),
            ("products", .array(comparison.products.map(product))),
            ("concepts", .array(comparison.concepts.map(concept))),
            ("marks", .array(comparison.marks.map(mark))),
        ]).rendered()
    }

    private func product(_ product: ProductProfile) -> JSONValue {
        .object([
            ("id", .string(product.id)),
            ("name", .string(product.name)),
            ("team", .string(product.team)),
            ("model", .string(product.model.rawValue)),
            ("module", .string(product.module)),
            ("touch", product.touch.map { .object([("high", .number($0.high)), ("low", .number($0.low)), ("tech", .number($0.tech))]) } ?? .null),
            ("description", .string(product.description.map(ComparedMetric.collapsed))),
            ("summary", .string(product.summary)),
            ("metric_count", .number(Double(product.metricCount))),
            ("total_weight", .number(product.totalWeight)),
            ("path", .string(product.path)),
            ("evaluation", product.evaluation.map { .object([("period", .string($0.period)), ("score", .number($0.score)), ("coverage", .number($0.coverage))]) } ?? .null),
        ])
    }

    private func concept(_ concept: ConceptComparison) -> JSONValue {
        .object([
            ("concept", .string(concept.concept)),
            ("catalog_concept", .bool(concept.isCatalogConcept)),
            ("shares", .array(concept.shares.map { share in
                .object([
                    ("product", .string(share.product)),
                    ("metric_count", .number(Double(share.metricCount))),
                    ("weight", .number(share.weight)),
                    ("share", .number(share.share)),
                ])
            })),
            ("metrics", .array(concept.metrics.map(metric))),
        ])
    }

    private func metric(_ metric: ComparedMetric) -> JSONValue {
        .object([
            ("product", .string(metric.product)),
            ("id", .string(metric.id)),
            ("label", .string(metric.label)),
            ("unit", .string(metric.unit?.rawValue)),
            ("currency", .string(metric.currency)),
            ("direction", .string(metric.direction.rawValue)),
            ("target", .number(metric.target)),
            ("thresholds", metric.thresholds.map { .object([("green", .number($0.green)), ("yellow", .number($0.yellow))]) } ?? .null),
            ("scale", .bool(metric.hasScale)),
            ("weight", .number(metric.weight)),
            ("share", .number(metric.share)),
            ("formula", .string(metric.formula)),
            ("window", .string(metric.window.code)),
            ("marks", .array(metric.marks.map { .string($0.rawValue) })),
            ("value", metric.evaluation.map { Self.scalar($0.value) } ?? .null),
            ("status", .string(metric.evaluation?.status?.rawValue)),
            ("score", .number(metric.evaluation?.score)),
        ])
    }

    private func mark(_ mark: ComparisonMark) -> JSONValue {
        .object([
            ("kind", .string(mark.kind.rawValue)),
            ("concept", .string(mark.concept)),
            ("metric", .string(mark.metric)),
            ("products", .array(mark.products.map(JSONValue.string))),
            ("message", .string(mark.message)),
        ])
    }

    /// A value as JSON: numbers as numbers (money as its exact decimal), dates and
    /// strings as strings, null as null.
    static func scalar(_ value: Scalar) -> JSONValue {
        switch value {
        case .null: return .null
        case .int(let value): return .raw(String(value))
        case .number(let value): return .number(value)
        case .money: return .raw(value.text)
        case .bool(let value): return .bool(value)
        case .date, .string: return .string(value.text)
        }
    }
}

extension MetricWindow {
    /// The window in JSON: `period`, `to-date`, `all-time`, `last-365-days`, `last-12-months`.
    var code: String {
        switch self {
        case .trailingDays(let days): return "last-\(days)-days"
        case .trailingMonths(let months): return "last-\(months)-months"
        case .period: return "period"
        case .toDate: return "to-date"
        case .allTime: return "all-time"
        }
    }
}
