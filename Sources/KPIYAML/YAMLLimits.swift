/// Bounds that keep a hostile or broken document from taking unbounded time or memory.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest input accepted, in bytes.
    public var maxBytes: Int
    /// Deepest nesting of mappings and sequences.
    public var maxDepth: Int
    /// Most nodes that alias expansion may produce in one document (counting every copy).
    public var maxExpandedNodes: Int

    public init(maxBytes: Int = 16 << 20, maxDepth: Int = 200, maxExpandedNodes: Int = 1_000_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxExpandedNodes = maxExpandedNodes
    }

    public static let `default` = YAMLLimits()
}
