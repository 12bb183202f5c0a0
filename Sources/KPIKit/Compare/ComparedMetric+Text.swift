import KPILanguage

/// The cells every comparison renderer shows for a metric, formatted the same way.
extension ComparedMetric {
    /// `27.3%`, or `-` when unweighted.
    var shareText: String { share.map(NumberText.share) ?? "-" }
    /// The weight as written, or `-`.
    var weightText: String { weight.map { NumberText.plain($0) } ?? "-" }
    /// The target in the metric's unit, or `-`.
    var targetText: String { target.map { NumberText.quantity($0, unit: unit, currency: currency) } ?? "-" }
    /// `60% / 40%` (green / yellow), `scale` when scored by a scale without thresholds, or `-`.
    var thresholdsText: String {
        guard let thresholds else { return hasScale ? "scale" : "-" }
        return NumberText.quantity(thresholds.green, unit: unit, currency: currency) + " / " + NumberText.quantity(thresholds.yellow, unit: unit, currency: currency)
    }
    var unitText: String { unitLabel ?? "-" }
    /// The attached value as the caller formatted it, else rounded in its unit
    /// (`3.1%`, `12,345.5 JPY`); `no data` for null. JSON keeps the value unrounded.
    var valueText: String {
        guard let evaluation else { return "" }
        if let text = evaluation.text { return text }
        switch evaluation.value {
        case .null: return "no data"
        case .int, .number, .money:
            guard let number = evaluation.value.doubleValue else { return evaluation.value.text }
            let rounded = unit == .percent ? (number * 1000).rounded() / 1000 : (number * 100).rounded() / 100
            return NumberText.quantity(rounded, unit: unit ?? .number, currency: currency)
        default: return evaluation.value.text
        }
    }
    var statusText: String { evaluation?.status?.rawValue ?? "" }
}

extension ConceptShare {
    /// `27.3%`; `0.0%` when measured but unweighted; `-` when not measured (or the
    /// product weights nothing).
    var shareText: String {
        guard metricCount > 0 else { return "-" }
        return share.map(NumberText.share) ?? "-"
    }
}

extension ProductProfile {
    /// `60% / 30% / 10%` (high / low / tech), or `-`.
    var touchText: String {
        guard let touch else { return "-" }
        return [touch.high, touch.low, touch.tech].map { NumberText.quantity($0, unit: .percent) }.joined(separator: " / ")
    }
}

extension ConceptComparison {
    /// The heading of the concept's section.
    var title: String { concept ?? "(no concept)" }
}
