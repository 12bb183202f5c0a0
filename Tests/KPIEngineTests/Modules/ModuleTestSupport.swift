import Foundation
import KPIKit
import Testing

/// Vectors, catalogs and rendering shared by the module tests.
enum ModuleTestSupport {
    // MARK: - Vectors

    /// Days since 1970-01-01 of `YYYY-MM-DD` (proleptic Gregorian).
    static func day(_ text: String) -> Int32 {
        let parts = text.split(separator: "-").map { Int($0)! }
        var (year, month, day) = (parts[0], parts[1], parts[2])
        year -= month <= 2 ? 1 : 0
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        month = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * month + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Int32(era * 146_097 + dayOfEra - 719_468)
    }

    static func dates(_ texts: [String?]) -> ColumnVector {
        ColumnVector(scalars: texts.map { $0.map { .date(day($0)) } ?? .null }, type: .date)
    }

    static func ints(_ values: [Int64?]) -> ColumnVector {
        ColumnVector(scalars: values.map { $0.map(Scalar.int) ?? .null }, type: .int)
    }

    static func numbers(_ values: [Double?]) -> ColumnVector {
        ColumnVector(scalars: values.map { $0.map(Scalar.number) ?? .null }, type: .number)
    }

    static func yen(_ amounts: [String?]) -> ColumnVector {
        money(amounts, currency: "JPY")
    }

    static func money(_ amounts: [String?], currency: String) -> ColumnVector {
        ColumnVector(scalars: amounts.map { $0.map { .money(Decimal(string: $0)!, currency: currency) } ?? .null }, type: .money(currency))
    }

    static func strings(_ values: [String?]) -> ColumnVector {
        ColumnVector(scalars: values.map { $0.map(Scalar.string) ?? .null }, type: .string)
    }

    static func yenScalar(_ amount: String) -> Scalar {
        .money(Decimal(string: amount)!, currency: "JPY")
    }

    // MARK: - Catalogs

    /// A subscription product on one account source with `metrics` (YAML, indented by 2).
    static func subscriptionProduct(id: String = "crm", module: String? = "subscription", model: String = "subscription", metrics: String, extra: String = "") -> String {
        """
        kpi: 1
        product: \(id)
        model: \(model)
        \(module.map { "module: \($0)" } ?? "")
        sources:
          accounts:
            key: account_id
            fields:
              account_id: string
              signup_date: date
              churned_date: date?
              mrr: money[JPY]
              mrr_usd: money[USD]
              lead_goal: int?
              leads: int?
          deliveries:
            key: delivery_id
            parent: accounts by account_id
            fields:
              delivery_id: string
              account_id: string
              due_date: date
              delivered_date: date?
        derived:
          accounts.active_at_start: signup_date < period.start and (churned_date is null or churned_date >= period.start)
        \(extra)
        metrics:
        \(metrics)
        """
    }

    /// A one-time product on a transaction log with `metrics` (YAML, indented by 2).
    static func oneTimeProduct(metrics: String) -> String {
        """
        kpi: 1
        product: shop
        model: one-time
        sources:
          transactions:
            key: transaction_id
            fields:
              transaction_id: string
              customer: string
              date: date
              amount: money[JPY]
          customers:
            group: transactions by customer
            fields:
              first_purchase: min(date)
              last_purchase: max(date)
              purchases: count()
        metrics:
        \(metrics)
        """
    }

    /// The catalog of `files` checked with the standard modules (core and module checks).
    static func check(_ files: [(name: String, text: String)], modules: ModuleRegistry = .standard) -> CatalogCheck {
        KPIKitCatalog.check(sources: files, modules: modules)
    }

    /// The diagnostics with one of `codes`, rendered as `kpi validate` prints them.
    static func rendered(_ check: CatalogCheck, codes: Set<String>) -> String {
        DiagnosticRenderer(colors: false).render(check.diagnostics.filter { codes.contains($0.code) })
    }

    /// The codes of every diagnostic, in order.
    static func codes(_ check: CatalogCheck) -> [String] {
        check.diagnostics.map(\.code)
    }

    /// The root of the package (for the catalog in `kpi-definitions/`).
    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
    }
}
