/// A growable buffer for field text with its escapes undone.
struct UnescapeBuffer {
    private var storage: UnsafeMutablePointer<UInt8>?
    private var capacity = 0

    private mutating func reserve(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if capacity < n {
            storage?.deallocate()
            capacity = max(n, 256)
            storage = .allocate(capacity: capacity)
        }
        return storage.unsafelyUnwrapped
    }

    /// `n` bytes at `p` with each `""` made `"`: the text and its length, valid until the
    /// next call.
    mutating func unescape(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UnsafePointer<UInt8>, Int) {
        let out = reserve(n)
        var i = 0, j = 0
        while i < n {
            out[j] = p[i]
            i += p[i] == 0x22 ? 2 : 1
            j += 1
        }
        return (UnsafePointer(out), j)
    }

    /// A copy of `n` bytes at `p`, valid until the next call.
    mutating func copy(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UnsafePointer<UInt8>, Int) {
        let out = reserve(n)
        out.update(from: p, count: n)
        return (UnsafePointer(out), n)
    }

    /// Frees the storage.
    mutating func free() {
        storage?.deallocate()
        storage = nil
        capacity = 0
    }
}

extension UnescapeBuffer {
    /// `n` bytes of a checked JSON string's content at `p`, escapes undone, as UTF-8: the
    /// text and its length, valid until the next call. A lone surrogate becomes U+FFFD.
    mutating func unescapeJSON(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UnsafePointer<UInt8>, Int) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(n)
        var i = 0
        func hex4(_ at: Int) -> UInt32 {
            (0..<4).reduce(0) { $0 << 4 | (JSONLinesChunkReader.hexValue(p[at + $1]) ?? 0) }
        }
        while i < n {
            let byte = p[i]
            guard byte == 0x5C else {
                bytes.append(byte)
                i += 1
                continue
            }
            let code = p[i + 1]
            i += 2
            switch code {
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(i)
                i += 4
                if scalar >= 0xD800, scalar < 0xDC00, i + 6 <= n, p[i] == 0x5C, p[i + 1] == UInt8(ascii: "u") {
                    let low = hex4(i + 2)
                    if low >= 0xDC00, low < 0xE000 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                let value = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                bytes.append(contentsOf: Array(String(Character(value)).utf8))
            default: bytes.append(code)
            }
        }
        return bytes.withUnsafeBufferPointer { text in
            guard let start = text.baseAddress else { return copy(p, 0) }
            return copy(start, text.count)
        }
    }
}
