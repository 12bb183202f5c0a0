import Foundation

/// The data of one evaluation: each data file read once, with the union of the columns
/// that any of the products reads from it, and shared by every product.
public struct DataSet: Sendable {
    /// Tables by source id (a file bound to two source ids appears under both).
    public var tables: [String: Table]
    /// Time spent reading, for `--verbose` and the benchmark.
    public var loadSeconds: Double

    public init(tables: [String: Table], loadSeconds: Double = 0) {
        self.tables = tables
        self.loadSeconds = loadSeconds
    }

    /// Why a data set could not be loaded: bindings that do not fit the products, or
    /// errors in the files (each with file, row and column).
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public var messages: [String]
        public var dataErrors: [DataError]
        public var truncated: Bool

        public var description: String {
            var lines = messages
            lines += dataErrors.map(\.description)
            if truncated { lines.append("(more errors not shown; raise --max-errors to see them)") }
            return lines.joined(separator: "\n")
        }
    }

    /// Reads the files bound to the products' file-backed sources.
    ///
    /// - Parameters:
    ///   - products: the checked products to evaluate.
    ///   - bindings: source id -> file path (`--data accounts=accounts.csv`).
    ///   - maxErrors: most data errors listed (per file).
    ///   - breakdown: a `--by` field (`segment` or `accounts.segment`): read it too, even
    ///     when no formula does.
    ///   - progress: called before each file is read, with a line such as
    ///     `reading accounts.csv (72.1 MB)` (for a progress display).
    /// - Throws: `LoadError` when a source has no file, two products declare one column
    ///   with different types, or a file has data errors.
    public static func load(
        for products: [CheckedProduct], bindings: [String: String], maxErrors: Int = 20, breakdown: String? = nil,
        progress: ((String) -> Void)? = nil
    ) throws(LoadError) -> DataSet {
        let breakdownParts = breakdown?.split(separator: ".").map(String.init) ?? []
        let clock = ContinuousClock()
        let started = clock.now
        // The schema of each file: the union over every product and source bound to it.
        struct Plan {
            var path: String
            var sources: [String] = []
            var fields: [(name: String, type: FieldType)] = []
            var key: String?
        }
        var plans: [String: Plan] = [:]
        var messages: [String] = []
        for product in products {
            for source in product.sources {
                // Grouped sources are computed from their origin; the rest come from files.
                if case .grouped = source.origin { continue }
                guard let path = bindings[source.id] else {
                    messages.append("product `\(product.id)` reads source `\(source.id)`, but no file is given for it; add `--data \(source.id)=FILE.csv`")
                    continue
                }
                var plan = plans[path] ?? Plan(path: path)
                if !plan.sources.contains(source.id) { plan.sources.append(source.id) }
                if plan.key == nil { plan.key = source.key }
                let breakdownField: String? = switch breakdownParts.count {
                case 1: breakdownParts[0]
                case 2 where breakdownParts[0] == source.id: breakdownParts[1]
                default: nil
                }
                for field in source.fields where source.usedFields.contains(field.name) || field.name == breakdownField {
                    guard let declared = field.declared else { continue }
                    if let index = plan.fields.firstIndex(where: { $0.name == field.name }) {
                        switch merge(plan.fields[index].type, declared) {
                        case .some(let merged): plan.fields[index].type = merged
                        case .none:
                            messages.append("`\(path)` column `\(field.name)` is declared as \(plan.fields[index].type) by one product and as \(declared) by `\(product.id)`; declare it the same way (a shared base is the easy way)")
                        }
                    } else {
                        plan.fields.append((field.name, declared))
                    }
                }
                plans[path] = plan
            }
        }
        let unused = Set(bindings.keys).subtracting(products.flatMap { $0.sources.map(\.id) })
        for source in unused.sorted() {
            messages.append("`--data \(source)=...` names no source of the products evaluated; sources are \(Set(products.flatMap { $0.sources.map(\.id) }).sorted().joined(separator: ", "))")
        }
        guard messages.isEmpty else { throw LoadError(messages: messages, dataErrors: [], truncated: false) }

        var tables: [String: Table] = [:]
        var errors: [DataError] = []
        var truncated = false
        for plan in plans.values.sorted(by: { $0.path < $1.path }) {
            let schema = TableSchema(name: plan.sources.joined(separator: ","), fields: plan.fields, key: plan.key)
            if let progress {
                let bytes = (try? FileManager.default.attributesOfItem(atPath: plan.path)[.size] as? Int) ?? nil
                progress("reading \(plan.path)" + (bytes.map { String(format: " (%.1f MB)", Double($0) / 1_000_000) } ?? ""))
            }
            do {
                let table = try TableReader.read(path: plan.path, schema: schema, columns: Set(plan.fields.map(\.name)), maxErrors: maxErrors)
                for source in plan.sources { tables[source] = table }
            } catch {
                errors += error.errors
                truncated = truncated || error.truncated
            }
        }
        guard errors.isEmpty else { throw LoadError(messages: [], dataErrors: errors, truncated: truncated) }
        return DataSet(tables: tables, loadSeconds: (clock.now - started).seconds)
    }

    /// Two declarations of one column: equal, or categories whose values are united (one
    /// export read by several products that each list their own values).
    static func merge(_ a: FieldType, _ b: FieldType) -> FieldType? {
        switch (a.base, b.base) {
        case (.category(let x), .category(let y)):
            return FieldType(.category(x + y.filter { !x.contains($0) }), nullable: a.nullable || b.nullable)
        default:
            guard a.base == b.base else { return nil }
            return FieldType(a.base, nullable: a.nullable || b.nullable)
        }
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
