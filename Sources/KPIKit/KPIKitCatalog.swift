/// Loading and checking a catalog with the built-in modules.
public enum KPIKitCatalog {
    /// Checks the catalog at `paths` (folders or files) with the standard modules.
    public static func check(paths: [String]) -> CatalogCheck {
        CatalogLoader.load(paths: paths, modules: [])
    }

    /// Checks definitions given as text (name, YAML) with the standard modules.
    public static func check(sources: [(name: String, text: String)]) -> CatalogCheck {
        CatalogLoader.load(sources: sources, modules: [])
    }
}
