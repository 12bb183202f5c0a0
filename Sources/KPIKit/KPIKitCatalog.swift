import Foundation

/// Loading and checking a catalog with per-product modules: the built-in ones
/// (`ModuleRegistry.standard`), or a registry an embedding tool extended with its own.
public enum KPIKitCatalog {
    /// Checks the catalog at `paths` (folders or files) with the standard modules.
    /// - Parameter paths: catalog folders or definition files.
    /// - Returns: the checked products and every diagnostic, sorted by file and position.
    public static func check(paths: [String]) -> CatalogCheck {
        check(paths: paths, modules: .standard)
    }

    /// Checks the catalog at `paths` (folders or files) with the modules of `modules`.
    ///
    /// The checker resolves calls to each product's module functions; then each product
    /// that checked without errors gets its module's own checks. When single files are
    /// given, module diagnostics are kept for the products of those files only, as the
    /// core diagnostics are.
    /// - Parameters:
    ///   - paths: catalog folders or definition files.
    ///   - modules: the modules products may name with `module:` (and the defaults).
    /// - Returns: the checked products and every diagnostic, sorted by file and position.
    public static func check(paths: [String], modules: ModuleRegistry) -> CatalogCheck {
        let result = CatalogLoader.load(paths: paths, modules: modules.descriptions)
        let loneFiles = paths.contains { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        let requested = loneFiles ? Set(CatalogLoader.sourceFiles(at: paths).files.map(\.path)) : nil
        return addingModuleChecks(to: result, modules: modules) { product in
            requested?.contains(product.definition.file.path) ?? true
        }
    }

    /// Checks definitions given as text (name, YAML) with the standard modules.
    /// - Parameter sources: (name, YAML text) pairs; the name is the path in diagnostics.
    /// - Returns: the checked products and every diagnostic, sorted by file and position.
    public static func check(sources: [(name: String, text: String)]) -> CatalogCheck {
        check(sources: sources, modules: .standard)
    }

    /// Checks definitions given as text (name, YAML) with the modules of `modules`.
    /// - Parameters:
    ///   - sources: (name, YAML text) pairs; the name is the path in diagnostics.
    ///   - modules: the modules products may name with `module:` (and the defaults).
    /// - Returns: the checked products and every diagnostic, sorted by file and position.
    public static func check(sources: [(name: String, text: String)], modules: ModuleRegistry) -> CatalogCheck {
        let result = CatalogLoader.load(sources: sources, modules: modules.descriptions)
        return addingModuleChecks(to: result, modules: modules) { _ in true }
    }

    /// `result` with the module checks of its products (those `reported` keeps) merged
    /// into its diagnostics, in file and position order.
    static func addingModuleChecks(to result: CatalogCheck, modules: ModuleRegistry, reported: (CheckedProduct) -> Bool) -> CatalogCheck {
        var collector = DiagnosticCollector()
        collector.append(contentsOf: result.diagnostics)
        let before = collector.diagnostics.count
        // Each product's module checks on its own, on all cores; merged in catalog order.
        let checked = result.catalog.products.filter(reported)
        let found = ResultSlots<[Diagnostic]>(count: checked.count)
        DispatchQueue.concurrentPerform(iterations: checked.count) { index in
            found[index] = modules.check(checked[index])
        }
        for diagnostics in found.values {
            collector.append(contentsOf: diagnostics ?? [])
        }
        guard collector.diagnostics.count > before else { return result }
        var merged = result
        merged.diagnostics = collector.sorted
        return merged
    }
}
