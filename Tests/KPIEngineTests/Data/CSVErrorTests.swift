import KPIEngine
import KPILanguage
import Testing

/// Every data error a CSV file can cause, as the exact text a user sees.
@Suite("Data: CSV errors")
struct CSVErrorTests {
    private let schema = DataTest.schema([
        ("account_id", FieldType(.string)),
        ("product", FieldType(.category(["cms", "ma", "financing"]))),
        ("signup_date", FieldType(.date)),
        ("churned_date", FieldType(.date, nullable: true)),
        ("mrr", DataTest.yen),
        ("logins_30d", FieldType(.int)),
        ("score", FieldType(.decimal, nullable: true)),
        ("active", FieldType(.bool)),
    ], key: "account_id")

    private let header = "account_id,product,signup_date,churned_date,mrr,logins_30d,score,active\n"

    /// The error lines of reading `rows` under the standard header.
    private func errors(_ rows: String, columns: Set<String>? = nil, maxErrors: Int = 20) -> [String] {
        DataTest.errors { () throws(DataErrors) in
            try DataTest.csv(header + rows, schema, columns: columns, maxErrors: maxErrors)
        }.lines
    }

    @Test func wrongValueOfEachType() {
        #expect(errors("A1,cms,2026-01-05,,\"¥1,200\",3,,true\n") == [
            "accounts.csv: row 1, column `mrr`: expected money[JPY] (a plain decimal number such as -1234.56), found `¥1,200`",
        ])
        #expect(errors("A1,cms,2026/01/05,,1,3.5,1.2.3,yes\n") == [
            "accounts.csv: row 1, column `signup_date`: expected date (YYYY-MM-DD, such as 2026-11-01), found `2026/01/05`",
            "accounts.csv: row 1, column `logins_30d`: expected int (digits with an optional sign, such as -42), found `3.5`",
            "accounts.csv: row 1, column `score`: expected decimal (a plain decimal number such as -1234.56), found `1.2.3`",
            "accounts.csv: row 1, column `active`: expected bool (true, false, 1 or 0), found `yes`",
        ])
    }

    @Test func datesMustBeCalendarDays() {
        #expect(errors("A1,cms,2023-02-29,2026-13-01,1,3,,true\nA2,cms,2024-02-29,2026-04-31,1,3,,true\nA3,cms,2026-01-00,,1,3,,true\n") == [
            "accounts.csv: row 1, column `signup_date`: expected date, found `2023-02-29`, which is not a day in the calendar (February 2023 has 28 days)",
            "accounts.csv: row 1, column `churned_date`: expected date, found `2026-13-01`, which is not a day in the calendar (there is no month 13)",
            "accounts.csv: row 2, column `churned_date`: expected date, found `2026-04-31`, which is not a day in the calendar (April 2026 has 30 days)",
            "accounts.csv: row 3, column `signup_date`: expected date, found `2026-01-00`, which is not a day in the calendar (there is no day 0)",
        ])
    }

    @Test func numbersOutOfRangeAndMoneyWithTooManyDecimals() {
        #expect(errors("A1,cms,2026-01-05,,12.34567,99999999999999999999,,true\nA2,cms,2026-01-05,,1000000000000000,1,,true\n") == [
            "accounts.csv: row 1, column `mrr`: expected money[JPY] with at most 4 decimal places, found `12.34567`; round the amount in the file",
            "accounts.csv: row 1, column `logins_30d`: expected int, found `99999999999999999999`, which is out of range (an int lies between -9223372036854775808 and 9223372036854775807)",
            "accounts.csv: row 2, column `mrr`: expected money[JPY], found `1000000000000000`, which is out of range (an amount lies between -922337203685477.5808 and 922337203685477.5807)",
        ])
    }

    @Test func decimalsBeyondTheRangeOfADouble() {
        let huge = String(repeating: "9", count: 400)
        #expect(errors("A1,cms,2026-01-05,,1,3,\(huge),true\n") == [
            "accounts.csv: row 1, column `score`: expected decimal, found `\(String(repeating: "9", count: 40))…`, which is out of range (a decimal lies between -1.7976931348623157e308 and 1.7976931348623157e308)",
        ])
    }

    @Test func unknownCategoryListsTheValues() {
        #expect(errors("A1,CMS,2026-01-05,,1,3,,true\nA2,retail,2026-01-05,,1,3,,true\n") == [
            "accounts.csv: row 1, column `product`: expected one of `cms`, `ma` or `financing`, found `CMS`; did you mean `cms`?",
            "accounts.csv: row 2, column `product`: expected one of `cms`, `ma` or `financing`, found `retail`",
        ])
    }

    @Test func nullInANonNullableField() {
        #expect(errors("A1,cms,2026-01-05,,,3,,true\n") == [
            "accounts.csv: row 1, column `mrr`: empty value in `mrr`, which is not nullable; fill it in or declare the field `money[JPY]?`",
        ])
    }

    @Test func theKeyIsNeverNullNorRepeated() {
        let rows = "A0001,cms,2026-01-05,,1,3,,true\nA0002,cms,2026-01-05,,1,3,,true\n,cms,2026-01-05,,1,3,,true\nA0001,ma,2026-01-05,,1,3,,true\nA0002,ma,2026-01-05,,1,3,,true\n"
        #expect(errors(rows) == [
            "accounts.csv: row 3, column `account_id`: empty value in `account_id`, the key of `accounts`; every row needs a key",
            "accounts.csv: row 4, column `account_id`: duplicate key `A0001` (first at row 1)",
            "accounts.csv: row 5, column `account_id`: duplicate key `A0002` (first at row 2)",
        ])
        // Not asked for, so not checked.
        #expect(errors(rows, columns: ["mrr"]).isEmpty)
    }

    @Test func duplicateKeysOfOtherTypesAndAfterBlankLines() {
        let schema = DataTest.schema([("id", FieldType(.int)), ("day", FieldType(.date))], key: "id")
        let (lines, _) = DataTest.errors { () throws(DataErrors) in
            try DataTest.csv("id,day\n7,2026-01-01\n\n8,2026-01-02\n7,2026-01-03\n", schema)
        }
        #expect(lines == ["accounts.csv: row 4, column `id`: duplicate key `7` (first at row 1)"])
        let byDate = DataTest.schema([("id", FieldType(.int)), ("day", FieldType(.date))], key: "day")
        let (dates, _) = DataTest.errors { () throws(DataErrors) in
            try DataTest.csv("id,day\n1,2026-01-01\n2,2026-01-01\n", byDate)
        }
        #expect(dates == ["accounts.csv: row 2, column `day`: duplicate key `2026-01-01` (first at row 1)"])
        let byMoney = DataTest.schema([("amount", DataTest.yen)], key: "amount")
        let (amounts, _) = DataTest.errors { () throws(DataErrors) in
            try DataTest.csv("amount\n-12.5\n-12.50\n", byMoney)
        }
        #expect(amounts == ["accounts.csv: row 2, column `amount`: duplicate key `-12.5` (first at row 1)"])
    }

    @Test func missingColumnNamesTheFileTheColumnAndTheHeader() {
        let (lines, _) = DataTest.errors { () throws(DataErrors) in
            try DataTest.csv("account_id,product,signup_date,churn_date,mrr,logins_30d,score,active\n", schema)
        }
        #expect(lines == [
            "accounts.csv: column `churned_date`: not in the header; did you mean `churn_date`? (the header has: account_id, product, signup_date, churn_date, mrr, logins_30d, score, active)",
        ])
        let (far, _) = DataTest.errors { () throws(DataErrors) in
            try DataTest.csv("a,b\n1,2\n", DataTest.schema([("mrr", DataTest.yen)]))
        }
        #expect(far == ["accounts.csv: column `mrr`: not in the header (the header has: a, b)"])
    }

    @Test func wrongNumberOfFields() {
        #expect(errors("A1,cms,2026-01-05,,1,3,,true,extra,more\nA2,cms,2026-01-05\nA3,cms,2026-01-05,,1,3,,true\n") == [
            "accounts.csv: row 1: expected 8 fields (as in the header), found 10; a field that contains a comma must be in double quotes",
            "accounts.csv: row 2: expected 8 fields (as in the header), found 3",
        ])
    }

    @Test func malformedQuoting() {
        #expect(errors("A1,\"cms\"x,2026-01-05,,1,3,,true\nA2,cms,2026-01-05,,1,3,,true\nA3,cms,2026-01-05,,1,3,,5\" screen\n") == [
            "accounts.csv: row 1, column `product`: unexpected `x` after the closing `\"` of a quoted field; double each `\"` inside a quoted field",
            "accounts.csv: row 3, column `active`: unexpected `\"` in an unquoted field; put the whole field in double quotes and double each `\"` inside it",
        ])
        // Records end at newlines outside quotes, so a stray quote runs on to the next one:
        // the rows after it are read as part of its record.
        #expect(errors("A1,cms,2026-01-05,,1,3,,5\" screen\nA2,cms,2026-01-05,,1,3,,true\nA3,bad\n") == [
            "accounts.csv: row 1, column `active`: unexpected `\"` in an unquoted field; put the whole field in double quotes and double each `\"` inside it",
        ])
        #expect(errors("A1,cms,2026-01-05,,1,3,,true\nA2,\"cms,2026-01-05,,1,3,,true\n") == [
            "accounts.csv: row 2, column `product`: a quoted field is not closed before the end of the file; look for a missing `\"`",
        ])
    }

    @Test func longFoundTextIsCut() {
        let long = String(repeating: "x", count: 60)
        #expect(errors("A1,cms,2026-01-05,,\(long),3,,true\n") == [
            "accounts.csv: row 1, column `mrr`: expected money[JPY] (a plain decimal number such as -1234.56), found `\(String(repeating: "x", count: 40))…`",
        ])
        #expect(errors("A1,cms,2026-01-05,,\"a\nb\",3,,true\n") == [
            "accounts.csv: row 1, column `mrr`: expected money[JPY] (a plain decimal number such as -1234.56), found `a\\nb`",
        ])
    }

    @Test func errorsStopAtTheLimit() {
        let rows = (1...30).map { "A\($0),cms,2026-01-05,,bad,3,,true\n" }.joined()
        let (lines, truncated) = DataTest.errors { () throws(DataErrors) in
            try DataTest.csv(header + rows, schema, maxErrors: 5)
        }
        #expect(lines.count == 5)
        #expect(truncated)
        #expect(lines.last == "accounts.csv: row 5, column `mrr`: expected money[JPY] (a plain decimal number such as -1234.56), found `bad`")
        let exactly = (1...5).map { "A\($0),cms,2026-01-05,,bad,3,,true\n" }.joined()
        let (five, cut) = DataTest.errors { () throws(DataErrors) in
            try DataTest.csv(header + exactly, schema, maxErrors: 5)
        }
        #expect(five.count == 5)
        #expect(!cut)
        let error = DataErrors(errors: [DataError(path: "a.csv", row: 1, column: "x", message: "m")], truncated: true)
        #expect(error.description == "a.csv: row 1, column `x`: m\n(stopped after 1 errors; fix these and run again to see more)")
    }

    @Test func fileProblems() {
        let (empty, _) = DataTest.errors { () throws(DataErrors) in try DataTest.csv("", schema) }
        #expect(empty == ["accounts.csv: the file is empty; a CSV file starts with a header row naming its columns"])
        let (duplicate, _) = DataTest.errors { () throws(DataErrors) in
            try DataTest.csv("n,m,n\n1,2,3\n", DataTest.schema([("n", FieldType(.int))]))
        }
        #expect(duplicate == ["accounts.csv: column `n`: named twice in the header (columns 1 and 3); rename one"])
        let (undeclared, _) = DataTest.errors { () throws(DataErrors) in
            try DataTest.csv("n\n1\n", DataTest.schema([("n", FieldType(.int))]), columns: ["n", "nps"])
        }
        #expect(undeclared == ["accounts.csv: column `nps`: is not a declared field of `accounts`"])
        let (missing, _) = DataTest.errors { () throws(DataErrors) in
            try TableReader.read(path: "/nonexistent/accounts.csv", schema: schema)
        }
        #expect(missing == ["/nonexistent/accounts.csv: cannot read the file: No such file or directory"])
        let (format, _) = DataTest.errors { () throws(DataErrors) in
            try TableReader.read(path: "data/accounts.xlsx", schema: schema)
        }
        #expect(format == [
            "data/accounts.xlsx: cannot tell the format of `.xlsx`; data files are .csv (with a header row) or .jsonl / .ndjson (JSON Lines)",
        ])
        let directory = "/tmp/kpikit-data-tests-\(UInt32.random(in: 0...UInt32.max)).csv"
        try? Scratch.write("", to: directory + "/inside")
        defer { Scratch.remove(directory) }
        let (folder, _) = DataTest.errors { () throws(DataErrors) in
            try TableReader.read(path: directory, schema: schema)
        }
        #expect(folder == ["\(directory): cannot read the file: it is a folder, not a file"])
    }

    @Test func aHeaderInAnotherEncoding() {
        // 顧客 in Shift_JIS.
        let bytes: [UInt8] = [0x8C, 0xDA, 0x8B, 0x71, 0x2C, 0x6E, 0x0A, 0x31, 0x2C, 0x32, 0x0A]
        let (lines, _) = DataTest.errors { () throws(DataErrors) in
            try TableReader.readCSV(bytes: bytes, path: "a.csv", schema: DataTest.schema([("n", FieldType(.int))]))
        }
        #expect(lines == ["a.csv: the header row is not UTF-8 text; save the file as UTF-8 (in Excel: \"CSV UTF-8\")"])
    }

    @Test func invalidUTF8InAStringField() {
        var bytes = Array("s\nok\n".utf8)
        bytes += [0x61, 0xFF, 0x62, 0x0A]
        let (lines, _) = DataTest.errors { () throws(DataErrors) in
            try TableReader.readCSV(bytes: bytes, path: "a.csv", schema: DataTest.schema([("s", FieldType(.string))]))
        }
        #expect(lines == ["a.csv: row 2, column `s`: expected text in UTF-8, found bytes that are not UTF-8: `a\u{FFFD}b`"])
    }
}
