import Foundation
import KPILanguage
import KPIYAML

/// Walking a compiled expression: one call per node, each running one typed loop over
/// whole columns (`vector`), or one scalar operation for metric formulas (`scalar`).
extension PeriodState {
    // MARK: - Rows

    /// The value of `kernel` for every row of `frame`.
    /// - Parameter used: the rows whose value is used (see `RowUsage`): a division by zero
    ///   warns only about those. Values never depend on it.
    func vector(_ kernel: Kernel, in frame: Frame, used: RowUsage = .all) throws -> ColumnVector {
        let count = frame.count
        switch kernel {
        case .constant(let value):
            return .constant(value, count: count)
        case .column(let source, let slot):
            guard source == frame.source else {
                throw EvaluationError("plan", "internal: a column of `\(plan.sources[source].id)` read over the rows of `\(plan.sources[frame.source].id)`")
            }
            if frame.isChunk { return try columnChunk(source, slot, frame) }
            return try column(source, slot, raw: frame.raw)
        case .metric(let index):
            return .constant(metric(index), count: count)
        case .periodStart:
            return .constant(.date(period.start), count: count)
        case .periodEnd:
            return .constant(.date(period.end), count: count)
        case .healthScore, .healthBand:
            guard let health = plan.health, health.source == frame.source, !frame.raw else {
                throw EvaluationError("plan", "`health.score` and `health.band` can only be read on the rows of the health source")
            }
            let rows = try healthRows(perRow: true)
            guard let whole = if case .healthScore = kernel { rows.scores } else { rows.bands } else {
                throw EvaluationError("plan", "internal: the health score was computed without its rows")
            }
            return frame.isChunk ? whole.slice(start: frame.start, count: count) : whole
        case .negate(let operand, _):
            return try VectorArithmetic.negate(try vector(operand, in: frame, used: used))
        case .not(let operand):
            return VectorComparison.not(try vector(operand, in: frame, used: used))
        case .logical(let op, let a, let b):
            // `b` decides the rows where `a` does not: not false for `and`, not true for `or`.
            let x = try vector(a, in: frame, used: used)
            var usedByB = used
            if b.dependsOnUsage { usedByB = used.excluding(op == .and ? VectorComparison.falseRows(x) : VectorComparison.trueRows(x)) }
            return VectorComparison.logical(op, x, try vector(b, in: frame, used: usedByB))
        case .arithmetic(let op, let a, let b, let type, let range):
            let x = try vector(a, in: frame, used: used)
            let y = try vector(b, in: frame, used: used)
            let (result, zeros) = try VectorArithmetic.apply(op, x, y, type: type, used: used)
            if zeros > 0 {
                let rows = used.isAll ? zeros : used.count(VectorArithmetic.dividedByZero(x, y, result: result))
                if rows > 0 { warnDivisionByZero(rows: rows, at: range) }
            }
            return result
        case .comparison(let op, let a, let b):
            return VectorComparison.compare(op, try vector(a, in: frame, used: used), try vector(b, in: frame, used: used))
        case .inList(let value, let items, let negated):
            return VectorComparison.inList(try vector(value, in: frame, used: used), items, negated: negated)
        case .inPeriod(let value):
            let x = try vector(value, in: frame, used: used)
            return VectorComparison.logical(
                .and,
                VectorComparison.compare(.greaterOrEqual, x, .constant(.date(period.start), count: count)),
                VectorComparison.compare(.less, x, .constant(.date(period.end), count: count)))
        case .between(let value, let low, let high):
            let x = try vector(value, in: frame, used: used)
            return VectorComparison.logical(
                .and,
                VectorComparison.compare(.greaterOrEqual, x, try vector(low, in: frame, used: used)),
                VectorComparison.compare(.lessOrEqual, x, try vector(high, in: frame, used: used)))
        case .isNull(let value, let negated):
            if case .column(let source, let slot) = value, source == frame.source, let validity = try validityOnly(source, slot, frame) {
                // Only the validity is read, not the values.
                guard let validity else { return .constant(.bool(negated), count: count) }
                return ColumnVector(.bool(negated ? validity : maskNot(validity)), count: count)
            }
            return VectorComparison.isNull(try vector(value, in: frame, used: used), negated: negated)
        case .call(let function, let arguments, let type, _):
            return try VectorRowFunctions.call(function, try callArguments(function, arguments, in: frame, used: used), type: type, count: count)
        case .ratio(let a, let b, let type):
            // Null where `b` is 0 by definition: no warning.
            return try VectorArithmetic.apply(.divide, try vector(a, in: frame, used: used), try vector(b, in: frame, used: used), type: type).0
        case .aggregate(let aggregate):
            guard let (groupOf, groupCount) = try groups(aggregate.scope, source: aggregate.source, over: frame, at: aggregate.range) else {
                return .constant(try wholeAggregate(aggregate), count: count)
            }
            return try groupedAggregate(aggregate, groupOf: groupOf, groupCount: groupCount, used: used)
        case .module(let call):
            if let source = call.source {
                guard let (groupOf, groupCount) = try groups(call.scope, source: source, over: frame, at: call.range) else {
                    return .constant(try moduleAggregate(call), count: count)
                }
                return try groupedModuleAggregate(call, groupOf: groupOf, groupCount: groupCount, used: used)
            }
            let runtime = try moduleRuntime(call)
            let arguments = try call.arguments.map { try vector($0, in: frame, used: used) }
            let result = try runtime.evaluateRow(call.name, arguments: arguments, rowCount: count, resultType: call.type)
            guard result.count == count else {
                throw EvaluationError("module-error", "\(owner): module function `\(call.name)` returned \(result.count) rows for \(count)", at: call.range)
            }
            return result
        }
    }

