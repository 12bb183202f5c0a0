import ArgumentParser
import Foundation
import KPIKit

extension KPI {
    /// `kpi new PRODUCT --model M`: write a starting definition file.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a commented starting definition for a new product.",
            discussion: """
                The file fits the business model: sources, derived fields, segments, metrics \
                with concepts, targets, thresholds and weights, a health score, and one \
                signal of each kind (reactive, proactive, predictive). It validates as \
                written; adapt the sources to your exports, then agree targets and weights.

                Models and their default modules: subscription -> subscription (or \
                --module infrastructure for a product that takes a build to adopt), \
                usage -> subscription, one-time -> one-time.

                Exit status: 0 written, 2 for an invalid id, an unknown module or one that \
                does not fit the model, or an existing file without --force.

                Examples:
                  kpi new ebook --model subscription
                  kpi new webcms --model subscription --module infrastructure --name "Web CMS"
                  kpi new factoring --model one-time --output -
                """
        )

        @Argument(help: "The product id: lower-case letters, digits, `_` and `-`, starting with a letter.")
        var product: String

        @Option(help: "The business model: subscription, one-time or usage.")
        var model: BusinessModel

        @Option(help: "The module (default: subscription for subscription and usage, one-time for one-time).")
        var module: String?

        @Option(help: "The display name (default: the product id).")
        var name: String?

        @Option(name: .shortAndLong, help: "The file to write (default: kpi-definitions/PRODUCT.yaml; - for standard output).", completion: .file(extensions: ["yaml"]))
        var output: String?

        @Flag(help: "Replace the file if it exists.")
        var force = false

        func run() throws {
            let scaffold = ProductScaffold(product: product, name: name, model: model, module: module)
            let text: String
            do {
                text = try scaffold.definition()
            } catch {
                throw usageError(error.description)
            }
            if output == "-" {
                Terminal.standardOutput.write(text)
                return
            }
            let path = output ?? "kpi-definitions/\(product).yaml"
            let manager = FileManager.default
            if manager.fileExists(atPath: path), !force {
                throw usageError("\(path) already exists; pass --force to replace it, or --output to write elsewhere")
            }
            let folder = (path as NSString).deletingLastPathComponent
            let clashes = ProductScaffold.filesDeclaring(product, in: folder.isEmpty ? "." : folder, except: path)
            if !clashes.isEmpty {
                throw usageError("`\(product)` is already declared in \(clashes.joined(separator: ", ")); ids are unique across a catalog, so pick another id")
            }
            do {
                if !folder.isEmpty { try manager.createDirectory(atPath: folder, withIntermediateDirectories: true) }
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                Terminal.standardError.write("error: cannot write \(path): \(error.localizedDescription)\n")
                throw CommandFailure(code: 1)
            }
            Terminal.standardOutput.write("""
                Wrote \(path) (model \(model.rawValue), module \(scaffold.moduleID)).
                Next: adapt its sources to your exports, agree targets and weights, then
                  kpi validate \(path)
                  kpi explain \(product)\(folder == "kpi-definitions" ? "" : " --catalog \(folder.isEmpty ? "." : folder)")

                """)
        }
    }
}

extension BusinessModel: ExpressibleByArgument {}
