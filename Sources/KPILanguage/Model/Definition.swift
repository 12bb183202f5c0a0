public import KPIYAML

/// How a product earns: the business model that decides which KPIs make sense.
public enum BusinessModel: String, Sendable, CaseIterable, Hashable {
    case subscription
    case oneTime = "one-time"
    case usage
}

/// Whether a higher or a lower value is better.
public enum Direction: String, Sendable, CaseIterable, Hashable {
    case higher, lower
}

/// How a metric's value is shown and what it means.
public enum MetricUnit: String, Sendable, CaseIterable, Hashable {
    case percent, ratio, count, money, days, months, score, number
}

/// What a null health component does to the row's score.
public enum MissingPolicy: String, Sendable, CaseIterable, Hashable {
    case renormalize, zero, error
}

/// The three responses to data from the domain: reactive, proactive, predictive.
public enum SignalKind: String, Sendable, CaseIterable, Hashable {
    case reactive, proactive, predictive
}

/// A catalog document: a product or a base, as decoded from one file (before `extends`).
public struct DocumentHeader: Sendable {
    public enum Kind: String, Sendable { case product, base }
    public var kind: Kind
    public var id: Located<String>
    public var extends: [Located<String>]
    public var remove: [Located<String>]
    public var root: YAMLNode
    public var file: SourceFile
}

/// A green/yellow pair: boundaries of the status bands.
public struct Thresholds: Sendable, Hashable {
    public var green: Double
    public var yellow: Double
    public var range: SourceRange

    public init(green: Double, yellow: Double, range: SourceRange) {
        self.green = green
        self.yellow = yellow
        self.range = range
    }
}

/// Points of a piecewise-linear map to 0..100, sorted by input.
public struct Scale: Sendable, Hashable {
    public var points: [(input: Double, output: Double)]
    public var range: SourceRange

    public init(points: [(input: Double, output: Double)], range: SourceRange) {
        self.points = points.sorted { $0.input < $1.input }
        self.range = range
    }

    /// The output at `x`: linear between points, clamped beyond the ends.
    public func map(_ x: Double) -> Double {
        guard let first = points.first, let last = points.last else { return x }
        if x <= first.input { return first.output }
        if x >= last.input { return last.output }
        var low = 0
        var high = points.count - 1
        while high - low > 1 {
            let mid = (low + high) / 2
            if points[mid].input <= x { low = mid } else { high = mid }
        }
        let a = points[low]
        let b = points[high]
        if b.input == a.input { return b.output }
        return a.output + (b.output - a.output) * (x - a.input) / (b.input - a.input)
    }

    public static func == (lhs: Scale, rhs: Scale) -> Bool {
        lhs.points.elementsEqual(rhs.points) { $0.input == $1.input && $0.output == $1.output }
    }

    public func hash(into hasher: inout Hasher) {
        for point in points {
            hasher.combine(point.input)
            hasher.combine(point.output)
        }
    }
}

/// A declared field of a source: a type, or (in a grouped source) an aggregate expression.
public struct FieldDefinition: Sendable {
    public enum Content: Sendable {
        case type(FieldType)
        case aggregate(ExpressionText)
    }
    public var name: Located<String>
    public var content: Content
}

/// Where a source's rows come from.
public enum SourceOrigin: Sendable {
    /// Rows read from a data file.
    case file
    /// A child of `parent`: `foreignKey` of this source holds the parent's key.
    case child(parent: Located<String>, foreignKey: Located<String>)
    /// One row per distinct `key` of `origin`.
    case grouped(origin: Located<String>, key: Located<String>)
}

/// A table of data the product is measured on.
public struct SourceDefinition: Sendable {
    public var id: Located<String>
    public var key: Located<String>?
    public var filter: ExpressionText?
    public var origin: SourceOrigin
    public var fields: [FieldDefinition]
    public var description: String?
}

/// A per-row field computed from others: `accounts.active: churned_date is null`.
public struct DerivedDefinition: Sendable {
    public var source: Located<String>
    public var name: Located<String>
    public var expression: ExpressionText
}

/// A named row filter: `enterprise: accounts.segment == "ent"`.
public struct SegmentDefinition: Sendable {
    public var id: Located<String>
    public var expression: ExpressionText
}

/// A KPI: a formula over the sources, with what good looks like.
public struct MetricDefinition: Sendable {
    public var id: Located<String>
    public var label: String?
    public var description: String?
    public var concept: Located<String>?
    public var formula: ExpressionText
    public var unit: Located<MetricUnit>?
    public var direction: Direction
    public var target: Located<Double>?
    public var thresholds: Thresholds?
    public var weight: Located<Double>?
    public var scale: Scale?
    /// The YAML node of the whole metric, for "defined at" notes.
    public var range: SourceRange
}

/// One input of the health score.
public struct HealthComponent: Sendable {
    public var id: Located<String>
    public var label: String?
    public var value: ExpressionText
    public var scale: Scale?
    public var weight: Located<Double>
}

/// A weighted group of health components.
public struct HealthGroup: Sendable {
    public var id: Located<String>
    public var label: String?
    public var weight: Located<Double>
    public var components: [Located<String>]
}

/// A different component set for the rows that match `when` (first match wins).
public struct HealthProfile: Sendable {
    public var id: Located<String>
    public var when: ExpressionText
    public var weights: [(component: Located<String>, weight: Located<Double>)]
}

/// The per-account health score.
public struct HealthDefinition: Sendable {
    public var source: Located<String>
    public var components: [HealthComponent]
    public var groups: [HealthGroup]
    public var profiles: [HealthProfile]
    public var missing: MissingPolicy
    public var green: Located<Double>
    public var yellow: Located<Double>
    public var range: SourceRange
}

/// A rule that picks accounts for an action.
public struct SignalDefinition: Sendable {
    public var id: Located<String>
    public var label: String?
    public var kind: Located<SignalKind>
    public var source: Located<String>?
    public var when: ExpressionText
    public var action: String?
}

/// The share of accounts served high-touch, low-touch and tech-touch.
public struct TouchMix: Sendable, Hashable {
    public var high: Double
    public var low: Double
    public var tech: Double
}

/// A product after `extends` is resolved: everything a team declared about its KPIs.
public struct ProductDefinition: Sendable {
    public var id: Located<String>
    public var name: String?
    public var team: String?
    public var model: Located<BusinessModel>
    public var module: Located<String>?
    public var description: String?
    public var extends: [Located<String>]
    public var touch: TouchMix?
    public var sources: [SourceDefinition]
    public var derived: [DerivedDefinition]
    public var segments: [SegmentDefinition]
    public var metrics: [MetricDefinition]
    public var health: HealthDefinition?
    public var signals: [SignalDefinition]
    /// The file that declares the product.
    public var file: SourceFile
}
