// kpi-bench: the in-process split of `kpi evaluate --all` on the peer workload.
//
// Whole-process figures (process start, catalog, read, evaluate, JSON, exit) against
// Polars, DuckDB and pandas come from benchmarks/run.sh; this measures the two stages
// that grow with the data, load (CSV parse into columns) and evaluate (every product),
// each as the median of N runs in one process, so that a regression can be pinned on
// one of them. Timing lives here, never in tests.

import Foundation
import KPIKit

// MARK: - Arguments and catalog

let options: BenchOptions
do {
    options = try BenchOptions(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("kpi-bench: \(error.description)\n".utf8))
    exit(2)
}

let clock = ContinuousClock()
let catalogStart = clock.now
let check = KPIKitCatalog.check(paths: [options.catalog])
let catalogSeconds = (clock.now - catalogStart).seconds
guard !check.hasErrors, !check.catalog.products.isEmpty else {
    let errors = check.diagnostics.filter { $0.severity == .error }
    FileHandle.standardError.write(Data(DiagnosticRenderer(colors: false).render(errors).utf8))
    FileHandle.standardError.write(Data("kpi-bench: the catalog \(options.catalog) has errors or no products\n".utf8))
    exit(1)
}
let products = check.catalog.products
let period: Period
do {
    period = try Period(parsing: options.period)
} catch {
    FileHandle.standardError.write(Data("kpi-bench: \(error.description)\n".utf8))
    exit(2)
}
let sources = Set(products.flatMap { $0.sources.map(\.id) })

// MARK: - Measure each file

/// The medians of one file's runs, and what the last run computed.
struct FileRun {
    var file: String
    var rows: Int
    var load: Double
    var evaluate: Double
    var total: Double
    var render: Double
    var peakMiB: Double
    var evaluations: [ProductEvaluation]
}

/// Runs `kpi evaluate`'s own code path (`CatalogEvaluation.run`: read the file once, then
/// evaluate the products side by side) on `file` `options.repeats` times, and renders the
/// JSON each time; keeps at most one data set alive.
func measure(_ file: String) throws -> FileRun {
    let bindings = Dictionary(uniqueKeysWithValues: sources.map { ($0, file) })
    PeakMemory.reset()
    var loads: [Double] = [], evaluates: [Double] = [], totals: [Double] = [], renders: [Double] = []
    var evaluations: [ProductEvaluation] = []
    var peakMiB = 0.0
    for repetition in 0..<options.repeats {
        let start = clock.now
        let result = try CatalogEvaluation.run(products: products, bindings: bindings, period: period)
        let evaluated = clock.now
        evaluations = result.evaluations
        let json = EvaluationRenderer.render(evaluations, products: products, format: .json, colors: false)
        renders.append((clock.now - evaluated).seconds)
        precondition(!json.isEmpty)
        loads.append(result.loadSeconds)
        evaluates.append(result.evaluateSeconds)
        totals.append((evaluated - start).seconds)
        // The first run's peak: later runs reuse memory glibc kept from earlier ones (its
        // mmap threshold rises after a large free), which a single `kpi` run never sees.
        if repetition == 0 { peakMiB = PeakMemory.mebibytes }
    }
    // The row count, from one more read after the timed runs (the evaluations do not say).
    let rows = try DataSet.load(for: products, bindings: bindings).tables.values.first?.rowCount ?? 0
    return FileRun(
        file: file, rows: rows, load: loads.median, evaluate: evaluates.median, total: totals.median,
        render: renders.median, peakMiB: peakMiB, evaluations: evaluations)
}

var runs: [FileRun] = []
for file in options.files {
    do {
        runs.append(try measure(file))
    } catch {
        FileHandle.standardError.write(Data("kpi-bench: \(file): \(error)\n".utf8))
        exit(1)
    }
}

// MARK: - Report

var table = TextTable(header: ["file", "rows", "load ms", "evaluate ms", "total ms", "ns/row", "peak MiB"])
for run in runs {
    table.rows.append([
        run.file, String(run.rows), fixed(run.load * 1e3, 1), fixed(run.evaluate * 1e3, 1), fixed(run.total * 1e3, 1),
        fixed(run.rows > 0 ? run.total * 1e9 / Double(run.rows) : 0, 1), fixed(run.peakMiB, 1),
    ])
}
print("kpi-bench: \(products.count) products of \(options.catalog), period \(options.period), median of \(options.repeats) in-process runs")
print(table.rendered)
print("catalog check \(fixed(catalogSeconds * 1e3, 1)) ms (once); JSON render per file: "
    + runs.map { "\(fixed($0.render * 1e3, 2)) ms" }.joined(separator: ", "))
for run in runs {
    let lines = run.evaluations.map { evaluation -> String in
        let accounts = evaluation.metric("accounts")?.value.text ?? "?"
        let bands = evaluation.health.map { "\($0.red)/\($0.yellow)/\($0.green)" } ?? "none"
        return "\(evaluation.product) accounts=\(accounts) red/yellow/green=\(bands)"
    }
    print("check \(run.file): " + lines.joined(separator: "; "))
}
