import Foundation
import KPIKit
import Testing

private typealias T = APITestSupport

/// Loading a catalog: from a folder, from text, from the program; errors as typed values.
@Suite struct KPICatalogTests {
    @Test func loadsAFolder() throws {
        let catalog = try T.catalog()
        #expect(catalog.products.map(\.id) == ["crm", "web-shop"])
        #expect(catalog.documentCount == 3)
        #expect(catalog.diagnostics.isEmpty)
        let crm = try #require(catalog.product("crm"))
        #expect(crm.name == "Pipeline CRM")
        #expect(crm.team == "CRM Customer Success")
        #expect(crm.model == .subscription)
        #expect(crm.module == "subscription")
        let accounts = try #require(crm.source("accounts"))
        #expect(accounts.fields.map(\.name) == ["account_id", "plan", "signup_date", "churned_date", "mrr", "logins_30d", "nps"])
        #expect(accounts.fields.first { $0.name == "mrr" }?.type == FieldType(.money(currency: "USD")))
        #expect(accounts.isProvided)
        #expect(catalog.product("nope") == nil)
    }

    @Test func textAndEmbeddedDefinitionsLoadTheSameProducts() throws {
        let fromFolder = try T.catalog()
        let fromText = try KPICatalog(definitions: KPIDefinitions.definitionFiles)
        let embedded = try KPICatalog(embedded: KPIDefinitions.self)
        #expect(fromText.products.map(\.id) == fromFolder.products.map(\.id))
        #expect(embedded.products.map(\.metrics) == fromFolder.products.map(\.metrics))
        #expect(embedded.products.map(\.sources) == fromFolder.products.map(\.sources))
    }

    @Test func errorsThrowWithEveryDiagnostic() throws {
        let error = try #require(throws: KPICatalogError.self) {
            try KPICatalog(definitions: [KPIDefinitionFile(name: "p.yaml", text: """
                kpi: 1
                product: p
                model: one-time
                sources:
                  accounts:
                    key: id
                    fields: { id: string, mrr: money[JPY] }
                metrics:
                  total:
                    formula: count(acounts)
                  revenue:
                    formula: sum(mrr) + 1
                """)])
        }
        #expect(error.errors.map(\.description) == [
            "p.yaml:10:20: error: unknown name `acounts`: no field, segment or metric is called that",
            "p.yaml:12:14: error: `+` does not apply to money in JPY and an int; money adds to money of the same currency and multiplies or divides by a number",
        ])
        let first = try #require(error.errors.first)
        #expect([first.line, first.column, first.endLine, first.endColumn] == [10, 20, 10, 27])
        #expect(first.code == "unknown-name")
        #expect(error.description.hasPrefix("""
            p.yaml:10:20: error: unknown name `acounts`: no field, segment or metric is called that
                formula: count(acounts)
                               ^~~~~~~
            """))
    }

    @Test func warningsStayWithTheCatalog() throws {
        let catalog = try KPICatalog(definitions: [KPIDefinitionFile(name: "p.yaml", text: """
            kpi: 1
            product: p
            model: subscription
            sources:
              accounts:
                fields: { id: string, unused: int }
            metrics:
              total:
                formula: count(accounts)
            """)])
        #expect(catalog.diagnostics.allSatisfy { $0.severity == .warning })
        let unused = catalog.diagnostics.filter { $0.message.contains("`unused`") }
        #expect(unused.map(\.description) == [
            "p.yaml:6:27: warning: field `unused` of source `accounts` is never used; remove it, or use it in a metric, health or signal",
        ])
    }

    @Test func aMissingFolderIsAnError() throws {
        let error = try #require(throws: KPICatalogError.self) { try KPICatalog(folder: "/no/such/kpi-definitions") }
        #expect(error.errors.map(\.code) == ["no-such-path"])
        #expect(error.errors.first?.path == "/no/such/kpi-definitions")
        #expect(error.errors.first?.line == nil)
    }

    @Test func anUnknownProductIsAnEvaluationError() async throws {
        let catalog = try T.catalog()
        let error = await #expect(throws: KPIEvaluationError.self) {
            try await catalog.evaluate("crn", on: .tables([Table]()), period: T.october)
        }
        #expect(error?.reason == .unknownProduct)
        #expect(error?.description == "product `crn`: no product `crn` in the catalog (it has crm, web-shop); did you mean `crm`?")
    }
}