    /// The arguments of a row function: an `if` uses its branches only where each is
    /// chosen, `coalesce` a later argument only where the earlier ones are null. (The rows
    /// are worked out only for arguments that divide, the only ones that can warn.)
    private func callArguments(_ function: RowFunction, _ arguments: [Kernel], in frame: Frame, used: RowUsage) throws -> [ColumnVector] {
        switch function {
        case .if where arguments[1].dependsOnUsage || arguments[2].dependsOnUsage:
            let condition = try vector(arguments[0], in: frame, used: used)
            let taken = VectorComparison.trueRows(condition)
            return [
                condition,
                try vector(arguments[1], in: frame, used: arguments[1].dependsOnUsage ? used.restricted(to: taken) : used),
                try vector(arguments[2], in: frame, used: arguments[2].dependsOnUsage ? used.excluding(taken) : used),
            ]
        case .coalesce where arguments.dropFirst().contains(where: \.dependsOnUsage):
            var pending = used
            var values: [ColumnVector] = []
            values.reserveCapacity(arguments.count)
            for argument in arguments {
                let value = try vector(argument, in: frame, used: pending)
                pending = pending.excluding(value.validityLane)
                values.append(value)
            }
            return values
        default:
            return try arguments.map { try vector($0, in: frame, used: used) }
        }
    }

    /// For an aggregate per parent row or per group, evaluated over `frame` (the parent's
    /// rows, or the grouped source's): the group of each row of `source` and the number of
    /// groups. Nil for an aggregate over all rows.
    private func groups(_ scope: AggregatePlan.Scope, source: Int, over frame: Frame, at range: SourceRange) throws -> (groupOf: [Int32], groupCount: Int)? {
        switch scope {
        case .whole:
            return nil
        case .perParent(let parent, let foreignKey, let parentKey):
            guard parent == frame.source, !frame.raw, !frame.isChunk else {
                throw EvaluationError("plan", "internal: child aggregate over the wrong rows", at: range)
            }
            return (try link(child: source, foreignKey: foreignKey, parent: parent, parentKey: parentKey), frame.count)
        case .perGroup(let grouped):
            guard grouped == frame.source, !frame.isChunk else {
                throw EvaluationError("plan", "internal: group aggregate over the wrong rows", at: range)
            }
            let grouping = try grouping(grouped)
            return (grouping.groupOf, grouping.groupCount)
        }
    }

    // MARK: - Scalars

