import ArgumentParser
import KPIKit

extension KPI {
    /// `kpi generate-swift`: Swift source for a catalog, for the `KPICodegen` build plugin.
    struct GenerateSwift: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate-swift",
            abstract: "Write Swift for a catalog: typed ids and the definitions embedded.",
            discussion: """
                Checks the catalog first: a definition with an error prints \
                `path:line:column: error: message` and writes nothing (exit 1), so a build \
                that runs this fails at the definition. Warnings are printed the same way.

                The output declares `KPIProducts`, `<Product>Metrics`, `<Product>Sources`, \
                `<Product>Signals`, `KPIConcepts`, and `KPIDefinitions` (the files as string \
                literals; `try KPIDefinitions.catalog(modules:)` loads them).

                Examples:
                  kpi generate-swift --catalog kpi-definitions --output Sources/App/KPIDefinitions.swift
                  kpi generate-swift --modules kpi-definitions/kpi-modules.json --access public
                """
        )

        @Option(help: "The catalog folder.", completion: .directory)
        var catalog = "kpi-definitions"

        @Option(help: "Write to this file (atomically) instead of standard output.", completion: .file(extensions: ["swift"]))
        var output: String?

        @Option(help: ArgumentHelp("A JSON file declaring modules `kpi` does not have built in (repeatable).", valueName: "kpi-modules.json"), completion: .file(extensions: ["json"]))
        var modules: [String] = []

        @Option(help: "The access level of the generated declarations: internal or public.")
        var access: SwiftGenerator.AccessLevel = .internal

        func run() throws {
            let registry: ModuleRegistry
            do {
                registry = try ModuleInterface.registry(addingInterfacesFrom: modules)
            } catch {
                Terminal.standardError.write("\(error)\n")
                throw CommandFailure(code: 1)
            }
            let generated: SwiftGenerator.Output
            do {
                generated = try SwiftGenerator(accessLevel: access).generate(folder: catalog, modules: registry)
            } catch {
                Terminal.standardError.write(error.description)
                let errors = error.errors.count
                Terminal.standardError.write("\(catalog): \(errors) error\(errors == 1 ? "" : "s"); no Swift written\n")
                throw CommandFailure(code: 1)
            }
            // Warnings, in the compiler format a build log shows.
            Terminal.standardError.write(generated.warnings.map { "\($0)\n" }.joined())
            try OutputFile.write(generated.source, to: output)
        }
    }
}

extension SwiftGenerator.AccessLevel: ExpressibleByArgument {}
