import KPIEngine
import KPILanguage
import Testing

/// The shape of CSV files: quoting, line ends, headers, and which columns are read.
@Suite("Data: CSV files")
struct CSVReaderTests {
    private let schema = DataTest.schema([
        ("id", FieldType(.string)), ("name", FieldType(.string)), ("n", FieldType(.int)),
    ])

    @Test func quotedFieldsHoldCommasQuotesAndNewlines() throws {
        let text = "id,name,n\na,\"Tanaka, Inc.\",1\nb,\"say \"\"hi\"\"\",2\nc,\"line one\nline two\",3\nd,\"\",4\ne,\"\"\"quoted\"\"\",\"5\"\n"
        let table = try DataTest.csv(text, schema)
        #expect(DataTest.values(table, "name") == ["Tanaka, Inc.", "say \"hi\"", "line one\nline two", "", "\"quoted\""])
        #expect(DataTest.values(table, "n") == ["1", "2", "3", "4", "5"])
    }

    @Test func aQuotedEmptyFieldIsAnEmptyStringButNullForOtherTypes() throws {
        let schema = DataTest.schema([("s", FieldType(.string, nullable: true)), ("n", FieldType(.int, nullable: true))])
        let table = try DataTest.csv("s,n\n\"\",\"\"\n,\n", schema)
        #expect(DataTest.values(table, "s") == ["", nil])
        #expect(DataTest.values(table, "n") == [nil, nil])
    }

    @Test func byteOrderMarkCRLFAndNoFinalNewline() throws {
        let text = "\u{FEFF}id,name,n\r\na,x,1\r\nb,\"y\r\nz\",2\r\nc,w,3"
        let table = try DataTest.csv(text, schema)
        #expect(table.rowCount == 3)
        #expect(DataTest.values(table, "id") == ["a", "b", "c"])
        #expect(DataTest.values(table, "name") == ["x", "y\r\nz", "w"])
        #expect(DataTest.values(table, "n") == ["1", "2", "3"])
    }

    @Test func lastLineWithoutNewlineInEveryType() throws {
        let schema = DataTest.schema([
            ("i", FieldType(.int)), ("d", FieldType(.date)), ("m", DataTest.yen), ("x", FieldType(.decimal)),
            ("b", FieldType(.bool)), ("c", FieldType(.category(["a", "b"]))), ("s", FieldType(.string)),
        ])
        for ending in ["", "\n", "\r\n"] {
            let table = try DataTest.csv("i,d,m,x,b,c,s\n1,2026-01-02,3.5,0.25,true,b,z\n2,2026-01-03,4,1,0,a,y" + ending, schema)
            #expect(DataTest.values(table, "i") == ["1", "2"])
            #expect(DataTest.values(table, "d") == ["20455", "20456"])
            #expect(DataTest.values(table, "m") == ["35000", "40000"])
            #expect(DataTest.values(table, "x") == ["0.25", "1.0"])
            #expect(DataTest.values(table, "b") == ["true", "false"])
            #expect(DataTest.values(table, "c") == ["b", "a"])
            #expect(DataTest.values(table, "s") == ["z", "y"])
        }
    }

    @Test func columnsAreMatchedByNameInAnyOrderAndExtraColumnsIgnored() throws {
        let text = "n,extra,name,id,note\n1,whatever,x,a,\"free, text\"\n2,,y,b,more\n"
        let table = try DataTest.csv(text, schema)
        #expect(DataTest.values(table, "id") == ["a", "b"])
        #expect(DataTest.values(table, "name") == ["x", "y"])
        #expect(DataTest.values(table, "n") == ["1", "2"])
        #expect(Set(table.columns.keys) == ["id", "name", "n"])
    }

    @Test func onlyRequestedColumnsAreMaterialisedAndOthersNeverParsed() throws {
        // `n` holds garbage, but it is not asked for, so it is not read.
        let table = try DataTest.csv("id,name,n\na,x,not-a-number\nb,y,\n", schema, columns: ["id"])
        #expect(Set(table.columns.keys) == ["id"])
        #expect(table.rowCount == 2)
        #expect(DataTest.values(table, "id") == ["a", "b"])
    }

    @Test func requestedColumnsNeedNotBeInTheHeaderOrderOrTheFile() throws {
        // `name` is declared but neither requested nor in the file: fine.
        let table = try DataTest.csv("n,id\n1,a\n", schema, columns: ["id", "n"])
        #expect(DataTest.values(table, "n") == ["1"])
    }

    @Test func blankLinesAreSkippedButCountedInRowNumbers() throws {
        let text = "id,name,n\na,x,1\n\nb,y,2\r\n\r\nc,z,oops\n\n"
        let (lines, _) = DataTest.errors { () throws(DataErrors) in try DataTest.csv(text, schema) }
        #expect(lines == ["accounts.csv: row 5, column `n`: expected int (digits with an optional sign, such as -42), found `oops`"])
        let table = try DataTest.csv("id,name,n\na,x,1\n\nb,y,2\r\n\r\nc,z,3\n\n", schema)
        #expect(table.rowCount == 3)
        #expect(DataTest.values(table, "n") == ["1", "2", "3"])
    }

    @Test func headerOnlyGivesAnEmptyTable() throws {
        for text in ["id,name,n", "id,name,n\n", "id,name,n\r\n"] {
            let table = try DataTest.csv(text, schema)
            #expect(table.rowCount == 0)
            #expect(table.columns["n"]?.count == 0)
        }
    }

    @Test func quotedHeaderNames() throws {
        let table = try DataTest.csv("\"id\",\"na\"\"me\",n\na,x,1\n", DataTest.schema([("na\"me", FieldType(.string))]))
        #expect(DataTest.values(table, "na\"me") == ["x"])
    }

    @Test func stringColumnsAcrossManyRows() throws {
        var text = "id,name,n\n"
        for i in 0..<5000 { text += "id\(i),name\(i % 7),\(i)\n" }
        let table = try DataTest.csv(text, schema)
        guard case .string(let codes, let dictionary)? = table.columns["name"]?.storage else {
            Issue.record("not a string column")
            return
        }
        #expect(dictionary == (0..<7).map { "name\($0)" })
        #expect(codes.prefix(8) == [0, 1, 2, 3, 4, 5, 6, 0])
        if case .string(_, let ids)? = table.columns["id"]?.storage { #expect(ids.count == 5000) }
    }

    @Test func readsAFileByItsExtension() throws {
        let directory = "/tmp/kpikit-data-tests-\(UInt32.random(in: 0...UInt32.max))"
        try Scratch.write("id,name,n\na,x,1\n", to: directory + "/accounts.CSV")
        try Scratch.write("{\"id\": \"a\", \"name\": \"x\", \"n\": 1}\n", to: directory + "/accounts.ndjson")
        try Scratch.write("", to: directory + "/empty.jsonl")
        defer { Scratch.remove(directory) }
        let csv = try TableReader.read(path: directory + "/accounts.CSV", schema: schema)
        #expect(DataTest.values(csv, "n") == ["1"])
        let json = try TableReader.read(path: directory + "/accounts.ndjson", schema: schema)
        #expect(DataTest.values(json, "name") == ["x"])
        let empty = try TableReader.read(path: directory + "/empty.jsonl", schema: schema)
        #expect(empty.rowCount == 0)
    }
}
