import ArgumentParser
import Foundation
import KPIKit

extension KPI {
    /// `kpi compare PRODUCT... | --all`: the KPI sets of several products side by side.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Line up the KPI sets of several products by concept and mark where the teams talk past each other.",
            discussion: """
                For every concept (the language's, then the catalog's), each product's metrics \
                with their share of the product's weight, target, direction, thresholds, unit, \
                time window and formula; above them each product's model, module, touch mix and \
                the first sentence of its description.

                Marks (! in text, ⚠ elsewhere), each with a short explanation:
                  weight     a concept with >= 15% of one product's weight and < 5% (or no metric) in another
                  formula    one metric id, different formulas
                  direction  one metric id, higher is better in one product, lower in another
                  window     one metric id over different stretches of time (period, last 365 days, all time)
                  concept    one metric id filed under different concepts
                  unit       one concept measured in different units

                With `--data SOURCE=FILE` (as for `kpi evaluate`) the products are evaluated \
                for `--period` and each metric shows its value and status, each product its \
                scorecard.

                Formats: table (terminal), markdown (GitHub tables), json (shape "kpi-compare" \
                version 1, documented in ComparisonJSONRenderer), html (one self-contained page \
                with stacked bars of the weight shares; prints well).

                Exit status: 0 when compared, 1 when a compared product has definition errors \
                (or the data has errors), 2 for usage errors (an unknown product, no product given).

                Examples:
                  kpi compare cms ma
                  kpi compare --all --format html --output compare.html
                  kpi compare --all --format json
                  kpi compare cms ma --data accounts=accounts.csv --data tickets=tickets.csv ... --period 2026-10
                """
        )

        @Argument(help: "Product ids to compare, in the order to show them.")
        var products: [String] = []

        @Flag(help: "Compare every product of the catalog.")
        var all = false

        @OptionGroup var catalog: CatalogOptions

        @Option(name: .shortAndLong, help: "Output format: table, markdown, json or html.")
        var format: ReportFormat = .table

        @Option(name: .customLong("data"), help: ArgumentHelp("A data file for a source, to show evaluated values: SOURCE=FILE (repeatable).", valueName: "SOURCE=FILE"))
        var data: [String] = []

        @Option(help: "With --data: the period (2026-10, 2026-Q3, 2026, 2026-10-01..2026-12-31; default: this month).")
        var period: String?

        @OptionGroup var output: OutputOptions

        func validate() throws {
            for binding in data where !binding.contains("=") {
                throw ValidationError("--data takes SOURCE=FILE, such as `--data accounts=accounts.csv`; got `\(binding)`")
            }
            if period != nil, data.isEmpty {
                throw ValidationError("--period needs --data: values are computed from data files.")
            }
            if all, !products.isEmpty {
                throw ValidationError("Give product ids or --all, not both.")
            }
            if !all, products.isEmpty {
                throw ValidationError("Name the products to compare (kpi compare cms ma) or pass --all.")
            }
        }

        func run() throws {
            let check = KPIKitCatalog.check(paths: [catalog.catalog])
            let selected = try catalog.products(all ? nil : products, in: check)
            var comparison = CatalogComparison(products: selected, vocabulary: check.catalog.concepts)
            if !data.isEmpty {
                comparison.attach(try evaluate(selected))
            }
            try output.write(comparison.rendered(as: format, colors: output.colors))
        }

        /// The products evaluated on `--data` for `--period`.
        private func evaluate(_ products: [CheckedProduct]) throws -> [ProductEvaluation] {
            var evaluationPeriod = Period.current()
            if let period {
                do {
                    evaluationPeriod = try Period(parsing: period)
                } catch {
                    throw usageError(error.description)
                }
            }
            var bindings: [String: String] = [:]
            for binding in data {
                let parts = binding.split(separator: "=", maxSplits: 1).map(String.init)
                bindings[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            do {
                let result = try CatalogEvaluation.run(products: products, bindings: bindings, period: evaluationPeriod)
                var seen: Set<Diagnostic> = []
                let diagnostics = result.evaluations.flatMap(\.diagnostics).filter { seen.insert($0).inserted }
                if !diagnostics.isEmpty {
                    Terminal.standardError.write(DiagnosticRenderer(colors: Terminal.standardError.supportsColor).render(diagnostics))
                }
                if result.evaluations.contains(where: \.hasErrors) { throw CommandFailure(code: 1) }
                return result.evaluations
            } catch let failure as CatalogEvaluation.Failure {
                Terminal.standardError.write("error: \(failure.description)\n")
                throw CommandFailure(code: 1)
            }
        }
    }
}

