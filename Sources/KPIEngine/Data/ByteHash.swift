/// A fast 64-bit hash of a short byte string, for interning field values.
enum ByteHash {
    /// Hashes `n` bytes at `p`, eight at a time.
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        let raw = UnsafeRawPointer(p)
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        var i = 0
        while i + 8 <= n {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < n {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                word |= UInt64(p[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ word) &* 0x94D0_49BB_1331_11EB
            h ^= h >> 29
        }
        h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return h ^ (h >> 32)
    }

    /// Whether two byte strings are equal.
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ aCount: Int, _ b: UnsafePointer<UInt8>, _ bCount: Int) -> Bool {
        guard aCount == bCount else { return false }
        var i = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while i + 8 <= aCount {
            if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            {
                return false
            }
            i += 8
        }
        while i < aCount {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }
}
