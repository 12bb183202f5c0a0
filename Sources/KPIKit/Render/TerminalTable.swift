/// A table for a terminal whose cells may be coloured: columns padded to the display width
/// of their widest cell (a kanji takes two cells), two spaces between columns, a rule under
/// the header.
///
/// Unlike `TextTable`, the colour is kept apart from the text and wrapped around a cell
/// after padding, so ANSI escapes never count towards a column's width.
struct TerminalTable {
    /// How a cell is drawn on a colour terminal.
    enum Style: String, Sendable {
        case green = "32", yellow = "33", red = "31", dim = "2", bold = "1"

        /// The style of a metric status (`no-data` dim).
        init(_ status: MetricStatus) {
            switch status {
            case .green: self = .green
            case .yellow: self = .yellow
            case .red: self = .red
            case .noData: self = .dim
            }
        }

        /// `text` between the escapes that turn this style on and off.
        func apply(_ text: String) -> String {
            "\u{1B}[\(rawValue)m" + text + "\u{1B}[0m"
        }
    }

    /// A cell's text and, optionally, its style.
    struct Cell: ExpressibleByStringLiteral {
        var text: String
        var style: Style?

        init(_ text: String, _ style: Style? = nil) {
            self.text = text
            self.style = style
        }

        init(stringLiteral value: String) {
            self.init(value)
        }
    }

    private enum Row {
        case cells([Cell])
        case line(Cell)
    }

    var headers: [String]
    var alignments: [TextTable.Alignment]
    private var rows: [Row] = []

    /// A table with these headers; columns are left-aligned unless `alignments` says
    /// otherwise.
    init(headers: [String], alignments: [TextTable.Alignment] = []) {
        self.headers = headers
        self.alignments = alignments + Array(repeating: .left, count: max(0, headers.count - alignments.count))
    }

    /// Appends a row; missing cells are empty, extra cells are dropped.
    mutating func addRow(_ cells: [Cell]) {
        var cells = Array(cells.prefix(headers.count))
        cells += Array(repeating: Cell(""), count: headers.count - cells.count)
        rows.append(.cells(cells.map { Cell($0.text.replacing("\n", with: " "), $0.style) }))
    }

    /// Appends a line that spans the table (a note under a row), printed as it is after
    /// the indent; it widens no column.
    mutating func addLine(_ line: Cell) {
        rows.append(.line(Cell(line.text.replacing("\n", with: " "), line.style)))
    }

    /// The table, each line indented by `indent` and ending in a newline, without trailing
    /// spaces; styled cells coloured only when `colors`.
    func render(indent: String = "  ", colors: Bool) -> String {
        var widths = headers.map(\.displayWidth)
        for case .cells(let cells) in rows {
            for (index, cell) in cells.enumerated() { widths[index] = max(widths[index], cell.text.displayWidth) }
        }
        func line(_ cells: [Cell]) -> String {
            // The last column is left ragged (no padding) when left-aligned.
            let last = cells.lastIndex { !$0.text.isEmpty } ?? -1
            var parts: [String] = []
            for (index, cell) in cells.enumerated() where index <= last {
                let ragged = index == last && alignments[index] == .left
                let padded = ragged ? cell.text : cell.text.padded(to: widths[index], alignment: alignments[index])
                guard colors, let style = cell.style, !cell.text.isEmpty else {
                    parts.append(padded)
                    continue
                }
                // Colour the text only, not the padding around it.
                let gap = String(repeating: " ", count: max(0, padded.displayWidth - cell.text.displayWidth))
                parts.append(alignments[index] == .left ? style.apply(cell.text) + gap : gap + style.apply(cell.text))
            }
            return TextTable.trimmingTrailingSpaces(indent + parts.joined(separator: "  "))
        }
        var out = line(headers.map { Cell($0) }) + "\n"
        // No rule under a column without a header (a column of bars).
        let rule = zip(headers, widths).map { header, width in String(repeating: header.isEmpty ? " " : "-", count: width) }
        out += TextTable.trimmingTrailingSpaces(indent + rule.joined(separator: "  ")) + "\n"
        for row in rows {
            switch row {
            case .cells(let cells):
                out += line(cells) + "\n"
            case .line(let cell):
                let text = colors ? cell.style.map { $0.apply(cell.text) } ?? cell.text : cell.text
                out += TextTable.trimmingTrailingSpaces(indent + text) + "\n"
            }
        }
        return out
    }
}
