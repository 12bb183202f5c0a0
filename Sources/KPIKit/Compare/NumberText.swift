import KPILanguage

/// Numbers as reports show them: weights and targets as written, shares as percentages
/// with one decimal, values in their metric's unit.
enum NumberText {
    /// `value` without a needless fraction: `30`, `2.5`, `0.005`, `3,000,000` with
    /// `grouping`.
    static func plain(_ value: Double, grouping: Bool = false) -> String {
        guard value.isFinite else { return "\(value)" }
        // Round away binary noise (0.015 * 100 = 1.5000000000000002) without hiding a
        // fraction anyone wrote.
        let cleaned = (value * 1e9).rounded() / 1e9
        if cleaned == cleaned.rounded(), abs(cleaned) < 1e15 {
            let integer = Int64(cleaned)
            return grouping ? grouped(integer) : String(integer)
        }
        var text = "\(cleaned)"
        if text.contains("e") {
            text = String(cleaned.formatted(fractionDigits: 9))
        }
        if grouping, let dot = text.firstIndex(of: "."), let whole = Int64(text[..<dot]) {
            return grouped(whole) + text[dot...]
        }
        return text
    }

    /// A share of 0...1 as a percentage with one decimal: `27.3%`.
    static func share(_ value: Double) -> String {
        let tenths = (value * 1000).rounded() / 10
        return (tenths == tenths.rounded() ? String(Int64(tenths)) + ".0" : "\(tenths)") + "%"
    }

    /// A target or threshold in its metric's unit: `60%` for a percent, `3,000,000 JPY`
    /// for money, `14 days`, `5` for a count.
    static func quantity(_ value: Double, unit: MetricUnit?, currency: String? = nil) -> String {
        switch unit {
        case .percent: return plain(value * 100) + "%"
        case .money: return plain(value, grouping: true) + (currency.map { " " + $0 } ?? "")
        case .days: return plain(value) + (value == 1 ? " day" : " days")
        case .months: return plain(value) + (value == 1 ? " month" : " months")
        case .count: return plain(value, grouping: true)
        default: return plain(value)
        }
    }

    private static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }
}

extension Double {
    /// Fixed notation with at most `fractionDigits` digits after the point, trailing
    /// zeros dropped (no Foundation, so no locale).
    func formatted(fractionDigits: Int) -> String {
        var scale = 1.0
        for _ in 0..<fractionDigits { scale *= 10 }
        let scaled = (abs(self) * scale).rounded()
        let whole = (scaled / scale).rounded(.down)
        var fraction = String(Int64(scaled - whole * scale))
        fraction = String(repeating: "0", count: Swift.max(0, fractionDigits - fraction.count)) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        let sign = self < 0 && scaled > 0 ? "-" : ""
        return sign + String(Int64(whole)) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
