#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The distinct values of a `string` column, each kept once: maps the bytes of a value to
/// its code (its index in ``strings``), adding values it has not seen.
///
/// An interner belongs to one thread at a time: each chunk of a parallel read fills its
/// own, and they are merged only after the chunks are done.
final class StringInterner: @unchecked Sendable {
    /// Everything mutable, behind a constant pointer: the loops then reach it without the
    /// dynamic exclusivity checks a class's `var`s would cost on every access.
    private let state: UnsafeMutablePointer<State>

    private struct State {
        /// The distinct values, by code.
        var strings: [String] = []
        /// The bytes of every value, back to back; value `c` is `arena[starts[c] ..< starts[c + 1]]`.
        var arena: UnsafeMutablePointer<UInt8>
        var arenaCapacity: Int
        var starts: UnsafeMutablePointer<Int>
        /// Room in `starts` (values + 1).
        var startsCapacity: Int
        /// Open addressing, at most half full: each slot holds the high 32 bits of the
        /// value's hash and its code + 1 (0: empty), so a probe rarely touches the arena.
        var slots: UnsafeMutablePointer<UInt64>
        var mask: Int
    }

    /// An empty interner with room for about `expected` distinct values before it grows.
    ///
    /// The table is zeroed memory from `calloc`, which the system hands out as untouched
    /// pages: room that a column with few distinct values never uses costs no memory.
    init(expected: Int = 16) {
        var size = 64
        while size < expected * 2 { size *= 2 }
        let slots = Self.zeroedSlots(size)
        let starts = UnsafeMutablePointer<Int>.allocate(capacity: 64)
        starts[0] = 0
        state = .allocate(capacity: 1)
        state.initialize(to: State(
            arena: .allocate(capacity: 256), arenaCapacity: 256,
            starts: starts, startsCapacity: 64, slots: slots, mask: size - 1))
    }

    deinit {
        state.pointee.arena.deallocate()
        state.pointee.starts.deallocate()
        free(state.pointee.slots)
        state.deinitialize(count: 1)
        state.deallocate()
    }

    private static func zeroedSlots(_ count: Int) -> UnsafeMutablePointer<UInt64> {
        guard let memory = calloc(count, MemoryLayout<UInt64>.stride) else {
            fatalError("out of memory for \(count) string slots")
        }
        return memory.assumingMemoryBound(to: UInt64.self)
    }

    /// The distinct values, by code.
    var strings: [String] { state.pointee.strings }

    /// The number of distinct values.
    var count: Int { state.pointee.strings.count }

    @inline(__always)
    private static func slotValue(_ hash: UInt64, _ code: Int) -> UInt64 {
        (hash & 0xFFFF_FFFF_0000_0000) | UInt64(code + 1)
    }

    /// The code of a value, or -1 when it has not been seen.
    @inline(__always)
    func lookup(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        let hash = ByteHash.hash(p, n)
        let (code, _) = probe(p, n, hash)
        return Int32(code)
    }

