import Foundation
import KPIYAML

/// Expressions already parsed (and checked trees) during one catalog check, shared by its
/// products.
///
/// A base's expressions reach every product that extends it (through the merged tree),
/// and would otherwise be lexed and parsed once per product. Parsing is a function of the
/// scalar's text, style and span alone (the span and style give the file position of each
/// character), so those are the key; the parse result, a syntax error included, is the
/// same whichever product asks.
///
/// The checked tree of a base's expression is usually the same in every product too; the
/// products then keep one tree between them (`shared(_:for:)`): handing out a tree equal
/// in every stored property, ranges included, instead of the one just built changes
/// nothing but the memory used. Safe to use from several threads.
final class ExpressionCache: @unchecked Sendable {
    private struct Key: Hashable {
        var file: SourceFile
        var start: SourceLocation
        var end: SourceLocation
        var text: String
        var style: YAMLNode.ScalarStyle?
    }

    private var entries: [Key: Result<Expression, Diagnostic>] = [:]
    /// Checked trees of the expressions, each kept once: a few variants at most for one
    /// expression (it checks differently only where products declare fields differently).
    private var checked: [Key: [TypedExpression]] = [:]
    private static let checkedVariants = 4
    private let lock = NSLock()

    init() {}

    /// The parse of `text`, from the cache or parsed (and kept) now.
    func parse(_ text: ExpressionText) -> Result<Expression, Diagnostic> {
        let key = Self.key(text)
        if let known = lock.withLock({ entries[key] }) { return known }
        // Parsed outside the lock: two threads may both parse a new expression, with the
        // same result.
        let result = Self.parseUncached(text)
        lock.withLock { entries[key] = result }
        return result
    }

    /// `typed` (a checked tree of `text`), or the tree equal to it kept for `text`.
    func shared(_ typed: TypedExpression, for text: ExpressionText) -> TypedExpression {
        let key = Self.key(text)
        let known = lock.withLock { checked[key] } ?? []
        if let equal = known.first(where: { $0 == typed }) { return equal }
        lock.withLock {
            if checked[key, default: []].count < Self.checkedVariants { checked[key, default: []].append(typed) }
        }
        return typed
    }

    /// How many distinct expressions were parsed through the cache.
    var count: Int { lock.withLock { entries.count } }

    private static func key(_ text: ExpressionText) -> Key {
        Key(file: text.node.range.file, start: text.node.range.start, end: text.node.range.end, text: text.text, style: text.node.scalarStyle)
    }

    /// The parse of `text`, without a cache.
    static func parseUncached(_ text: ExpressionText) -> Result<Expression, Diagnostic> {
        ExpressionParser.parse(text.text, positions: text.node.scalarPositions(), file: text.node.range.file)
    }
}
