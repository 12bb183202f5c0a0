/// The id of something a catalog declares — a product, a metric, a source, a concept, a
/// signal — typed by what it names, so that a metric id cannot be passed where a product id
/// is expected.
///
/// Ids are the text written in the definitions (`churn_rate`). `kpi generate-swift` (and
/// the `KPICodegen` build plugin) writes one constant per id, so that a typo is a compile
/// error:
///
/// ```swift
/// let churn = evaluation.metric(CMSMetrics.churnRate)
/// ```
public struct KPIIdentifier<Kind: KPIIdentifierKind>: RawRepresentable, Sendable, Hashable, Comparable, Codable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    /// The id as written in the definitions.
    public var rawValue: String

    /// An id from its text.
    /// - Parameter rawValue: the id as written in the definitions (`churn_rate`).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// An id from its text.
    /// - Parameter rawValue: the id as written in the definitions (`churn_rate`).
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// An id from a string literal: `let product: ProductID = "cms"`.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// Orders ids by their text.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// The id as written in the definitions.
    public var description: String { rawValue }

    /// Decodes the id from a JSON string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the id as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// What a ``KPIIdentifier`` names; only the kinds below conform.
public protocol KPIIdentifierKind: Sendable {}

/// The kinds of ``KPIIdentifier``: phantom types, never instantiated.
public enum KPIIdentifierKinds {
    /// A product (`product: cms`).
    public enum Product: KPIIdentifierKind {}
    /// A metric of a product (`metrics: { churn_rate: ... }`).
    public enum Metric: KPIIdentifierKind {}
    /// A data source of a product (`sources: { accounts: ... }`).
    public enum Source: KPIIdentifierKind {}
    /// A concept of the shared vocabulary (`concept: churn`).
    public enum Concept: KPIIdentifierKind {}
    /// A signal of a product (`signals: { at_risk: ... }`).
    public enum Signal: KPIIdentifierKind {}
}

/// The id of a product: `ProductID("cms")`.
public typealias ProductID = KPIIdentifier<KPIIdentifierKinds.Product>
/// The id of a metric: `MetricID("churn_rate")`.
public typealias MetricID = KPIIdentifier<KPIIdentifierKinds.Metric>
/// The id of a data source: `SourceID("accounts")`.
public typealias SourceID = KPIIdentifier<KPIIdentifierKinds.Source>
/// The id of a concept: `ConceptID("churn")`.
public typealias ConceptID = KPIIdentifier<KPIIdentifierKinds.Concept>
/// The id of a signal: `SignalID("at_risk")`.
public typealias SignalID = KPIIdentifier<KPIIdentifierKinds.Signal>
