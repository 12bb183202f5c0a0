/// One definition document given as text rather than read from a folder: a YAML file
/// embedded in a program (see ``EmbeddedKPICatalog``), fetched from a server, or written in
/// a test.
public struct KPIDefinitionFile: Sendable, Hashable {
    /// The name diagnostics use as the path (`kpi-definitions/cms.yaml`).
    public var name: String
    /// The YAML text.
    public var text: String

    /// A definition document.
    /// - Parameters:
    ///   - name: the name diagnostics use as the path.
    ///   - text: the YAML text.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}
