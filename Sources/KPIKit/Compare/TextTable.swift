/// A table for a terminal: columns padded to the display width of their widest cell
/// (so Japanese text lines up), two spaces between columns, a rule under the header.
///
/// Lines added with `addLine(_:)` span the whole table (notes under a row) and do not
/// widen any column.
struct TextTable {
    /// How a column's cells line up.
    enum Alignment: Sendable {
        case left, right
    }

    private enum Row {
        case cells([String])
        case line(String)
    }

    var headers: [String]
    var alignments: [Alignment]
    private var rows: [Row] = []

    /// A table with these column headers; columns are left-aligned unless `alignments`
    /// says otherwise.
    init(headers: [String], alignments: [Alignment] = []) {
        self.headers = headers
        self.alignments = alignments + Array(repeating: .left, count: max(0, headers.count - alignments.count))
    }

    /// Appends a row; missing cells are empty, extra cells are dropped.
    mutating func addRow(_ cells: [String]) {
        var cells = Array(cells.prefix(headers.count))
        cells += Array(repeating: "", count: headers.count - cells.count)
        rows.append(.cells(cells.map { $0.replacing("\n", with: " ") }))
    }

    /// Appends a line that spans the table, printed as it is.
    mutating func addLine(_ text: String) {
        rows.append(.line(text))
    }

    var isEmpty: Bool { rows.isEmpty }

    /// The table as text, each line ending in a newline, without trailing spaces.
    func render(indent: String = "") -> String {
        var widths = headers.map(\.displayWidth)
        for case .cells(let cells) in rows {
            for (index, cell) in cells.enumerated() { widths[index] = max(widths[index], cell.displayWidth) }
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { index, cell in
                index == cells.count - 1 && alignments[index] == .left ? cell : cell.padded(to: widths[index], alignment: alignments[index])
            }
            return Self.trimmingTrailingSpaces(indent + padded.joined(separator: "  "))
        }
        var out = line(headers) + "\n"
        // No rule under a column without a header (a column of markers).
        let rule = zip(headers, widths).map { header, width in String(repeating: header.isEmpty ? " " : "-", count: width) }
        out += Self.trimmingTrailingSpaces(indent + rule.joined(separator: "  ")) + "\n"
        for row in rows {
            switch row {
            case .cells(let cells): out += line(cells) + "\n"
            case .line(let text): out += Self.trimmingTrailingSpaces(indent + text) + "\n"
            }
        }
        return out
    }

    static func trimmingTrailingSpaces(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }
}
