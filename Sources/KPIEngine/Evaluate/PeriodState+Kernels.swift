import Foundation
import KPILanguage
import KPIYAML

/// Walking a compiled expression: one call per node, each running one typed loop over
/// whole columns (`vector`), or one scalar operation for metric formulas (`scalar`).
extension PeriodState {
    // MARK: - Rows

    /// The value of `kernel` for every row of `frame`.
    func vector(_ kernel: Kernel, in frame: Frame) throws -> ColumnVector {
        let count = frame.count
        switch kernel {
        case .constant(let value):
            return .constant(value, count: count)
        case .column(let source, let slot):
            guard source == frame.source else {
                throw EvaluationError("plan", "internal: a column of `\(plan.sources[source].id)` read over the rows of `\(plan.sources[frame.source].id)`")
            }
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
            let rows = try healthRows()
            if case .healthScore = kernel { return rows.scores }
            return rows.bands
        case .negate(let operand, _):
            return try VectorArithmetic.negate(try vector(operand, in: frame))
        case .not(let operand):
            return VectorComparison.not(try vector(operand, in: frame))
        case .logical(let op, let a, let b):
            return VectorComparison.logical(op, try vector(a, in: frame), try vector(b, in: frame))
        case .arithmetic(let op, let a, let b, let type, let range):
            let (result, zeros) = try VectorArithmetic.apply(op, try vector(a, in: frame), try vector(b, in: frame), type: type)
            if zeros > 0 { warnDivisionByZero(rows: zeros, at: range) }
            return result
        case .comparison(let op, let a, let b):
            return VectorComparison.compare(op, try vector(a, in: frame), try vector(b, in: frame))
        case .inList(let value, let items, let negated):
            return VectorComparison.inList(try vector(value, in: frame), items, negated: negated)
        case .inPeriod(let value):
            let x = try vector(value, in: frame)
            return VectorComparison.logical(
                .and,
                VectorComparison.compare(.greaterOrEqual, x, .constant(.date(period.start), count: count)),
                VectorComparison.compare(.less, x, .constant(.date(period.end), count: count)))
        case .between(let value, let low, let high):
            let x = try vector(value, in: frame)
            return VectorComparison.logical(
                .and,
                VectorComparison.compare(.greaterOrEqual, x, try vector(low, in: frame)),
                VectorComparison.compare(.lessOrEqual, x, try vector(high, in: frame)))
        case .isNull(let value, let negated):
            return VectorComparison.isNull(try vector(value, in: frame), negated: negated)
        case .call(let function, let arguments, let type, _):
            return try VectorRowFunctions.call(function, try arguments.map { try vector($0, in: frame) }, type: type, count: count)
        case .ratio(let a, let b, let type):
            return try VectorArithmetic.apply(.divide, try vector(a, in: frame), try vector(b, in: frame), type: type).0
        case .aggregate(let aggregate):
            switch aggregate.scope {
            case .whole:
                return .constant(try wholeAggregate(aggregate), count: count)
            case .perParent(let parent, let foreignKey, let parentKey):
                guard parent == frame.source, !frame.raw else {
                    throw EvaluationError("plan", "internal: child aggregate over the wrong rows", at: aggregate.range)
                }
                let groupOf = try link(child: aggregate.source, foreignKey: foreignKey, parent: parent, parentKey: parentKey)
                return try groupedAggregate(aggregate, groupOf: groupOf, groupCount: count)
            case .perGroup(let grouped):
                guard grouped == frame.source else {
                    throw EvaluationError("plan", "internal: group aggregate over the wrong rows", at: aggregate.range)
                }
                let grouping = try grouping(grouped)
                return try groupedAggregate(aggregate, groupOf: grouping.groupOf, groupCount: grouping.groupCount)
            }
        case .module(let call):
            if call.source != nil {
                return .constant(try moduleAggregate(call), count: count)
            }
            let runtime = try moduleRuntime(call)
            let arguments = try call.arguments.map { try vector($0, in: frame) }
            let result = try runtime.evaluateRow(call.name, arguments: arguments, rowCount: count, resultType: call.type)
            guard result.count == count else {
                throw EvaluationError("module-error", "\(owner): module function `\(call.name)` returned \(result.count) rows for \(count)", at: call.range)
            }
            return result
        }
    }

