import KPILanguage
import KPIYAML

/// The kind and id a definition file declares (`product: cms`, `base: saas-core`) and the
/// bases it extends, read without checking anything else: to find which file of a folder
/// holds a document, and which products a base reaches.
struct DocumentIdentity: Sendable, Hashable {
    var kind: DocumentHeader.Kind
    var id: String
    var extends: [String]

    /// The identity declared by `file`, or nil when it does not parse or declares none.
    init?(of file: SourceFile) {
        guard let root = try? YAMLLoader.load(file).first else { return nil }
        if let id = root["product"]?.scalar {
            kind = .product
            self.id = id
        } else if let id = root["base"]?.scalar {
            kind = .base
            self.id = id
        } else {
            return nil
        }
        if let list = root["extends"]?.sequence {
            extends = list.compactMap(\.scalar)
        } else if let single = root["extends"]?.scalar {
            extends = [single]
        } else {
            extends = []
        }
    }
}
