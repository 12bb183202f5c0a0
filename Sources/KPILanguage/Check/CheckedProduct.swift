public import KPIYAML

/// A source after checking: its columns typed, its filter and computed fields resolved.
public struct CheckedSource: Sendable {
    public enum Origin: Sendable {
        case file
        case child(parent: String, foreignKey: String)
        case grouped(origin: String, key: String)
    }

    public var id: String
    public var key: String?
    public var origin: Origin
    /// Declared fields with their types (for a grouped source: the key and the computed
    /// fields, typed by their expressions).
    public var fields: [(name: String, type: ValueType, declared: FieldType?)]
    /// The `where` filter, a row predicate over the declared fields.
    public var filter: TypedExpression?
    /// A grouped source's computed fields: aggregates over the origin's rows of each group.
    public var groupFields: [(name: String, expression: TypedExpression)]
    /// Derived fields of this source, by name.
    public var derived: [String: TypedExpression]
    /// Declared fields that some expression of the product reads (plus the key and links):
    /// only these are read from the data.
    public var usedFields: Set<String>
    public var range: SourceRange

    /// The type of a declared, grouped or derived column.
    public func type(of column: String) -> ValueType? {
        if let field = fields.first(where: { $0.name == column }) { return field.type }
        return derived[column]?.type
    }
}

/// A metric after checking.
public struct CheckedMetric: Sendable {
    public var definition: MetricDefinition
    public var formula: TypedExpression
    public var id: String { definition.id.value }
    /// Metrics this one reads, directly.
    public var dependencies: [String]
}

/// A health component after checking.
public struct CheckedHealthComponent: Sendable {
    public var definition: HealthComponent
    public var value: TypedExpression
    public var id: String { definition.id.value }
}

/// A health profile after checking: its condition and the weight of each component
/// (components it leaves out have no weight there).
public struct CheckedHealthProfile: Sendable {
    public var id: String
    public var when: TypedExpression
    public var weights: [String: Double]
}

/// A health group after checking: its weight and its components (each in one group only).
public struct CheckedHealthGroup: Sendable {
    public var id: String
    public var weight: Double
    /// The ids of its components, as listed.
    public var components: [String]
}

/// The health score after checking.
public struct CheckedHealth: Sendable {
    public var definition: HealthDefinition
    public var source: String
    public var components: [CheckedHealthComponent]
    /// The weight of each component in the default profile, groups folded in: a grouped
    /// component's weight is group weight x its share within the group. That is its share
    /// of the score when every component has a value; the score itself is nested (see
    /// `groups`).
    public var weights: [String: Double]
    /// The groups, empty when the score has none. A row's score is then the weighted mean
    /// of its groups' scores, each the weighted mean of its components within the group.
    public var groups: [CheckedHealthGroup]
    public var profiles: [CheckedHealthProfile]

    /// `inner` (a component's weight within its group, by component) with `groups` folded
    /// in: group weight x the component's share of the weights `inner` gives the group's
    /// components. A group none of whose components `inner` weights has no share; without
    /// groups, `inner` as it is.
    public static func folded(_ inner: [String: Double], groups: [CheckedHealthGroup]) -> [String: Double] {
        guard !groups.isEmpty else { return inner }
        var out: [String: Double] = [:]
        for group in groups {
            let total = group.components.compactMap { inner[$0] }.reduce(0, +)
            for member in group.components {
                guard let weight = inner[member] else { continue }
                out[member] = total > 0 ? group.weight * weight / total : 0
            }
        }
        return out
    }
}

/// A signal after checking.
public struct CheckedSignal: Sendable {
    public var definition: SignalDefinition
    public var source: String
    public var when: TypedExpression
    public var id: String { definition.id.value }
}

/// A segment after checking: a boolean column of its source.
public struct CheckedSegment: Sendable {
    public var id: String
    public var source: String
    public var expression: TypedExpression
}

/// A product after every check: the model the engine plans from without resolving names.
public struct CheckedProduct: Sendable {
    public var definition: ProductDefinition
    public var id: String { definition.id.value }
    /// The module that applies (declared, or the default for the business model).
    public var module: String
    public var sources: [CheckedSource]
    public var segments: [CheckedSegment]
    /// Metrics in dependency order: each after the metrics it reads.
    public var metrics: [CheckedMetric]
    public var health: CheckedHealth?
    public var signals: [CheckedSignal]
    /// The bases merged into this product, in order, with the files that declare them.
    public var bases: [(id: String, file: SourceFile)]

    public func source(_ id: String) -> CheckedSource? { sources.first { $0.id == id } }
    public func metric(_ id: String) -> CheckedMetric? { metrics.first { $0.id == id } }
    public func segment(_ id: String) -> CheckedSegment? { segments.first { $0.id == id } }
}

/// Every product of a catalog, checked.
public struct CheckedCatalog: Sendable {
    public var products: [CheckedProduct]
    /// The concept vocabulary: the language's plus those the catalog adds.
    public var concepts: [String]

    public init(products: [CheckedProduct], concepts: [String]) {
        self.products = products
        self.concepts = concepts
    }

    public func product(_ id: String) -> CheckedProduct? { products.first { $0.id == id } }
}
