/// The values of one operand of a kernel: a whole array, or one value for every row.
///
/// Kernels are written once over lanes and specialised by the compiler for each element
/// type, so a constant operand (a literal, a metric) is never materialised and the inner
/// loops run over raw buffers without bounds checks or boxing.
enum Lane<Element> {
    case array([Element])
    case constant(Element)
}

/// A numeric operand: integers (plain ints, or exact money scaled by 10 000) or Doubles.
enum NumericLane {
    case int(Lane<Int64>)
    case double(Lane<Double>)
}

// MARK: - Loops

/// `f` applied to every row of `a`.
@inline(__always)
func mapLane<A, R>(_ a: Lane<A>, count: Int, _ f: (A) -> R) -> [R] {
    [R](unsafeUninitializedCapacity: count) { out, initialized in
        switch a {
        case .array(let x):
            x.withUnsafeBufferPointer { xp in
                for i in 0..<count { out.initializeElement(at: i, to: f(xp[i])) }
            }
        case .constant(let x):
            let value = f(x)
            for i in 0..<count { out.initializeElement(at: i, to: value) }
        }
        initialized = count
    }
}

/// `f` applied to every row of `a` and `b`.
@inline(__always)
func zipLanes<A, B, R>(_ a: Lane<A>, _ b: Lane<B>, count: Int, _ f: (A, B) -> R) -> [R] {
    [R](unsafeUninitializedCapacity: count) { out, initialized in
        switch (a, b) {
        case (.array(let x), .array(let y)):
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeBufferPointer { yp in
                    for i in 0..<count { out.initializeElement(at: i, to: f(xp[i], yp[i])) }
                }
            }
        case (.array(let x), .constant(let y)):
            x.withUnsafeBufferPointer { xp in
                for i in 0..<count { out.initializeElement(at: i, to: f(xp[i], y)) }
            }
        case (.constant(let x), .array(let y)):
            y.withUnsafeBufferPointer { yp in
                for i in 0..<count { out.initializeElement(at: i, to: f(x, yp[i])) }
            }
        case (.constant(let x), .constant(let y)):
            let value = f(x, y)
            for i in 0..<count { out.initializeElement(at: i, to: value) }
        }
        initialized = count
    }
}

/// `f` applied to every row of two numeric operands, read as Doubles.
@inline(__always)
func zipDoubles<R>(_ a: NumericLane, _ b: NumericLane, count: Int, _ f: (Double, Double) -> R) -> [R] {
    switch (a, b) {
    case (.int(let x), .int(let y)): return zipLanes(x, y, count: count) { f(Double($0), Double($1)) }
    case (.int(let x), .double(let y)): return zipLanes(x, y, count: count) { f(Double($0), $1) }
    case (.double(let x), .int(let y)): return zipLanes(x, y, count: count) { f($0, Double($1)) }
    case (.double(let x), .double(let y)): return zipLanes(x, y, count: count, f)
    }
}

// MARK: - Validity

/// Rows valid in both (nil: all valid).
func bothValid(_ a: [Bool]?, _ b: [Bool]?) -> [Bool]? {
    guard let a else { return b }
    guard let b else { return a }
    return zipLanes(.array(a), .array(b), count: a.count) { $0 && $1 }
}

/// Rows valid in every one of `validities`.
func allValid(_ validities: [[Bool]?]) -> [Bool]? {
    var result: [Bool]?
    for validity in validities { result = bothValid(result, validity) }
    return result
}

/// The number of `true` rows.
func countTrue(_ mask: [Bool]) -> Int {
    mask.withUnsafeBufferPointer { p in
        var total = 0
        for i in 0..<p.count { total &+= p[i] ? 1 : 0 }
        return total
    }
}

/// The rows where `mask` is true, in order.
func selectedRows(_ mask: [Bool]) -> [Int32] {
    var rows: [Int32] = []
    rows.reserveCapacity(countTrue(mask))
    mask.withUnsafeBufferPointer { p in
        for i in 0..<p.count where p[i] { rows.append(Int32(truncatingIfNeeded: i)) }
    }
    return rows
}
