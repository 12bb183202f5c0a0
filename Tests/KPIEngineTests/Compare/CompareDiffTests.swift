import Foundation
@testable import KPIKit
import KPITestSupport
import Testing

@Suite("Compare: diff")
struct CompareDiffTests {
    static let folder = "Tests/KPIEngineTests/Fixtures/compare/diff"

    /// The crafted old and new versions of `shop`, each checked in the fixture catalog.
    static func shopDiff() throws -> DefinitionDiff {
        let catalog = Repository.path(folder + "/catalog")
        let oldPath = catalog + "/shop.yaml"
        let old = DefinitionVersion.load(
            text: try String(contentsOfFile: oldPath, encoding: .utf8), path: oldPath,
            label: folder + "/catalog/shop.yaml", folder: catalog)
        let new = DefinitionVersion.load(
            text: try String(contentsOfFile: Repository.path(folder + "/shop-new.yaml"), encoding: .utf8), path: oldPath,
            label: folder + "/shop-new.yaml", folder: catalog)
        #expect(old.errors.isEmpty, "\(DiagnosticRenderer(colors: false).render(old.errors))")
        #expect(new.errors.isEmpty, "\(DiagnosticRenderer(colors: false).render(new.errors))")
        return DefinitionDiff(old: old, new: new)
    }

    /// `kind item: old -> new` for every change of the one product.
    static func lines(_ diff: DefinitionDiff) -> [String] {
        diff.products.flatMap { product in
            product.changes.map { "\($0.kind.rawValue) \($0.item): \($0.old.map(DefinitionDiffRenderer.text) ?? "-") -> \($0.new.map(DefinitionDiffRenderer.text) ?? "-")" }
        }
    }

