/// Builds `YAMLNode` trees from a stream of parse events, enforcing the strict rules.
///
/// It knows nothing of libyaml: `YAMLLoader+Events.swift` feeds it. Open mappings and
/// sequences are class frames whose arrays grow in place; a node is only wrapped in its
/// enum once it is complete (appending to an enum payload would copy the array each time).
struct YAMLTreeBuilder {
    private let file: SourceFile
    private let limits: YAMLLimits

    /// Finished documents, in order.
    private(set) var documents: [YAMLNode] = []
    /// The root of the document being read, once it is complete.
    private var root: YAMLNode?
    /// Open mappings and sequences, outermost first.
    private var open: [OpenCollection] = []
    /// Anchored nodes of the current document, with their node counts.
    private var anchors: [String: (node: YAMLNode, nodeCount: Int)] = [:]
    /// Nodes produced so far in the current document, counting every copy an alias made.
    private var expandedNodes = 0

    init(file: SourceFile, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
    }

    // MARK: - Documents

    /// A new document starts: anchors do not carry over from the previous one.
    mutating func startDocument() {
        root = nil
        open.removeAll()
        anchors.removeAll()
        expandedNodes = 0
    }

    /// The current document is complete.
    mutating func endDocument() {
        if let root { documents.append(root) }
        root = nil
    }

    // MARK: - Nodes

    /// A scalar, at the span given by its event (including any anchor or tag before it).
    mutating func scalar(_ value: String, style: YAMLNode.ScalarStyle, tag: String?, anchor: String?, range: SourceRange) throws(YAMLError) {
        let node = YAMLNode(kind: .scalar(value, style), range: range, tag: tag)
        expandedNodes += 1
        if let anchor { anchors[anchor] = (node, 1) }
        try add(consume node, nodeCount: 1, at: range)
    }

    /// A mapping or sequence starts.
    mutating func startCollection(_ shape: OpenCollection.Shape, tag: String?, anchor: String?, range: SourceRange) throws(YAMLError) {
        if let parent = open.last, parent.shape == .mapping, parent.pendingKey == nil {
            throw .complexKey(shape == .mapping ? "a mapping" : "a list", at: range)
        }
        guard open.count < limits.maxDepth else {
            throw .tooDeep(limit: limits.maxDepth, at: range)
        }
        expandedNodes += 1
        open.append(OpenCollection(shape: shape, start: range, tag: tag, anchor: anchor))
    }

    /// The innermost open mapping or sequence ends at `end`.
    mutating func endCollection(end: SourceLocation) throws(YAMLError) {
        guard let collection = open.popLast() else { return }
        let range = SourceRange(file: file, start: collection.start.start, end: end)
        let kind: YAMLNode.Kind = switch collection.shape {
        case .mapping: .mapping(collection.pairs)
        case .sequence: .sequence(collection.items)
        }
        let node = YAMLNode(kind: kind, range: range, tag: collection.tag)
        if let anchor = collection.anchor { anchors[anchor] = (node, collection.nodeCount) }
        try add(consume node, nodeCount: collection.nodeCount, at: collection.start)
    }

    /// An alias: a copy of its anchored node (which keeps the anchor's marks).
    ///
    /// The copy's size is known from the anchor's node count, so a runaway expansion is
    /// stopped before anything is copied. Copying a `YAMLNode` is cheap (its arrays are
    /// shared), but every later stage walks each copy, so the bound is on copies made.
    mutating func alias(_ name: String, range: SourceRange) throws(YAMLError) {
        guard let (node, nodeCount) = anchors[name] else {
            if let container = open.first(where: { $0.anchor == name }) {
                throw .recursiveAlias(name, at: range, anchor: container.start)
            }
            throw .unknownAlias(name, at: range)
        }
        expandedNodes += nodeCount
        guard expandedNodes <= limits.maxExpandedNodes else {
            throw .aliasExpansion(limit: limits.maxExpandedNodes, alias: name, at: range)
        }
        try add(node, nodeCount: nodeCount, at: range)
    }

    /// Puts a complete node into its parent; `written` is where it appears in the text
    /// (for an alias, the alias itself, not the anchored node).
    private mutating func add(_ node: consuming YAMLNode, nodeCount: Int, at written: SourceRange) throws(YAMLError) {
        guard let parent = open.last else {
            root = node
            return
        }
        parent.nodeCount += nodeCount
        switch parent.shape {
        case .sequence:
            parent.items.append(node)
        case .mapping:
            // Nodes are moved into place, not copied: a catalog holds hundreds of thousands.
            if let key = parent.pendingKey.take() {
                parent.pairs.append((key: key, value: node))
                return
            }
            guard case .scalar(let text, _) = node.kind else {
                throw .complexKey(node.kindDescription, at: written)
            }
            if let first = parent.firstRange(ofKey: text, adding: written) {
                throw .duplicateKey(text, first: first, at: written)
            }
            parent.pendingKey = node
        }
    }
}

/// A mapping or sequence whose end has not been read yet. (Its stored properties skip the
/// run-time exclusivity checks: one builder, on one thread, changes them for every node.)
final class OpenCollection {
    enum Shape { case mapping, sequence }

    let shape: Shape
    /// The span of the start event (from any anchor or tag to the indicator).
    let start: SourceRange
    let tag: String?
    let anchor: String?
    /// Items of a sequence.
    @exclusivity(unchecked) var items: [YAMLNode] = []
    /// Pairs of a mapping.
    @exclusivity(unchecked) var pairs: [(key: YAMLNode, value: YAMLNode)] = []
    /// A mapping's key whose value has not been read yet.
    @exclusivity(unchecked) var pendingKey: YAMLNode?
    /// Where each key of a mapping was written, to report duplicates: in a list while the
    /// mapping is small (most are), in a table once it is not.
    @exclusivity(unchecked) private var keys: [String] = []
    @exclusivity(unchecked) private var keyRanges: [SourceRange] = []
    @exclusivity(unchecked) private var keyTable: [String: SourceRange]?
    /// Beyond this many keys, duplicates are looked up in a table.
    private static let listedKeys = 16
    /// This node plus everything inside it, counting alias copies.
    @exclusivity(unchecked) var nodeCount = 1

    /// Where `key` was first written, if it was; otherwise records it as written at `range`.
    func firstRange(ofKey key: String, adding range: SourceRange) -> SourceRange? {
        if keyTable == nil {
            if let index = keys.firstIndex(of: key) { return keyRanges[index] }
            keys.append(key)
            keyRanges.append(range)
            if keys.count > Self.listedKeys {
                keyTable = Dictionary(zip(keys, keyRanges), uniquingKeysWith: { first, _ in first })
                keys = []
                keyRanges = []
            }
            return nil
        }
        if let first = keyTable?[key] { return first }
        keyTable?[key] = range
        return nil
    }

    init(shape: Shape, start: SourceRange, tag: String?, anchor: String?) {
        self.shape = shape
        self.start = start
        self.tag = tag
        self.anchor = anchor
    }
}