    /// The value of a metric formula (or any expression with no row context).
    /// - Parameter used: whether the value is used (not an `if` branch that is not chosen,
    ///   say): a division by zero warns only then.
    func scalar(_ kernel: Kernel, used: Bool = true) throws -> Scalar {
        switch kernel {
        case .constant(let value):
            return value
        case .metric(let index):
            return metric(index)
        case .periodStart:
            return .date(period.start)
        case .periodEnd:
            return .date(period.end)
        case .negate(let operand, _):
            return try ScalarOperations.negate(try scalar(operand, used: used))
        case .not(let operand):
            return ScalarOperations.not(try scalar(operand, used: used))
        case .logical(let op, let a, let b):
            let x = try scalar(a, used: used)
            let decided = x == .bool(op == .or)
            return ScalarOperations.logical(op, x, try scalar(b, used: used && !decided))
        case .arithmetic(let op, let a, let b, let type, let range):
            let value: Scalar
            let byZero: Bool
            do {
                (value, byZero) = try ScalarOperations.arithmetic(op, try scalar(a, used: used), try scalar(b, used: used), type: type)
            } catch KernelFailure.overflow where !used {
                // A value nothing uses (an `if` branch not taken) may overflow.
                return .null
            }
            if byZero, used { warnDivisionByZero(rows: nil, at: range) }
            return value
        case .comparison(let op, let a, let b):
            return ScalarOperations.compare(op, try scalar(a, used: used), try scalar(b, used: used))
        case .inList(let value, let items, let negated):
            let result = ScalarOperations.inList(try scalar(value, used: used), items)
            return negated ? ScalarOperations.not(result) : result
        case .inPeriod(let value):
            guard case .date(let day) = try scalar(value, used: used) else { return .null }
            return .bool(period.start <= day && day < period.end)
        case .between(let value, let low, let high):
            let x = try scalar(value, used: used)
            return ScalarOperations.logical(
                .and, ScalarOperations.compare(.greaterOrEqual, x, try scalar(low, used: used)),
                ScalarOperations.compare(.lessOrEqual, x, try scalar(high, used: used)))
        case .isNull(let value, let negated):
            return .bool(try scalar(value, used: used).isNull != negated)
        case .call(let function, let arguments, let type, _):
            var values: [Scalar] = []
            values.reserveCapacity(arguments.count)
            switch function {
            case .if:
                // Each branch is used only when it is chosen.
                let condition = try scalar(arguments[0], used: used)
                let taken = condition == .bool(true)
                values = [condition, try scalar(arguments[1], used: used && taken), try scalar(arguments[2], used: used && !taken)]
            case .coalesce:
                // A later argument is used only when every earlier one is null.
                var pending = used
                for argument in arguments {
                    let value = try scalar(argument, used: pending)
                    pending = pending && value.isNull
                    values.append(value)
                }
            default:
                values = try arguments.map { try scalar($0, used: used) }
            }
            return try ScalarOperations.call(function, values, type: type)
        case .ratio(let a, let b, let type):
            return try ScalarOperations.arithmetic(.divide, try scalar(a, used: used), try scalar(b, used: used), type: type).0
        case .aggregate(let aggregate):
            return try wholeAggregate(aggregate)
        case .module(let call):
            if call.source != nil { return try moduleAggregate(call) }
            let runtime = try moduleRuntime(call)
            let arguments = try call.arguments.map { ColumnVector.constant(try scalar($0, used: used), count: 1) }
            let result = try runtime.evaluateRow(call.name, arguments: arguments, rowCount: 1, resultType: call.type)
            return result.count > 0 ? result.scalar(at: 0) : .null
        case .column, .healthScore, .healthBand:
            throw EvaluationError("plan", "internal: a row value read where one value is needed")
        }
    }

    // MARK: - Aggregates

    private func wholeAggregate(_ aggregate: AggregatePlan) throws -> Scalar {
        let cache = store(plan.aggregateDependsOnPeriod[aggregate.id] ?? true)
        if let value = cache.aggregates[aggregate.id] { return value }
        let value = try computeWholeAggregate(aggregate)
        cache.aggregates[aggregate.id] = value
        return value
    }

    func cachedAggregate(_ aggregate: AggregatePlan) -> Scalar? {
        store(plan.aggregateDependsOnPeriod[aggregate.id] ?? true).aggregates[aggregate.id]
    }

