public import KPIEngine
public import KPILanguage
import Foundation
import KPIYAML

/// One version of a definition file, checked in its catalog folder's context: the other
/// files of the folder, with this text in place of the file (so `extends` resolves the
/// way it would if this version were checked in).
public struct DefinitionVersion: Sendable {
    /// How reports name this version (`kpi-definitions/cms.yaml@HEAD`).
    public var label: String
    /// False when the file did not exist in this version (a file added since a revision).
    public var exists: Bool
    /// The id the file declares, and whether it is a product or a base.
    public var document: (kind: DocumentHeader.Kind, id: String)?
    /// The products the file decides: the product it declares, or those extending the
    /// base it declares (directly or through other bases), by id.
    public var affectedProducts: [String]
    /// The check of the whole catalog with this version in place.
    public var check: CatalogCheck
    /// The errors in this file, in the bases its products use and in those products.
    public var errors: [Diagnostic]

    /// The checked product `id` of this version, if it checked without errors.
    public func product(_ id: String) -> CheckedProduct? {
        check.catalog.product(id)
    }

    /// Checks `text` as the file at `path`, among the other files of `folder`.
    ///
    /// Files of `folder` at the same path, or declaring the same id as `text`, are left
    /// out: this text stands in their place.
    /// - Parameters:
    ///   - text: the file's text in this version; nil when the file did not exist.
    ///   - path: where the file lives (its place in the catalog).
    ///   - label: how diagnostics and reports name this version; `path` when nil.
    ///   - folder: the catalog folder that gives the context (bases, other products).
    ///   - modules: the modules whose functions the definitions may call.
    public static func load(text: String?, path: String, label: String? = nil, folder: String, modules: ModuleRegistry = .standard) -> DefinitionVersion {
        let shown = label ?? path
        let context = CatalogLoader.sourceFiles(at: [folder]).files
        let own = text.map { SourceFile(path: shown, text: $0) }
        let identity = own.flatMap(DocumentIdentity.init(of:))
        let target = Self.normalized(path)
        let identities = Dictionary(context.map { ($0.path, DocumentIdentity(of: $0)) }, uniquingKeysWith: { a, _ in a })
        var files = context.filter { file in
            Self.normalized(file.path) != target && (identity == nil || identities[file.path]??.id != identity?.id)
        }
        if let own { files.append(own) }

        // The products the file decides, found from the files' own `extends` lists.
        var affected: [(id: String, path: String)] = []
        if let identity {
            let documents = files.compactMap { file in (file.path == shown ? identity : identities[file.path] ?? nil).map { ($0, file.path) } }
            let byID = Dictionary(documents.map { ($0.0.id, $0.0) }, uniquingKeysWith: { a, _ in a })
            func reaches(_ document: DocumentIdentity, _ base: String, _ seen: inout Set<String>) -> Bool {
                for next in document.extends where seen.insert(next).inserted {
                    if next == base { return true }
                    if let parent = byID[next], reaches(parent, base, &seen) { return true }
                }
                return false
            }
            for (document, documentPath) in documents where document.kind == .product {
                var seen: Set<String> = []
                if identity.kind == .product ? document.id == identity.id : reaches(document, identity.id, &seen) {
                    affected.append((document.id, documentPath))
                }
            }
        }
        var reported = Set(affected.map(\.path))
        reported.insert(shown)
        let check = CatalogLoader.check(files: files, modules: modules.descriptions, reportedFiles: reported)
        return DefinitionVersion(
            label: shown, exists: text != nil, document: identity.map { ($0.kind, $0.id) },
            affectedProducts: affected.map(\.id), check: check,
            errors: check.diagnostics.filter { $0.severity == .error })
    }

    private static func normalized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
