import ArgumentParser
import Foundation
import KPIKit

extension KPI {
    /// `kpi evaluate PRODUCT... | --all`: compute every metric, the scorecard, health and
    /// signals on data files.
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate products on their data.",
            discussion: """
                Each `--data SOURCE=FILE` binds a data file (CSV with a header row, or JSON \
                Lines by extension) to every product source of that name; a file is read once \
                for all products.

                Examples:
                  kpi evaluate ma --data accounts=examples/data/accounts.csv --period 2026-10
                  kpi evaluate --all --data accounts=accounts.csv --data transactions=tx.csv --format json
                  kpi evaluate cms --data ... --periods 6 --by segment --format markdown
                """
        )

        @Argument(help: "Product ids to evaluate.")
        var products: [String] = []

        @Flag(help: "Evaluate every product of the catalog.")
        var all = false

        @Option(help: "The catalog folder.", completion: .directory)
        var catalog = "kpi-definitions"

        @Option(name: .customLong("data"), help: ArgumentHelp("A data file for a source: SOURCE=FILE (repeatable).", valueName: "SOURCE=FILE"))
        var data: [String] = []

        @Option(help: "The period: 2026-10, 2026-Q3, 2026, or 2026-10-01..2026-12-31 (default: this month).")
        var period: String?

        @Option(help: "Evaluate a series of N periods ending at --period.")
        var periods = 1

        @Option(help: "Break every metric down by a category field or a segment.")
        var by: String?

        @Option(help: "Output format: table, json, markdown, csv or html.")
        var format: EvaluationFormat = .table

        @Option(help: "Write to this file (atomically) instead of standard output.", completion: .file())
        var output: String?

        @Option(help: "The most data errors to list per file.")
        var maxErrors = 20

        @Flag(name: .shortAndLong, help: "No progress or timing on standard error.")
        var quiet = false

        func validate() throws {
            if all == !products.isEmpty {
                throw ValidationError(all ? "give product ids or --all, not both" : "name the products to evaluate, or pass --all")
            }
            if periods < 1 || periods > 120 { throw ValidationError("--periods must be between 1 and 120") }
            if maxErrors < 1 { throw ValidationError("--max-errors must be at least 1") }
            for binding in data where !binding.contains("=") {
                throw ValidationError("--data takes SOURCE=FILE, such as `--data accounts=accounts.csv`; got `\(binding)`")
            }
        }

        func run() throws {
            let check = KPIKitCatalog.check(paths: [catalog])
            let errors = check.diagnostics.filter { $0.severity == .error }
            if !errors.isEmpty {
                Terminal.standardError.write(DiagnosticRenderer(colors: Terminal.standardError.supportsColor).render(errors))
                Terminal.standardError.write("the catalog has errors; fix them (see `kpi validate \(catalog)`)\n")
                throw CommandFailure(code: 1)
            }
            var chosen: [CheckedProduct] = []
            if all {
                chosen = check.catalog.products
            } else {
                for id in products {
                    guard let product = check.catalog.product(id) else {
                        let known = check.catalog.products.map(\.id)
                        throw ValidationError("no product `\(id)` in \(catalog); products: \(known.joined(separator: ", "))")
                    }
                    chosen.append(product)
                }
            }
            var evaluationPeriod = Period.current()
            if let period {
                do {
                    evaluationPeriod = try Period(parsing: period)
                } catch {
                    throw ValidationError(error.description)
                }
            }
            var bindings: [String: String] = [:]
            for binding in data {
                let parts = binding.split(separator: "=", maxSplits: 1).map(String.init)
                bindings[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            // Progress goes to standard error, only on a terminal, and is erased when done.
            let showProgress = !quiet && Terminal.standardError.isInteractive
            let progress: ((String) -> Void)? = showProgress ? { line in Terminal.standardError.write("\r\u{1B}[K\(line)…") } : nil
            let result: CatalogEvaluation
            do {
                result = try CatalogEvaluation.run(
                    products: chosen, bindings: bindings, period: evaluationPeriod, periods: periods, by: by, maxErrors: maxErrors,
                    progress: progress)
                if showProgress { Terminal.standardError.write("\r\u{1B}[K") }
            } catch {
                if showProgress { Terminal.standardError.write("\r\u{1B}[K") }
                Terminal.standardError.write("error: \(error.description)\n")
                throw CommandFailure(code: 1)
            }
            let text = EvaluationRenderer.render(
                result.evaluations, products: chosen, format: format,
                colors: output == nil && Terminal.standardOutput.supportsColor)
            try OutputFile.write(text, to: output)
            let warnings = result.evaluations.flatMap(\.diagnostics)
            if !warnings.isEmpty {
                Terminal.standardError.write(DiagnosticRenderer(colors: Terminal.standardError.supportsColor).render(warnings))
            }
            if !quiet, Terminal.standardError.isInteractive {
                Terminal.standardError.write(String(format: "read data in %.3f s, evaluated %d product%@ in %.3f s\n", result.loadSeconds, result.evaluations.count, result.evaluations.count == 1 ? "" : "s", result.evaluateSeconds))
            }
            KPI.exitWithoutFreeing(result.evaluations.contains(where: \.hasErrors) ? 1 : 0)
        }
    }
}

extension EvaluationFormat: ExpressibleByArgument {}
