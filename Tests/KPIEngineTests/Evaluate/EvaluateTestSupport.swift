import Foundation
@testable import KPIEngine
import KPIKit
import KPITestSupport
import Testing

/// Builders for the evaluation tests: small tables written column by column, products
/// written as YAML and checked by the real checker, and evaluation in one call.
enum Fixture {
    // MARK: - Columns

    /// Days since 1970-01-01 of `YYYY-MM-DD`.
    static func day(_ text: String) -> Int32 {
        let parts = text.split(separator: "-").map { Int($0)! }
        return CivilDate(year: parts[0], month: parts[1], day: parts[2]).days
    }

    static func ints(_ name: String, _ values: [Int64?]) -> Column {
        column(name, .int, values, placeholder: 0) { .int($0) }
    }

    static func decimals(_ name: String, _ values: [Double?]) -> Column {
        column(name, .decimal, values, placeholder: 0) { .decimal($0) }
    }

    /// Money from decimal text (`"0.1"`), stored exactly as the reader does.
    static func money(_ name: String, _ values: [String?], currency: String = "JPY") -> Column {
        let scaled = values.map { $0.map { (Decimal(string: $0)! * 10_000 as NSDecimalNumber).int64Value } }
        return column(name, .money(currency: currency), scaled, placeholder: 0) { .money($0, currency: currency) }
    }

    static func bools(_ name: String, _ values: [Bool?]) -> Column {
        column(name, .bool, values, placeholder: false) { .bool($0) }
    }

    static func dates(_ name: String, _ values: [String?]) -> Column {
        column(name, .date, values.map { $0.map(day) }, placeholder: 0) { .date($0) }
    }

    static func strings(_ name: String, _ values: [String?]) -> Column {
        var dictionary: [String] = []
        var codeOf: [String: Int32] = [:]
        var codes: [Int32] = []
        for value in values {
            guard let value else { codes.append(0); continue }
            if let code = codeOf[value] {
                codes.append(code)
            } else {
                codeOf[value] = Int32(dictionary.count)
                codes.append(Int32(dictionary.count))
                dictionary.append(value)
            }
        }
        return Column(
            name: name, type: FieldType(.string, nullable: values.contains(nil)),
            storage: .string(codes: codes, dictionary: dictionary), validity: validity(values), count: values.count)
    }

    static func categories(_ name: String, _ values: [String?], of declared: [String]) -> Column {
        let codes = values.map { value in value.map { Int32(declared.firstIndex(of: $0)!) } ?? 0 }
        return Column(
            name: name, type: FieldType(.category(declared), nullable: values.contains(nil)),
            storage: .category(codes: codes, values: declared), validity: validity(values), count: values.count)
    }

    private static func column<T>(
        _ name: String, _ base: FieldType.Base, _ values: [T?], placeholder: T, storage: ([T]) -> Column.Storage
    ) -> Column {
        Column(
            name: name, type: FieldType(base, nullable: values.contains { $0 == nil }),
            storage: storage(values.map { $0 ?? placeholder }), validity: validity(values), count: values.count)
    }

    private static func validity<T>(_ values: [T?]) -> [Bool]? {
        values.contains { $0 == nil } ? values.map { $0 != nil } : nil
    }

    static func table(_ name: String, _ columns: [Column]) -> Table {
        Table(name: name, rowCount: columns.first?.count ?? 0, columns: Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0) }))
    }

    // MARK: - Products

    /// The checked product of a YAML document (which must check without errors).
    static func product(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> CheckedProduct {
        let result = TestCatalog.check(yaml)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(TestCatalog.renderedErrors(result))", sourceLocation: sourceLocation)
        return try #require(result.catalog.products.first, sourceLocation: sourceLocation)
    }

    /// A product on one `accounts` source: `fields` and the other sections are YAML,
    /// indented as in the file (fields by 6 spaces, sections at column 0).
    static func accountsProduct(fields: String, sections: String) -> String {
        """
        kpi: 1
        product: test
        model: subscription
        sources:
          accounts:
            key: id
            fields:
              id: string
        \(fields)
        \(sections)
        """
    }

    static let october = try! Period(parsing: "2026-10")

    /// Evaluates `yaml` on `tables` for `period`.
    static func evaluate(
        _ yaml: String, _ tables: [Table], period: Period = october, by: String? = nil, periods: Int = 1,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> ProductEvaluation {
        let product = try product(yaml, sourceLocation: sourceLocation)
        return try Evaluator(product: product).evaluate(
            tables: Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) }), period: period, by: by, periods: periods)
    }

    /// The value of metric `id`.
    static func value(_ result: ProductEvaluation, _ id: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Scalar {
        try #require(result.metric(id), sourceLocation: sourceLocation).value
    }

    /// YAML single-quoted text (formulas contain double quotes and colons).
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// A product on one `accounts` source (key `id`, plus `fields`) whose metrics are
    /// `metrics` (id, formula), with optional extra YAML sections.
    static func metricsProduct(fields: [(String, String)], metrics: [(String, String)], sections: String = "") -> String {
        var yaml = """
        kpi: 1
        product: test
        model: subscription
        sources:
          accounts:
            key: id
            fields:
              id: string

        """
        for (name, type) in fields { yaml += "      \(name): \(type)\n" }
        yaml += "metrics:\n"
        for (id, formula) in metrics { yaml += "  \(id): { formula: \(quoted(formula)) }\n" }
        return yaml + sections
    }

    /// Evaluates single-source metrics on `columns` (an `id` column is added) and returns
    /// the result; the product must check without errors.
    static func evaluateMetrics(
        fields: [(String, String)], metrics: [(String, String)], columns: [Column], sections: String = "",
        period: Period = october, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> ProductEvaluation {
        let count = columns.first?.count ?? 0
        let table = Fixture.table("accounts", [strings("id", (0..<count).map { "a\($0 + 1)" })] + columns)
        return try evaluate(metricsProduct(fields: fields, metrics: metrics, sections: sections), [table], period: period, sourceLocation: sourceLocation)
    }

    /// The values of `metrics` over one column `x` of type `type`.
    static func values(
        _ type: String, _ column: Column, _ metrics: [(String, String)], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> [String: Scalar] {
        let result = try evaluateMetrics(fields: [(column.name, type)], metrics: metrics, columns: [column], sourceLocation: sourceLocation)
        return Dictionary(uniqueKeysWithValues: result.metrics.map { ($0.id, $0.value) })
    }

    /// The exact sum of `values`, rounded once to a Double (what a compensated sum gives):
    /// each value is an integer times 2^-80 (nil when one is not), added in 128-bit integers.
    static func exactlyRoundedSum(_ values: [Double]) -> Double? {
        var total: Int128 = 0
        for value in values {
            let scaled = value * 0x1p80
            guard scaled.rounded() == scaled, abs(scaled) < 0x1p120 else { return nil }
            total += Int128(scaled)
        }
        return Double(total) * 0x1p-80
    }

    static func yen(_ text: String) -> Scalar {
        .money(Decimal(string: text)!, currency: "JPY")
    }
}
