import Foundation
import KPIKit
import KPITestSupport
import Testing

// Golden files for the report commands live in `Fixtures/compare/`. To record new output
// after a deliberate change, run
//     KPI_UPDATE_GOLDEN=1 swift test --filter Compare
// and read every changed file before committing it.

/// Catalogs and golden files shared by the compare, diff, new and explain tests.
enum CompareTestSupport {
    static let updating = ProcessInfo.processInfo.environment["KPI_UPDATE_GOLDEN"] == "1"

    /// `Tests/KPIEngineTests/Fixtures/compare`, absolute.
    static let fixtures = Repository.path("Tests/KPIEngineTests/Fixtures/compare")

    /// The YAML files below `folder` (relative to the repository root), read and named
    /// by their path relative to the root, so output does not depend on the checkout.
    static func files(in folder: String) throws -> [(name: String, text: String)] {
        let absolute = Repository.path(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: absolute).filter { $0.hasSuffix(".yaml") }.sorted()
        return try names.map { name in
            (folder + "/" + name, try String(contentsOfFile: absolute + "/" + name, encoding: .utf8))
        }
    }

    /// The catalog in `folder`, checked with the standard modules; fails the test on errors.
    static func catalog(_ folder: String) throws -> CheckedCatalog {
        let check = KPIKitCatalog.check(sources: try files(in: folder))
        let errors = check.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(DiagnosticRenderer(colors: false).render(errors))")
        return check.catalog
    }

    /// The shipped catalog (`kpi-definitions/`).
    static func shipped() throws -> CheckedCatalog {
        try catalog("kpi-definitions")
    }

    /// The catalog crafted to trigger every kind of mark.
    static func synthetic() throws -> CheckedCatalog {
        try catalog("Tests/KPIEngineTests/Fixtures/compare/synthetic")
    }

    /// Compares `actual` with the golden file `name` (records it when updating).
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let path = fixtures + "/" + name
        if updating {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("missing golden file \(name); run KPI_UPDATE_GOLDEN=1 swift test --filter Compare", sourceLocation: sourceLocation)
            return
        }
        #expect(expected == actual, "\(name) differs:\n\(TextDiff.lines(expected: expected, actual: actual))", sourceLocation: sourceLocation)
    }
}
