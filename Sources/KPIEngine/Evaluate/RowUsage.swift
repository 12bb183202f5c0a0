/// Which rows of the frame being evaluated actually use the value of the node being
/// evaluated: what a division by zero is counted over, and where an overflow is an error.
///
/// Every node is evaluated over all rows of its frame, but an `if` uses its second argument only where its condition is true and its
/// third only where it is false or null; `coalesce` uses a later argument only where every
/// earlier one is null; `a and b` uses `b` only where `a` is not false, `a or b` only where
/// `a` is not true; an aggregate uses its value only on the rows its `where` keeps (and, per
/// parent or per group, only on the child rows of parent rows that are used). A division by
/// zero warns only about the rows that use its result; an exact result past 64 bits is an
/// error only on a row that uses it, and null on the others (which never read it).
///
/// What is computed once and cached for every reader (a column, a metric, a whole
/// aggregate, the health score) is evaluated with `.all`: its warnings are its own.
enum RowUsage {
    /// Every row of the frame.
    case all
    /// No row: the value is computed but never used.
    case none
    /// The rows that are true (as many as the frame has).
    case rows([Bool])

    /// The rows used here that are also true in `mask`.
    func restricted(to mask: Lane<Bool>) -> RowUsage {
        switch (self, mask) {
        case (.none, _), (_, .constant(true)): return self
        case (_, .constant(false)): return .none
        case (.all, .array(let m)): return .rows(m)
        case (.rows(let used), .array(let m)): return .rows(maskAnd(used, m))
        }
    }

    /// The rows used here that are false in `mask`.
    func excluding(_ mask: Lane<Bool>) -> RowUsage {
        switch (self, mask) {
        case (.none, _), (_, .constant(false)): return self
        case (_, .constant(true)): return .none
        case (.all, .array(let m)): return .rows(maskNot(m))
        case (.rows(let used), .array(let m)): return .rows(maskAndNot(used, m))
        }
    }

    /// The rows used here that are kept by a `where` mask (nil: every row).
    func restricted(to rows: [Bool]?) -> RowUsage {
        rows.map { restricted(to: .array($0)) } ?? self
    }

    /// How many of `flagged` rows are used.
    func count(_ flagged: [Bool]) -> Int {
        switch self {
        case .all: return countTrue(flagged)
        case .none: return 0
        case .rows(let used): return countTrue(maskAnd(used, flagged))
        }
    }

    /// The rows of a child source used, given the rows of the parent (or of the groups)
    /// used: a child row is used when it belongs to a used parent row (`groupOf`, -1 for
    /// none).
    func children(_ groupOf: [Int32]) -> RowUsage {
        switch self {
        case .none: return .none
        case .all: return .rows(mapLane(.array(groupOf), count: groupOf.count) { $0 >= 0 })
        case .rows(let used):
            return .rows(used.withUnsafeBufferPointer { u in
                mapLane(.array(groupOf), count: groupOf.count) { $0 >= 0 && u[Int($0)] }
            })
        }
    }

    var isAll: Bool {
        if case .all = self { return true }
        return false
    }
}

extension VectorComparison {
    /// The rows where a boolean vector is true (null is not true).
    static func trueRows(_ vector: ColumnVector) -> Lane<Bool> {
        mask(vector).map { .array($0) } ?? .constant(true)
    }

    /// The rows where a boolean vector is false (null is not false).
    static func falseRows(_ vector: ColumnVector) -> Lane<Bool> {
        switch vector.values {
        case .constant(.bool(let value)): return .constant(!value)
        case .bool(let values):
            return .array(vector.validity.map { maskAndNot($0, values) } ?? maskNot(values))
        default: return .constant(false)
        }
    }
}

extension VectorArithmetic {
    /// The rows of `a op b` divided by zero: both operands hold a value but the result is
    /// null.
    static func dividedByZero(_ a: ColumnVector, _ b: ColumnVector, result: ColumnVector) -> [Bool] {
        let count = result.count
        let inputs = zipLanes(a.validityLane, b.validityLane, count: count) { $0 && $1 }
        return zipLanes(.array(inputs), result.validityLane, count: count) { $0 && !$1 }
    }
}

extension Kernel {
    /// Whether what evaluating this kernel reports depends on which rows use it: it holds a
    /// `/` or `%` (not `ratio`), which warns of a division by zero, or exact integer or money
    /// arithmetic, which fails on an overflow, outside the columns, metrics and aggregates
    /// over all rows it reads (which are computed once and report on their own). Where none
    /// does, the engine does not work out which rows are used.
    var dependsOnUsage: Bool {
        switch self {
        case .arithmetic(let op, _, _, _, _) where op == .divide || op == .remainder:
            return true
        case .arithmetic(_, _, _, let type, _) where type == .int || type.isMoney:
            return true
        case .aggregate(let plan):
            if case .whole = plan.scope { return false }
        case .module(let plan):
            if plan.source != nil, case .whole = plan.scope { return false }
        default:
            break
        }
        return children.contains { $0.dependsOnUsage }
    }
}
