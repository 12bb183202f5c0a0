import Foundation
import PackagePlugin

/// Generates Swift from a target's KPI definitions: typed ids of its products, metrics,
/// sources, signals and concepts, and the definitions embedded as string literals
/// (`KPIDefinitions`), so the program evaluates without the YAML files.
///
/// It runs the package's own `kpi generate-swift`, which checks the definitions first: a
/// broken definition fails the build with `path:line:column: error: message`.
///
/// The definitions are `<target folder>/kpi-definitions/` when that exists (exclude it
/// from the target), else `kpi-definitions/` at the package root; `kpi-modules.json` there
/// declares the package's own modules.
@main
struct KPICodegen: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let package = context.package.directoryURL
        guard let folder = DefinitionsFolder.forTarget(at: target.directoryURL, in: package) else {
            throw PluginFailure("""
                target `\(target.name)` applies KPICodegen, but has no KPI definitions: add a folder \
                \(DefinitionsFolder.relative(target.directoryURL.appending(path: DefinitionsFolder.name).path, to: package))/ \
                (and `exclude: ["\(DefinitionsFolder.name)"]` on the target) or \(DefinitionsFolder.name)/ at the package root
                """)
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "KPIDefinitions.swift")
        var arguments = ["generate-swift", "--catalog", folder.url.path, "--output", output.path]
        var inputs = folder.files + folder.folders
        if let interfaces = folder.moduleInterfaces {
            arguments += ["--modules", interfaces.path]
            inputs.append(interfaces)
        }
        return [
            .buildCommand(
                displayName: "Generating Swift for \(target.name) from \(DefinitionsFolder.relative(folder.url.path, to: package))",
                executable: try context.tool(named: "kpi").url,
                arguments: arguments,
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
