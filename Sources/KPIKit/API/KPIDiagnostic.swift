/// One finding about a definition, as a plain value: what is wrong, how to fix it, and
/// where (1-based line and column, as an editor counts them).
///
/// `description` is the compiler format `kpi validate` prints,
/// `path:line:column: error: message`. The same values are what
/// `kpi validate --format json` writes, one JSON object a line.
public struct KPIDiagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The definition cannot be used as written.
        case error
        /// The definition works, but probably not as meant.
        case warning
        /// More about a nearby diagnostic.
        case note
    }

    /// A related place: where a base declares what a product overrides, say.
    public struct Note: Sendable, Hashable, Codable {
        /// What the place has to do with the diagnostic.
        public var message: String
        /// The file, or nil when the note has no place.
        public var path: String?
        /// The 1-based line, or nil.
        public var line: Int?
        /// The 1-based column, or nil.
        public var column: Int?
    }

    /// Error, warning or note.
    public var severity: Severity
    /// A stable kebab-case identifier (`unknown-key`, `type-mismatch`), for tools and tests.
    public var code: String
    /// The message, which says how to fix the problem where it can.
    public var message: String
    /// The file (as it was given: a path, or the name of a definition passed as text), or
    /// nil for a problem of the whole catalog.
    public var path: String?
    /// The 1-based line where the problem starts, or nil when it has no place in a file.
    public var line: Int?
    /// The 1-based column where the problem starts, or nil.
    public var column: Int?
    /// The 1-based line where the problem ends, or nil.
    public var endLine: Int?
    /// The 1-based column where the problem ends (exclusive), or nil.
    public var endColumn: Int?
    /// Related places.
    public var notes: [Note]

    /// A diagnostic from its parts.
    /// - Parameters:
    ///   - severity: error, warning or note.
    ///   - code: a stable kebab-case identifier.
    ///   - message: what is wrong and how to fix it.
    ///   - path: the file, if any.
    ///   - line: the 1-based start line, if any.
    ///   - column: the 1-based start column, if any.
    ///   - endLine: the 1-based end line, if any.
    ///   - endColumn: the 1-based end column, if any.
    ///   - notes: related places.
    public init(
        severity: Severity, code: String, message: String, path: String? = nil, line: Int? = nil, column: Int? = nil,
        endLine: Int? = nil, endColumn: Int? = nil, notes: [Note] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.notes = notes
    }

    /// The plain value of a checker diagnostic.
    /// - Parameter diagnostic: a diagnostic from the checker, a module or the engine.
    public init(_ diagnostic: Diagnostic) {
        let severity: Severity
        switch diagnostic.severity {
        case .error: severity = .error
        case .warning: severity = .warning
        case .note: severity = .note
        }
        self.init(
            severity: severity, code: diagnostic.code, message: diagnostic.message,
            path: diagnostic.range?.file.path ?? diagnostic.path,
            line: diagnostic.range?.start.line, column: diagnostic.range?.start.column,
            endLine: diagnostic.range?.end.line, endColumn: diagnostic.range?.end.column,
            notes: diagnostic.notes.map { note in
                Note(message: note.message, path: note.range?.file.path, line: note.range?.start.line, column: note.range?.start.column)
            })
    }

    /// `path:line:column` (or the bare path, or `<catalog>`).
    public var location: String {
        guard let path else { return "<catalog>" }
        guard let line else { return path }
        return column.map { "\(path):\(line):\($0)" } ?? "\(path):\(line)"
    }

    /// `path:line:column: error: message`, the compiler format (without the source line).
    public var description: String {
        "\(location): \(severity.rawValue): \(message)"
    }
}
