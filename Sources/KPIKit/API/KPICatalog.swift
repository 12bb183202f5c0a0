/// A checked catalog of KPI definitions, ready to evaluate: the entry point of the
/// embedding API.
///
/// Load it from a folder, from text, or from definitions compiled into the program; a
/// definition with an error throws ``KPICatalogError`` with every diagnostic, and warnings
/// stay in ``diagnostics``. Then evaluate a product on data from files, from tables built
/// in memory, or from a ``KPIDataProvider``:
///
/// ```swift
/// let catalog = try KPICatalog(folder: "kpi-definitions")
/// let result = try await catalog.evaluate("cms", on: .files(["accounts": "accounts.csv"]),
///                                         period: try Period(parsing: "2026-10"))
/// print(result.metric("churn_rate")?.value ?? .null)
/// ```
///
/// A catalog is an immutable value: share it between tasks freely. Each product is
/// planned once, when the catalog is loaded, and every evaluation reuses the plan.
public struct KPICatalog: Sendable {
    /// The products, in the order of their files.
    public let products: [KPIProduct]
    /// The concept vocabulary: the language's concepts and those the catalog adds.
    public let concepts: [ConceptID]
    /// The warnings of a catalog that loaded (it has no errors).
    public let diagnostics: [KPIDiagnostic]
    /// The modules the catalog was checked with, whose runtimes evaluate module functions.
    public let modules: ModuleRegistry
    /// How many definition documents were read.
    public let documentCount: Int
    /// One evaluator (its product planned) per product.
    let evaluators: [ProductID: Evaluator]

    // MARK: - Loading

    /// Loads and checks every `*.yaml` / `*.yml` file below `folder`.
    /// - Parameters:
    ///   - folder: the catalog folder (`kpi-definitions`).
    ///   - modules: the per-product modules; register your own on `.standard`.
    /// - Throws: ``KPICatalogError`` when a definition has an error or the folder is missing.
    public init(folder: String, modules: ModuleRegistry = .standard) throws(KPICatalogError) {
        try self.init(KPIKitCatalog.check(paths: [folder], modules: modules), modules: modules)
    }

    /// Loads and checks definitions given as text.
    /// - Parameters:
    ///   - definitions: the documents; each name is the path diagnostics show.
    ///   - modules: the per-product modules; register your own on `.standard`.
    /// - Throws: ``KPICatalogError`` when a definition has an error.
    public init(definitions: [KPIDefinitionFile], modules: ModuleRegistry = .standard) throws(KPICatalogError) {
        let sources = definitions.map { (name: $0.name, text: $0.text) }
        try self.init(KPIKitCatalog.check(sources: sources, modules: modules), modules: modules)
    }

    /// Loads and checks definitions compiled into the program (see ``EmbeddedKPICatalog``).
    /// - Parameters:
    ///   - embedded: the generated enum (`KPIDefinitions.self`).
    ///   - modules: the per-product modules; register your own on `.standard`.
    /// - Throws: ``KPICatalogError`` when a definition has an error with these modules.
    public init(embedded: any EmbeddedKPICatalog.Type, modules: ModuleRegistry = .standard) throws(KPICatalogError) {
        try self.init(definitions: embedded.definitionFiles, modules: modules)
    }

    /// A catalog from a completed check.
    /// - Parameters:
    ///   - check: the result of `KPIKitCatalog.check`.
    ///   - modules: the modules it was checked with.
    /// - Throws: ``KPICatalogError`` when the check found an error.
    public init(_ check: CatalogCheck, modules: ModuleRegistry) throws(KPICatalogError) {
        guard !check.hasErrors else { throw KPICatalogError(check.diagnostics) }
        let runtimes = modules.runtimes
        products = check.catalog.products.map(KPIProduct.init)
        concepts = check.catalog.concepts.map { ConceptID($0) }
        diagnostics = check.diagnostics.map(KPIDiagnostic.init)
        documentCount = check.documentCount
        self.modules = modules
        evaluators = Dictionary(
            check.catalog.products.map { (ProductID($0.id), Evaluator(product: $0, modules: runtimes)) },
            uniquingKeysWith: { first, _ in first })
    }

    // MARK: - Products

    /// The product `id`, if the catalog has it.
    /// - Parameter id: a product id (`KPIProducts.cms`, or `"cms"`).
    public func product(_ id: ProductID) -> KPIProduct? {
        products.first { $0.id == id }
    }
}
