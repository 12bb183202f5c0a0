import KPIKit

/// The command line of `kpi-bench`, parsed by hand: the target depends on KPIKit only.
struct BenchOptions {
    var catalog = "benchmarks/definitions"
    var period = "2026-10"
    var repeats = 5
    var files: [String] = []

    static let usage = """
        usage: kpi-bench [--catalog DIR] [--period PERIOD] [--repeat N] FILE...

        Runs the code path of `kpi evaluate --all` on each CSV (read once with the union
        of the columns the products use, then every product evaluated, side by side) N
        times in this process, and prints the medians: load (CSV parse), evaluate (all
        products), total, rows and time per row, and the peak memory of the first run
        (getrusage ru_maxrss; the high-water mark is reset before each file where Linux
        allows it). A check line per file lists each product's band counts.

        defaults: --catalog benchmarks/definitions --period 2026-10 --repeat 5
        """

    /// Why the command line could not be parsed; `description` is what to print.
    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses `arguments` (without the program name).
    /// - Throws: `UsageError` for an unknown option, a missing value, or no file.
    init(arguments: [String]) throws(UsageError) {
        var rest = arguments[...]
        func value(for option: String) throws(UsageError) -> String {
            guard let value = rest.popFirst() else { throw UsageError(description: "\(option) needs a value") }
            return value
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--catalog": catalog = try value(for: argument)
            case "--period": period = try value(for: argument)
            case "--repeat", "-n":
                let text = try value(for: argument)
                guard let count = Int(text), count >= 1 else {
                    throw UsageError(description: "--repeat takes a count of at least 1; got `\(text)`")
                }
                repeats = count
            case "--help", "-h": throw UsageError(description: Self.usage)
            default:
                if argument.hasPrefix("-") { throw UsageError(description: "unknown option `\(argument)`\n\n\(Self.usage)") }
                files.append(argument)
            }
        }
        if files.isEmpty { throw UsageError(description: "give at least one CSV file\n\n\(Self.usage)") }
    }
}
