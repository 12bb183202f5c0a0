/// Key lookups between rows, built once per evaluation: the groups of a grouped source,
/// and which parent row each child row belongs to.
///
/// String keys are matched through their dictionaries (one hash per distinct value, not
/// per row); other keys through one hash table. Null keys belong to no group and no parent.
enum KeyIndex {
    /// The distinct non-null values of `keys` in order of first appearance, and the group of
    /// each row (-1 for a null key).
    static func group(_ keys: ColumnVector) -> Grouping {
        let count = keys.count
        var groupOf = [Int32](repeating: -1, count: count)
        var firstRows: [Int32] = []
        let validity = keys.validityArray()
        func assign<K: Hashable>(_ key: (Int) -> K) {
            var groups: [K: Int32] = [:]
            for i in 0..<count where validity?[i] ?? true {
                let k = key(i)
                if let g = groups[k] {
                    groupOf[i] = g
                } else {
                    let g = Int32(firstRows.count)
                    groups[k] = g
                    groupOf[i] = g
                    firstRows.append(Int32(i))
                }
            }
        }
        switch keys.values {
        case .string(let codes, let dictionary):
            // One slot per distinct string (a merged dictionary may repeat one).
            let canonical = canonicalCodes(dictionary)
            var slot = [Int32](repeating: -1, count: dictionary.count)
            for i in 0..<count where validity?[i] ?? true {
                let code = Int(canonical[Int(codes[i])])
                if slot[code] < 0 {
                    slot[code] = Int32(firstRows.count)
                    firstRows.append(Int32(i))
                }
                groupOf[i] = slot[code]
            }
        case .int(let v), .money(let v, _): assign { v[$0] }
        case .date(let v): assign { v[$0] }
        case .bool(let v): assign { v[$0] }
        case .number(let v), .approximateMoney(let v, _): assign { v[$0] == 0 ? 0 : v[$0].bitPattern }
        case .constant(let value):
            if !value.isNull, count > 0 {
                groupOf = [Int32](repeating: 0, count: count)
                firstRows = [0]
            }
        }
        return Grouping(groupOf: groupOf, groupCount: firstRows.count, keys: keys.gathered(firstRows))
    }

    /// For each row of `foreignKeys`, the row of `keys` holding the same value (the first,
    /// if several do), or -1.
    static func link(_ foreignKeys: ColumnVector, to keys: ColumnVector) -> [Int32] {
        let count = foreignKeys.count
        let childValid = foreignKeys.validityArray()
        let parentValid = keys.validityArray()
        switch (foreignKeys.values, keys.values) {
        case (.string(let childCodes, let childDictionary), .string(let parentCodes, let parentDictionary)):
            var rowOfCode = [Int32](repeating: -1, count: parentDictionary.count)
            for i in stride(from: keys.count - 1, through: 0, by: -1) where parentValid?[i] ?? true {
                rowOfCode[Int(parentCodes[i])] = Int32(i)
            }
            var rowOfText: [String: Int32] = [:]
            for (code, text) in parentDictionary.enumerated() where rowOfCode[code] >= 0 {
                if let existing = rowOfText[text], existing < rowOfCode[code] { continue }
                rowOfText[text] = rowOfCode[code]
            }
            let table = childDictionary.map { rowOfText[$0] ?? -1 }
            var result = VectorComparison.lookup(childCodes, table)
            if let childValid { for i in 0..<count where !childValid[i] { result[i] = -1 } }
            return result
        case (.int(let x), .int(let y)), (.money(let x, _), .money(let y, _)):
            return hashed(count, childValid, { x[$0] }, keys.count, parentValid, { y[$0] })
        case (.date(let x), .date(let y)):
            return hashed(count, childValid, { x[$0] }, keys.count, parentValid, { y[$0] })
        default:
            // Keys of different types: match on their text.
            return hashed(count, childValid, { foreignKeys.scalar(at: $0).text }, keys.count, parentValid, { keys.scalar(at: $0).text })
        }
    }

    private static func hashed<K: Hashable>(
        _ count: Int, _ childValid: [Bool]?, _ child: (Int) -> K,
        _ parentCount: Int, _ parentValid: [Bool]?, _ parent: (Int) -> K
    ) -> [Int32] {
        var rowOf: [K: Int32] = [:]
        rowOf.reserveCapacity(parentCount)
        for i in 0..<parentCount where parentValid?[i] ?? true {
            let key = parent(i)
            if rowOf[key] == nil { rowOf[key] = Int32(i) }
        }
        var result = [Int32](repeating: -1, count: count)
        for i in 0..<count where childValid?[i] ?? true {
            result[i] = rowOf[child(i)] ?? -1
        }
        return result
    }

    /// For each dictionary entry, the first entry with the same text.
    static func canonicalCodes(_ dictionary: [String]) -> [Int32] {
        var first: [String: Int32] = [:]
        return dictionary.enumerated().map { code, text in
            if let existing = first[text] { return existing }
            first[text] = Int32(code)
            return Int32(code)
        }
    }
}
