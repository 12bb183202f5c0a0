import KPILanguage

/// The health score of the health source's rows: the summary, and the score and band of
/// every row when they were kept (see `HealthPlan.keepsRows`).
struct HealthRows {
    var scores: ColumnVector?
    var bands: ColumnVector?
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
/// component counted has no score (no-data).
///
/// With groups under `renormalize` the mean is nested: a group's score is the weighted
/// mean of its counted components (weights within the group), and the row's score the
/// weighted mean, by group weight, of the groups that counted a component; so a missing
/// component shares its weight within its group only, and a group with nothing counted
/// (every component missing, or none in the row's profile) shares its weight among the
/// other groups. Under `zero` and `error` every component of the row's profile counts, the
/// nested mean equals the flat one with groups folded in, and the flat sums are used.
///
/// Bands: score >= green is green, >= yellow is yellow, else red; a score exactly on a
/// boundary belongs to the upper band.
extension PeriodState {
    /// Band codes of `HealthRows.bands`, in the order of the `health.band` category.
    static let bandNames = ["green", "yellow", "red"]

    /// The health score; with `perRow`, one that keeps the score and band of every row
    /// (computed again if the one made already kept only the summary).
    func healthRows(perRow: Bool = false) throws -> HealthRows {
        guard let health = plan.health else {
            throw EvaluationError("plan", "this product has no health score")
        }
        let cache = store(health.dependsOnPeriod)
        if let rows = cache.health, rows.scores != nil || !perRow { return rows }
        let rows = try computeHealth(health, keepsRows: perRow || health.keepsRows)
        cache.health = rows
        return rows
    }

    /// The health score of a source's rows, built chunk by chunk: each chunk's weighted sums
    /// are made in scratch buffers of the chunk's size and turned into scores and bands at
    /// once, so no sums of the whole source are ever held (16 bytes a row fewer at the peak).
    struct HealthSums {
        /// Scores, validity and band codes of every row when rows are kept, else of the
        /// current chunk; written chunk by chunk, each row before it is read.
        var scores: [Double]
        var valid: [Bool]
        var bands: [Int32]
        let keepsRows: Bool
        let count: Int
        var errorRows: [Bool]?
        var erroneousComponents: [String] = []
        /// Band counts so far, and the sum of the scores so far, added in row order (so the
        /// mean has the same bits however the rows were cut into chunks) and compensated
        /// (so the mean of millions of scores is correctly rounded).
        var green = 0
        var yellow = 0
        var red = 0
        var total = CompensatedSum()
        /// The scratch sums of the chunk being added.
        var numerator: [Double] = []
        var denominator: [Double] = []

        init(count: Int, keepsRows: Bool) {
            self.count = count
            self.keepsRows = keepsRows
            let stored = keepsRows ? count : Swift.min(count, Frame.chunkSize)
            scores = Self.uninitialized(stored)
            valid = Self.uninitialized(stored)
            bands = Self.uninitialized(stored)
        }

        private static func uninitialized<T: BitwiseCopyable>(_ count: Int) -> [T] {
            [T](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
        }
    }

    /// Whether the health score can be computed chunk by chunk (and so within a fused pass).
    static func healthIsChunkable(_ health: HealthPlan) -> Bool {
        health.components.allSatisfy { isChunkable($0.value) } && health.profiles.allSatisfy { isChunkable($0) }
    }

    private func computeHealth(_ health: HealthPlan, keepsRows: Bool) throws -> HealthRows {
        let frame = try self.frame(health.source)
        var sums = HealthSums(count: frame.count, keepsRows: keepsRows)
        // Chunk by chunk when every expression is a plain row expression, so that the
        // intermediate vectors of the components stay in cache.
        let chunked = frame.count > Frame.chunkSize && Self.healthIsChunkable(health)
        for part in chunked ? frame.chunks() : [frame] {
            try addComponents(health, part, to: &sums)
        }
        return try finishHealth(health, sums)
    }

