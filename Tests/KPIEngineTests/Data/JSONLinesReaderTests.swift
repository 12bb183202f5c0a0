import KPIEngine
import KPILanguage
import Testing

/// JSON Lines files: values, keys, nulls, and every error, as exact text.
@Suite("Data: JSON Lines files")
struct JSONLinesReaderTests {
    private let schema = DataTest.schema([
        ("id", FieldType(.string)),
        ("product", FieldType(.category(["cms", "ma"]))),
        ("signup", FieldType(.date)),
        ("mrr", DataTest.yen),
        ("logins", FieldType(.int)),
        ("score", FieldType(.decimal, nullable: true)),
        ("active", FieldType(.bool, nullable: true)),
    ], key: "id")

    private func errors(_ text: String, columns: Set<String>? = nil, maxErrors: Int = 20) -> [String] {
        DataTest.errors { () throws(DataErrors) in
            try DataTest.jsonLines(text, schema, columns: columns, maxErrors: maxErrors)
        }.lines
    }

    @Test func readsFlatObjectsInAnyKeyOrder() throws {
        let text = """
            {"id": "A1", "product": "cms", "signup": "2024-02-29", "mrr": 1200.5, "logins": -3, "score": 1.5e2, "active": true}
            {"active": false, "logins": 0, "mrr": 0, "signup": "1970-01-01", "product": "ma", "id": "A2", "score": null}

              {"id":"A3","product":"cms","signup":"2026-11-01","mrr":-0.0001,"logins":7,"extra":{"nested":[1,{"x":"}"}]},"more":[]}\r
            {"id": "\\u5c71\\u7530 \\"\\ud83d\\ude00\\"", "product": "ma", "signup": "2026-01-01", "mrr": 1, "logins": 1, "active": 1}
            """
        let table = try DataTest.jsonLines(text, schema)
        #expect(table.rowCount == 4)
        #expect(DataTest.values(table, "id") == ["A1", "A2", "A3", "山田 \"😀\""])
        #expect(DataTest.values(table, "product") == ["cms", "ma", "cms", "ma"])
        #expect(DataTest.values(table, "signup") == ["19782", "0", "20758", "20454"])
        #expect(DataTest.values(table, "mrr") == ["12005000", "0", "-1", "10000"])
        #expect(DataTest.values(table, "logins") == ["-3", "0", "7", "1"])
        #expect(DataTest.values(table, "score") == ["150.0", nil, nil, nil])
        #expect(DataTest.values(table, "active") == ["true", "false", nil, "true"])
    }

    @Test func onlyRequestedKeysAreRead() throws {
        let text = "{\"id\": \"A1\", \"logins\": \"not a number\", \"mrr\": 5}\n"
        let table = try DataTest.jsonLines(text, schema, columns: ["id", "mrr"])
        #expect(Set(table.columns.keys) == ["id", "mrr"])
        #expect(DataTest.values(table, "mrr") == ["50000"])
    }

    @Test func byteOrderMarkAndEmptyObjects() throws {
        let schema = DataTest.schema([("n", FieldType(.int, nullable: true))])
        let table = try DataTest.jsonLines("\u{FEFF}{}\n{ }\n{\"n\": 2}", schema)
        #expect(DataTest.values(table, "n") == [nil, nil, "2"])
    }

