/// Finds the index of a `category` value among the declared values, from its bytes.
///
/// Read-only once built, so every chunk of a parallel read shares one; the loops use its
/// ``table``, plain pointers, so they never touch the object itself.
final class CategoryMatcher: @unchecked Sendable {
    /// The declared values, in declared order.
    let values: [String]
    /// What the loops match with (the memory belongs to this matcher).
    let table: Table
    /// For long lists: a hash table of the distinct values (see ``Table/declaredIndex``).
    private let index: StringInterner?

    /// The declared values as raw bytes: value `i` is `bytes[starts[i] ..< starts[i + 1]]`.
    struct Table {
        let count: Int
        let starts: UnsafeMutablePointer<Int>
        let bytes: UnsafeMutablePointer<UInt8>
        /// Set for long lists, matched by hash.
        let index: Unmanaged<StringInterner>?
        /// For each code of `index`, the declared index of its value.
        let declaredIndex: UnsafeMutablePointer<Int32>

        /// The index of the value with these bytes, or -1 when it is not declared.
        @inline(__always)
        func code(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
            if let index {
                let code = index._withUnsafeGuaranteedRef { $0.lookup(p, n) }
                return code < 0 ? -1 : declaredIndex[Int(code)]
            }
            guard n > 0 else { return -1 }
            let first = p.pointee
            var i = 0
            while i < count {
                let start = starts[i]
                if starts[i + 1] - start == n, bytes[start] == first, ByteHash.equal(bytes + start, n, p, n) {
                    return Int32(i)
                }
                i += 1
            }
            return -1
        }
    }

    /// A matcher for the declared `values`.
    init(values: [String]) {
        self.values = values
        let starts = UnsafeMutablePointer<Int>.allocate(capacity: values.count + 1)
        starts[0] = 0
        for (i, value) in values.enumerated() { starts[i + 1] = starts[i] + value.utf8.count }
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, starts[values.count]))
        for (i, value) in values.enumerated() {
            (bytes + starts[i]).initialize(from: Array(value.utf8), count: value.utf8.count)
        }
        var declaredIndex: [Int32] = []
        if values.count > 8 {
            let index = StringInterner()
            for i in 0..<values.count {
                let code = index.intern(bytes + starts[i], starts[i + 1] - starts[i]) ?? 0
                if code == declaredIndex.count { declaredIndex.append(Int32(i)) }
            }
            self.index = index
        } else {
            index = nil
        }
        let declared = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, declaredIndex.count))
        declared.initialize(from: declaredIndex, count: declaredIndex.count)
        table = Table(
            count: values.count, starts: starts, bytes: bytes,
            index: index.map { Unmanaged.passUnretained($0) }, declaredIndex: declared)
    }

    deinit {
        table.starts.deallocate()
        table.bytes.deallocate()
        table.declaredIndex.deallocate()
    }

    /// The index of the value with these bytes, or -1 when it is not declared.
    func code(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        table.code(p, n)
    }
}
