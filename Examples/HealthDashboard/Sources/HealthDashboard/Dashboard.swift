import KPIKit

/// Evaluates ClinicDesk's KPIs on the clinic store and prints a dashboard: the month's
/// metrics and scorecard, customer health, the clinics to call, and a six-month trend
/// evaluated concurrently.
@main
struct Dashboard {
    static func main() async throws {
        // The definitions were checked when the program was built and are compiled in:
        // no YAML file is read. They are checked again here with our own module.
        let catalog = try KPIDefinitions.catalog(modules: ModuleRegistry.standard.registering(ClinicModule()))
        let store = ClinicStore()
        let october = Period.month(10, of: 2026)

        let result = try await catalog.evaluate(KPIProducts.clinicDesk, on: .provider(store), period: october)
        print(Report.month(result, product: try require(catalog.product(KPIProducts.clinicDesk), "product clinic-desk")))

        // One catalog value, six evaluations at once: a catalog is safe to share between tasks.
        let months = (5...10).map { Period.month($0, of: 2026) }
        let trend = try await withThrowingTaskGroup(of: ProductEvaluation.self) { group in
            for month in months {
                group.addTask { try await catalog.evaluate(KPIProducts.clinicDesk, on: .provider(store), period: month) }
            }
            var results: [ProductEvaluation] = []
            for try await result in group { results.append(result) }
            return results.sorted { $0.period.start < $1.period.start }
        }
        print(Report.trend(trend, metrics: [ClinicDeskMetrics.churnRate, ClinicDeskMetrics.noShowRate, ClinicDeskMetrics.onlineBookingShare]))
    }
}

/// `#require` for a program: the value, or a failure that says what was missing.
func require<T>(_ value: T?, _ what: @autoclosure () -> String = "a value") throws -> T {
    guard let value else { throw MissingValue(what: what()) }
    return value
}

struct MissingValue: Error, CustomStringConvertible {
    var what: String
    var description: String { "missing \(what)" }
}
