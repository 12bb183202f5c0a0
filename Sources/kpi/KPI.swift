import ArgumentParser
import Foundation
import KPIKit

/// The `kpi` command: validate, evaluate and compare KPI definitions.
///
/// Exit codes: 0 ok, 1 definition or data errors, 2 usage errors.
@main
struct KPI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpi",
        abstract: "Define, check and evaluate Customer Success KPIs.",
        discussion: """
            Every product of a company declares its CS KPIs in a YAML file under \
            kpi-definitions/. `kpi` checks those files and evaluates them on the product's data.

            Examples:
              kpi validate
              kpi validate kpi-definitions/cms.yaml
            """,
        version: "0.1.0",
        subcommands: [Validate.self, Evaluate.self, Compare.self, Diff.self, New.self, Explain.self, GenerateSwift.self]
    )

    /// Runs the command, mapping argument errors to exit code 2 (ArgumentParser's default is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            Foundation.exit(failure.code)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            if !message.isEmpty { Terminal.standardError.write(message + "\n") }
            Foundation.exit(code == .failure ? 1 : 2)
        }
    }
}

extension KPI {
    /// Ends the process with `code` at once; a command calls it last, after everything is
    /// written. What the command built (a checked catalog of a thousand products, say) is
    /// then taken back by the system in one go rather than freed object by object on one
    /// core, which took a tenth of a `kpi validate` of 1,000 products.
    static func exitWithoutFreeing(_ code: Int32) -> Never {
        Foundation.exit(code)
    }
}

/// Ends a command with an exit code after it has printed what went wrong.
struct CommandFailure: Error {
    var code: Int32
}