    private func computeWholeAggregate(_ aggregate: AggregatePlan) throws -> Scalar {
        let frame = try self.frame(aggregate.source)
        if frame.count > Frame.chunkSize, Self.isChunkable(aggregate.argument), Self.isChunkable(aggregate.filter),
           var stream = StreamingAggregate(aggregate.function, type: aggregate.type) {
            for chunk in frame.chunks() {
                let rows = try aggregate.filter.map { VectorComparison.mask(try vector($0, in: chunk)) } ?? nil
                let value = try aggregate.argument.map { try vector($0, in: chunk, used: RowUsage.all.restricted(to: rows)) }
                try stream.add(value, rows: rows, rowCount: chunk.count)
            }
            return try stream.result()
        }
        // The value is used only on the rows the `where` keeps.
        let rows = try aggregate.filter.map { VectorComparison.mask(try vector($0, in: frame)) } ?? nil
        let value = try aggregate.argument.map { try vector($0, in: frame, used: RowUsage.all.restricted(to: rows)) }
        return try Aggregation.whole(
            aggregate.function, value, rows: rows, rowCount: frame.count, quantile: aggregate.quantile, type: aggregate.type)
    }

    /// An aggregate per group; `used` says which groups (rows of the frame that reads it)
    /// use their value, and so which rows of the source do.
    private func groupedAggregate(_ aggregate: AggregatePlan, groupOf: [Int32], groupCount: Int, used: RowUsage) throws -> ColumnVector {
        let frame = try self.frame(aggregate.source)
        let dependsOnUsage = aggregate.argument?.dependsOnUsage == true || aggregate.filter?.dependsOnUsage == true
        let childUsed = dependsOnUsage ? used.children(groupOf) : .all
        let rows = try aggregate.filter.map { VectorComparison.mask(try vector($0, in: frame, used: childUsed)) } ?? nil
        let value = try aggregate.argument.map { try vector($0, in: frame, used: childUsed.restricted(to: rows)) }
        return try GroupedAggregation.aggregate(
            aggregate.function, value, rows: rows, groupOf: groupOf, groupCount: groupCount,
            quantile: aggregate.quantile, type: aggregate.type)
    }

    private func moduleAggregate(_ call: ModulePlan) throws -> Scalar {
        guard let source = call.source else { return .null }
        let runtime = try moduleRuntime(call)
        let frame = try self.frame(source)
        let rows = try call.filter.map { VectorComparison.mask(try vector($0, in: frame)) } ?? nil
        let arguments = try call.arguments.map { try vector($0, in: frame, used: RowUsage.all.restricted(to: rows)) }
        return try runtime.evaluateAggregate(call.name, arguments: arguments, rows: rows, resultType: call.type)
    }

    /// A module's aggregate per parent row or per group (see
    /// `ModuleRuntime.evaluateGroupedAggregate`): one value per group, in group order.
    private func groupedModuleAggregate(_ call: ModulePlan, groupOf: [Int32], groupCount: Int, used: RowUsage) throws -> ColumnVector {
        guard let source = call.source else { return .constant(.null, count: groupCount) }
        let runtime = try moduleRuntime(call)
        let frame = try self.frame(source)
        let dependsOnUsage = call.arguments.contains(where: \.dependsOnUsage) || call.filter?.dependsOnUsage == true
        let childUsed = dependsOnUsage ? used.children(groupOf) : .all
        let rows = try call.filter.map { VectorComparison.mask(try vector($0, in: frame, used: childUsed)) } ?? nil
        let arguments = try call.arguments.map { try vector($0, in: frame, used: childUsed.restricted(to: rows)) }
        let result = try runtime.evaluateGroupedAggregate(
            call.name, arguments: arguments, rows: rows, groupOf: groupOf, groupCount: groupCount, resultType: call.type)
        guard result.count == groupCount else {
            throw EvaluationError("module-error", "\(owner): module function `\(call.name)` returned \(result.count) values for \(groupCount) groups", at: call.range)
        }
        return result
    }

    private func moduleRuntime(_ call: ModulePlan) throws -> any ModuleRuntime {
        guard let runtime = run.modules[call.module] else {
            throw EvaluationError("module-error", "\(owner): module `\(call.module)` has no implementation loaded, so `\(call.name)` cannot be computed", at: call.range)
        }
        return runtime
    }

