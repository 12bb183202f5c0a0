/// Maps the keys of JSON objects to columns, fast when lines repeat the same keys in the
/// same order: each position remembers the key it saw last.
struct JSONKeyDirectory {
    /// Every distinct key seen; the first `columnCount` are the columns, by index.
    private let names = StringInterner()
    private let columnCount: Int
    private var byPosition: [Int32] = []
    /// Past this many distinct keys, new ones are looked up but not remembered.
    private static let maxKeys = 10_000

    init(names columns: [String]) {
        columnCount = columns.count
        for name in columns {
            // A trailing 0 keeps the buffer non-empty, so it always has an address.
            let bytes = Array(name.utf8) + [0]
            bytes.withUnsafeBufferPointer { buffer in
                if let base = buffer.baseAddress { _ = names.intern(base, bytes.count - 1) }
            }
        }
    }

    /// The column of the key at `position` in its object, or -1 for keys not read.
    @inline(__always)
    mutating func column(at position: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        if position < byPosition.count {
            let code = Int(byPosition[position])
            if code >= 0, names.matches(code, p, n) { return code < columnCount ? code : -1 }
        }
        return lookUp(at: position, p, n)
    }

    @inline(never)
    private mutating func lookUp(at position: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var code = Int(names.lookup(p, n))
        if code < 0, names.count < Self.maxKeys { code = Int(names.intern(p, n) ?? -1) }
        if position < 1024 {
            while byPosition.count <= position { byPosition.append(-1) }
            byPosition[position] = Int32(code)
        }
        return code >= 0 && code < columnCount ? code : -1
    }
}
