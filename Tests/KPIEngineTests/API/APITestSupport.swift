import Foundation
import KPIKit
import KPITestSupport
import Synchronization
import Testing

// The generator's reference output is `Fixtures/generated/KPIDefinitions.swift`. `Fixtures`
// is excluded from the target, so `API/KPIDefinitions+Reference.swift` is a symlink to it:
// the reference is compiled too, and the tests use what it declares (proving it compiles
// and loads). To record it after a deliberate change, run
//     KPI_UPDATE_GOLDEN=1 swift test --filter SwiftGenerator
// build again, and read the diff before committing it.

/// The fixture catalog, its data, and helpers shared by the embedding-API tests.
enum APITestSupport {
    static let updating = ProcessInfo.processInfo.environment["KPI_UPDATE_GOLDEN"] == "1"

    /// `Tests/KPIEngineTests/Fixtures/generated`, absolute.
    static let fixtures = Repository.path("Tests/KPIEngineTests/Fixtures/generated")
    /// The fixture catalog folder.
    static let catalogFolder = fixtures + "/kpi-definitions"

    /// October 2026.
    static let october = Period.month(10, of: 2026)

    /// The fixture catalog, loaded from its folder.
    static func catalog() throws -> KPICatalog {
        try KPICatalog(folder: catalogFolder)
    }

    /// The accounts of product `crm`, as rows.
    static let accountRows: [[String: FieldValue]] = [
        ["account_id": "a1", "plan": "pro", "signup_date": "2026-01-10", "churned_date": nil, "mrr": 100, "logins_30d": 12, "nps": 50],
        ["account_id": "a2", "plan": "free", "signup_date": "2026-10-05", "mrr": 0, "logins_30d": 2],
        ["account_id": "a3", "plan": "pro", "signup_date": "2025-06-01", "churned_date": "2026-10-20", "mrr": 250.5, "logins_30d": 0, "nps": -20],
        ["account_id": "a4", "plan": "pro", "signup_date": "2025-02-01", "churned_date": "2026-08-01", "mrr": 80, "logins_30d": 1, "nps": 10],
    ]

    /// The same accounts as a CSV file's text.
    static let accountsCSV = """
        account_id,plan,signup_date,churned_date,mrr,logins_30d,nps
        a1,pro,2026-01-10,,100,12,50
        a2,free,2026-10-05,,0,2,
        a3,pro,2025-06-01,2026-10-20,250.5,0,-20
        a4,pro,2025-02-01,2026-08-01,80,1,10

        """

    /// The accounts table of `crm`, built from `accountRows`.
    static func accountsTable(_ catalog: KPICatalog) throws -> Table {
        var builder = TableBuilder(try #require(catalog.product(KPIProducts.crm)?.source(CRMSources.accounts)))
        builder.append(contentsOf: accountRows)
        return try builder.build()
    }

    /// A result as `kpi evaluate --format json` prints it: to compare two results whole.
    static func json(_ evaluation: ProductEvaluation) -> String {
        EvaluationJSON.render([evaluation])
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kpikit-api-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// A provider that serves the fixture rows and counts what it is asked for.
final class RecordingProvider: KPIDataProvider {
    private let requests = Mutex<[SourceRequest]>([])
    let rows: [String: [[String: FieldValue]]]

    init(rows: [String: [[String: FieldValue]]]) {
        self.rows = rows
    }

    /// The requests received, in order of arrival.
    var received: [SourceRequest] {
        requests.withLock { $0 }
    }

    func rows(for request: SourceRequest, into table: inout TableBuilder) async throws {
        requests.withLock { $0.append(request) }
        table.append(contentsOf: rows[request.source.rawValue] ?? [])
    }
}
