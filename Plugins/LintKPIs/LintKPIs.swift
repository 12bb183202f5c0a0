import Foundation
import PackagePlugin

/// `swift package lint-kpis`: checks the package's KPI definitions with its own
/// `kpi validate` and reports every diagnostic to SwiftPM with its file and line, so that
/// an IDE shows it at the definition; fails when there is an error.
///
/// Checks `kpi-definitions/` at the package root and `<target>/kpi-definitions/` of each
/// target that has one (with the `kpi-modules.json` each holds), or the folders given:
///
///     swift package lint-kpis
///     swift package lint-kpis --catalog Sources/App/kpi-definitions --modules kpi-modules.json
@main
struct LintKPIs: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let package = context.package.directoryURL
        let given = extractor.extractOption(named: "catalog")
        let modules = extractor.extractOption(named: "modules").map { Self.resolve($0, in: package) }
        if !extractor.remainingArguments.isEmpty {
            throw PluginFailure("unknown arguments \(extractor.remainingArguments.joined(separator: " ")); lint-kpis takes --catalog DIR and --modules FILE (each repeatable)")
        }

        var folders: [DefinitionsFolder] = []
        if given.isEmpty {
            folders = [DefinitionsFolder(package.appending(path: DefinitionsFolder.name))].compactMap { $0 }
            for case let target as SourceModuleTarget in context.package.targets {
                if let folder = DefinitionsFolder(target.directoryURL.appending(path: DefinitionsFolder.name)), !folders.contains(folder) {
                    folders.append(folder)
                }
            }
            guard !folders.isEmpty else {
                throw PluginFailure("no \(DefinitionsFolder.name)/ folder at the package root or in a target; pass --catalog DIR")
            }
        } else {
            for path in given {
                guard let folder = DefinitionsFolder(Self.resolve(path, in: package)) else {
                    throw PluginFailure("--catalog \(path): no such folder")
                }
                folders.append(folder)
            }
        }

        let kpi = try context.tool(named: "kpi").url
        var errors = 0
        for folder in folders {
            let interfaces = modules + [folder.moduleInterfaces].compactMap { $0 }
            let diagnostics = try Self.validate(folder, interfaces: interfaces, kpi: kpi)
            for diagnostic in diagnostics { diagnostic.report(relativeTo: package) }
            let folderErrors = diagnostics.count { $0.severity == "error" }
            let folderWarnings = diagnostics.count { $0.severity == "warning" }
            print("\(DefinitionsFolder.relative(folder.url.path, to: package)): \(folder.files.count) file\(folder.files.count == 1 ? "" : "s"), \(folderErrors) error\(folderErrors == 1 ? "" : "s"), \(folderWarnings) warning\(folderWarnings == 1 ? "" : "s")")
            errors += folderErrors
        }
        if errors > 0 {
            throw PluginFailure("the KPI definitions have \(errors) error\(errors == 1 ? "" : "s")")
        }
    }

    /// Runs `kpi validate --format json` on `folder` and decodes its JSON lines.
    static func validate(_ folder: DefinitionsFolder, interfaces: [URL], kpi: URL) throws -> [ReportedDiagnostic] {
        let process = Process()
        process.executableURL = kpi
        process.arguments = ["validate", "--format", "json", "--quiet"] + interfaces.flatMap { ["--modules", $0.path] } + [folder.url.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, [0, 1].contains(process.terminationStatus) else {
            throw PluginFailure("`kpi validate` failed on \(folder.url.path) (exit status \(process.terminationStatus)); run it by hand to see why")
        }
        let decoder = JSONDecoder()
        return try data.split(separator: UInt8(ascii: "\n")).map { line in
            do {
                return try decoder.decode(ReportedDiagnostic.self, from: Data(line))
            } catch {
                throw PluginFailure("cannot read `kpi validate --format json` output: \(String(decoding: line, as: UTF8.self))")
            }
        }
    }

    /// `path` as given when absolute, else from the package folder.
    static func resolve(_ path: String, in package: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : package.appending(path: path)
    }
}

/// One line of `kpi validate --format json`.
struct ReportedDiagnostic: Decodable {
    struct Note: Decodable {
        var message: String
        var path: String?
        var line: Int?
        var column: Int?
    }

    var severity: String
    var code: String
    var message: String
    var path: String?
    var line: Int?
    var column: Int?
    var notes: [Note]?

    /// Reports to SwiftPM with file and line (what an IDE places); the message starts with
    /// `path:line:column:` too, because the command line prints the message alone.
    func report(relativeTo package: URL) {
        let text = "\(Self.location(path, line, column, package)): \(message) [\(code)]"
        switch severity {
        case "error": Diagnostics.error(text, file: path, line: line)
        case "warning": Diagnostics.warning(text, file: path, line: line)
        default: Diagnostics.remark(text, file: path, line: line)
        }
        for note in notes ?? [] {
            Diagnostics.remark("\(Self.location(note.path, note.line, note.column, package)): note: \(note.message)", file: note.path, line: note.line)
        }
    }

    static func location(_ path: String?, _ line: Int?, _ column: Int?, _ package: URL) -> String {
        guard let path else { return "<catalog>" }
        let short = DefinitionsFolder.relative(path, to: package)
        guard let line else { return short }
        return column.map { "\(short):\(line):\($0)" } ?? "\(short):\(line)"
    }
}
