import KPILanguage

/// Moving rows: keeping some rows of a column (a source's `where`, a breakdown group) and
/// choosing each row from one of two columns (`if`, `coalesce`).
extension ColumnVector {
    /// The rows at `rows`, in that order.
    func gathered(_ rows: [Int32]) -> ColumnVector {
        rows.withUnsafeBufferPointer { gathered($0) }
    }

    /// The rows at `rows` (a part of a source's selection), in that order.
    func gathered(_ rows: ArraySlice<Int32>) -> ColumnVector {
        rows.withUnsafeBufferPointer { gathered($0) }
    }

    private func gathered(_ rows: UnsafeBufferPointer<Int32>) -> ColumnVector {
        let n = rows.count
        @inline(__always) func pick<T>(_ values: [T]) -> [T] {
            values.withUnsafeBufferPointer { v in
                [T](unsafeUninitializedCapacity: n) { out, initialized in
                    for i in 0..<n { out.initializeElement(at: i, to: v[Int(rows[i])]) }
                    initialized = n
                }
            }
        }
        let validity = self.validity.map(pick)
        switch values {
        case .int(let v): return ColumnVector(.int(pick(v)), validity: validity, count: n)
        case .number(let v): return ColumnVector(.number(pick(v)), validity: validity, count: n)
        case .money(let v, let currency): return ColumnVector(.money(pick(v), currency: currency), validity: validity, count: n)
        case .approximateMoney(let v, let currency): return ColumnVector(.approximateMoney(pick(v), currency: currency), validity: validity, count: n)
        case .bool(let v): return ColumnVector(.bool(pick(v)), validity: validity, count: n)
        case .date(let v): return ColumnVector(.date(pick(v)), validity: validity, count: n)
        case .string(let codes, let dictionary): return ColumnVector(.string(codes: pick(codes), dictionary: dictionary), validity: validity, count: n)
        case .constant(let value): return .constant(value, count: n)
        }
    }
}

extension ColumnVector {
    /// The parts one after the other, or nil when they do not share one representation
    /// (strings with different dictionaries, say).
    static func concatenated(_ parts: [ColumnVector], type: ValueType) -> ColumnVector? {
        let count = parts.reduce(0) { $0 + $1.count }
        if let first = parts.first?.constantValue, parts.allSatisfy({ $0.constantValue == first }) {
            return .constant(first, count: count)
        }
        let materialized = parts.map { $0.constantValue != nil ? $0.materialized(as: type) : $0 }
        let validity: [Bool]? = materialized.contains { $0.validity != nil }
            ? materialized.flatMap { $0.validity ?? [Bool](repeating: true, count: $0.count) } : nil
        func join<T>(_ extract: (ColumnVector.Values) -> [T]?) -> [T]? {
            var all: [T] = []
            all.reserveCapacity(count)
            for part in materialized {
                guard let values = extract(part.values) else { return nil }
                all += values
            }
            return all
        }
        let values: Values?
        switch materialized.first?.values {
        case .int?: values = join { if case .int(let v) = $0 { v } else { nil } }.map { .int($0) }
        case .number?: values = join { if case .number(let v) = $0 { v } else { nil } }.map { .number($0) }
        case .money(_, let currency)?: values = join { if case .money(let v, _) = $0 { v } else { nil } }.map { .money($0, currency: currency) }
        case .approximateMoney(_, let currency)?: values = join { if case .approximateMoney(let v, _) = $0 { v } else { nil } }.map { .approximateMoney($0, currency: currency) }
        case .bool?: values = join { if case .bool(let v) = $0 { v } else { nil } }.map { .bool($0) }
        case .date?: values = join { if case .date(let v) = $0 { v } else { nil } }.map { .date($0) }
        default: values = nil
        }
        return values.map { ColumnVector($0, validity: validity, count: count) }
    }
}

