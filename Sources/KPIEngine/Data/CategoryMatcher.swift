/// Finds the index of a `category` value among the declared values, from its bytes.
///
/// Read-only once built, so every chunk of a parallel read shares one.
final class CategoryMatcher: @unchecked Sendable {
    /// The declared values, in declared order.
    let values: [String]
    private let bytes: UnsafeMutablePointer<UInt8>
    private let starts: [Int]
    /// For long lists: a hash table of the distinct values, and the declared index of
    /// each of its codes.
    private let index: StringInterner?
    private let declaredIndex: [Int32]

    /// A matcher for the declared `values`.
    init(values: [String]) {
        self.values = values
        var starts = [0]
        for value in values { starts.append(starts[starts.count - 1] + value.utf8.count) }
        self.starts = starts
        bytes = .allocate(capacity: max(1, starts[starts.count - 1]))
        for (i, value) in values.enumerated() {
            (bytes + starts[i]).initialize(from: Array(value.utf8), count: value.utf8.count)
        }
        if values.count > 8 {
            let index = StringInterner()
            var declaredIndex: [Int32] = []
            for i in 0..<values.count {
                let code = index.intern(bytes + starts[i], starts[i + 1] - starts[i]) ?? 0
                if code == declaredIndex.count { declaredIndex.append(Int32(i)) }
            }
            self.index = index
            self.declaredIndex = declaredIndex
        } else {
            index = nil
            declaredIndex = []
        }
    }

    deinit { bytes.deallocate() }

    /// The index of the value with these bytes, or -1 when it is not declared.
    @inline(__always)
    func code(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        if let index {
            let code = index.lookup(p, n)
            return code < 0 ? -1 : declaredIndex[Int(code)]
        }
        var i = 0
        let count = values.count
        while i < count {
            let start = starts[i]
            if ByteHash.equal(bytes + start, starts[i + 1] - start, p, n) { return Int32(i) }
            i += 1
        }
        return -1
    }
}