    /// Adds the rows of `part` (the whole source or the next chunk, in order): their
    /// components, then their scores and bands.
    func addComponents(_ health: HealthPlan, _ part: Frame, to sums: inout HealthSums) throws {
        let n = part.count
        if sums.numerator.count != n {
            sums.numerator = [Double](repeating: 0, count: n)
            sums.denominator = [Double](repeating: 0, count: n)
        } else {
            sums.numerator.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            sums.denominator.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        }
        let total = sums.count
        var errorRows = sums.errorRows
        var erroneous = sums.erroneousComponents
        try sums.numerator.withUnsafeMutableBufferPointer { num in
            try sums.denominator.withUnsafeMutableBufferPointer { den in
                try addComponents(health, part, num, den, errorRows: &errorRows, erroneous: &erroneous, total: total)
            }
        }
        sums.errorRows = errorRows
        sums.erroneousComponents = erroneous
        // A row in error has no score.
        if let errorRows {
            for i in 0..<n where errorRows[part.start + i] { sums.denominator[i] = -1 }
        }
        Self.band(part, health: health.definition, into: &sums)
    }

    /// Scores, bands, counts and the report of rows in error, once every row was added.
    func finishHealth(_ health: HealthPlan, _ sums: HealthSums) throws -> HealthRows {
        let n = sums.count
        var summary = HealthSummary(green: sums.green, yellow: sums.yellow, red: sums.red, noData: 0, errors: 0, mean: nil)
        if let errorRows = sums.errorRows { summary.errors = countTrue(errorRows) }
        summary.noData = n - summary.green - summary.yellow - summary.red - summary.errors
        let scored = summary.green + summary.yellow + summary.red
        summary.mean = scored > 0 ? sums.total.value / Double(scored) : nil
        if let errorRows = sums.errorRows, summary.errors > 0 {
            let rows = (0..<n).filter { errorRows[$0] }
            let keys = try rowLabels(health.source, rows: Array(rows.prefix(5)))
            let more = rows.count > 5 ? ", ..." : ""
            run.diagnostics.error(
                "health-missing",
                "health score: \(rows.count) row\(rows.count == 1 ? "" : "s") of `\(plan.sources[health.source].id)` \(rows.count == 1 ? "has" : "have") no value for \(sums.erroneousComponents.map { "`\($0)`" }.joined(separator: ", ")) and `missing: error` makes that an error (\(keys.joined(separator: ", "))\(more)); fill in the data, or use `missing: renormalize` or `missing: zero`\(periodNote)",
                at: health.definition.range)
        }
        guard sums.keepsRows else { return HealthRows(scores: nil, bands: nil, summary: summary) }
        let validity = sums.valid.allSatisfy { $0 } ? nil : sums.valid
        return HealthRows(
            scores: ColumnVector(.number(sums.scores), validity: validity, count: n),
            bands: ColumnVector(.string(codes: sums.bands, dictionary: Self.bandNames), validity: validity, count: n),
            summary: summary)
    }

    /// Adds every component of the rows of `frame` (the whole source or a chunk) to their
    /// weighted sums `num` and `den` (which hold exactly the frame's rows). Nested (with
    /// groups), each group's components go to sums of their own first, and the group then
    /// adds its weight x its score to `num` and its weight to `den` on the rows where it
    /// counted a component.
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
        guard !health.groups.isEmpty else {
            for c in health.components.indices {
                try addComponent(c, health, frame, profileOf, num, den, errorRows: &errorRows, erroneous: &erroneous, total: total)
            }
            return
        }
        var groupNumerator = [Double](repeating: 0, count: n)
        var groupDenominator = [Double](repeating: 0, count: n)
        try groupNumerator.withUnsafeMutableBufferPointer { groupNum in
            try groupDenominator.withUnsafeMutableBufferPointer { groupDen in
                for group in health.groups {
                    groupNum.update(repeating: 0)
                    groupDen.update(repeating: 0)
                    for c in group.members {
                        try addComponent(c, health, frame, profileOf, groupNum, groupDen, errorRows: &errorRows, erroneous: &erroneous, total: total)
                    }
                    Self.addGroup(weight: group.weight, groupNum, groupDen, num, den)
                }
            }
        }
    }

