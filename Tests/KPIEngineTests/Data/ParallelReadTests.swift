@_spi(Testing) import KPIEngine
import Foundation
import KPILanguage
import KPITestSupport
import Testing

/// A read cut into chunks for several cores must give exactly what a single-chunk read
/// gives: the same columns, dictionaries and nulls, and the same errors at the same rows.
@Suite("Data: parallel reads equal serial reads")
struct ParallelReadTests {
    private let schema = DataTest.schema([
        ("id", FieldType(.string)),
        ("name", FieldType(.string)),
        ("product", FieldType(.category(["cms", "ma", "financing"]))),
        ("signup", FieldType(.date)),
        ("churned", FieldType(.date, nullable: true)),
        ("mrr", DataTest.yen),
        ("logins", FieldType(.int)),
        ("score", FieldType(.decimal, nullable: true)),
        ("active", FieldType(.bool)),
    ], key: "id")

    private static let names = ["Tanaka, Inc.", "say \"hi\"", "two\nlines", "株式会社さくら", "plain", "", "Ünïcødé"]

    /// About 3 MB of CSV: quoted fields with commas, quotes and newlines, CRLF and LF,
    /// blank lines, nulls, an ignored column; with `faults`, bad values, a short row and a
    /// repeated key too.
    private static func csv(rows: Int, faults: Bool, seed: UInt64) -> String {
        var random = SeededGenerator(seed: seed)
        var text = "note,id,name,product,signup,churned,mrr,logins,score,active\r\n"
        for i in 0..<rows {
            let name = random.pick(names)
            let quotedName = name.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) || name.isEmpty
                ? "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                : name
            let note = random.chance(0.1) ? "\"free, \"\"text\"\"\nhere\"" : "n\(i)"
            var id = "A\(i)"
            var mrr = "\(Int.random(in: 0...2_000_000, using: &random))" + (random.chance(0.3) ? ".5" : "")
            var logins = "\(Int.random(in: -5...300, using: &random))"
            let churned = random.chance(0.8) ? "" : "20\(Int.random(in: 10...25, using: &random))-0\(Int.random(in: 1...9, using: &random))-1\(Int.random(in: 0...9, using: &random))"
            let score = random.chance(0.3) ? "" : "\(Double(Int.random(in: -10000...10000, using: &random)) / 100)"
            if faults, i % 2999 == 7 { mrr = "\"¥1,200\"" }
            if faults, i % 4001 == 11 { logins = "many" }
            if faults, i == rows / 2 { id = "A3" }
            var line = [note, id, quotedName, random.pick(["cms", "ma", "financing"]), "2024-02-2\(Int.random(in: 1...9, using: &random))",
                churned, mrr, logins, score, random.pick(["true", "false", "1", "0", "TRUE"])].joined(separator: ",")
            if faults, i == rows / 3 { line = "A-short,row" }
            text += line + (random.chance(0.5) ? "\r\n" : "\n")
            if random.chance(0.01) { text += random.chance(0.5) ? "\n" : "\r\n" }
        }
        return text
    }

    /// The same rows as JSON Lines.
    private static func jsonLines(rows: Int, faults: Bool, seed: UInt64) -> String {
        var random = SeededGenerator(seed: seed)
        var text = ""
        for i in 0..<rows {
            let name = random.pick(names).replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
            var fields = [
                "\"id\": \"A\(i)\"", "\"name\": \"\(name)\"", "\"product\": \"\(random.pick(["cms", "ma", "financing"]))\"",
                "\"signup\": \"2024-02-2\(Int.random(in: 1...9, using: &random))\"",
                "\"mrr\": \(Int.random(in: 0...2_000_000, using: &random))", "\"logins\": \(Int.random(in: -5...300, using: &random))",
                "\"active\": \(random.pick(["true", "false"]))", "\"extra\": {\"a\": [1, \"}\"]}",
            ]
            if random.chance(0.5) { fields.append("\"score\": \(random.chance(0.5) ? "null" : "1.25")") }
            if faults, i % 3001 == 5 { fields[4] = "\"mrr\": \"12\"" }
            if faults, i == rows / 2 { fields[0] = "\"id\": \"A3\"" }
            text += "{" + fields.joined(separator: ", ") + "}" + (faults && i == rows / 3 ? " trailing" : "") + "\n"
            if random.chance(0.01) { text += "  \n" }
        }
        return text
    }

    @Test func csvWithoutErrors() throws {
        let bytes = Array(Self.csv(rows: 45_000, faults: false, seed: 1).utf8)
        #expect(bytes.count > 3_000_000)
        let serial = try TableReader.readCSV(bytes: bytes, path: "a.csv", schema: schema, chunkCount: 1)
        #expect(serial.rowCount == 45_000)
        for chunks in [2, 3, 4, 7, 16] {
            let parallel = try TableReader.readCSV(bytes: bytes, path: "a.csv", schema: schema, chunkCount: chunks)
            expectSame(serial, parallel, "\(chunks) chunks")
        }
        // The default: one chunk per core above 1 MB.
        let automatic = try TableReader.readCSV(bytes: bytes, path: "a.csv", schema: schema)
        expectSame(serial, automatic, "automatic")
    }

    @Test func mappedFileEqualsBytesInMemory() throws {
        // Over 1 MB: read in parallel from the mapped file, giving pages back as it goes.
        let text = Self.csv(rows: 45_000, faults: false, seed: 5)
        let path = "/tmp/kpikit-data-tests-\(UInt32.random(in: 0...UInt32.max))/accounts.csv"
        try Scratch.write(text, to: path)
        defer { Scratch.remove(String(path.dropLast("/accounts.csv".count))) }
        let mapped = try TableReader.read(path: path, schema: schema)
        let inMemory = try TableReader.readCSV(bytes: Array(text.utf8), path: path, schema: schema, chunkCount: 1)
        expectSame(inMemory, mapped, "mapped")
    }

    @Test func csvWithErrors() {
        let bytes = Array(Self.csv(rows: 30_000, faults: true, seed: 2).utf8)
        for limit in [1000, 4] {
            let serial = Self.errors { () throws(DataErrors) in
                try TableReader.readCSV(bytes: bytes, path: "a.csv", schema: schema, maxErrors: limit, chunkCount: 1)
            }
            // 11 bad amounts, 8 bad counts, a short row, a repeated key.
            #expect(serial.lines.count == (limit == 4 ? 4 : 21), "limit \(limit)")
            #expect(serial.lines.contains { $0.contains("duplicate key `A3`") } == (limit > 4))
            for chunks in [2, 3, 5, 8] {
                let parallel = Self.errors { () throws(DataErrors) in
                    try TableReader.readCSV(bytes: bytes, path: "a.csv", schema: schema, maxErrors: limit, chunkCount: chunks)
                }
                #expect(parallel.lines == serial.lines, "\(chunks) chunks, limit \(limit)")
                #expect(parallel.truncated == serial.truncated)
            }
        }
    }

    @Test func jsonLinesWithAndWithoutErrors() throws {
        let bytes = Array(Self.jsonLines(rows: 20_000, faults: false, seed: 3).utf8)
        let serial = try TableReader.readJSONLines(bytes: bytes, path: "a.jsonl", schema: schema, chunkCount: 1)
        #expect(serial.rowCount == 20_000)
        for chunks in [2, 5] {
            let parallel = try TableReader.readJSONLines(bytes: bytes, path: "a.jsonl", schema: schema, chunkCount: chunks)
            expectSame(serial, parallel, "\(chunks) chunks")
        }
        let faulty = Array(Self.jsonLines(rows: 20_000, faults: true, seed: 4).utf8)
        let serialErrors = Self.errors { () throws(DataErrors) in
            try TableReader.readJSONLines(bytes: faulty, path: "a.jsonl", schema: schema, maxErrors: 100, chunkCount: 1)
        }
        #expect(serialErrors.lines.count == 9)
        for chunks in [2, 3, 7] {
            let parallelErrors = Self.errors { () throws(DataErrors) in
                try TableReader.readJSONLines(bytes: faulty, path: "a.jsonl", schema: schema, maxErrors: 100, chunkCount: chunks)
            }
            #expect(parallelErrors.lines == serialErrors.lines, "\(chunks) chunks")
        }
    }

    @Test func tinyInputsInManyChunks() throws {
        let schema = DataTest.schema([("s", FieldType(.string)), ("n", FieldType(.int))])
        let text = "s,n\n\"a\nb\",1\n\nc,2\n\"d,\"\"e\",3"
        let serial = try DataTest.csv(text, schema, chunks: 1)
        for chunks in 2...12 {
            expectSame(serial, try DataTest.csv(text, schema, chunks: chunks), "\(chunks) chunks")
        }
        #expect(DataTest.values(serial, "s") == ["a\nb", "c", "d,\"e"])
    }

    // MARK: - Helpers

    private static func errors(_ read: () throws(DataErrors) -> Table) -> (lines: [String], truncated: Bool) {
        DataTest.errors(read)
    }

    private func expectSame(_ a: Table, _ b: Table, _ note: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(a.rowCount == b.rowCount, "\(note)", sourceLocation: sourceLocation)
        #expect(Set(a.columns.keys) == Set(b.columns.keys), "\(note)", sourceLocation: sourceLocation)
        for (name, x) in a.columns {
            guard let y = b.columns[name] else { continue }
            #expect(x.count == y.count, "\(note): \(name)", sourceLocation: sourceLocation)
            #expect(x.validity == y.validity, "\(note): \(name) validity", sourceLocation: sourceLocation)
            let same: Bool
            switch (x.storage, y.storage) {
            case (.int(let p), .int(let q)): same = p == q
            case (.decimal(let p), .decimal(let q)): same = p.map(\.bitPattern) == q.map(\.bitPattern)
            case (.money(let p, let c), .money(let q, let d)): same = p == q && c == d
            case (.bool(let p), .bool(let q)): same = p == q
            case (.date(let p), .date(let q)): same = p == q
            case (.string(let p, let c), .string(let q, let d)): same = p == q && c == d
            case (.category(let p, let c), .category(let q, let d)): same = p == q && c == d
            default: same = false
            }
            #expect(same, "\(note): \(name) values", sourceLocation: sourceLocation)
        }
    }
}
