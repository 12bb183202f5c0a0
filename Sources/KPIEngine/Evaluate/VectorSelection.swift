import KPILanguage

/// Moving rows: keeping some rows of a column (a source's `where`, a breakdown group) and
/// choosing each row from one of two columns (`if`, `coalesce`).
extension ColumnVector {
    /// The rows at `rows`, in that order.
    func gathered(_ rows: [Int32]) -> ColumnVector {
        let n = rows.count
        @inline(__always) func pick<T>(_ values: [T]) -> [T] {
            values.withUnsafeBufferPointer { v in mapLane(.array(rows), count: n) { v[Int($0)] } }
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

    /// `take[i] ? x[i] : y[i]`.
    @inline(__always)
    static func zip3<T>(_ take: [Bool], _ x: Lane<T>, _ y: Lane<T>, count: Int) -> [T] {
        take.withUnsafeBufferPointer { t in
            switch (x, y) {
            case (.array(let xs), .array(let ys)):
                return xs.withUnsafeBufferPointer { xp in
                    ys.withUnsafeBufferPointer { yp in
                        [T](unsafeUninitializedCapacity: count) { out, n in
                            for i in 0..<count { out.initializeElement(at: i, to: t[i] ? xp[i] : yp[i]) }
                            n = count
                        }
                    }
                }
            case (.array(let xs), .constant(let yv)):
                return xs.withUnsafeBufferPointer { xp in
                    [T](unsafeUninitializedCapacity: count) { out, n in
                        for i in 0..<count { out.initializeElement(at: i, to: t[i] ? xp[i] : yv) }
                        n = count
                    }
                }
            case (.constant(let xv), .array(let ys)):
                return ys.withUnsafeBufferPointer { yp in
                    [T](unsafeUninitializedCapacity: count) { out, n in
                        for i in 0..<count { out.initializeElement(at: i, to: t[i] ? xv : yp[i]) }
                        n = count
                    }
                }
            case (.constant(let xv), .constant(let yv)):
                return [T](unsafeUninitializedCapacity: count) { out, n in
                    for i in 0..<count { out.initializeElement(at: i, to: t[i] ? xv : yv) }
                    n = count
                }
            }
        }
    }
}
