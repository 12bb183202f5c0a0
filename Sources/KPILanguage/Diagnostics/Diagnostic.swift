public import KPIYAML

/// One finding about a definition or a data file: an error or a warning, where it is, and
/// how to fix it.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning, note

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs.rank < rhs.rank
        }

        private var rank: Int {
            switch self {
            case .error: return 0
            case .warning: return 1
            case .note: return 2
            }
        }
    }

    /// A note attached to a diagnostic, usually pointing at a related place.
    public struct Note: Sendable, Hashable {
        public var message: String
        public var range: SourceRange?
        public init(_ message: String, at range: SourceRange? = nil) {
            self.message = message
            self.range = range
        }
    }

    /// A stable kebab-case identifier (`unknown-key`, `type-mismatch`), for tools and tests.
    public var code: String
    public var severity: Severity
    /// The message, which says how to fix the problem where it can.
    public var message: String
    /// Where; nil for problems with no place in a file (an empty catalog folder, say).
    public var range: SourceRange?
    /// A path to show when there is no range (a folder, a data file).
    public var path: String?
    public var notes: [Note]

    public init(
        _ severity: Severity, _ code: String, _ message: String,
        at range: SourceRange?, path: String? = nil, notes: [Note] = []
    ) {
        self.code = code
        self.severity = severity
        self.message = message
        self.range = range
        self.path = path
        self.notes = notes
    }

    public static func error(_ code: String, _ message: String, at range: SourceRange?, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.error, code, message, at: range, notes: notes)
    }

    public static func warning(_ code: String, _ message: String, at range: SourceRange?, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.warning, code, message, at: range, notes: notes)
    }

    /// `path:line:column` (or the bare path) for this diagnostic.
    public var locationDescription: String {
        if let range { return range.description }
        return path ?? "<catalog>"
    }

    public static func == (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        lhs.code == rhs.code && lhs.severity == rhs.severity && lhs.message == rhs.message
            && lhs.range == rhs.range && lhs.path == rhs.path
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(message)
        hasher.combine(range?.start)
        hasher.combine(range?.file.path)
    }
}

extension Diagnostic.Note {
    public static func == (lhs: Diagnostic.Note, rhs: Diagnostic.Note) -> Bool {
        lhs.message == rhs.message && lhs.range == rhs.range
    }
}

/// Collects diagnostics from every stage so that a user sees all of them at once.
///
/// Stages report and keep going; a repeated diagnostic (the same message at the same
/// place, as when a base is checked on its own and again inside each product) is kept once.
public struct DiagnosticCollector: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []
    private var seen: Set<Diagnostic> = []

    public init() {}

    public mutating func report(_ diagnostic: Diagnostic) {
        if seen.insert(diagnostic).inserted {
            diagnostics.append(diagnostic)
        }
    }

    public mutating func error(_ code: String, _ message: String, at range: SourceRange?, notes: [Diagnostic.Note] = []) {
        report(.error(code, message, at: range, notes: notes))
    }

    public mutating func warning(_ code: String, _ message: String, at range: SourceRange?, notes: [Diagnostic.Note] = []) {
        report(.warning(code, message, at: range, notes: notes))
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        for diagnostic in other { report(diagnostic) }
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// Diagnostics ordered by file, line and column (unplaced ones first), stable otherwise.
    public var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let ka = (a.element.range?.file.path ?? a.element.path ?? "", a.element.range?.start.line ?? 0, a.element.range?.start.column ?? 0, a.offset)
            let kb = (b.element.range?.file.path ?? b.element.path ?? "", b.element.range?.start.line ?? 0, b.element.range?.start.column ?? 0, b.offset)
            return ka < kb
        }.map(\.element)
    }
}

extension Diagnostic: Error {}
