/// Checks that no key value appears twice, once the whole key column is read.
struct DuplicateKeyCheck {
    let path: String
    let limit: Int
    /// Table rows before which a blank line was skipped, ascending: to turn table rows
    /// back into file rows.
    let blankRows: [Int]

    /// The 1-based file row of table row `row`.
    func fileRow(_ row: Int) -> Int {
        // Blank lines skipped before or at this row: the first index past `row`.
        var low = 0, high = blankRows.count
        while low < high {
            let mid = (low + high) / 2
            if blankRows[mid] <= row { low = mid + 1 } else { high = mid }
        }
        return row + 1 + low
    }

    /// The duplicates in the key column `buffer` (rows that failed to read are left out),
    /// at most `limit`.
    func run(_ buffer: ColumnBuffer, rows: Int, dictionary: [String]) -> DataErrors {
        let spec = buffer.spec
        let validity = buffer.validityFlags
        var errors: [DataError] = []
        var truncated = false
        func report(_ row: Int, first: Int, _ text: @autoclosure () -> String) -> Bool {
            guard errors.count < limit else {
                truncated = true
                return false
            }
            errors.append(DataError(
                path: path, row: fileRow(row), column: spec.name,
                message: DataErrorMessage.duplicateKey(text(), firstRow: fileRow(first))))
            return true
        }
        func isValid(_ row: Int) -> Bool { validity.isEmpty || validity[row] }

        switch spec.type.base {
        case .string, .category:
            let codes = buffer.int32Values
            let names: [String]
            if case .category(let values) = spec.type.base { names = values } else { names = dictionary }
            var firstRow = [Int32](repeating: -1, count: names.count)
            for row in 0..<rows where isValid(row) {
                let code = Int(codes[row])
                if firstRow[code] < 0 {
                    firstRow[code] = Int32(row)
                } else if !report(row, first: Int(firstRow[code]), names[code]) {
                    break
                }
            }
        case .int, .money, .date, .bool, .decimal:
            var firstRow: [Int64: Int] = [:]
            firstRow.reserveCapacity(rows)
            for row in 0..<rows where isValid(row) {
                let key = keyValue(buffer, row)
                if let first = firstRow[key] {
                    if !report(row, first: first, text(buffer, row)) { break }
                } else {
                    firstRow[key] = row
                }
            }
        }
        return DataErrors(errors: errors, truncated: truncated)
    }

    /// The value of row `row` as 64 bits that are equal exactly when the values are.
    private func keyValue(_ buffer: ColumnBuffer, _ row: Int) -> Int64 {
        switch buffer.spec.kind {
        case .int, .money: return buffer.int64Values[row]
        case .date, .string, .category: return Int64(buffer.int32Values[row])
        case .bool: return buffer.boolValues[row] ? 1 : 0
        case .decimal:
            let value = buffer.doubleValues[row]
            return Int64(bitPattern: (value == 0 ? 0 : value).bitPattern)
        }
    }

    /// The value of row `row` as text, for messages.
    private func text(_ buffer: ColumnBuffer, _ row: Int) -> String {
        switch buffer.spec.kind {
        case .int: return String(buffer.int64Values[row])
        case .money: return Self.moneyText(buffer.int64Values[row])
        case .date: return CivilDate(days: buffer.int32Values[row]).description
        case .bool: return buffer.boolValues[row] ? "true" : "false"
        case .decimal: return String(buffer.doubleValues[row])
        case .string, .category: return String(buffer.int32Values[row])
        }
    }

    /// An amount scaled by 10 000 as plain decimal text (`-1234.5`).
    static func moneyText(_ scaled: Int64) -> String {
        let magnitude = scaled.magnitude
        var text = String(magnitude / 10_000)
        var fraction = String(magnitude % 10_000)
        if fraction != "0" {
            fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return scaled < 0 ? "-" + text : text
    }
}
