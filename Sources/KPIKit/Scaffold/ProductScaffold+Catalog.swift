import Foundation
import KPILanguage

extension ProductScaffold {
    /// The files below `folder` that already declare a product or base with id `id`
    /// (ids are unique across a catalog), other than `except`.
    /// - Parameters:
    ///   - id: the new product's id.
    ///   - folder: the catalog folder the file goes to.
    ///   - except: the path about to be replaced, if any.
    /// - Returns: the paths, in path order.
    public static func filesDeclaring(_ id: String, in folder: String, except: String? = nil) -> [String] {
        guard FileManager.default.fileExists(atPath: folder) else { return [] }
        let excluded = except.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        return CatalogLoader.sourceFiles(at: [folder]).files.filter { file in
            URL(fileURLWithPath: file.path).standardizedFileURL.path != excluded && DocumentIdentity(of: file)?.id == id
        }.map(\.path)
    }
}
