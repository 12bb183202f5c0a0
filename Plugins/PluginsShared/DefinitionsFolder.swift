import Foundation

/// A folder of KPI definitions as the plugins find it, with what a build needs to know
/// about it: the definition files, the folders (whose change means a file was added or
/// removed), and the module interfaces of the package's own modules.
///
/// The rule, the same for both plugins: a target's definitions are in
/// `<target folder>/kpi-definitions/` when that folder exists (exclude it from the target:
/// `exclude: ["kpi-definitions"]`), and otherwise in `kpi-definitions/` at the package
/// root. `kpi-modules.json` in that folder declares the package's own modules.
struct DefinitionsFolder: Hashable {
    /// The folder name both plugins look for.
    static let name = "kpi-definitions"
    /// The module interface file, inside the folder.
    static let moduleInterfacesName = "kpi-modules.json"

    /// The folder.
    let url: URL

    /// The folder at `url`, if it is a folder.
    init?(_ url: URL) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        self.url = url.standardizedFileURL
    }

    /// The definitions of a target: its own folder, else the package's.
    /// - Parameters:
    ///   - target: the target's folder.
    ///   - package: the package's folder.
    static func forTarget(at target: URL, in package: URL) -> DefinitionsFolder? {
        DefinitionsFolder(target.appending(path: name)) ?? DefinitionsFolder(package.appending(path: name))
    }

    /// Every `*.yaml` / `*.yml` file below the folder, in path order.
    var files: [URL] {
        entries.filter { ["yaml", "yml"].contains($0.url.pathExtension) && !$0.isDirectory }.map(\.url)
    }

    /// The folder and every folder below it: listed as build inputs, so that adding or
    /// removing a definition file (which changes its folder) runs the generator again.
    var folders: [URL] {
        [url] + entries.filter(\.isDirectory).map(\.url)
    }

    /// `kpi-modules.json` in the folder, if there is one.
    var moduleInterfaces: URL? {
        let file = url.appending(path: Self.moduleInterfacesName)
        return FileManager.default.fileExists(atPath: file.path) ? file : nil
    }

    /// `path` relative to `base` when it is inside it, for short messages.
    static func relative(_ path: String, to base: URL) -> String {
        let root = base.standardizedFileURL.path
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    private var entries: [(url: URL, isDirectory: Bool)] {
        guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isDirectoryKey]) else { return [] }
        var entries: [(url: URL, isDirectory: Bool)] = []
        for case let entry as URL in enumerator {
            let isDirectory = (try? entry.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory ?? false
            entries.append((entry.standardizedFileURL, isDirectory))
        }
        return entries.sorted { $0.url.path < $1.url.path }
    }
}
