/// The formats reports are written in.
public enum EvaluationFormat: String, Sendable, CaseIterable {
    case table, json, markdown, csv, html
}

/// Renders evaluation results in any `EvaluationFormat`.
///
/// JSON and CSV keep every digit (money as its exact decimal); the table, Markdown and
/// HTML reports round for display in each metric's unit (`ValueText`) and share their
/// cells (`MetricCells`), so the three show the same text.
public enum EvaluationRenderer {
    /// - Parameters:
    ///   - evaluations: one per product.
    ///   - products: the checked products evaluated (labels, formulas, bands).
    ///   - format: the output format.
    ///   - colors: colour statuses with ANSI escapes (table only).
    /// - Returns: the report, ending in a newline.
    public static func render(_ evaluations: [ProductEvaluation], products: [CheckedProduct], format: EvaluationFormat, colors: Bool) -> String {
        switch format {
        case .json:
            return EvaluationJSON.render(evaluations)
        case .csv:
            return EvaluationCSVRenderer().render(ProductReport.all(evaluations, products: products))
        case .table:
            return EvaluationTextRenderer(colors: colors).render(ProductReport.all(evaluations, products: products))
        case .markdown:
            return EvaluationMarkdownRenderer().render(ProductReport.all(evaluations, products: products))
        case .html:
            return EvaluationHTMLRenderer().render(ProductReport.all(evaluations, products: products))
        }
    }
}
