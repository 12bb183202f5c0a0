import Foundation
import KPIKit
import Testing

/// `TableBuilder`: values converted to the declared types, and every value that does not
/// fit reported with its row and column.
@Suite struct TableBuilderTests {
    static let fields = [
        FieldDeclaration(name: "id", type: FieldType(.string)),
        FieldDeclaration(name: "tier", type: FieldType(.category(["smb", "mid", "ent"]))),
        FieldDeclaration(name: "seats", type: FieldType(.int)),
        FieldDeclaration(name: "rate", type: FieldType(.decimal, nullable: true)),
        FieldDeclaration(name: "mrr", type: FieldType(.money(currency: "JPY"))),
        FieldDeclaration(name: "trial", type: FieldType(.bool)),
        FieldDeclaration(name: "since", type: FieldType(.date, nullable: true)),
    ]

    @Test func convertsValuesToTheDeclaredTypes() throws {
        var builder = TableBuilder(source: "accounts", fields: Self.fields)
        builder.append(["id": "a", "tier": "ent", "seats": 3, "rate": 0.5, "mrr": 1200, "trial": true, "since": "2026-10-01"])
        builder.append(["id": 42, "tier": "smb", "seats": "7", "rate": .decimal(Decimal(string: "0.25")!), "mrr": "0.1", "trial": "FALSE", "since": nil])
        builder.append(["id": "c", "tier": "mid", "seats": -1, "mrr": .money(Decimal(string: "12.3456")!, currency: "JPY"), "trial": 1, "since": .date(year: 1970, month: 1, day: 2)])
        #expect(builder.rowCount == 3)
        let table = try builder.build()
        #expect(table.name == "accounts")
        #expect(table.rowCount == 3)
        guard case .string(let codes, let dictionary) = table.columns["id"]?.storage else { Issue.record("id is not a string column"); return }
        #expect(codes.map { dictionary[Int($0)] } == ["a", "42", "c"])
        guard case .category(let tiers, let values) = table.columns["tier"]?.storage else { Issue.record("tier"); return }
        #expect(values == ["smb", "mid", "ent"] && tiers == [2, 0, 1])
        guard case .int(let seats) = table.columns["seats"]?.storage else { Issue.record("seats"); return }
        #expect(seats == [3, 7, -1])
        guard case .decimal(let rates) = table.columns["rate"]?.storage else { Issue.record("rate"); return }
        #expect(rates[0...1] == [0.5, 0.25] && table.columns["rate"]?.validity == [true, true, false])
        // Money is exact, scaled by 10 000: 0.1 is 1000, not 0.1000000000000000055…
        guard case .money(let amounts, let currency) = table.columns["mrr"]?.storage else { Issue.record("mrr"); return }
        #expect(amounts == [12_000_000, 1_000, 123_456] && currency == "JPY")
        guard case .bool(let trials) = table.columns["trial"]?.storage else { Issue.record("trial"); return }
        #expect(trials == [true, false, true])
        guard case .date(let days) = table.columns["since"]?.storage else { Issue.record("since"); return }
        #expect(days[0] == ISODate.days(from: "2026-10-01") && days[2] == 1)
        #expect(table.columns["since"]?.validity == [true, false, true])
        #expect(table.columns["id"]?.validity == nil)
    }

    @Test func everyValueThatDoesNotFitIsReportedWithItsRow() throws {
        var builder = TableBuilder(source: "accounts", fields: Self.fields)
        builder.append(["id": "a", "tier": "mld", "seats": 1.5, "mrr": 1, "trial": "yes", "since": "01/10/2026"])
        builder.append(["id": "b", "tier": "smb", "seats": 1, "mrr": .money(5, currency: "USD"), "trial": false, "seatz": 2])
        builder.append(["id": nil, "tier": "smb", "seats": 1, "mrr": 0.00001, "trial": false])
        let error = try #require(throws: TableBuildError.self) { try builder.build() }
        #expect(error.source == "accounts")
        #expect(error.problemCount == 8)
        #expect(error.description == """
            source `accounts`, row 1, column `tier`: "mld" is not a value of `tier`, declared `category[smb, mid, ent]`; did you mean `mid`?
            source `accounts`, row 1, column `seats`: the number 1.5 does not fit `seats`, declared `int`
            source `accounts`, row 1, column `trial`: the text "yes" does not fit `trial`, declared `bool`; write `true` or `false` (or 1 or 0)
            source `accounts`, row 1, column `since`: the text "01/10/2026" does not fit `since`, declared `date?`; write a date as `YYYY-MM-DD`, such as `2026-10-01`
            source `accounts`, row 2, column `mrr`: the amount is in USD, but `mrr` is declared `money[JPY]`; convert it, or declare the field `money[USD]`
            source `accounts`, row 2, column `seatz`: no field `seatz` in source `accounts`; did you mean `seats`?; declare it in the definitions, or drop it from the row
            source `accounts`, row 3, column `id`: no value, but `id` is declared `string`; give a value, or declare it `string?` if it may be missing
            source `accounts`, row 3, column `mrr`: 0.00001 does not fit `mrr` (money[JPY]): money keeps at most 4 decimal places and must be within ±922 trillion
            """)
    }

    @Test func unknownColumnsCanBeIgnored() throws {
        var builder = TableBuilder(source: "accounts", fields: Array(Self.fields.prefix(1)), ignoresUnknownColumns: true)
        builder.append(["id": "a", "crm_owner": "kim"])
        let table = try builder.build()
        #expect(table.columns.keys.sorted() == ["id"])
    }

    @Test func buildsColumnByColumn() throws {
        var builder = TableBuilder(source: "accounts", fields: Self.fields)
        builder.setColumn("id", ["a", "b"])
        builder.setColumn("seats", [1, 2])
        let table = try builder.build()
        #expect(table.rowCount == 2)
        #expect(table.columns.keys.sorted() == ["id", "seats"])

        builder.setColumn("mrr", [1])
        builder.setColumn("plan", ["x"])
        let error = try #require(throws: TableBuildError.self) { try builder.build() }
        #expect(error.problems.map(\.description) == [
            "column `plan`: no field `plan` in source `accounts`; declare it in the definitions",
            "column `mrr`: has 1 values, but the other columns have 2; give every column the same number of rows",
        ])
    }

    @Test func anEmptyBuilderBuildsAnEmptyTableWithEveryColumn() throws {
        let table = try TableBuilder(source: "accounts", fields: Self.fields).build()
        #expect(table.rowCount == 0)
        #expect(table.columns.keys.sorted() == Self.fields.map(\.name).sorted())
    }

    @Test func listsTheFirstProblemsAndCountsTheRest() throws {
        var builder = TableBuilder(source: "s", fields: [FieldDeclaration(name: "n", type: FieldType(.int))])
        for _ in 0..<30 { builder.append(["n": "x"]) }
        let error = try #require(throws: TableBuildError.self) { try builder.build() }
        #expect(error.problems.count == TableBuilder.maxProblems)
        #expect(error.problemCount == 30)
        #expect(error.description.hasSuffix("\n(10 more problems not shown)"))
    }
}
