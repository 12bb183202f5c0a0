import Foundation

/// Evaluating several products of a checked catalog on one data set: each data file is
/// read once (with the union of the columns the products read), then each product is
/// evaluated on the shared tables.
public struct CatalogEvaluation: Sendable {
    /// One result per product, in the order asked for.
    public var evaluations: [ProductEvaluation]
    /// Seconds spent reading data, and evaluating.
    public var loadSeconds: Double
    public var evaluateSeconds: Double

    /// Why an evaluation could not run: a bad period or `--by`, data errors, or a product
    /// the engine cannot evaluate. `description` is what to print.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// Reads the data and evaluates `products`.
    /// - Parameters:
    ///   - products: checked products (from `KPIKitCatalog.check`).
    ///   - bindings: source id -> data file (CSV or JSON Lines by extension).
    ///   - period: the period evaluated.
    ///   - periods: more than 1 adds a series ending with `period`.
    ///   - by: a field or segment to break every metric down by.
    ///   - modules: the registry whose runtimes implement module functions.
    ///   - maxErrors: the most data errors listed per file.
    ///   - progress: called with a line before each file is read and before evaluating.
    public static func run(
        products: [CheckedProduct], bindings: [String: String], period: Period, periods: Int = 1,
        by: String? = nil, modules: ModuleRegistry = .standard, maxErrors: Int = 20,
        progress: ((String) -> Void)? = nil
    ) throws(Failure) -> CatalogEvaluation {
        let data: DataSet
        do {
            data = try DataSet.load(for: products, bindings: bindings, maxErrors: maxErrors, breakdown: by, progress: progress)
        } catch {
            throw Failure(error.description)
        }
        progress?("evaluating \(products.count) product\(products.count == 1 ? "" : "s")")
        let clock = ContinuousClock()
        let started = clock.now
        // Products are independent: evaluate them on both cores, keep the order asked for.
        let runtimes = modules.runtimes
        let results = ResultSlots<Result<ProductEvaluation, Failure>>(count: products.count)
        let tables = data.tables
        DispatchQueue.concurrentPerform(iterations: products.count) { index in
            let product = products[index]
            let evaluator = Evaluator(product: product, modules: runtimes)
            do {
                results[index] = .success(try evaluator.evaluate(tables: tables, period: period, by: by, periods: periods))
            } catch {
                results[index] = .failure(Failure("product `\(product.id)`: \(error)"))
            }
        }
        var evaluations: [ProductEvaluation] = []
        for slot in results.values {
            guard let slot else { continue }
            evaluations.append(try slot.get())
        }
        return CatalogEvaluation(evaluations: evaluations, loadSeconds: data.loadSeconds, evaluateSeconds: (clock.now - started).seconds)
    }
}

/// One slot per task, each written by exactly one task of a `concurrentPerform`.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    subscript(index: Int) -> Value? {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }

    var values: [Value?] { lock.withLock { slots } }
}
