/// Charts drawn with Unicode block characters, for the terminal and Markdown reports.
enum TextChart {
    /// Cells of a health band's bar at 100% of the rows.
    static let healthBarWidth = 20

    /// The eight levels of a sparkline, lowest first.
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One character per value, scaled between the smallest and the largest: `▁▃▅█`; a
    /// space for a missing value, the middle level for a flat line.
    static func sparkline(_ values: [Double?]) -> String {
        let present = values.compactMap { $0 }.filter(\.isFinite)
        guard let low = present.min(), let high = present.max() else {
            return String(repeating: " ", count: values.count)
        }
        return String(values.map { value -> Character in
            guard let value, value.isFinite else { return " " }
            guard high > low else { return levels[3] }
            let step = Int(((value - low) / (high - low) * Double(levels.count - 1)).rounded())
            return levels[min(max(step, 0), levels.count - 1)]
        })
    }

    /// The partial blocks that finish a bar, in eighths of a cell.
    private static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// A horizontal bar `fraction` (0...1) of `width` cells long, in eighths of a cell:
    /// `█████▍`.
    static func bar(_ fraction: Double, width: Int) -> String {
        let total = Int((min(max(fraction, 0), 1) * Double(width) * 8).rounded())
        var out = String(repeating: "█", count: total / 8)
        if total % 8 > 0 { out.append(eighths[total % 8 - 1]) }
        return out
    }
}
