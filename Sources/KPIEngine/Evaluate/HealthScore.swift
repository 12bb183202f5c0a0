import KPILanguage

/// The health score's results over the rows of its source.
public struct HealthSummary: Sendable, Hashable {
    /// Rows with a score of at least the green boundary.
    public var green: Int
    /// Rows with a score of at least the yellow boundary, below green.
    public var yellow: Int
    /// Rows with a score below the yellow boundary.
    public var red: Int
    /// Rows with no component value at all (no score), not counting `errors`.
    public var noData: Int
    /// Rows left without a score because a component was null under `missing: error`.
    public var errors: Int
    /// The mean score of the rows that have one (left-to-right sum, then one division),
    /// or nil when no row has a score.
    public var mean: Double?

    public init(green: Int, yellow: Int, red: Int, noData: Int, errors: Int, mean: Double?) {
        self.green = green
        self.yellow = yellow
        self.red = red
        self.noData = noData
        self.errors = errors
        self.mean = mean
    }
}

/// Computing the health score of every row of the health source.
///
/// Each component's value is mapped through its `scale` (piecewise linear, clamped) or
/// clamped to 0...100. A row takes the weights of the first profile whose `when` is true,
/// else the default weights; a component a profile leaves out does not count on its rows.
/// The score is (sum of weight x component, in component order) / (sum of the weights
/// counted), accumulated from 0 in exactly that order so that it equals DuckDB's
/// `(w1*c1 + w2*c2 + ...) / (w1 + w2 + ...)` bit for bit. A null component is left out
/// with its weight (`renormalize`), counted as 0 with its weight (`zero`), or makes the
/// row an error (`error`: no score, reported with the first keys). A row where no
/// component counted has no score (no-data). Bands: score >= green is green, >= yellow
/// is yellow, else red; a score exactly on a boundary belongs to the upper band.
extension PeriodState {
    /// Band codes of `HealthRows.bands`, in the order of the `health.band` category.
    static let bandNames = ["green", "yellow", "red"]

    func healthRows() throws -> HealthRows {
        guard let health = plan.health else {
            throw EvaluationError("plan", "this product has no health score")
        }
        let cache = store(health.dependsOnPeriod)
        if let rows = cache.health { return rows }
        let rows = try computeHealth(health)
        cache.health = rows
        return rows
    }

