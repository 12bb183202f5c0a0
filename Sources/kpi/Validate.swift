import ArgumentParser
import KPIKit

extension KPI {
    /// `kpi validate [PATH...]`: check definitions and print every diagnostic.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check KPI definitions and print every error and warning.",
            discussion: """
                Prints each diagnostic as `path:line:column: error|warning: message`, then the \
                source line with a caret under the spot. Exit status 1 when there is an error.

                Examples:
                  kpi validate
                  kpi validate kpi-definitions/cms.yaml
                  kpi validate --quiet kpi-definitions/
                  kpi validate --format json --modules kpi-definitions/kpi-modules.json
                """
        )

        @Argument(help: "Catalog folders or definition files.", completion: .file(extensions: ["yaml", "yml"]))
        var paths: [String] = ["kpi-definitions"]

        @Flag(name: .shortAndLong, help: "Print only errors and warnings, no summary.")
        var quiet = false

        @Flag(name: .long, help: "Leave warnings out.")
        var noWarnings = false

        @Option(help: "Output: text (compiler format, on standard error) or json (one diagnostic a line, on standard output).")
        var format: Format = .text

        @Option(help: ArgumentHelp("A JSON file declaring modules `kpi` does not have built in (repeatable).", valueName: "kpi-modules.json"), completion: .file(extensions: ["json"]))
        var modules: [String] = []

        func run() throws {
            let registry: ModuleRegistry
            do {
                registry = try ModuleInterface.registry(addingInterfacesFrom: modules)
            } catch {
                if format == .json { Self.writeJSONLine(error) } else { Terminal.standardError.write("\(error)\n") }
                throw CommandFailure(code: 1)
            }
            let check = KPIKitCatalog.check(paths: paths, modules: registry)
            let terminal = Terminal.standardError
            let renderer = DiagnosticRenderer(colors: terminal.supportsColor)
            let shown = noWarnings ? check.diagnostics.filter { $0.severity == .error } : check.diagnostics
            if format == .json { Self.writeJSONLines(shown) } else { terminal.write(renderer.render(shown)) }
            let errors = check.diagnostics.count { $0.severity == .error }
            let warnings = check.diagnostics.count { $0.severity == .warning }
            if !quiet {
                let products = check.catalog.products.count
                let summary = "\(check.documentCount) document\(check.documentCount == 1 ? "" : "s"), \(products) product\(products == 1 ? "" : "s") checked: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
                (format == .json ? terminal : Terminal.standardOutput).write(summary)
            }
            KPI.exitWithoutFreeing(errors > 0 ? 1 : 0)
        }
    }
}