    // MARK: - Scalars

    /// The value of a metric formula (or any expression with no row context).
    func scalar(_ kernel: Kernel) throws -> Scalar {
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
            return try ScalarOperations.negate(try scalar(operand))
        case .not(let operand):
            return ScalarOperations.not(try scalar(operand))
        case .logical(let op, let a, let b):
            return ScalarOperations.logical(op, try scalar(a), try scalar(b))
        case .arithmetic(let op, let a, let b, let type, let range):
            let (value, byZero) = try ScalarOperations.arithmetic(op, try scalar(a), try scalar(b), type: type)
            if byZero { warnDivisionByZero(rows: nil, at: range) }
            return value
        case .comparison(let op, let a, let b):
            return ScalarOperations.compare(op, try scalar(a), try scalar(b))
        case .inList(let value, let items, let negated):
            let result = ScalarOperations.inList(try scalar(value), items)
            return negated ? ScalarOperations.not(result) : result
        case .inPeriod(let value):
            guard case .date(let day) = try scalar(value) else { return .null }
            return .bool(period.start <= day && day < period.end)
        case .between(let value, let low, let high):
            let x = try scalar(value)
            return ScalarOperations.logical(
                .and, ScalarOperations.compare(.greaterOrEqual, x, try scalar(low)),
                ScalarOperations.compare(.lessOrEqual, x, try scalar(high)))
        case .isNull(let value, let negated):
            return .bool(try scalar(value).isNull != negated)
        case .call(let function, let arguments, let type, _):
            return try ScalarOperations.call(function, try arguments.map(scalar), type: type)
        case .ratio(let a, let b, let type):
            return try ScalarOperations.arithmetic(.divide, try scalar(a), try scalar(b), type: type).0
        case .aggregate(let aggregate):
            return try wholeAggregate(aggregate)
        case .module(let call):
            if call.source != nil { return try moduleAggregate(call) }
            let runtime = try moduleRuntime(call)
            let arguments = try call.arguments.map { ColumnVector.constant(try scalar($0), count: 1) }
            let result = try runtime.evaluateRow(call.name, arguments: arguments, rowCount: 1, resultType: call.type)
            return result.count > 0 ? result.scalar(at: 0) : .null
        case .column, .healthScore, .healthBand:
            throw EvaluationError("plan", "internal: a row value read where one value is needed")
        }
    }

    // MARK: - Aggregates

    private func wholeAggregate(_ aggregate: AggregatePlan) throws -> Scalar {
        let frame = try self.frame(aggregate.source)
        let value = try aggregate.argument.map { try vector($0, in: frame) }
        let rows = try aggregate.filter.map { VectorComparison.mask(try vector($0, in: frame)) } ?? nil
        return try Aggregation.whole(
            aggregate.function, value, rows: rows, rowCount: frame.count, quantile: aggregate.quantile, type: aggregate.type)
    }

    private func groupedAggregate(_ aggregate: AggregatePlan, groupOf: [Int32], groupCount: Int) throws -> ColumnVector {
        let frame = try self.frame(aggregate.source)
        let value = try aggregate.argument.map { try vector($0, in: frame) }
        let rows = try aggregate.filter.map { VectorComparison.mask(try vector($0, in: frame)) } ?? nil
        return try GroupedAggregation.aggregate(
            aggregate.function, value, rows: rows, groupOf: groupOf, groupCount: groupCount,
            quantile: aggregate.quantile, type: aggregate.type)
    }

    private func moduleAggregate(_ call: ModulePlan) throws -> Scalar {
        guard let source = call.source else { return .null }
        let runtime = try moduleRuntime(call)
        let frame = try self.frame(source)
        let arguments = try call.arguments.map { try vector($0, in: frame) }
        let rows = try call.filter.map { VectorComparison.mask(try vector($0, in: frame)) } ?? nil
        return try runtime.evaluateAggregate(call.name, arguments: arguments, rows: rows, resultType: call.type)
    }

    private func moduleRuntime(_ call: ModulePlan) throws -> any ModuleRuntime {
        guard let runtime = run.modules[call.module] else {
            throw EvaluationError("module-error", "\(owner): module `\(call.module)` has no implementation loaded, so `\(call.name)` cannot be computed", at: call.range)
        }
        return runtime
    }
}
