public import KPILanguage
public import KPIYAML

/// Checks definitions written inline in a test, the way `kpi validate` would.
public enum TestCatalog {
    /// Checks one document as the file `path`.
    public static func check(_ yaml: String, path: String = "test.yaml", modules: [ModuleDescription] = []) -> CatalogCheck {
        CatalogLoader.check(files: [SourceFile(path: path, text: yaml)], modules: modules)
    }

    /// Checks several documents (bases and products) as one catalog, in the order given.
    public static func check(files: [(path: String, text: String)], modules: [ModuleDescription] = []) -> CatalogCheck {
        CatalogLoader.check(files: files.map { SourceFile(path: $0.path, text: $0.text) }, modules: modules)
    }

    /// The diagnostics of `check` as `kpi validate` prints them, without colours.
    public static func rendered(_ check: CatalogCheck) -> String {
        DiagnosticRenderer(colors: false).render(check.diagnostics)
    }

    /// The errors only, rendered.
    public static func renderedErrors(_ check: CatalogCheck) -> String {
        DiagnosticRenderer(colors: false).render(check.diagnostics.filter { $0.severity == .error })
    }
}

/// Checks one inline document as `test.yaml`; shorthand for `TestCatalog.check(_:)`.
public func check(_ yaml: String) -> CatalogCheck {
    TestCatalog.check(yaml)
}
