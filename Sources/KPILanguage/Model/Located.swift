public import KPIYAML

/// A value together with the span of the YAML node it was read from.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var range: SourceRange

    public init(_ value: Value, at range: SourceRange) {
        self.value = value
        self.range = range
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

/// The text of an expression as written in the YAML, kept with its node so the parser can
/// map every token back to its exact line:column (also inside block and quoted scalars).
public struct ExpressionText: Sendable {
    public var text: String
    public var node: YAMLNode

    public init(text: String, node: YAMLNode) {
        self.text = text
        self.node = node
    }

    public var range: SourceRange { node.range }
}
