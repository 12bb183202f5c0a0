/// Bounds that keep a hostile or broken document from taking unbounded time or memory.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest input accepted, in bytes.
    public var maxBytes: Int
    /// Deepest nesting of mappings and sequences.
    public var maxDepth: Int
    /// Most nodes one document may have once its aliases are expanded (every copy counts).
    ///
    /// Checked at each alias, against the size of the anchored node, before anything is
    /// copied; a document without aliases is bounded by `maxBytes` instead.
    public var maxExpandedNodes: Int

    /// Limits suited to hand-written definition files; `default` uses these values.
    public init(maxBytes: Int = 16 << 20, maxDepth: Int = 200, maxExpandedNodes: Int = 1_000_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxExpandedNodes = maxExpandedNodes
    }

    /// 16 MB, 200 levels, a million nodes.
    public static let `default` = YAMLLimits()
}
