@_spi(Testing) import KPIEngine
import KPILanguage
import KPITestSupport
import Testing

/// Random text made of the pieces that matter to CSV and JSON Lines: whatever it is, a
/// read never crashes, and reads in any number of chunks agree.
@Suite("Data: random inputs")
struct RandomInputTests {
    private static let pieces = [
        ",", ",", "\n", "\n", "\r\n", "\r", "\"", "\"\"", " ", "1", "-7", "+3", "12.5", "0.0001", "2024-02-29",
        "2023-02-29", "true", "FALSE", "cms", "ma", "x", "日本", "\u{FEFF}", "", "99999999999999999999",
    ]
    private static let jsonPieces = [
        "{", "}", "\"", ":", ",", "\n", " ", "\"a\"", "\"b\"", "\"c\"", "1", "-2.5", "1e3", "null", "true",
        "[", "]", "\\", "\\u00e9", "\"2024-02-29\"", "\"cms\"",
    ]

    private let schemas = [
        DataTest.schema([("a", FieldType(.int, nullable: true)), ("b", FieldType(.date, nullable: true)), ("c", FieldType(.string, nullable: true))]),
        DataTest.schema([("a", FieldType(.category(["cms", "ma"]))), ("b", DataTest.yen), ("c", FieldType(.bool, nullable: true))], key: "b"),
        DataTest.schema([("a", FieldType(.decimal, nullable: true)), ("b", FieldType(.string)), ("c", FieldType(.int))], key: "b"),
    ]

    /// What a read gave, comparable across chunk counts.
    private func outcome(_ read: () throws(DataErrors) -> Table) -> [String] {
        do {
            let table = try read()
            return ["rows \(table.rowCount)"] + table.columns.keys.sorted().map { "\($0): \(DataTest.values(table, $0))" }
        } catch {
            return error.errors.map(\.description) + ["truncated \(error.truncated)"]
        }
    }

    @Test func csvReadsAgreeAcrossChunkCounts() {
        var random = SeededGenerator(seed: 42)
        for round in 0..<400 {
            let body = (0..<Int.random(in: 0...60, using: &random)).map { _ in random.pick(Self.pieces) }.joined()
            let header = random.pick(["a,b,c\n", "c,a,b\r\n", "b,x,a,c\n", "\u{FEFF}a,b,c\n"])
            let schema = schemas[round % schemas.count]
            let serial = outcome { () throws(DataErrors) in try DataTest.csv(header + body, schema, maxErrors: 5) }
            for chunks in [2, 3, 8] {
                let parallel = outcome { () throws(DataErrors) in try DataTest.csv(header + body, schema, maxErrors: 5, chunks: chunks) }
                #expect(parallel == serial, "round \(round), \(chunks) chunks: \(header + body)")
            }
        }
    }

    @Test func jsonLinesReadsAgreeAcrossChunkCounts() {
        var random = SeededGenerator(seed: 7)
        for round in 0..<400 {
            let text = (0..<Int.random(in: 0...50, using: &random)).map { _ in random.pick(Self.jsonPieces) }.joined()
            let schema = schemas[round % schemas.count]
            let serial = outcome { () throws(DataErrors) in try DataTest.jsonLines(text, schema, maxErrors: 5) }
            for chunks in [2, 5] {
                let parallel = outcome { () throws(DataErrors) in try DataTest.jsonLines(text, schema, maxErrors: 5, chunks: chunks) }
                #expect(parallel == serial, "round \(round), \(chunks) chunks: \(text)")
            }
        }
    }
}