    @Test func valuesOfTheWrongKind() {
        let line = "{\"id\": \"A1\", \"product\": 3, \"signup\": 20260101, \"mrr\": \"1200\", \"logins\": 4.5, \"score\": \"1\", \"active\": \"yes\"}\n"
        #expect(errors(line) == [
            "accounts.jsonl: row 1, column `product`: expected one of `cms` or `ma`, found the number `3`",
            "accounts.jsonl: row 1, column `signup`: expected date (a JSON string such as \"2026-11-01\"), found the number `20260101`",
            "accounts.jsonl: row 1, column `mrr`: expected money[JPY] (a JSON number without an exponent, such as -1234.56), found the string `1200`",
            "accounts.jsonl: row 1, column `logins`: expected int (a whole JSON number such as -42), found `4.5`",
            "accounts.jsonl: row 1, column `score`: expected decimal (a JSON number such as -1234.56), found the string `1`",
            "accounts.jsonl: row 1, column `active`: expected bool (true or false), found the string `yes`",
        ])
        #expect(errors("{\"id\": true, \"product\": \"\", \"signup\": \"2023-02-29\", \"mrr\": 1e3, \"logins\": 1, \"active\": 2}\n") == [
            "accounts.jsonl: row 1, column `id`: expected string (a JSON string), found `true`",
            "accounts.jsonl: row 1, column `product`: expected one of `cms` or `ma`, found an empty string; write null for a missing value",
            "accounts.jsonl: row 1, column `signup`: expected date, found `2023-02-29`, which is not a day in the calendar (February 2023 has 28 days)",
            "accounts.jsonl: row 1, column `mrr`: expected money[JPY] (a JSON number without an exponent, such as -1234.56), found `1e3`",
            "accounts.jsonl: row 1, column `active`: expected bool (true or false), found the number `2`",
        ])
    }

    @Test func decimalsWithExponents() throws {
        let table = try DataTest.jsonLines("{\"id\": \"A\", \"score\": -2.5E-3}\n", schema, columns: ["score"])
        #expect(DataTest.values(table, "score") == ["-0.0025"])
        #expect(errors("{\"score\": 1e999}\n", columns: ["score"]) == [
            "accounts.jsonl: row 1, column `score`: expected decimal, found `1e999`, which is out of range (a decimal lies between -1.7976931348623157e308 and 1.7976931348623157e308)",
        ])
    }

    @Test func nullsAndMissingKeysInNonNullableFields() {
        #expect(errors("{\"id\": \"A1\", \"product\": null, \"signup\": \"2026-01-01\", \"logins\": 1}\n{\"id\": null}\n", columns: ["id", "product", "mrr"]) == [
            "accounts.jsonl: row 1, column `product`: null value in `product`, which is not nullable; fill it in or declare the field `category[cms, ma]?`",
            "accounts.jsonl: row 1, column `mrr`: missing key `mrr`, which is not nullable; add it or declare the field `money[JPY]?`",
            "accounts.jsonl: row 2, column `id`: null value in `id`, the key of `accounts`; every row needs a key",
            "accounts.jsonl: row 2, column `product`: missing key `product`, which is not nullable; add it or declare the field `category[cms, ma]?`",
            "accounts.jsonl: row 2, column `mrr`: missing key `mrr`, which is not nullable; add it or declare the field `money[JPY]?`",
        ])
    }

    @Test func malformedLinesNameTheCharacter() {
        let good = "{\"id\": \"A1\", \"product\": \"cms\", \"signup\": \"2026-01-01\", \"mrr\": 1, \"logins\": 1}\n"
        #expect(errors(good + "{\"id\": \"A2\" \"product\": \"cms\"}\n" + "[1, 2]\n" + "{\"id\": \"日本\", \"mrr\": 01}\n" + "{\"id\": \"A5\", \"mrr\": 1} x\n" + "{\"id\": \"A6\n") == [
            "accounts.jsonl: row 2: malformed JSON at character 13: expected `,` or `}` after the value of `id`",
            "accounts.jsonl: row 3: malformed JSON at character 1: expected `{`; each line must be one JSON object",
            "accounts.jsonl: row 4: malformed JSON at character 21: invalid number; a JSON number looks like -12, 0.5 or 1e3",
            "accounts.jsonl: row 5: malformed JSON at character 24: unexpected text after the closing `}`; put one object on each line",
            "accounts.jsonl: row 6: malformed JSON at character 8: a string is not closed before the end of the line",
        ])
        #expect(errors("{\"id\" 1}\n{\"id\": tru}\n{\"id\": \"a\\q\"}\n{id: 1}\n") == [
            "accounts.jsonl: row 1: malformed JSON at character 7: expected `:` after the key `id`",
            "accounts.jsonl: row 2: malformed JSON at character 8: expected a value (a string, number, true, false or null)",
            "accounts.jsonl: row 3: malformed JSON at character 10: invalid escape in a string; use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX",
            "accounts.jsonl: row 4: malformed JSON at character 2: expected a key in double quotes",
        ])
    }

    @Test func nestedValuesAndRepeatedKeys() {
        #expect(errors("{\"id\": \"A1\", \"mrr\": {\"amount\": 5}}\n{\"id\": \"A2\", \"logins\": [1, 2]}\n{\"id\": \"A3\", \"id\": \"A4\", \"product\": \"ma\", \"signup\": \"2026-01-01\", \"mrr\": 1, \"logins\": 1}\n") == [
            "accounts.jsonl: row 1, column `mrr`: the value of `mrr` is an object; each line must be a flat object whose values are strings, numbers, true, false or null",
            "accounts.jsonl: row 2, column `logins`: the value of `logins` is an array; each line must be a flat object whose values are strings, numbers, true, false or null",
            "accounts.jsonl: row 3, column `id`: the key `id` appears twice in this object",
        ])
    }

    @Test func duplicateKeyValues() {
        let line = { (id: String) in
            "{\"id\": \"\(id)\", \"product\": \"cms\", \"signup\": \"2026-01-01\", \"mrr\": 1, \"logins\": 1}\n"
        }
        #expect(errors(line("A1") + "\n" + line("A2") + line("A1")) == [
            "accounts.jsonl: row 4, column `id`: duplicate key `A1` (first at row 1)",
        ])
    }

    @Test func errorsStopAtTheLimit() {
        let text = String(repeating: "{\"id\": 1}\n", count: 10)
        let (lines, truncated) = DataTest.errors { () throws(DataErrors) in
            try DataTest.jsonLines(text, schema, columns: ["id"], maxErrors: 3)
        }
        #expect(lines == (1...3).map { "accounts.jsonl: row \($0), column `id`: expected string (a JSON string), found the number `1`" })
        #expect(truncated)
    }
}