enum VectorSelection {
    /// Row `i` from `a` where `take[i]`, else from `b`, in the representation of `type`.
    static func choose(_ take: [Bool], _ a: ColumnVector, _ b: ColumnVector, type: ValueType) -> ColumnVector {
        let count = a.count
        var a = a.converted(to: type)
        var b = b.converted(to: type)
        if a.isNullConstant, b.isNullConstant { return a }
        // Money: exact only when both sides are.
        if case .money = type, a.numericKind == .approximateMoney || b.numericKind == .approximateMoney {
            a = a.approximated()
            b = b.approximated()
        }
        let validity: [Bool]?
        switch (a.validityLane, b.validityLane) {
        case (.constant(true), .constant(true)): validity = nil
        case let (x, y): validity = zip3(take, x, y, count: count)
        }
        let values: ColumnVector.Values
        switch type {
        case .int:
            values = .int(zip3(take, a.intLane ?? .constant(0), b.intLane ?? .constant(0), count: count))
        case .money(let currency):
            if a.numericKind != .approximateMoney, b.numericKind != .approximateMoney,
               let x = a.isNullConstant ? .constant(0) : a.scaledLane, let y = b.isNullConstant ? .constant(0) : b.scaledLane {
                values = .money(zip3(take, x, y, count: count), currency: currency)
            } else {
                values = .approximateMoney(zip3(take, a.doubleLane ?? .constant(0), b.doubleLane ?? .constant(0), count: count), currency: currency)
            }
        case .bool:
            values = .bool(zip3(take, a.boolLane ?? .constant(false), b.boolLane ?? .constant(false), count: count))
        case .date:
            values = .date(zip3(take, a.dateLane ?? .constant(0), b.dateLane ?? .constant(0), count: count))
        case .string, .category:
            let (x, dx) = stringLane(a)
            let (y, dy) = stringLane(b)
            let offset = Int32(dx.count)
            let shifted: Lane<Int32>
            switch y {
            case .array(let codes): shifted = .array(mapLane(.array(codes), count: count) { $0 + offset })
            case .constant(let code): shifted = .constant(code + offset)
            }
            values = .string(codes: zip3(take, x, shifted, count: count), dictionary: dx + dy)
        default:
            values = .number(zip3(take, a.doubleLane ?? .constant(0), b.doubleLane ?? .constant(0), count: count))
        }
        return ColumnVector(values, validity: validity, count: count)
    }

    private static func stringLane(_ v: ColumnVector) -> (Lane<Int32>, [String]) {
        switch v.values {
        case .string(let codes, let dictionary): return (.array(codes), dictionary)
        case .constant(.string(let text)): return (.constant(0), [text])
        default: return (.constant(0), [""])
        }
    }

    /// `take[i] ? x[i] : y[i]`, without a branch per row for the fixed-width types the
    /// engine stores (a bit mask picks each row).
    @inline(__always)
    static func zip3<T>(_ take: [Bool], _ x: Lane<T>, _ y: Lane<T>, count: Int) -> [T] {
        switch MemoryLayout<T>.stride {
        case 8: return blend(take, x, y, count: count, word: UInt64.self)
        case 4: return blend(take, x, y, count: count, word: UInt32.self)
        case 1: return blend(take, x, y, count: count, word: UInt8.self)
        default:
            let a = mapLane(x, count: count) { $0 }
            let b = mapLane(y, count: count) { $0 }
            return (0..<count).map { take[$0] ? a[$0] : b[$0] }
        }
    }

    @inline(__always)
    private static func blend<T, W: FixedWidthInteger & UnsignedInteger>(
        _ take: [Bool], _ x: Lane<T>, _ y: Lane<T>, count: Int, word: W.Type
    ) -> [T] {
        guard count > 0 else { return [] }
        return [T](unsafeUninitializedCapacity: count) { out, initialized in
            // Raw loads and stores: always legal, whatever type the memory is bound to.
            guard let start = out.baseAddress else {
                initialized = 0
                return
            }
            let o = UnsafeMutableRawPointer(start)
            let size = MemoryLayout<W>.stride
            take.withUnsafeBytes { t in
                switch (x, y) {
                case (.array(let xs), .array(let ys)):
                    xs.withUnsafeBytes { xr in
                        ys.withUnsafeBytes { yr in
                            for i in 0..<count {
                                let m = W(0) &- W(t[i])
                                let a = xr.load(fromByteOffset: i &* size, as: W.self)
                                let b = yr.load(fromByteOffset: i &* size, as: W.self)
                                o.storeBytes(of: (a & m) | (b & ~m), toByteOffset: i &* size, as: W.self)
                            }
                        }
                    }
                case (.array(let xs), .constant(let yv)):
                    let b = withUnsafeBytes(of: yv) { $0.loadUnaligned(as: W.self) }
                    xs.withUnsafeBytes { xr in
                        for i in 0..<count {
                            let m = W(0) &- W(t[i])
                            let a = xr.load(fromByteOffset: i &* size, as: W.self)
                            o.storeBytes(of: (a & m) | (b & ~m), toByteOffset: i &* size, as: W.self)
                        }
                    }
                case (.constant(let xv), .array(let ys)):
                    let a = withUnsafeBytes(of: xv) { $0.loadUnaligned(as: W.self) }
                    ys.withUnsafeBytes { yr in
                        for i in 0..<count {
                            let m = W(0) &- W(t[i])
                            let b = yr.load(fromByteOffset: i &* size, as: W.self)
                            o.storeBytes(of: (a & m) | (b & ~m), toByteOffset: i &* size, as: W.self)
                        }
                    }
                case (.constant(let xv), .constant(let yv)):
                    let a = withUnsafeBytes(of: xv) { $0.loadUnaligned(as: W.self) }
                    let b = withUnsafeBytes(of: yv) { $0.loadUnaligned(as: W.self) }
                    for i in 0..<count {
                        let m = W(0) &- W(t[i])
                        o.storeBytes(of: (a & m) | (b & ~m), toByteOffset: i &* size, as: W.self)
                    }
                }
            }
            initialized = count
        }
    }
}
