public import KPILanguage

/// A per-product module: the functions, checks and starting definitions that fit one kind
/// of product (a swappable subscription, an infrastructure-like subscription, a business of
/// one-time transactions).
///
/// A product picks its module with `module:`, or gets the default for its `model:`
/// (subscription and usage -> `subscription`, one-time -> `one-time`). The module then
/// plays three parts, one per stage of the pipeline:
///
/// - **Check**: `description` tells the checker the module's functions, so calls to them
///   resolve and type like built-ins; after the core checks, `check(_:)` adds the advice
///   that only makes sense for this kind of product.
/// - **Evaluate**: the `ModuleRuntime` conformance computes the functions over whole
///   columns (see `ModuleRuntime` for the rules: null in, null out; aggregates skip nulls).
/// - **Start**: `defaults` holds what `kpi new` writes for a product of this kind.
///
/// A module never changes the meaning of a definition that is valid without it: it only
/// adds functions and diagnostics.
///
/// Register modules in a `ModuleRegistry`; `ModuleRegistry.standard` (in `KPIModules`)
/// holds the built-in ones.
public protocol ProductModule: ModuleRuntime {
    /// The module's id (what `module:` names), summary, business models and functions.
    var description: ModuleDescription { get }

    /// Module-specific checks of a product that passed the core checks.
    ///
    /// Report warnings (or errors, for definitions this module cannot evaluate) at the
    /// range of the definition they concern, with a message that says how to fix it.
    /// - Parameter product: a product whose module is this one.
    /// - Returns: the diagnostics, in any order.
    func check(_ product: CheckedProduct) -> [Diagnostic]

    /// What a new product of this kind starts from.
    var defaults: ModuleDefaults { get }
}

extension ProductModule {
    /// The module's id: `description.id`.
    public var id: String { description.id }

    /// No module-specific checks.
    public func check(_ product: CheckedProduct) -> [Diagnostic] { [] }
}
