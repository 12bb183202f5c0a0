/// Why a YAML text could not be loaded, and where.
public struct YAMLError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem it is; the raw value is a stable identifier for tools and tests.
    public enum Code: String, Sendable {
        /// The text is not well-formed YAML (as reported by libyaml).
        case syntax = "yaml-syntax"
        /// A mapping has the same key twice.
        case duplicateKey = "duplicate-key"
        /// The input is larger than `YAMLLimits.maxBytes`.
        case tooLarge = "too-large"
        /// Mappings and sequences nest deeper than `YAMLLimits.maxDepth`.
        case tooDeep = "too-deep"
        /// Expanding aliases would produce more than `YAMLLimits.maxExpandedNodes` nodes.
        case aliasExpansion = "alias-expansion"
        /// An alias names no anchor defined before it in the same document.
        case unknownAlias = "unknown-alias"
        /// A mapping or sequence is used as a mapping key.
        case complexKey = "complex-key"
        /// The input is not UTF-8 text, or holds characters YAML forbids.
        case encoding = "encoding"
    }

    /// What kind of problem it is.
    public var code: Code
    /// What went wrong and how to fix it.
    public var message: String
    /// Where (a point: start == end for most errors).
    public var range: SourceRange
    /// Extra lines (for a duplicate key: where the first one was).
    public var notes: [(message: String, range: SourceRange)]

    /// Creates an error; the loader builds its errors from the catalogue in `YAMLError+Messages.swift`.
    public init(code: Code, message: String, range: SourceRange, notes: [(message: String, range: SourceRange)] = []) {
        self.code = code
        self.message = message
        self.range = range
        self.notes = notes
    }

    /// `path:line:column: error: message`, the first line of a compiler-style diagnostic.
    public var description: String { "\(range.description): error: \(message)" }
}
