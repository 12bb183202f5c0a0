@_spi(Testing) import KPIEngine
import Foundation
import KPILanguage

/// Short ways to read test data and look at the result.
enum DataTest {
    /// `money[JPY]`.
    static let yen = FieldType(.money(currency: "JPY"))

    /// A schema named `accounts` with these fields.
    static func schema(_ fields: [(String, FieldType)], key: String? = nil) -> TableSchema {
        TableSchema(name: "accounts", fields: fields.map { (name: $0.0, type: $0.1) }, key: key)
    }

    /// Reads CSV text (as `accounts.csv`), in `chunks` chunks.
    static func csv(
        _ text: String, _ schema: TableSchema, columns: Set<String>? = nil, maxErrors: Int = 20, chunks: Int = 1
    ) throws(DataErrors) -> Table {
        try TableReader.readCSV(
            bytes: Array(text.utf8), path: "accounts.csv", schema: schema, columns: columns,
            maxErrors: maxErrors, chunkCount: chunks)
    }

    /// Reads JSON Lines text (as `accounts.jsonl`), in `chunks` chunks.
    static func jsonLines(
        _ text: String, _ schema: TableSchema, columns: Set<String>? = nil, maxErrors: Int = 20, chunks: Int = 1
    ) throws(DataErrors) -> Table {
        try TableReader.readJSONLines(
            bytes: Array(text.utf8), path: "accounts.jsonl", schema: schema, columns: columns,
            maxErrors: maxErrors, chunkCount: chunks)
    }

    /// The error descriptions of a read that must fail (empty if it succeeded), and
    /// whether the list was cut short.
    static func errors(_ read: () throws(DataErrors) -> Table) -> (lines: [String], truncated: Bool) {
        do {
            _ = try read()
            return ([], false)
        } catch {
            return (error.errors.map(\.description), error.truncated)
        }
    }

    /// The values of a column as optional Swift values, nil for null rows, for comparing.
    static func values(_ table: Table, _ name: String) -> [String?] {
        guard let column = table.columns[name] else { return [] }
        func text(_ row: Int) -> String {
            switch column.storage {
            case .int(let values): return String(values[row])
            case .decimal(let values): return String(values[row])
            case .money(let values, _): return String(values[row])
            case .bool(let values): return String(values[row])
            case .date(let values): return String(values[row])
            case .string(let codes, let dictionary): return dictionary[Int(codes[row])]
            case .category(let codes, let values): return values[Int(codes[row])]
            }
        }
        return (0..<column.count).map { row in column.validity.map { $0[row] } ?? true ? text(row) : nil }
    }
}

/// Files for tests that read from disk.
enum Scratch {
    /// Writes `text` to `path`, creating its folder.
    static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Removes a folder and what it holds.
    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
