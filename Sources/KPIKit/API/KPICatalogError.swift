/// Why a catalog could not be loaded: every error (and warning) its definitions have.
///
/// `description` is what `kpi validate` prints: each diagnostic in the compiler format
/// `path:line:column: error: message`, with the source line and a caret.
public struct KPICatalogError: Error, Sendable, CustomStringConvertible {
    /// Every diagnostic, errors and warnings, sorted by file and position.
    public var diagnostics: [KPIDiagnostic]
    /// The diagnostics with source lines and carets.
    public var description: String

    /// The errors alone.
    public var errors: [KPIDiagnostic] { diagnostics.filter { $0.severity == .error } }

    /// The error of a checked catalog that has errors.
    init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.map(KPIDiagnostic.init)
        self.description = DiagnosticRenderer(colors: false).render(diagnostics)
    }
}
