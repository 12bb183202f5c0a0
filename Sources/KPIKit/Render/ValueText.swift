import Foundation

/// Values as the human-readable reports (table, Markdown, HTML) show them: rounded for
/// display in their metric's unit. JSON and CSV never go through here; they keep every
/// digit.
///
/// - percent: `12.3%` (a change in points: `+1.9 pt`)
/// - money: `¥1,234,568` for JPY, `1,234.57 USD` for other currencies (zero-decimal
///   currencies without a fraction)
/// - count: `12,345` (a fractional count keeps one decimal)
/// - days, months: one decimal and the unit, `21.0 days`
/// - score: one decimal; ratio: two decimals; number: up to three significant decimals
enum ValueText {
    /// The text for a null value.
    static let noData = "no data"

    /// Currencies whose amounts have no minor unit (ISO 4217 exponent 0), shown without a
    /// fraction.
    static let zeroDecimalCurrencies: Set<String> = [
        "JPY", "KRW", "VND", "CLP", "ISK", "PYG", "UGX", "XAF", "XOF", "XPF", "KMF", "GNF", "RWF", "DJF", "VUV",
    ]

    // MARK: - Values

    /// A metric's value in its unit; `no data` for null.
    static func value(_ value: Scalar, unit: MetricUnit?, currency: String?) -> String {
        switch value {
        case .null: return noData
        case .money(let amount, let own): return money(amount, currency: own, signed: false)
        case .int(let integer) where unit == nil || unit == .count || unit == .number:
            return grouped(String(integer.magnitude), negative: integer < 0)
        case .int, .number:
            guard let double = value.doubleValue else { return value.text }
            return quantity(double, unit: unit, currency: currency)
        case .bool, .date, .string: return value.text
        }
    }

    /// A target, threshold or other plain number in a metric's unit (money in
    /// `currency`, when known).
    static func quantity(_ value: Double, unit: MetricUnit?, currency: String?, signed: Bool = false) -> String {
        let sign = signed ? "+" : ""
        switch unit {
        case .percent: return fixed(value * 100, digits: 1, positiveSign: sign) + "%"
        case .money:
            guard let currency else { return fixed(value, digits: 2, grouping: true, positiveSign: sign, trimming: true) }
            return money(Decimal(string: "\(value)") ?? Decimal(value), currency: currency, signed: signed)
        case .count:
            let whole = abs(value - value.rounded()) < 0.05
            return fixed(value, digits: whole ? 0 : 1, grouping: true, positiveSign: sign)
        case .days: return fixed(value, digits: 1, positiveSign: sign) + " days"
        case .months: return fixed(value, digits: 1, positiveSign: sign) + " months"
        case .score: return fixed(value, digits: 1, positiveSign: sign)
        case .ratio: return fixed(value, digits: 2, positiveSign: sign)
        case .number, nil:
            let size = abs(value)
            let digits = size >= 100 ? 1 : size >= 1 ? 2 : 3
            return fixed(value, digits: digits, grouping: true, positiveSign: sign, trimming: true)
        }
    }

    /// An amount of money: `¥1,234,568` for yen, `-1,234.50 USD` otherwise; `+` before a
    /// positive amount when `signed`.
    static func money(_ amount: Decimal, currency: String, signed: Bool) -> String {
        let digits = zeroDecimalCurrencies.contains(currency) ? 0 : 2
        var exact = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, digits, .plain)
        var text = NSDecimalString(&rounded, Locale(identifier: "en_US_POSIX"))
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        var body = grouped(parts[0], negative: false)
        if digits > 0 {
            let fraction = parts.count > 1 ? parts[1] : ""
            body += "." + fraction + String(repeating: "0", count: max(0, digits - fraction.count))
        }
        let isZero = rounded == 0
        let sign = negative && !isZero ? "-" : signed && !isZero ? "+" : ""
        return currency == "JPY" ? sign + "¥" + body : sign + body + " " + currency
    }

    // MARK: - Scores, shares, changes

    /// A score of 0...100 with one decimal: `72.1`.
    static func score(_ value: Double) -> String {
        fixed(value, digits: 1)
    }

    /// A share of 0...1 as a percentage with one decimal: `27.3%`.
    static func share(_ value: Double) -> String {
        fixed(value * 100, digits: 1) + "%"
    }

    /// Which way a value moved, after rounding for display.
    enum Trend: Sendable {
        case up, down, flat

        /// `▲`, `▼` or `=`.
        var arrow: String {
            switch self {
            case .up: return "▲"
            case .down: return "▼"
            case .flat: return "="
            }
        }
    }

    /// A change from the previous period: `▲ +1.9 pt` for a percentage, else the signed
    /// change in the unit with the relative change, `▼ -¥410,000 (-12.4%)`. The arrow
    /// follows the rounded change, so noise below the display precision shows as `=`.
    static func change(_ change: Change, unit: MetricUnit?, currency: String?) -> (text: String, trend: Trend) {
        let magnitude: String
        let trend: Trend
        switch change.absolute {
        case .money(let amount, let own):
            magnitude = money(amount, currency: own, signed: true)
            trend = amount.isZero || money(amount, currency: own, signed: false) == money(0, currency: own, signed: false)
                ? .flat : amount > 0 ? .up : .down
        default:
            guard let double = change.absolute.doubleValue else { return ("", .flat) }
            let zero = quantity(0, unit: unit, currency: currency)
            let plain = quantity(abs(double), unit: unit, currency: currency)
            trend = plain == zero ? .flat : double > 0 ? .up : .down
            magnitude = trend == .flat ? zero : quantity(double, unit: unit, currency: currency, signed: true)
        }
        let points = unit == .percent ? magnitude.replacing("%", with: " pt") : magnitude
        guard trend != .flat else { return (trend.arrow + " " + points, .flat) }
        var text = trend.arrow + " " + points
        if unit != .percent, let relative = change.relative, relative.isFinite {
            text += " (" + fixed(relative * 100, digits: 1, positiveSign: "+") + "%)"
        }
        return (text, trend)
    }

    // MARK: - Digits

    /// `value` with exactly `digits` decimals (fewer with `trimming`: trailing zeros
    /// dropped), thousands separators with `grouping`, `positiveSign` before a positive
    /// number; never `-0`.
    static func fixed(
        _ value: Double, digits: Int, grouping: Bool = false, positiveSign: String = "", trimming: Bool = false
    ) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : value > 0 ? "∞" : "-∞" }
        // Halves away from zero, as people round (printf would round 58.25 to even, 58.2).
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (abs(value) * scale).rounded(.toNearestOrAwayFromZero) / scale
        var text = String(format: "%.\(digits)f", rounded)
        if trimming, text.contains(".") {
            while text.last == "0" { text.removeLast() }
            if text.last == "." { text.removeLast() }
        }
        let isZero = text.allSatisfy { $0 == "0" || $0 == "." }
        if grouping {
            let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
            text = grouped(parts[0], negative: false) + (parts.count > 1 ? "." + parts[1] : "")
        }
        if isZero { return text }
        return (value < 0 ? "-" : positiveSign) + text
    }

    /// Decimal digits with a comma every three from the right: `1234567` -> `1,234,567`.
    static func grouped(_ digits: String, negative: Bool) -> String {
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return negative && digits.contains(where: { $0 != "0" }) ? "-" + out : out
    }
}
