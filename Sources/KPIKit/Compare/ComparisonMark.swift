/// A place where two teams talk past each other, with a short explanation.
public struct ComparisonMark: Sendable, Hashable {
    /// What differs.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A concept weighted heavily (>= 15% of the weight) in one product and lightly
        /// (< 5%) or not at all in another.
        case weight
        /// One metric id, different formulas.
        case formula
        /// One metric id, higher is better in one product and lower in another.
        case direction
        /// One metric id covering different stretches of time.
        case window
        /// One metric id filed under different concepts.
        case concept
        /// One concept measured in different units.
        case unit
    }

    /// A share at or above this is heavy.
    public static let heavyShare = 0.15
    /// A share below this is light.
    public static let lightShare = 0.05

    /// What differs.
    public var kind: Kind
    /// The concept section the mark belongs to (nil: the metrics with no concept).
    public var concept: String?
    /// The metric id, for the marks about one metric id.
    public var metric: String?
    /// The products concerned, in product order.
    public var products: [String]
    /// One sentence saying what differs and where.
    public var message: String

    /// A mark from its parts.
    public init(kind: Kind, concept: String?, metric: String? = nil, products: [String], message: String) {
        self.kind = kind
        self.concept = concept
        self.metric = metric
        self.products = products
        self.message = message
    }
}
