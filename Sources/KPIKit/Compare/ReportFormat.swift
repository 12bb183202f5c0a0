/// The output formats of the report commands (`kpi compare`, `kpi diff`).
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Aligned text for a terminal.
    case table
    /// GitHub-flavoured Markdown tables.
    case markdown
    /// JSON with a documented, stable shape.
    case json
    /// One self-contained HTML page (compare only).
    case html
}

extension CatalogComparison {
    /// The comparison in `format`.
    /// - Parameters:
    ///   - format: table, markdown, json or html.
    ///   - colors: colour the marks (table only; for a terminal).
    /// - Returns: the text, ending in a newline.
    public func rendered(as format: ReportFormat, colors: Bool = false) -> String {
        switch format {
        case .table: return ComparisonTextRenderer(colors: colors).render(self)
        case .markdown: return ComparisonMarkdownRenderer().render(self)
        case .json: return ComparisonJSONRenderer().render(self)
        case .html: return ComparisonHTMLRenderer().render(self)
        }
    }
}