    private func computeHealth(_ health: HealthPlan) throws -> HealthRows {
        let frame = try self.frame(health.source)
        let n = frame.count

        // The profile of each row: 0 for the default weights, p + 1 for profile p.
        var profileOf: [UInt8]?
        if !health.profiles.isEmpty {
            var chosen = [UInt8](repeating: 0, count: n)
            for (index, when) in health.profiles.enumerated() {
                let matches = try within("health profile `\(health.profileIDs[index])`") { try vector(when, in: frame) }
                let mask = VectorComparison.mask(matches) ?? [Bool](repeating: true, count: n)
                let code = UInt8(truncatingIfNeeded: index + 1)
                for i in 0..<n where chosen[i] == 0 && mask[i] { chosen[i] = code }
            }
            profileOf = chosen
        }

        var numerator = [Double](repeating: 0, count: n)
        var denominator = [Double](repeating: 0, count: n)
        var errorRows: [Bool]?
        var erroneousComponents: [String] = []
        for (c, component) in health.components.enumerated() {
            // The weight of this component in each profile (NaN: left out).
            let weights = health.weights.map { $0[c] ?? .nan }
            if weights.allSatisfy(\.isNaN) { continue }
            let value = try within("health component `\(component.id)`") { try vector(component.value, in: frame) }
            guard let lane = value.doubleLane else { continue }
            let mapped: [Double]
            if let scale = component.scale {
                mapped = mapLane(lane, count: n) { scale.map($0) }
            } else {
                mapped = mapLane(lane, count: n) { Swift.min(Swift.max($0, 0), 100) }
            }
            let valid = value.validityArray()
            let policy = health.definition.missing
            var sawError = false
            numerator.withUnsafeMutableBufferPointer { num in
                denominator.withUnsafeMutableBufferPointer { den in
                    mapped.withUnsafeBufferPointer { m in
                        if let profileOf {
                            // A weight per row, from its profile.
                            for i in 0..<n {
                                let w = weights[Int(profileOf[i])]
                                if w.isNaN { continue }
                                if valid?[i] ?? true {
                                    num[i] += w * m[i]
                                    den[i] += w
                                } else if policy == .zero {
                                    den[i] += w
                                } else if policy == .error {
                                    if errorRows == nil { errorRows = [Bool](repeating: false, count: n) }
                                    errorRows![i] = true
                                    sawError = true
                                }
                            }
                        } else if let valid, policy != .error {
                            // One weight; adding 0 for a null row is exact, so no branch.
                            let w = weights[0]
                            let zero = policy == .zero
                            for i in 0..<n {
                                let ok = valid[i]
                                num[i] += ok ? w * m[i] : 0
                                den[i] += ok || zero ? w : 0
                            }
                        } else if let valid {
                            let w = weights[0]
                            for i in 0..<n {
                                if valid[i] {
                                    num[i] += w * m[i]
                                    den[i] += w
                                } else {
                                    if errorRows == nil { errorRows = [Bool](repeating: false, count: n) }
                                    errorRows![i] = true
                                    sawError = true
                                }
                            }
                        } else {
                            let w = weights[0]
                            for i in 0..<n {
                                num[i] += w * m[i]
                                den[i] += w
                            }
                        }
                    }
                }
            }
            if sawError { erroneousComponents.append(component.id) }
        }

        // Scores, bands and counts.
        let green = health.definition.green.value
        let yellow = health.definition.yellow.value
        var scores = [Double](repeating: 0, count: n)
        var valid = [Bool](repeating: false, count: n)
        var bands = [Int32](repeating: 0, count: n)
        var summary = HealthSummary(green: 0, yellow: 0, red: 0, noData: 0, errors: 0, mean: nil)
        var total = 0.0
        for i in 0..<n {
            if errorRows?[i] ?? false {
                summary.errors += 1
                continue
            }
            guard denominator[i] > 0 else {
                summary.noData += 1
                continue
            }
            let score = numerator[i] / denominator[i]
            scores[i] = score
            valid[i] = true
            total += score
            if score >= green {
                summary.green += 1
            } else if score >= yellow {
                bands[i] = 1
                summary.yellow += 1
            } else {
                bands[i] = 2
                summary.red += 1
            }
        }
        let scored = summary.green + summary.yellow + summary.red
        summary.mean = scored > 0 ? total / Double(scored) : nil
        if let errorRows, summary.errors > 0 {
            let rows = (0..<n).filter { errorRows[$0] }
            let keys = try rowLabels(health.source, rows: Array(rows.prefix(5)))
            let more = rows.count > 5 ? ", ..." : ""
            run.diagnostics.error(
                "health-missing",
                "health score: \(rows.count) row\(rows.count == 1 ? "" : "s") of `\(plan.sources[health.source].id)` \(rows.count == 1 ? "has" : "have") no value for \(erroneousComponents.map { "`\($0)`" }.joined(separator: ", ")) and `missing: error` makes that an error (\(keys.joined(separator: ", "))\(more)); fill in the data, or use `missing: renormalize` or `missing: zero`\(periodNote)",
                at: health.definition.range)
        }
        let validity = valid.allSatisfy { $0 } ? nil : valid
        return HealthRows(
            scores: ColumnVector(.number(scores), validity: validity, count: n),
            bands: ColumnVector(.string(codes: bands, dictionary: Self.bandNames), validity: validity, count: n),
            summary: summary)
    }

    /// How messages and signals name rows of `source`: the key's value, or the row number
    /// (1-based, after `where`) when the source has no key.
    func rowLabels(_ source: Int, rows: [Int]) throws -> [String] {
        guard let key = plan.sources[source].key else { return rows.map { "row \($0 + 1)" } }
        let keys = try column(source, key, raw: false)
        return rows.map { keys.scalar(at: $0).text }
    }
}
