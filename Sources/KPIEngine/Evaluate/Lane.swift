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

// MARK: - Masks
// `[Bool]` holds one byte per row, 0 or 1. Swift compiles loops over `Bool` into a branch
// per row; these helpers work on eight rows at a time as 64-bit words instead (and, or,
// not and popcount keep every byte 0 or 1).

/// `op` over the bytes of two masks of equal length, a word at a time.
@inline(__always)
func wordwise(_ a: [Bool], _ b: [Bool], _ op: (UInt64, UInt64) -> UInt64) -> [Bool] {
    let n = a.count
    return [Bool](unsafeUninitializedCapacity: n) { out, initialized in
        let o = UnsafeMutableRawBufferPointer(out)
        a.withUnsafeBytes { ra in
            b.withUnsafeBytes { rb in
                var i = 0
                while i + 8 <= n {
                    o.storeBytes(of: op(ra.loadUnaligned(fromByteOffset: i, as: UInt64.self), rb.loadUnaligned(fromByteOffset: i, as: UInt64.self)), toByteOffset: i, as: UInt64.self)
                    i += 8
                }
                while i < n {
                    o[i] = UInt8(truncatingIfNeeded: op(UInt64(ra[i]), UInt64(rb[i])))
                    i += 1
                }
            }
        }
        initialized = n
    }
}

/// Rows true in both.
func maskAnd(_ a: [Bool], _ b: [Bool]) -> [Bool] { wordwise(a, b, &) }
/// Rows true in either.
func maskOr(_ a: [Bool], _ b: [Bool]) -> [Bool] { wordwise(a, b, |) }
/// Rows true in `a` and false in `b`.
func maskAndNot(_ a: [Bool], _ b: [Bool]) -> [Bool] { wordwise(a, b) { $0 & ($1 ^ 0x0101_0101_0101_0101) } }
/// Rows false in `a`.
func maskNot(_ a: [Bool]) -> [Bool] { wordwise(a, a) { x, _ in x ^ 0x0101_0101_0101_0101 } }

// MARK: - Validity

/// Rows valid in both (nil: all valid).
func bothValid(_ a: [Bool]?, _ b: [Bool]?) -> [Bool]? {
    guard let a else { return b }
    guard let b else { return a }
    return maskAnd(a, b)
}

/// Rows valid in every one of `validities`.
func allValid(_ validities: [[Bool]?]) -> [Bool]? {
    var result: [Bool]?
    for validity in validities { result = bothValid(result, validity) }
    return result
}

/// The number of `true` rows.
func countTrue(_ mask: [Bool]) -> Int {
    mask.withUnsafeBytes { raw in
        let n = raw.count
        var total = 0
        var i = 0
        while i + 8 <= n {
            total &+= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self).nonzeroBitCount
            i += 8
        }
        while i < n {
            total &+= Int(raw[i])
            i += 1
        }
        return total
    }
}

/// The rows where `mask` is true, in order.
func selectedRows(_ mask: [Bool]) -> [Int32] {
    let total = countTrue(mask)
    // Branchless: every row is written, and the position moves on only past a kept one
    // (hence the one spare slot).
    var rows = [Int32](unsafeUninitializedCapacity: total + 1) { out, initialized in
        mask.withUnsafeBytes { raw in
            var k = 0
            for i in 0..<raw.count {
                out[k] = Int32(truncatingIfNeeded: i)
                k &+= Int(raw[i])
            }
        }
        initialized = total + 1
    }
    rows.removeLast()
    return rows
}

/// Appends the rows where `mask` is true, plus `offset`, to `rows` (branchless, in place).
///
/// Called once per chunk: the caller reserves the capacity of the whole selection up front
/// (`reserveCapacity` to an exact size here would reallocate and copy everything selected
/// so far on every chunk, quadratic in the rows). Short of capacity, it grows geometrically.
func appendSelectedRows(_ mask: [Bool], offset: Int, to rows: inout [Int32]) {
    let total = countTrue(mask)
    let start = rows.count
    if rows.capacity < start + total + 1 {
        rows.reserveCapacity(Swift.max(start + total + 1, 2 * rows.capacity))
    }
    rows.append(contentsOf: repeatElement(0, count: total + 1))
    rows.withUnsafeMutableBufferPointer { out in
        mask.withUnsafeBytes { raw in
            var k = start
            for i in 0..<raw.count {
                out[k] = Int32(truncatingIfNeeded: i + offset)
                k &+= Int(raw[i])
            }
        }
    }
    rows.removeLast()
}
