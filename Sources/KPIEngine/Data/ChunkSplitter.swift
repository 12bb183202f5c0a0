/// Cuts the body of a data file into chunks of whole records, and counts the records of
/// each, so that every chunk can be parsed on its own core straight into its rows.
///
/// A record ends at a newline outside double quotes. "Outside" is decided by the parity
/// of the `"` bytes before it: in well-formed CSV every quote is part of an opening,
/// closing or doubled pair, and the CSV reader ends its records by the same rule even
/// in malformed files, so a parallel read agrees with a serial one. JSON Lines has no
/// raw newlines inside strings: every newline ends a record.
enum ChunkSplitter {
    /// Counts of one stretch of bytes, by the quote parity of the newlines relative to the
    /// stretch's start.
    private struct Counts {
        var quotes = 0
        var evenNewlines = 0
        var oddNewlines = 0
    }

    private static func count(_ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int, quoteAware: Bool) -> Counts {
        var counts = Counts()
        var parity = 0
        var p = UnsafeRawPointer(base + from)
        let end = UnsafeRawPointer(base + to)
        let newline = SIMD16<UInt8>(repeating: 0x0A), quote = SIMD16<UInt8>(repeating: 0x22)
        let zero = SIMD16<UInt8>(), one = SIMD16<UInt8>(repeating: 1)
        // Newlines are summed in byte lanes (each lane gains at most 4 a block) and the
        // lanes added up before any can overflow: 63 blocks at most.
        var lanes = SIMD16<UInt8>()
        var blocks = 0
        func flush() {
            let total = Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
            if parity == 0 { counts.evenNewlines += total } else { counts.oddNewlines += total }
            lanes = zero
            blocks = 0
        }
        while end - p >= 64 {
            let v0 = p.loadUnaligned(as: SIMD16<UInt8>.self)
            let v1 = p.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self)
            let v2 = p.loadUnaligned(fromByteOffset: 32, as: SIMD16<UInt8>.self)
            let v3 = p.loadUnaligned(fromByteOffset: 48, as: SIMD16<UInt8>.self)
            let quotes = zero.replacing(with: one, where: (v0 .== quote) .| (v1 .== quote) .| (v2 .== quote) .| (v3 .== quote))
            // (Tested as two words: `any` on a mask is an out-of-line reduction.)
            let words = unsafeBitCast(quotes, to: SIMD2<UInt64>.self)
            if quoteAware, words[0] | words[1] != 0 {
                flush()
                let bytes = p.assumingMemoryBound(to: UInt8.self)
                for j in 0..<64 { step(bytes[j], &parity, &counts) }
            } else {
                lanes &+= zero.replacing(with: one, where: v0 .== newline)
                lanes &+= zero.replacing(with: one, where: v1 .== newline)
                lanes &+= zero.replacing(with: one, where: v2 .== newline)
                lanes &+= zero.replacing(with: one, where: v3 .== newline)
                blocks += 1
                if blocks == 63 { flush() }
            }
            p += 64
        }
        flush()
        let bytes = p.assumingMemoryBound(to: UInt8.self)
        for j in 0..<(end - p) {
            if quoteAware {
                step(bytes[j], &parity, &counts)
            } else if bytes[j] == 0x0A {
                counts.evenNewlines += 1
            }
        }
        return counts
    }

    @inline(__always)
    private static func step(_ byte: UInt8, _ parity: inout Int, _ counts: inout Counts) {
        if byte == 0x22 {
            parity ^= 1
            counts.quotes += 1
        } else if byte == 0x0A {
            if parity == 0 { counts.evenNewlines += 1 } else { counts.oddNewlines += 1 }
        }
    }

    /// The position just past the first record newline at or after `p`, where the quote
    /// parity at `p` is `parity`; `end` if there is none.
    static func recordEnd(_ p: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, parity: Int) -> UnsafePointer<UInt8> {
        var parity = parity
        var q = p
        while q < end {
            let byte = q.pointee
            if byte == 0x0A {
                if parity == 0 { return q + 1 }
            } else if byte == 0x22 {
                parity ^= 1
            }
            q += 1
        }
        return end
    }

    /// The position just past the first newline at or after `p`; `end` if there is none.
    static func lineEnd(_ p: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        var q = p
        while q < end {
            if q.pointee == 0x0A { return q + 1 }
            q += 1
        }
        return end
    }

    /// Splits `start ..< end` into at most `count` chunks of whole records (fewer when the
    /// records are long), counting the records of each on all cores.
    static func split(
        _ base: UnsafePointer<UInt8>, start: Int, end: Int, count: Int, quoteAware: Bool
    ) -> [Chunk] {
        let count = max(1, min(count, end - start))
        let cuts = (0...count).map { start + (end - start) / count * $0 + min($0, (end - start) % count) }
        let counts = ParallelWork.map(count) { k in
            Self.count(base, cuts[k], cuts[k + 1], quoteAware: quoteAware)
        }
        // Parity at each cut, and record newlines before it.
        var parity = [0]
        var newlinesBefore = [0]
        for k in 0..<count {
            let c = counts[k]
            let records = parity[k] == 0 ? c.evenNewlines : c.oddNewlines
            parity.append(parity[k] ^ (c.quotes & 1))
            newlinesBefore.append(newlinesBefore[k] + records)
        }
        let total = newlinesBefore[count]
        // Each chunk after the first starts after the first record newline past its cut.
        var starts = [start]
        var recordsBefore = [0]
        for k in 1..<count {
            var boundary = quoteAware
                ? recordEnd(base + cuts[k], end: base + end, parity: parity[k]) - base
                : lineEnd(base + cuts[k], end: base + end) - base
            var before = boundary == end ? total : newlinesBefore[k] + 1
            if boundary < starts[k - 1] || before < recordsBefore[k - 1] {
                boundary = starts[k - 1]
                before = recordsBefore[k - 1]
            }
            starts.append(boundary)
            recordsBefore.append(before)
        }
        starts.append(end)
        recordsBefore.append(total)
        var chunks: [Chunk] = []
        for k in 0..<count {
            chunks.append(Chunk(
                start: starts[k], end: starts[k + 1],
                records: recordsBefore[k + 1] - recordsBefore[k], firstRecord: recordsBefore[k]))
        }
        // A last record without a record newline (no final newline, or a quote left open).
        let endsWithRecordNewline = end > start && base[end - 1] == 0x0A && parity[count] == 0
        if end > start, !endsWithRecordNewline, let last = chunks.lastIndex(where: { $0.end > $0.start }) {
            chunks[last].records += 1
        }
        return chunks.filter { $0.end > $0.start }
    }
}
