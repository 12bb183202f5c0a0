/// One node of a YAML document, with the span it came from.
///
/// Aliases are expanded by the loader (bounded), so a tree never contains an alias; an
/// expanded node keeps the marks of its anchor.
public struct YAMLNode: Sendable {
    public enum ScalarStyle: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public enum Kind: Sendable {
        case scalar(String, ScalarStyle)
        /// Keys in document order. Duplicate keys are rejected by the loader.
        case mapping([(key: YAMLNode, value: YAMLNode)])
        case sequence([YAMLNode])
    }

    public var kind: Kind
    /// From the first character of the node to just past its last one (libyaml's marks).
    ///
    /// The start includes an anchor or tag written before the node. A block mapping or
    /// sequence ends where libyaml sees the next less-indented token, so its span also
    /// covers trailing blank lines and comments; a block scalar ends after its last line break.
    public var range: SourceRange
    /// The explicit tag (`!!str`, ...) if one was written, else nil.
    public var tag: String?

    public init(kind: Kind, range: SourceRange, tag: String? = nil) {
        self.kind = kind
        self.range = range
        self.tag = tag
    }

    // MARK: - Convenience

    /// The text of a scalar, or nil for a mapping or sequence.
    public var scalar: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    /// The scalar style, or nil for a mapping or sequence.
    public var scalarStyle: ScalarStyle? {
        if case .scalar(_, let style) = kind { return style }
        return nil
    }

    /// The key/value pairs of a mapping, or nil.
    public var mapping: [(key: YAMLNode, value: YAMLNode)]? {
        if case .mapping(let pairs) = kind { return pairs }
        return nil
    }

    /// The items of a sequence, or nil.
    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    /// True for a plain scalar that YAML's core schema reads as null (`~`, `null`, empty).
    public var isNull: Bool {
        if case .scalar(let text, .plain) = kind, tag == nil {
            return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
        }
        return false
    }

    /// The value of `key` in a mapping.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first(where: { $0.key.scalar == key })?.value
    }

    /// What kind of node this is, for messages ("a mapping", "a list", "a scalar").
    public var kindDescription: String {
        switch kind {
        case .scalar: return "a scalar"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}
