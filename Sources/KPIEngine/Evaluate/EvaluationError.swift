public import KPILanguage
public import KPIYAML

/// A problem that stops an evaluation, or one value of it: data that does not fit the
/// definition (a missing table or column), a sum past the range of exact arithmetic, a
/// module function that failed.
///
/// `Evaluator.evaluate` throws it only when nothing can be computed (a source's data is
/// missing); problems with one metric are reported in `ProductEvaluation.diagnostics`
/// instead and leave that metric without a value.
public struct EvaluationError: Error, Sendable, CustomStringConvertible {
    /// A stable kebab-case identifier: `missing-data`, `missing-column`, `column-type`,
    /// `overflow`, `module-error`, `health-missing`, `plan`.
    public var code: String
    /// What went wrong and how to fix it.
    public var message: String
    /// Where in the definitions, if anywhere.
    public var range: SourceRange?

    /// An error from its parts.
    public init(_ code: String, _ message: String, at range: SourceRange? = nil) {
        self.code = code
        self.message = message
        self.range = range
    }

    /// The error as a diagnostic, for the same renderer as every other error.
    public var diagnostic: Diagnostic {
        .error(code, message, at: range)
    }

    /// `path:line:column: error: message`, or `error: message` with no place.
    public var description: String {
        range.map { "\($0.description): error: \(message)" } ?? "error: \(message)"
    }
}
