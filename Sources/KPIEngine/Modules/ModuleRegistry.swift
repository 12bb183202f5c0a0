public import KPILanguage

/// The per-product modules a catalog is checked and evaluated with, by id.
///
/// `ModuleRegistry.standard` (in `KPIModules`) holds the built-in modules; an embedding
/// tool extends it with its own:
///
/// ```swift
/// var modules = ModuleRegistry.standard
/// modules.register(UsageBillingModule())
/// let check = KPIKitCatalog.check(paths: ["kpi-definitions"], modules: modules)
/// ```
///
/// Registering a module under an id that is already taken replaces the earlier module
/// (keeping its place in `descriptions`), so a tool can also swap a built-in module for
/// its own version.
public struct ModuleRegistry: Sendable {
    /// Module ids in registration order.
    private var order: [String] = []
    private var table: [String: any ProductModule] = [:]

    /// A registry of `modules`; a later module replaces an earlier one with the same id.
    /// - Parameter modules: the modules, in the order `descriptions` lists them.
    public init(_ modules: [any ProductModule] = []) {
        for module in modules { register(module) }
    }

    /// Adds `module`, or replaces the module registered under the same id.
    /// - Parameter module: the module; its id is `module.description.id`.
    public mutating func register(_ module: any ProductModule) {
        let id = module.description.id
        if table.updateValue(module, forKey: id) == nil { order.append(id) }
    }

    /// This registry with `module` added (or replacing the one with its id).
    /// - Parameter module: the module to add.
    /// - Returns: the extended registry.
    public func registering(_ module: any ProductModule) -> ModuleRegistry {
        var copy = self
        copy.register(module)
        return copy
    }

    /// The module registered under `id`, if any.
    public func module(_ id: String) -> (any ProductModule)? {
        table[id]
    }

    /// The module a product of `model` gets when it names none, if registered: the same
    /// rule as the checker's (subscription and usage -> `subscription`, one-time -> `one-time`).
    public func module(for model: BusinessModel) -> (any ProductModule)? {
        switch model {
        case .subscription, .usage: return table["subscription"]
        case .oneTime: return table["one-time"]
        }
    }

    /// The registered ids, in registration order.
    public var ids: [String] { order }

    /// What the checker needs: each module's id, models and function signatures, in
    /// registration order. Pass to `CatalogLoader.load(paths:modules:)`.
    public var descriptions: [ModuleDescription] {
        order.compactMap { table[$0]?.description }
    }

    /// What the evaluator needs: each module's runtime, by id. Pass to
    /// `Evaluator(product:modules:)`.
    public var runtimes: [String: any ModuleRuntime] {
        table.mapValues { $0 as any ModuleRuntime }
    }

    /// The checks of the product's module (declared or default for its model); none when
    /// no module with that id is registered (the checker already reported an unknown one).
    /// - Parameter product: a product that passed the core checks.
    /// - Returns: the module's diagnostics, sorted by file and position.
    public func check(_ product: CheckedProduct) -> [Diagnostic] {
        guard let module = table[product.module] else { return [] }
        var collector = DiagnosticCollector()
        collector.append(contentsOf: module.check(product))
        return collector.sorted
    }
}