// MARK: - Shared by the report commands

/// `--catalog DIR`, and picking checked products from it.
struct CatalogOptions: ParsableArguments {
    @Option(help: "The catalog folder.", completion: .directory)
    var catalog = "kpi-definitions"

    /// The checked products `ids` (every product when nil), in that order.
    ///
    /// Prints the errors and fails with exit code 1 when one of them (or, for every
    /// product, any document) has definition errors; fails with a usage error (2) for an
    /// id the catalog does not declare.
    func products(_ ids: [String]?, in check: CatalogCheck) throws -> [CheckedProduct] {
        if check.catalog.products.isEmpty, check.failedProducts.isEmpty, check.hasErrors {
            Diagnostics.printErrors(check)
            throw CommandFailure(code: 1)
        }
        guard let ids else {
            if check.hasErrors {
                Diagnostics.printErrors(check)
                throw CommandFailure(code: 1)
            }
            return check.catalog.products
        }
        var out: [CheckedProduct] = []
        var failed: [String] = []
        for id in ids {
            if let product = check.catalog.product(id) {
                if !out.contains(where: { $0.id == id }) { out.append(product) }
            } else if check.failedProducts.contains(id) {
                failed.append(id)
            } else {
                let known = (check.catalog.products.map(\.id) + check.failedProducts).sorted()
                throw usageError("the catalog at \(catalog) has no product `\(id)`\(Diagnostics.didYouMean(id, in: known)); its products are: \(known.joined(separator: ", "))")
            }
        }
        if !failed.isEmpty {
            Diagnostics.printErrors(check)
            Terminal.standardError.write("\(failed.map { "`\($0)`" }.joined(separator: ", ")) cannot be read until these errors are fixed.\n")
            throw CommandFailure(code: 1)
        }
        return out
    }
}

/// Prints `message` as a usage error and returns the failure that exits with code 2.
///
/// For problems found after parsing (an unknown product id, an existing file), where
/// ArgumentParser's `ValidationError` would print the root command's usage instead of
/// the subcommand's.
func usageError(_ message: String) -> CommandFailure {
    Terminal.standardError.write("error: \(message)\n")
    return CommandFailure(code: 2)
}

/// `--output FILE`: where a report goes (standard output by default).
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.", completion: .file())
    var output: String?

    /// Colour only when writing to a terminal.
    var colors: Bool { output == nil && Terminal.standardOutput.supportsColor }

    /// Writes `text` to the file (replacing it atomically) or to standard output.
    func write(_ text: String) throws {
        try OutputFile.write(text, to: output)
    }
}

/// Printing definition errors the way `kpi validate` does.
enum Diagnostics {
    /// The errors of `check`, rendered to standard error.
    static func printErrors(_ check: CatalogCheck) {
        let terminal = Terminal.standardError
        let errors = check.diagnostics.filter { $0.severity == .error }
        terminal.write(DiagnosticRenderer(colors: terminal.supportsColor).render(errors))
    }

    /// " (did you mean `x`?)" when an id is close to one of `candidates`.
    static func didYouMean(_ id: String, in candidates: [String]) -> String {
        let close = candidates.filter { candidate in
            candidate.hasPrefix(id) || id.hasPrefix(candidate) || distance(id, candidate) <= max(1, id.count / 3)
        }
        return close.first.map { " (did you mean `\($0)`?)" } ?? ""
    }

    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension ReportFormat: ExpressibleByArgument {}
