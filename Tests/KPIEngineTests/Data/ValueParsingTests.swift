import KPIEngine
import KPILanguage
import Testing

/// Every declared type, read from CSV text: the values and their edge cases.
@Suite("Data: values of each type")
struct ValueParsingTests {
    /// Reads one column of `type` holding `cells` (one a row) and returns its values.
    private func column(_ type: FieldType, _ cells: [String]) throws -> [String?] {
        let text = "v\n" + cells.joined(separator: "\n") + "\n"
        let table = try DataTest.csv(text, DataTest.schema([("v", type)]))
        return DataTest.values(table, "v")
    }

    @Test func ints() throws {
        let values = try column(FieldType(.int), [
            "0", "42", "-7", "+5", "007", "9223372036854775807", "-9223372036854775808",
            "123456789012345678", "1234567890123456789",
        ])
        #expect(values == [
            "0", "42", "-7", "5", "7", "9223372036854775807", "-9223372036854775808",
            "123456789012345678", "1234567890123456789",
        ])
    }

    @Test func decimals() throws {
        let values = try column(FieldType(.decimal), [
            "1234.56", "-0.5", "+3", ".5", "5.", "0.1", "3.14159265358979323846", "-0.000001", "100",
        ])
        #expect(values == [
            "1234.56", "-0.5", "3.0", "0.5", "5.0", "0.1", "3.141592653589793", "-1e-06", "100.0",
        ])
    }

    @Test func decimalsAreCorrectlyRounded() throws {
        let cells = ["0.3", "2.675", "1.0000000000000002", "123456789012345.67", "9007199254740993", "0.1234567890123456789"]
        let values = try column(FieldType(.decimal), cells)
        #expect(values == cells.map { String(Double($0)!) })
    }

    @Test func money() throws {
        let values = try column(DataTest.yen, [
            "-1234.56", "12", "0.0001", "1.50000", "+7.5", "0", "-0.0001", "922337203685477.5807", "1.",
        ])
        #expect(values == [
            "-12345600", "120000", "1", "15000", "75000", "0", "-1", "9223372036854775807", "10000",
        ])
        let table = try DataTest.csv("v\n5\n", DataTest.schema([("v", DataTest.yen)]))
        guard case .money(_, let currency)? = table.columns["v"]?.storage else {
            Issue.record("not a money column")
            return
        }
        #expect(currency == "JPY")
    }

    @Test func bools() throws {
        let values = try column(FieldType(.bool), ["true", "FALSE", "True", "fAlSe", "1", "0"])
        #expect(values == ["true", "false", "true", "false", "true", "false"])
    }

    @Test func dates() throws {
        let values = try column(FieldType(.date), [
            "1970-01-01", "2024-02-29", "2000-02-29", "2026-11-01", "1969-12-31",
            "1900-01-01", "2199-12-31", "2300-03-01", "0001-01-01",
        ])
        #expect(values == ["0", "19782", "11016", "20758", "-1", "-25567", "84005", "120589", "-719162"])
    }

    @Test func categoriesAreIndicesIntoTheDeclaredValues() throws {
        let type = FieldType(.category(["cms", "ma", "financing"]))
        let table = try DataTest.csv("p\nma\nfinancing\ncms\nma\n", DataTest.schema([("p", type)]))
        guard case .category(let codes, let values)? = table.columns["p"]?.storage else {
            Issue.record("not a category column")
            return
        }
        #expect(codes == [1, 2, 0, 1])
        #expect(values == ["cms", "ma", "financing"])
    }

    @Test func longCategoryListsAreMatchedToo() throws {
        let declared = (0..<40).map { "value\($0)" }
        let table = try DataTest.csv("p\nvalue39\nvalue0\nvalue17\n", DataTest.schema([("p", FieldType(.category(declared)))]))
        #expect(DataTest.values(table, "p") == ["value39", "value0", "value17"])
    }

    @Test func stringsAreDictionaryEncodedInOrderOfFirstAppearance() throws {
        let table = try DataTest.csv("s\nb\na\nb\nc\na\n", DataTest.schema([("s", FieldType(.string))]))
        guard case .string(let codes, let dictionary)? = table.columns["s"]?.storage else {
            Issue.record("not a string column")
            return
        }
        #expect(codes == [0, 1, 0, 2, 1])
        #expect(dictionary == ["b", "a", "c"])
    }

    @Test func japaneseText() throws {
        let table = try DataTest.csv(
            "顧客名,区分\n株式会社さくら,東日本\n\"山田商店, 本店\",西日本\n株式会社さくら,東日本\n",
            DataTest.schema([("顧客名", FieldType(.string)), ("区分", FieldType(.category(["東日本", "西日本"])))]))
        #expect(DataTest.values(table, "顧客名") == ["株式会社さくら", "山田商店, 本店", "株式会社さくら"])
        #expect(DataTest.values(table, "区分") == ["東日本", "西日本", "東日本"])
    }

    @Test func nullsInNullableFields() throws {
        let schema = DataTest.schema([
            ("i", FieldType(.int, nullable: true)), ("d", FieldType(.date, nullable: true)),
            ("m", FieldType(.money(currency: "JPY"), nullable: true)), ("b", FieldType(.bool, nullable: true)),
            ("x", FieldType(.decimal, nullable: true)), ("s", FieldType(.string, nullable: true)),
            ("c", FieldType(.category(["a"]), nullable: true)),
        ])
        let table = try DataTest.csv("i,d,m,b,x,s,c\n1,2026-01-02,3,true,4.5,t,a\n,,,,,,\n", schema)
        for name in ["i", "d", "m", "b", "x", "s", "c"] {
            #expect(table.columns[name]?.validity == [true, false], "\(name)")
            #expect(DataTest.values(table, name)[1] == nil, "\(name)")
        }
    }

    @Test func validityIsNilWithoutNulls() throws {
        let table = try DataTest.csv("n\n1\n2\n", DataTest.schema([("n", FieldType(.int, nullable: true))]))
        #expect(table.columns["n"]?.validity == nil)
        #expect(table.columns["n"]?.count == 2)
    }
}