    /// Adds component `c` of the rows of `frame` to the weighted sums `num` and `den`.
    private func addComponent(
        _ c: Int, _ health: HealthPlan, _ frame: Frame, _ profileOf: [UInt8]?,
        _ num: UnsafeMutableBufferPointer<Double>, _ den: UnsafeMutableBufferPointer<Double>,
        errorRows: inout [Bool]?, erroneous: inout [String], total: Int
    ) throws {
        let n = frame.count
        let policy = health.definition.missing
        let component = health.components[c]
        // The weight of this component in each profile (NaN: left out).
        let weights = health.weights.map { $0[c] ?? .nan }
        if weights.allSatisfy(\.isNaN) { return }
        var value = try within("health component `\(component.id)`") { try vector(component.value, in: frame) }
        if value.isNullConstant, policy == .renormalize { return }
        // A yes/no component is worth 100 or 0.
        if case .bool(let flags) = value.values {
            value = ColumnVector(.int(mapLane(.array(flags), count: n) { $0 ? 100 : 0 }), validity: value.validity, count: n)
        } else if case .constant(.bool(let flag)) = value.values {
            value = .constant(.int(flag ? 100 : 0), count: n)
        }
        guard let lane = value.isNullConstant ? .int(.constant(0)) : value.numericLane else { return }
        let valid = value.validityArray()
        if profileOf == nil, policy != .error {
            // The hot path: one weight, fused map-and-accumulate, no branch per row.
            switch lane {
            case .int(let ints):
                Self.accumulate(ints, { Double($0) }, scale: component.scale, valid: valid, weight: weights[0], zero: policy == .zero, num, den)
            case .double(let doubles):
                Self.accumulate(doubles, { $0 }, scale: component.scale, valid: valid, weight: weights[0], zero: policy == .zero, num, den)
            }
            return
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

    /// num += weight x the group's score and den += weight on the rows where the group
    /// counted a weight (`groupDen` > 0); elsewhere the group adds nothing. Branchless: the
    /// select drops the 0 / 0 of a row without one.
    @inline(__always)
    static func addGroup(
        weight: Double, _ groupNum: UnsafeMutableBufferPointer<Double>, _ groupDen: UnsafeMutableBufferPointer<Double>,
        _ num: UnsafeMutableBufferPointer<Double>, _ den: UnsafeMutableBufferPointer<Double>
    ) {
        for i in 0..<num.count {
            let d = groupDen[i]
            let has = d > 0
            let score = groupNum[i] / d
            num[i] += has ? weight * score : 0
            den[i] += has ? weight : 0
        }
    }

    /// A component without a scale, clamped to 0...100 (no branch: NaN-free input).
    @inline(__always)
    static func clamp(_ x: Double) -> Double {
        let low = x < 0 ? 0 : x
        return low > 100 ? 100 : low
    }

    /// The scores, bands and band counts of the rows of `part` from its weighted sums in
    /// `sums.numerator` and `sums.denominator` (a row with no weight counted, or marked -1
    /// for an error, has no score); a score is at most 100 (weights that are not whole
    /// numbers can round a mean of 100s just past it). Branchless: scores sit all around the
    /// boundaries, so branches would mispredict.
    private static func band(_ part: Frame, health: HealthDefinition, into sums: inout HealthSums) {
        let n = part.count
        let green = health.green.value
        let yellow = health.yellow.value
        var g = sums.green
        var y = sums.yellow
        var r = sums.red
        var sum = sums.total
        // Into the rows' places, or the chunk's when rows are not kept.
        if !sums.keepsRows, sums.scores.count < n {
            sums.scores = [Double](repeating: 0, count: n)
            sums.valid = [Bool](repeating: false, count: n)
            sums.bands = [Int32](repeating: 0, count: n)
        }
        let rows = sums.keepsRows ? part.start ..< part.start + n : 0 ..< n
        sums.numerator.withUnsafeBufferPointer { num in
            sums.denominator.withUnsafeBufferPointer { den in
                sums.scores.withUnsafeMutableBufferPointer { allScores in
                    sums.valid.withUnsafeMutableBufferPointer { allValid in
                        sums.bands.withUnsafeMutableBufferPointer { allBands in
                            let out = UnsafeMutableBufferPointer(rebasing: allScores[rows])
                            let ok = UnsafeMutableBufferPointer(rebasing: allValid[rows])
                            let band = UnsafeMutableBufferPointer(rebasing: allBands[rows])
                            for i in 0..<n {
                                let d = den[i]
                                let has = d > 0
                                let score = Swift.min(has ? num[i] / d : 0, 100)
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
                                sum.add(has ? score : 0)
                            }
                        }
                    }
                }
            }
        }
        (sums.green, sums.yellow, sums.red, sums.total) = (g, y, r, sum)
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
                // An empty chunk has nothing to add (and may have no storage).
                guard n > 0, let numerator = num.baseAddress, let denominator = den.baseAddress, let values = v.baseAddress else { return }
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
                    addClamped(values, toDouble, w, numerator, denominator, n)
                } else if let flags = ok.baseAddress {
                    addClamped(values, toDouble, flags.assumingMemoryBound(to: UInt8.self), w, zero, numerator, denominator, n)
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
