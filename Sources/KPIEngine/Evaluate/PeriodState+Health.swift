import KPILanguage

/// The per-row health score of the health source's rows.
struct HealthRows {
    var scores: ColumnVector
    var bands: ColumnVector
    var summary: HealthSummary
}

/// Computing the health score of every row of the health source.
///
/// Each component's value is mapped through its `scale` (piecewise linear, clamped) or
/// clamped to 0...100; a boolean component is worth 100 when true and 0 when false. A row
/// takes the weights of the first profile whose `when` is true,
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

    /// The running weighted sums of the health score over the rows of its source.
    struct HealthSums {
        var numerator: [Double]
        var denominator: [Double]
        var errorRows: [Bool]?
        var erroneousComponents: [String] = []

        init(count: Int) {
            numerator = [Double](repeating: 0, count: count)
            denominator = [Double](repeating: 0, count: count)
        }
    }

    /// Whether the health score can be computed chunk by chunk (and so within a fused pass).
    static func healthIsChunkable(_ health: HealthPlan) -> Bool {
        health.components.allSatisfy { isChunkable($0.value) } && health.profiles.allSatisfy { isChunkable($0) }
    }

    private func computeHealth(_ health: HealthPlan) throws -> HealthRows {
        let frame = try self.frame(health.source)
        var sums = HealthSums(count: frame.count)
        // Chunk by chunk when every expression is a plain row expression, so that the
        // intermediate vectors of the components stay in cache.
        let chunked = frame.count > Frame.chunkSize && Self.healthIsChunkable(health)
        for part in chunked ? frame.chunks() : [frame] {
            try addComponents(health, part, to: &sums)
        }
        return try finishHealth(health, sums)
    }

    /// Adds the components of the rows of `part` (the whole source or a chunk).
    func addComponents(_ health: HealthPlan, _ part: Frame, to sums: inout HealthSums) throws {
        let total = sums.numerator.count
        var errorRows = sums.errorRows
        var erroneous = sums.erroneousComponents
        try sums.numerator.withUnsafeMutableBufferPointer { num in
            try sums.denominator.withUnsafeMutableBufferPointer { den in
                try addComponents(
                    health, part, UnsafeMutableBufferPointer(rebasing: num[part.start ..< part.start + part.count]),
                    UnsafeMutableBufferPointer(rebasing: den[part.start ..< part.start + part.count]),
                    errorRows: &errorRows, erroneous: &erroneous, total: total)
            }
        }
        sums.errorRows = errorRows
        sums.erroneousComponents = erroneous
    }

    /// Scores, bands, counts and the report of rows in error, from the finished sums.
    func finishHealth(_ health: HealthPlan, _ sums: HealthSums) throws -> HealthRows {
        let n = sums.numerator.count
        var denominator = sums.denominator
        let numerator = sums.numerator
        let errorRows = sums.errorRows
        let erroneousComponents = sums.erroneousComponents

        // Scores, bands and counts.
        let green = health.definition.green.value
        let yellow = health.definition.yellow.value
        var scores = [Double](repeating: 0, count: n)
        var valid = [Bool](repeating: false, count: n)
        var bands = [Int32](repeating: 0, count: n)
        var summary = HealthSummary(green: 0, yellow: 0, red: 0, noData: 0, errors: 0, mean: nil)
        if let errorRows {
            for i in 0..<n where errorRows[i] { denominator[i] = -1 }
            summary.errors = countTrue(errorRows)
        }
        let (greens, yellows, reds, total) = Self.band(
            numerator, denominator, green: green, yellow: yellow, scores: &scores, valid: &valid, bands: &bands)
        summary.green = greens
        summary.yellow = yellows
        summary.red = reds
        summary.noData = n - greens - yellows - reds - summary.errors
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

    /// Adds every component of the rows of `frame` (the whole source or a chunk) to their
    /// weighted sums `num` and `den` (which hold exactly the frame's rows).
    private func addComponents(
        _ health: HealthPlan, _ frame: Frame, _ num: UnsafeMutableBufferPointer<Double>, _ den: UnsafeMutableBufferPointer<Double>,
        errorRows: inout [Bool]?, erroneous: inout [String], total: Int
    ) throws {
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
        let policy = health.definition.missing
        for (c, component) in health.components.enumerated() {
            // The weight of this component in each profile (NaN: left out).
            let weights = health.weights.map { $0[c] ?? .nan }
            if weights.allSatisfy(\.isNaN) { continue }
            var value = try within("health component `\(component.id)`") { try vector(component.value, in: frame) }
            if value.isNullConstant, policy == .renormalize { continue }
            // A yes/no component is worth 100 or 0.
            if case .bool(let flags) = value.values {
                value = ColumnVector(.int(mapLane(.array(flags), count: n) { $0 ? 100 : 0 }), validity: value.validity, count: n)
            } else if case .constant(.bool(let flag)) = value.values {
                value = .constant(.int(flag ? 100 : 0), count: n)
            }
            guard let lane = value.isNullConstant ? .int(.constant(0)) : value.numericLane else { continue }
            let valid = value.validityArray()
            if profileOf == nil, policy != .error {
                // The hot path: one weight, fused map-and-accumulate, no branch per row.
                switch lane {
                case .int(let ints):
                    Self.accumulate(ints, { Double($0) }, scale: component.scale, valid: valid, weight: weights[0], zero: policy == .zero, num, den)
                case .double(let doubles):
                    Self.accumulate(doubles, { $0 }, scale: component.scale, valid: valid, weight: weights[0], zero: policy == .zero, num, den)
                }
                continue
            }
            let mapped: [Double]
            switch (lane, component.scale) {
            case (.int(let ints), let scale?): mapped = mapLane(ints, count: n) { scale.map(Double($0)) }
            case (.int(let ints), nil): mapped = mapLane(ints, count: n) { Self.clamp(Double($0)) }
            case (.double(let doubles), let scale?): mapped = mapLane(doubles, count: n) { scale.map($0) }
            case (.double(let doubles), nil): mapped = mapLane(doubles, count: n) { Self.clamp($0) }
            }
            var sawError = false
            for i in 0..<n {
                let w = profileOf.map { weights[Int($0[i])] } ?? weights[0]
                if w.isNaN { continue }
                if valid?[i] ?? true {
                    num[i] += w * mapped[i]
                    den[i] += w
                } else if policy == .zero {
                    den[i] += w
                } else if policy == .error {
                    if errorRows == nil { errorRows = [Bool](repeating: false, count: total) }
                    errorRows![frame.start + i] = true
                    sawError = true
                }
            }
            if sawError, !erroneous.contains(component.id) { erroneous.append(component.id) }
        }
    }

    /// A component without a scale, clamped to 0...100 (no branch: NaN-free input).
    @inline(__always)
    static func clamp(_ x: Double) -> Double {
        let low = x < 0 ? 0 : x
        return low > 100 ? 100 : low
    }

    /// Scores, bands and band counts from the weighted sums (a row with no weight counted,
    /// or marked -1 for an error, has no score). Branchless: scores sit all around the
    /// boundaries, so branches would mispredict.
    private static func band(
        _ numerator: [Double], _ denominator: [Double], green: Double, yellow: Double,
        scores: inout [Double], valid: inout [Bool], bands: inout [Int32]
    ) -> (green: Int, yellow: Int, red: Int, total: Double) {
        let n = numerator.count
        var greens = 0
        var yellows = 0
        var reds = 0
        var total = 0.0
        numerator.withUnsafeBufferPointer { num in
            denominator.withUnsafeBufferPointer { den in
                scores.withUnsafeMutableBufferPointer { out in
                    valid.withUnsafeMutableBufferPointer { ok in
                        bands.withUnsafeMutableBufferPointer { band in
                            var g = 0
                            var y = 0
                            var r = 0
                            var sum = 0.0
                            for i in 0..<n {
                                let d = den[i]
                                let has = d > 0
                                let score = has ? num[i] / d : 0
                                let isGreen = score >= green
                                let isYellow = score >= yellow
                                out[i] = score
                                ok[i] = has
                                let h = has ? 1 : 0
                                let gi = isGreen ? h : 0
                                let yi = isYellow ? h - gi : 0
                                g &+= gi
                                y &+= yi
                                r &+= h - gi - yi
                                band[i] = Int32(truncatingIfNeeded: 2 - (isYellow ? 1 : 0) - (isGreen ? 1 : 0))
                                sum += has ? score : 0
                            }
                            (greens, yellows, reds, total) = (g, y, r, sum)
                        }
                    }
                }
            }
        }
        return (greens, yellows, reds, total)
    }

    /// num += w x component and den += w on the rows with a value (a null adds 0, or its
    /// weight under `missing: zero`); adding 0 is exact, so skipping a row and adding 0 give
    /// the same bits, and the loop needs no branch.
    @inline(__always)
    static func accumulate<T>(
        _ lane: Lane<T>, _ toDouble: (T) -> Double, scale: Scale?, valid: [Bool]?, weight w: Double, zero: Bool,
        _ num: UnsafeMutableBufferPointer<Double>, _ den: UnsafeMutableBufferPointer<Double>
    ) {
        let n = num.count
        let values: [T]
        switch lane {
        case .array(let array): values = array
        case .constant(let value): values = [T](repeating: value, count: n)
        }
        let validBytes = valid ?? []
        values.withUnsafeBufferPointer { v in
            validBytes.withUnsafeBytes { ok in
                let numerator = num.baseAddress!
                let denominator = den.baseAddress!
                if let scale {
                    if valid == nil {
                        for i in 0..<n {
                            numerator[i] += w * scale.map(toDouble(v[i]))
                            denominator[i] += w
                        }
                    } else {
                        for i in 0..<n {
                            let has = ok[i] != 0
                            numerator[i] += has ? w * scale.map(toDouble(v[i])) : 0
                            denominator[i] += has || zero ? w : 0
                        }
                    }
                } else if valid == nil {
                    addClamped(v.baseAddress!, toDouble, w, numerator, denominator, n)
                } else {
                    addClamped(v.baseAddress!, toDouble, ok.baseAddress!.assumingMemoryBound(to: UInt8.self), w, zero, numerator, denominator, n)
                }
            }
        }
    }

    @inline(__always)
    private static func addClamped<T>(
        _ v: UnsafePointer<T>, _ toDouble: (T) -> Double, _ w: Double,
        _ num: UnsafeMutablePointer<Double>, _ den: UnsafeMutablePointer<Double>, _ n: Int
    ) {
        for i in 0..<n {
            num[i] += w * clamp(toDouble(v[i]))
        }
        for i in 0..<n {
            den[i] += w
        }
    }

    @inline(__always)
    private static func addClamped<T>(
        _ v: UnsafePointer<T>, _ toDouble: (T) -> Double, _ ok: UnsafePointer<UInt8>, _ w: Double, _ zero: Bool,
        _ num: UnsafeMutablePointer<Double>, _ den: UnsafeMutablePointer<Double>, _ n: Int
    ) {
        for i in 0..<n {
            let has = ok[i] != 0
            let term = w * clamp(toDouble(v[i]))
            num[i] += has ? term : 0
        }
        if zero {
            for i in 0..<n { den[i] += w }
        } else {
            for i in 0..<n { den[i] += ok[i] != 0 ? w : 0 }
        }
    }

    /// How messages and signals name rows of `source`: the key's value, or the row number
    /// (1-based, after `where`) when the source has no key.
    func rowLabels(_ source: Int, rows: [Int]) throws -> [String] {
        guard let key = plan.sources[source].key else { return rows.map { "row \($0 + 1)" } }
        // Read only the rows asked for, through the source's selection: no gather of the
        // whole key column for a few keys.
        let keys = try column(source, key, raw: true)
        let selection = try self.rows(source).selection
        return keys.texts(at: selection.map { selection in rows.map { Int(selection[$0]) } } ?? rows)
    }
}
