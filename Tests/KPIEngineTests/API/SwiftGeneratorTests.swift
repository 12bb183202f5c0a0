import Foundation
@testable import KPIKit
import KPITestSupport
import Testing

private typealias T = APITestSupport

/// `kpi generate-swift`'s generator: its output for the fixture catalog is the committed
/// reference file, which this target compiles — so the tests below also use what it
/// declares.
@Suite struct SwiftGeneratorTests {
    @Test func outputEqualsTheReferenceFile() throws {
        let output = try SwiftGenerator().generate(folder: T.catalogFolder)
        #expect(output.warnings.isEmpty)
        let path = T.fixtures + "/KPIDefinitions.swift"
        if T.updating {
            try output.source.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(expected == output.source, "KPIDefinitions.swift differs; run KPI_UPDATE_GOLDEN=1 swift test --filter SwiftGenerator:\n\(TextDiff.lines(expected: expected, actual: output.source))")
    }

    @Test func embeddedFilesAreTheFilesByteForByte() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: T.catalogFolder).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(KPIDefinitions.definitionFiles.map(\.name) == names.map { "kpi-definitions/" + $0 })
        for file in KPIDefinitions.definitionFiles {
            let onDisk = try String(contentsOfFile: T.fixtures + "/" + file.name, encoding: .utf8)
            #expect(file.text == onDisk, "\(file.name) changed on its way through a Swift literal")
        }
        // The base carries what could end a raw literal or start an interpolation.
        let base = try #require(KPIDefinitions.definitionFiles.first { $0.name.hasSuffix("subscription-base.yaml") })
        #expect(base.text.contains(##""""#"##) && base.text.contains(##"\#(x)"##))
    }

    @Test func generatedIdentifiersNameWhatTheCatalogHas() throws {
        let catalog = try KPIDefinitions.catalog()
        #expect(catalog.products.map(\.id) == [KPIProducts.crm, KPIProducts.webShop])
        let crm = try #require(catalog.product(KPIProducts.crm))
        #expect(crm.metrics.map(\.id) == [CRMMetrics.churnRate, CRMMetrics.arpa, CRMMetrics.activationRate, CRMMetrics.npsScore, CRMMetrics.newAccounts])
        #expect(crm.metric(CRMMetrics.npsScore)?.concept == KPIConcepts.satisfaction)
        #expect(crm.signals == [CRMSignals.atRisk])
        #expect(crm.source(CRMSources.accounts)?.key == "account_id")
        let shop = try #require(catalog.product(KPIProducts.webShop))
        #expect(shop.metric(WebShopMetrics.repeat)?.concept == KPIConcepts.repeat)
        #expect(shop.source(WebShopSources.customers)?.isProvided == false)
        #expect(catalog.concepts.contains(KPIConcepts.activation))
    }

    @Test func aBrokenDefinitionFailsWithItsPosition() throws {
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            kpi: 1
            product: broken
            model: subscription
            sources:
              accounts:
                fields: { id: string, mrr: money[JPY] }
            metrics:
              total:
                formula: sum(mrrr)
            """.write(toFile: folder + "/broken.yaml", atomically: true, encoding: .utf8)
        let error = try #require(throws: KPICatalogError.self) { try SwiftGenerator().generate(folder: folder) }
        #expect(error.errors.map(\.description) == [
            "\(folder)/broken.yaml:9:18: error: unknown name `mrrr`: no field, segment or metric is called that; did you mean `mrr`?",
        ])
    }

    @Test func idsThatMakeTheSameSwiftNameAreAnError() throws {
        let catalog = try KPICatalog(definitions: [KPIDefinitionFile(name: "p.yaml", text: """
            kpi: 1
            product: p
            model: subscription
            sources:
              accounts:
                fields: { id: string }
            metrics:
              churn_rate:
                formula: count(accounts)
              churn-rate:
                formula: count(accounts)
            """)])
        let error = try #require(throws: KPICatalogError.self) {
            try SwiftGenerator().generate(catalog: catalog, definitions: [])
        }
        #expect(error.diagnostics.map(\.description) == [
            "p.yaml:10:3: error: `churn-rate` and `churn_rate` both become `PMetrics.churnRate` in Swift; rename one of them",
        ])
    }

    @Test func publicAccessMarksEveryDeclaration() throws {
        let catalog = try T.catalog()
        let source = try SwiftGenerator(accessLevel: .public).generate(catalog: catalog, definitions: KPIDefinitions.definitionFiles)
        #expect(source.contains("public import KPIKit\n"))
        #expect(source.contains("public enum KPIProducts {\n"))
        #expect(source.contains("    public static let crm = ProductID(\"crm\")\n"))
        #expect(!source.contains("\nenum ") && !source.contains("    static let "))
    }

    @Test func literalsChooseEnoughHashesAndEscapeWhatCannotBeRaw() {
        #expect(SwiftStringLiteral.literal("plain", indent: "") == "#\"\"\"\nplain\n\"\"\"#")
        #expect(SwiftStringLiteral.literal("a \"\"\"## b", indent: "  ") == "###\"\"\"\n  a \"\"\"## b\n  \"\"\"###")
        #expect(SwiftStringLiteral.literal("line\r\nnext\u{1}", indent: "  ") == #""line\r\nnext\u{1}""#)
        #expect(SwiftStringLiteral.literal("a\n\nb\n", indent: "  ") == "#\"\"\"\n  a\n\n  b\n\n  \"\"\"#")
    }
}
