import KPIEngine
import KPILanguage

/// Checks that several modules share.
enum ModuleChecks {
    /// An error at each call to one of `functions` of `module` whose first two arguments
    /// are money of different currencies (the signature only says "a quantity").
    static func sameCurrency(_ product: CheckedProduct, module: String, functions: Set<String>) -> [Diagnostic] {
        product.moduleCalls(to: module).compactMap { node in
            guard case .module(let call) = node.node, functions.contains(call.name), call.arguments.count >= 2 else { return nil }
            let first = call.arguments[0].type
            let second = call.arguments[1].type
            guard case .money(let a) = first, case .money(let b) = second, a != b else { return nil }
            return ModuleDiagnostics.currencyMismatch(function: call.name, first, second, at: node.range)
        }
    }

    /// The metrics of `concepts` when the product weights its scorecard but none of them
    /// carries weight; nil when there are none, or one is weighted, or nothing is.
    static func unweighted(_ concepts: Set<String>, in product: CheckedProduct) -> [MetricDefinition]? {
        let metrics = product.metrics(withConcept: concepts)
        guard !metrics.isEmpty, product.totalWeight > 0 else { return nil }
        return metrics.allSatisfy({ ($0.weight?.value ?? 0) == 0 }) ? metrics : nil
    }
}
