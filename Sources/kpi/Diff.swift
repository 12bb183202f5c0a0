import ArgumentParser
import Foundation
import KPIKit

extension KPI {
    /// `kpi diff OLD NEW` or `kpi diff FILE --against REV`: what changed in the KPIs.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what changed in a definition file: metrics, weights, targets, formulas, health, signals.",
            discussion: """
                Compares two versions of one definition file: two files (OLD NEW), or a file \
                and the same file at a git revision (FILE --against REV, read with `git show`). \
                Each version is checked in its catalog folder, in place of the file there, so \
                bases resolve; a base's changes are reported in every product that extends it.

                Reported: metrics added and removed; re-weighted (old -> new weight and share \
                of the total); re-targeted; thresholds, formula, direction, unit and concept \
                changed; health components added, removed and re-weighted, health bands; \
                signals added and removed.

                Exit status: 0 whether or not there are differences (read them, or use \
                --format json and `has_changes`); 1 when either version has definition errors \
                (they are printed); 2 for usage errors, an unknown revision or a file outside \
                a git repository with --against.

                Examples:
                  kpi diff kpi-definitions/cms.yaml --against HEAD
                  kpi diff kpi-definitions/cms.yaml --against v2025 --format markdown
                  kpi diff old/cms.yaml kpi-definitions/cms.yaml --catalog kpi-definitions
                """
        )

        @Argument(help: "OLD NEW (two files), or one FILE with --against.", completion: .file(extensions: ["yaml", "yml"]))
        var files: [String]

        @Option(help: "Compare FILE with its version at this git revision (HEAD, HEAD~1, a branch, a tag).")
        var against: String?

        @Option(help: "The catalog folder both versions are checked in (default: each file's own folder).", completion: .directory)
        var catalog: String?

        @Option(name: .shortAndLong, help: "Output format: table, markdown or json.")
        var format: ReportFormat = .table

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if format == .html {
                throw ValidationError("kpi diff writes table, markdown or json.")
            }
            if against != nil, files.count != 1 {
                throw ValidationError("With --against, give one file: kpi diff FILE --against REV.")
            }
            if against == nil, files.count != 2 {
                throw ValidationError("Give two files (kpi diff OLD NEW), or one file and --against REV.")
            }
        }

        func run() throws {
            let old: DefinitionVersion
            let new: DefinitionVersion
            if let against {
                let path = files[0]
                let current = try read(path)
                let previous: String?
                do {
                    previous = try GitRevision.contents(of: path, at: against)
                } catch {
                    throw usageError(error.description)
                }
                let folder = catalog ?? Self.folder(of: path)
                old = DefinitionVersion.load(text: previous, path: path, label: "\(path)@\(against)", folder: folder)
                new = DefinitionVersion.load(text: current, path: path, folder: folder)
            } else {
                let (oldPath, newPath) = (files[0], files[1])
                old = DefinitionVersion.load(text: try read(oldPath), path: oldPath, folder: catalog ?? Self.folder(of: oldPath))
                new = DefinitionVersion.load(text: try read(newPath), path: newPath, folder: catalog ?? Self.folder(of: newPath))
            }
            // A context file's errors show in both versions: print each once.
            var seen: Set<Diagnostic> = []
            let errors = (old.errors + new.errors).filter { seen.insert($0).inserted }
            if !errors.isEmpty {
                let terminal = Terminal.standardError
                terminal.write(DiagnosticRenderer(colors: terminal.supportsColor).render(errors))
                let which = [old, new].filter { !$0.errors.isEmpty }.map(\.label).joined(separator: " and ")
                terminal.write("cannot compare: \(which) \(old.errors.isEmpty || new.errors.isEmpty ? "has" : "have") definition errors.\n")
                throw CommandFailure(code: 1)
            }
            let diff = DefinitionDiff(old: old, new: new)
            try output.write(DefinitionDiffRenderer().render(diff, as: format))
        }

        /// The file's text; a usage error when it cannot be read.
        private func read(_ path: String) throws -> String {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw usageError("cannot read \(path): no such file")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw usageError("\(path) is not UTF-8 text; save it as UTF-8")
            }
            return text
        }

        private static func folder(of path: String) -> String {
            let folder = (path as NSString).deletingLastPathComponent
            return folder.isEmpty ? "." : folder
        }
    }
}
