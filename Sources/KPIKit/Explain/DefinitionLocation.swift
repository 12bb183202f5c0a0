public import KPIYAML
import KPILanguage

/// Where a piece of a definition is written: the document (a product or one of its
/// bases), the file, and the line and column.
public struct DefinitionLocation: Sendable, Hashable, CustomStringConvertible {
    /// Whether the document is a product or a base.
    public enum DocumentKind: String, Sendable, Hashable {
        case product, base
    }

    /// The kind of document that holds it; nil when the file is neither the product's
    /// nor one of its bases' (text checked in memory).
    public var documentKind: DocumentKind?
    /// The id of that product or base.
    public var document: String?
    /// The file's path as the catalog was loaded (`kpi-definitions/saas-core.yaml`).
    public var path: String
    /// 1-based line and column (columns count Unicode scalars).
    public var line: Int
    /// The 1-based column, in Unicode scalars.
    public var column: Int

    /// `path:line:column`.
    public var description: String { "\(path):\(line):\(column)" }

    /// `base saas-core`, `product cms`, or `-`.
    public var documentDescription: String {
        guard let documentKind, let document else { return "-" }
        return "\(documentKind.rawValue) \(document)"
    }

    /// The start of `range`, attributed to the product or the base whose file it is in.
    /// - Parameters:
    ///   - range: a range kept in a definition (after `extends`, nodes keep their file).
    ///   - product: the product the definition belongs to.
    public init(_ range: SourceRange, in product: CheckedProduct) {
        path = range.file.path
        line = range.start.line
        column = range.start.column
        if range.file == product.definition.file || range.file.path == product.definition.file.path {
            documentKind = .product
            document = product.id
        } else if let base = product.bases.first(where: { $0.file == range.file || $0.file.path == range.file.path }) {
            documentKind = .base
            document = base.id
        }
    }
}
