/// A catalog compiled into a program: the definition files as string literals, so the
/// program evaluates without shipping the YAML files.
///
/// The `KPICodegen` build plugin (`kpi generate-swift`) writes a conforming enum,
/// `KPIDefinitions`, from the target's `kpi-definitions/` folder, after checking it:
///
/// ```swift
/// let catalog = try KPIDefinitions.catalog(modules: .standard.registering(ClinicModule()))
/// ```
public protocol EmbeddedKPICatalog {
    /// The definition files, in path order.
    static var definitionFiles: [KPIDefinitionFile] { get }
}

extension EmbeddedKPICatalog {
    /// The embedded catalog, checked with `modules`.
    ///
    /// The files were checked when the program was built; they are checked again here
    /// because the checked model is built in memory, and because `modules` may differ from
    /// the module interfaces the build knew (an error then names the mismatch).
    /// - Parameter modules: the per-product modules, with the program's own registered.
    /// - Returns: the catalog.
    /// - Throws: ``KPICatalogError`` when a definition has an error with these modules.
    public static func catalog(modules: ModuleRegistry = .standard) throws(KPICatalogError) -> KPICatalog {
        try KPICatalog(definitions: definitionFiles, modules: modules)
    }
}
