import KPILanguage

/// The arrays of one column being read, allocated once for every row of the file so that
/// all chunks write straight into place and nothing is copied afterwards.
final class ColumnBuffer {
    let spec: ColumnSpec
    private var int64s: [Int64] = []
    private var doubles: [Double] = []
    private var int32s: [Int32] = []
    private var bools: [Bool] = []
    private var validity: [Bool] = []

    /// Arrays for `rows` rows, left uninitialised: every row is written before it is read.
    init(spec: ColumnSpec, rows: Int) {
        self.spec = spec
        switch spec.kind {
        case .int, .money: int64s = Self.uninitialized(rows)
        case .decimal: doubles = Self.uninitialized(rows)
        case .date, .string, .category: int32s = Self.uninitialized(rows)
        case .bool: bools = Self.uninitialized(rows)
        }
        if spec.tracksValidity { validity = Self.uninitialized(rows) }
    }

    /// An array of `count` elements whose memory is not written here, so its pages are
    /// first touched (and counted) by the thread that fills them. Large arrays ask for
    /// huge pages: a 2 MiB page faults in once where 512 small ones would fault one by one.
    private static func uninitialized<T: BitwiseCopyable>(_ count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress {
                HugePages.advise(UnsafeMutableRawPointer(base), byteCount: count * MemoryLayout<T>.stride)
            }
            initialized = count
        }
    }

    /// A pointer for empty arrays, which may have no storage; never written through.
    nonisolated(unsafe) private static let nowhere = UnsafeMutableRawPointer.allocate(byteCount: 16, alignment: 16)

    /// Runs `body` with sinks for all `buffers`, in order.
    static func withSinks<R>(_ buffers: [ColumnBuffer], _ body: (UnsafeBufferPointer<ColumnSink>) -> R) -> R {
        var sinks: [ColumnSink] = []
        sinks.reserveCapacity(buffers.count)
        func nest(_ i: Int) -> R {
            if i == buffers.count { return sinks.withUnsafeBufferPointer(body) }
            return buffers[i].withSink { sink in
                sinks.append(sink)
                return nest(i + 1)
            }
        }
        return nest(0)
    }

    private func withSink<R>(_ body: (ColumnSink) -> R) -> R {
        guard spec.tracksValidity else {
            return withValues { body(ColumnSink(values: $0, validity: nil)) }
        }
        return validity.withUnsafeMutableBufferPointer { validity in
            let flags = validity.baseAddress ?? Self.nowhere.assumingMemoryBound(to: Bool.self)
            return withValues { body(ColumnSink(values: $0, validity: flags)) }
        }
    }

    private func withValues<R>(_ body: (UnsafeMutableRawPointer) -> R) -> R {
        func raw<T>(_ buffer: UnsafeMutableBufferPointer<T>) -> UnsafeMutableRawPointer {
            buffer.baseAddress.map(UnsafeMutableRawPointer.init) ?? Self.nowhere
        }
        switch spec.kind {
        case .int, .money: return int64s.withUnsafeMutableBufferPointer { body(raw($0)) }
        case .decimal: return doubles.withUnsafeMutableBufferPointer { body(raw($0)) }
        case .date, .string, .category: return int32s.withUnsafeMutableBufferPointer { body(raw($0)) }
        case .bool: return bools.withUnsafeMutableBufferPointer { body(raw($0)) }
        }
    }

    // MARK: - Finishing

    /// Closes the gaps that skipped blank lines left: moves each run of rows
    /// (`from`, `count`) to `to`, in order, then cuts the arrays to `total` rows.
    func compact(_ runs: [(from: Int, to: Int, count: Int)], total: Int) {
        func apply<T>(_ array: inout [T]) {
            guard !array.isEmpty else { return }
            array.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                for run in runs where run.from != run.to && run.count > 0 {
                    UnsafeMutableRawPointer(base + run.to).copyMemory(
                        from: base + run.from, byteCount: run.count * MemoryLayout<T>.stride)
                }
            }
            array.removeLast(array.count - total)
        }
        apply(&int64s)
        apply(&doubles)
        apply(&int32s)
        apply(&bools)
        apply(&validity)
    }

    /// Rewrites the codes of rows `range` through `map` (string dictionaries merged across
    /// chunks); codes outside the map (rows that failed) become 0.
    func remapCodes(_ range: Range<Int>, _ map: [Int32]) {
        int32s.withUnsafeMutableBufferPointer { codes in
            map.withUnsafeBufferPointer { map in
                let mapCount = Int32(map.count)
                for row in range {
                    let code = codes[row]
                    codes[row] = code >= 0 && code < mapCount ? map[Int(code)] : 0
                }
            }
        }
    }

    /// The int64 values (int, money) for reading.
    var int64Values: [Int64] { int64s }
    /// The int32 values (date, string and category codes) for reading.
    var int32Values: [Int32] { int32s }
    /// The double values for reading.
    var doubleValues: [Double] { doubles }
    /// The bool values for reading.
    var boolValues: [Bool] { bools }
    /// The validity flags, empty when not tracked.
    var validityFlags: [Bool] { validity }

    /// The finished column; the buffer gives up its arrays. A validity array without a
    /// null is dropped; `dictionary` is the merged string dictionary for `string` columns.
    func finish(rows: Int, dictionary: [String]) -> Column {
        let storage: Column.Storage
        switch spec.type.base {
        case .int: storage = .int(take(&int64s))
        case .money(let currency): storage = .money(take(&int64s), currency: currency)
        case .decimal: storage = .decimal(take(&doubles))
        case .bool: storage = .bool(take(&bools))
        case .date: storage = .date(take(&int32s))
        case .string: storage = .string(codes: take(&int32s), dictionary: dictionary)
        case .category(let values): storage = .category(codes: take(&int32s), values: values)
        }
        let flags = take(&validity)
        return Column(name: spec.name, type: spec.type, storage: storage, validity: flags.contains(false) ? flags : nil, count: rows)
    }

    private func take<T>(_ array: inout [T]) -> [T] {
        let taken = array
        array = []
        return taken
    }
}