    @Test("every kind of metric, health and signal change")
    func everyKind() throws {
        let diff = try Self.shopDiff()
        #expect(diff.document == "shop")
        #expect(!diff.isBase)
        #expect(diff.hasChanges)
        #expect(diff.products.map(\.product) == ["shop"])
        #expect(Self.lines(diff) == [
            "metric added nps: - -> satisfaction, weight 10 (10.0%): avg(nps_score where active)",
            "metric removed old_metric: no concept, unweighted: count(accounts) -> -",
            "re-weighted arpa: 10 (12.5%) -> 20 (20.0%)",
            "re-targeted arpa: 5000 -> 6000",
            "thresholds changed churn_rate: green 0.02, yellow 0.04 -> green 0.01, yellow 0.03",
            "formula changed churn_rate: ratio(count(accounts where churned_date in period), count(accounts where active)) -> ratio(count(accounts where churned_date in period), count(accounts where signup_date < period.start))",
            "unit changed churn_rate: percent -> ratio",
            "concept changed active_customers: adoption -> retention",
            "thresholds changed logins: green 10, yellow 5 -> green 10, yellow 15",
            "direction changed logins: higher -> lower",
            "health component added active: - -> 20 (20.0%)",
            "health component removed tenure: 10 (10.0%) -> -",
            "health weight changed usage: 60 (60.0%) -> 50 (50.0%)",
            "health bands changed health: green 70, yellow 40 -> green 75, yellow 40",
            "signal added churn_notice: - -> reactive: churned_date in period",
            "signal removed quiet: proactive: logins_30d == 0 -> -",
        ])
        let kinds = Set(diff.products.flatMap(\.changes).map(\.kind))
        #expect(kinds == Set(DefinitionChange.Kind.allCases).subtracting([.healthAdded, .healthRemoved]))
    }

    @Test("golden output", arguments: [ReportFormat.table, .markdown, .json])
    func golden(format: ReportFormat) throws {
        let text = DefinitionDiffRenderer().render(try Self.shopDiff(), as: format)
        let name = ["table": "diff.table.txt", "markdown": "diff.md", "json": "diff.json"][format.rawValue]!
        try CompareTestSupport.expectGolden(text, name)
    }

    @Test("a base's change is reported in the products that extend it")
    func base() throws {
        let catalog = Repository.path(Self.folder + "/catalog")
        let path = catalog + "/shop-core.yaml"
        let old = DefinitionVersion.load(text: try String(contentsOfFile: path, encoding: .utf8), path: path, folder: catalog)
        let new = DefinitionVersion.load(text: try String(contentsOfFile: Repository.path(Self.folder + "/shop-core-new.yaml"), encoding: .utf8), path: path, label: "new", folder: catalog)
        let diff = DefinitionDiff(old: old, new: new)
        #expect(diff.isBase)
        #expect(old.affectedProducts == ["shop"])
        #expect(Self.lines(diff) == ["formula changed arpa: avg(mrr where active) -> avg(mrr where active and mrr > 0)"])
    }

    @Test("the same text twice: no changes")
    func unchanged() throws {
        let catalog = Repository.path(Self.folder + "/catalog")
        let path = catalog + "/shop.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let diff = DefinitionDiff(old: .load(text: text, path: path, label: "a", folder: catalog), new: .load(text: text, path: path, label: "b", folder: catalog))
        #expect(!diff.hasChanges)
        #expect(DefinitionDiffRenderer().render(diff, as: .table).contains("No differences"))
        #expect(DefinitionDiffRenderer().render(diff, as: .json).contains("\"has_changes\": false"))
    }

    @Test("a file that did not exist: the product is added; health added and removed")
    func addedProduct() throws {
        let catalog = Repository.path(Self.folder + "/catalog")
        let path = catalog + "/shop.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let diff = DefinitionDiff(old: .load(text: nil, path: path, label: "old", folder: catalog), new: .load(text: text, path: path, folder: catalog))
        #expect(diff.products.map(\.status) == [.added])
        #expect(diff.products[0].changes.filter { $0.kind == .metricAdded }.count == 6)
        #expect(diff.products[0].changes.contains { $0.kind == .healthAdded })

        let noHealth = text.components(separatedBy: "health:\n")[0] + "signals:\n" + text.components(separatedBy: "signals:\n")[1]
        let removed = DefinitionDiff(old: .load(text: text, path: path, folder: catalog), new: .load(text: noHealth, path: path, label: "new", folder: catalog))
        #expect(Self.lines(removed).filter { $0.hasPrefix("health") } == ["health removed health: 3 components on accounts -> -"])
    }

    @Test("errors in a version are reported, with its label")
    func errors() throws {
        let catalog = Repository.path(Self.folder + "/catalog")
        let path = catalog + "/shop.yaml"
        let broken = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "avg(logins_30d where active)", with: "avg(logins_3d where active)")
        let version = DefinitionVersion.load(text: broken, path: path, label: "shop.yaml@HEAD", folder: catalog)
        #expect(version.errors.count == 1)
        #expect(version.errors.first?.range?.file.path == "shop.yaml@HEAD")
        #expect(version.product("shop") == nil)
    }

    // MARK: - git

    @Test("a file at a git revision; unknown revision; not a repository; added since")
    func git() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-diff-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/defs", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = root + "/defs/shop.yaml"
        try "kpi: 1 # first\n".write(toFile: file, atomically: true, encoding: .utf8)
        try Self.git(["init", "-q"], in: root)
        try Self.git(["add", "."], in: root)
        try Self.git(["-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "first"], in: root)
        try "kpi: 1 # second\n".write(toFile: file, atomically: true, encoding: .utf8)
        try "kpi: 1\n".write(toFile: root + "/defs/new.yaml", atomically: true, encoding: .utf8)

        #expect(try GitRevision.contents(of: file, at: "HEAD") == "kpi: 1 # first\n")
        #expect(try GitRevision.contents(of: root + "/defs/new.yaml", at: "HEAD") == nil)
        #expect(throws: GitRevision.Failure.unknownRevision("no-such-rev")) {
            try GitRevision.contents(of: file, at: "no-such-rev")
        }
        #expect(throws: GitRevision.Failure.unknownRevision("--output=x")) {
            try GitRevision.contents(of: file, at: "--output=x")
        }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-nogit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        #expect(throws: GitRevision.Failure.notARepository(folder: outside)) {
            try GitRevision.contents(of: outside + "/x.yaml", at: "HEAD")
        }
    }

    static func git(_ arguments: [String], in folder: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " "))")
    }
}