    /// The code of the value with these bytes, or -1 and the empty slot where it goes.
    @inline(__always)
    private func probe(_ p: UnsafePointer<UInt8>, _ n: Int, _ hash: UInt64) -> (code: Int, slot: Int) {
        let s = state
        let slots = s.pointee.slots, mask = s.pointee.mask
        let high = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let value = slots[slot]
            if value == 0 { return (-1, slot) }
            if value & 0xFFFF_FFFF_0000_0000 == high {
                let code = Int(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1
                if matches(code, p, n) { return (code, slot) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The code of a value, adding it if new; nil when the bytes are not valid UTF-8.
    @inline(__always)
    func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
        let hash = ByteHash.hash(p, n)
        let (code, slot) = probe(p, n, hash)
        if code >= 0 { return Int32(code) }
        guard let string = Self.string(p, n) else { return nil }
        return insert(p, n, string, hash: hash, slot: slot)
    }

    /// The bytes as a string, or nil when they are not valid UTF-8.
    private static func string(_ p: UnsafePointer<UInt8>, _ n: Int) -> String? {
        let bytes = UnsafeBufferPointer(start: p, count: n)
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        let decoded = String(decoding: bytes, as: UTF8.self)
        // Decoding repairs bad UTF-8 with U+FFFD; valid text comes back byte for byte.
        return decoded.utf8.elementsEqual(bytes) ? decoded : nil
    }

    /// Adds a value the table does not hold, at the empty `slot` its probe ended on.
    @inline(never)
    private func insert(_ p: UnsafePointer<UInt8>, _ n: Int, _ string: String, hash: UInt64, slot: Int) -> Int32 {
        let s = state
        let code = s.pointee.strings.count
        s.pointee.strings.append(string)
        if code + 2 > s.pointee.startsCapacity {
            let capacity = s.pointee.startsCapacity * 2
            let grown = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
            grown.update(from: s.pointee.starts, count: code + 1)
            s.pointee.starts.deallocate()
            s.pointee.starts = grown
            s.pointee.startsCapacity = capacity
        }
        let start = s.pointee.starts[code]
        if start + n > s.pointee.arenaCapacity {
            let capacity = max(s.pointee.arenaCapacity * 2, start + n)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: s.pointee.arena, count: start)
            s.pointee.arena.deallocate()
            s.pointee.arena = grown
            s.pointee.arenaCapacity = capacity
        }
        (s.pointee.arena + start).update(from: p, count: n)
        s.pointee.starts[code + 1] = start + n
        s.pointee.slots[slot] = Self.slotValue(hash, code)
        if (code + 1) * 2 > s.pointee.mask + 1 { grow() }
        return Int32(code)
    }

    /// Doubles the table, keeping it at most half full.
    private func grow() {
        let s = state
        let newMask = s.pointee.mask * 2 + 1
        let newSlots = Self.zeroedSlots(newMask + 1)
        let arena = s.pointee.arena, starts = s.pointee.starts
        for code in 0..<s.pointee.strings.count {
            let hash = ByteHash.hash(arena + starts[code], starts[code + 1] - starts[code])
            var slot = Int(truncatingIfNeeded: hash) & newMask
            while newSlots[slot] != 0 { slot = (slot + 1) & newMask }
            newSlots[slot] = Self.slotValue(hash, code)
        }
        free(s.pointee.slots)
        s.pointee.slots = newSlots
        s.pointee.mask = newMask
    }

    /// Whether value `code` has exactly these bytes.
    @inline(__always)
    func matches(_ code: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let starts = state.pointee.starts
        let start = starts[code]
        return ByteHash.equal(state.pointee.arena + start, starts[code + 1] - start, p, n)
    }

    /// The bytes of value `code`.
    @inline(__always)
    private func bytes(_ code: Int) -> (UnsafePointer<UInt8>, Int) {
        let starts = state.pointee.starts
        return (UnsafePointer(state.pointee.arena + starts[code]), starts[code + 1] - starts[code])
    }

    /// Joins the dictionaries of the chunks of one column: every distinct value once, in
    /// order of first appearance, and for each chunk the global code of each of its codes.
    ///
    /// Each chunk's values are looked up in the tables of the chunks before it, on all
    /// cores (the tables are only read); new values are then numbered in order.
    static func merge(_ chunks: [StringInterner]) -> (strings: [String], maps: [[Int32]]) {
        guard let first = chunks.first else { return ([], []) }
        var strings = first.strings
        var maps: [[Int32]] = [(0..<Int32(first.count)).map { $0 }]
        guard chunks.count > 1 else { return (strings, maps) }
        // For each later chunk and value: (earlier chunk, its code) of the first match, or
        // (-1, -1). Split into pieces of about 64k values for the cores.
        var pieces: [(chunk: Int, range: Range<Int>)] = []
        for k in 1..<chunks.count {
            var start = 0
            while start < chunks[k].count {
                let end = min(chunks[k].count, start + 65_536)
                pieces.append((k, start..<end))
                start = end
            }
        }
        let found = ParallelWork.map(pieces.count) { i -> [(Int32, Int32)] in
            let (k, range) = pieces[i]
            return range.map { code in
                let (p, n) = chunks[k].bytes(code)
                let hash = ByteHash.hash(p, n)
                for j in 0..<k {
                    let (match, _) = chunks[j].probe(p, n, hash)
                    if match >= 0 { return (Int32(j), Int32(match)) }
                }
                return (-1, -1)
            }
        }
        var piece = 0
        for k in 1..<chunks.count {
            let local = chunks[k].strings
            var map = [Int32](repeating: 0, count: local.count)
            while piece < pieces.count, pieces[piece].chunk == k {
                for (offset, (j, code)) in found[piece].enumerated() {
                    let index = pieces[piece].range.lowerBound + offset
                    if j >= 0 {
                        map[index] = maps[Int(j)][Int(code)]
                    } else {
                        map[index] = Int32(strings.count)
                        strings.append(local[index])
                    }
                }
                piece += 1
            }
            maps.append(map)
        }
        return (strings, maps)
    }
}