    // MARK: - Chunks

    /// Whether `kernel` can be evaluated one chunk of rows at a time: every node is a
    /// function of the same row (no aggregate, no module call, whose results are not
    /// per-chunk).
    static func isChunkable(_ kernel: Kernel?) -> Bool {
        guard let kernel else { return true }
        switch kernel {
        case .aggregate, .module: return false
        default: return kernel.children.allSatisfy { isChunkable($0) }
        }
    }

    /// A column over one chunk of rows: a slice of the whole column when it is already
    /// computed; a field's rows gathered straight from the raw table otherwise (no
    /// full-length filtered copy for a field read once).
    func columnChunk(_ source: Int, _ slot: Int, _ frame: Frame) throws -> ColumnVector {
        let key = ChunkKey(source: source, raw: frame.raw, start: frame.start, count: frame.count)
        if chunkKey == key, let cached = chunkColumns[slot] { return cached }
        let slotPlan = plan.sources[source].slots[slot]
        let vector: ColumnVector
        if !frame.raw, slotPlan.isRaw, store(slotPlan.dependsOnPeriod).columns[source][slot] == nil,
           let selection = try rows(source).selection {
            let raw = try column(source, slot, raw: true)
            vector = raw.gathered(selection[frame.start ..< frame.start + frame.count])
        } else {
            vector = try column(source, slot, raw: frame.raw).slice(start: frame.start, count: frame.count)
        }
        // Computing it may have evaluated other chunks (a derived field, chunk by chunk).
        if chunkKey != key {
            chunkKey = key
            chunkColumns.removeAll(keepingCapacity: true)
        }
        chunkColumns[slot] = vector
        return vector
    }

    /// The validity of a field over `frame` without its values, when that saves reading
    /// them (a field not yet read whole, gathered through the source's selection): `.some(nil)`
    /// when no row is null. Nil when the column should be read as usual.
    func validityOnly(_ source: Int, _ slot: Int, _ frame: Frame) throws -> [Bool]?? {
        let slotPlan = plan.sources[source].slots[slot]
        guard !frame.raw, slotPlan.isRaw, store(slotPlan.dependsOnPeriod).columns[source][slot] == nil,
              let selection = try rows(source).selection else { return nil }
        let raw = try column(source, slot, raw: true)
        if case .constant = raw.values { return nil }
        guard let validity = raw.validity else { return .some(nil) }
        let rows = frame.isChunk ? selection[frame.start ..< frame.start + frame.count] : selection[...]
        return .some(ColumnVector(.bool(validity), count: validity.count).gathered(rows).boolValues)
    }

    /// The value of a derived field or segment for every row of `frame`, computed chunk by
    /// chunk when it can be (its intermediate vectors then stay in cache).
    func derivedColumn(_ kernel: Kernel, type: ValueType, in frame: Frame) throws -> ColumnVector {
        if frame.count > Frame.chunkSize, Self.isChunkable(kernel) {
            let parts = try frame.chunks().map { try vector(kernel, in: $0) }
            if let whole = ColumnVector.concatenated(parts, type: type) { return whole }
        }
        return try vector(kernel, in: frame)
    }

    /// The rows of `frame` where `predicate` is true, evaluated chunk by chunk when it can be.
    func selected(_ predicate: Kernel, in frame: Frame) throws -> [Int32] {
        guard Self.isChunkable(predicate), frame.count > Frame.chunkSize else {
            let mask = VectorComparison.mask(try vector(predicate, in: frame))
            return mask.map(selectedRows) ?? (0..<frame.count).map { Int32($0) }
        }
        // At most every row: one allocation, whose untouched pages cost nothing.
        var rows: [Int32] = []
        rows.reserveCapacity(frame.count + 1)
        for chunk in frame.chunks() {
            if let mask = VectorComparison.mask(try vector(predicate, in: chunk)) {
                appendSelectedRows(mask, offset: chunk.start, to: &rows)
            } else {
                rows += (chunk.start ..< chunk.start + chunk.count).map { Int32($0) }
            }
        }
        return rows
    }
}
