import Foundation
import KPILanguage
import KPITestSupport
import KPIYAML
import Testing

// Golden diagnostics: every broken document under `Fixtures/invalid/` is checked and its
// rendered diagnostics compared, byte for byte, with the `.expected` file beside it.
//
// A fixture is `NAME.yaml` (one document) or a folder `NAME/` (several documents, such as
// a product and its bases), with `NAME.expected` next to it. Paths in the output are
// relative, `Fixtures/invalid/NAME.yaml`, so the files do not depend on the checkout.
//
// To record new output after a deliberate change, run
//     KPI_UPDATE_GOLDEN=1 swift test --filter GoldenDiagnostics
// and then read every changed `.expected` file: a golden file that records a wrong
// line:column is a defect, not a test.

/// One broken document (or folder of documents) and where its expected output lives.
struct GoldenFixture: Sendable, CustomTestStringConvertible {
    /// `NAME`, without extension.
    var name: String
    /// (path shown in diagnostics, absolute path) of each document, in path order.
    var documents: [(shown: String, absolute: String)]
    /// The absolute path of `NAME.expected`.
    var expectedPath: String

    var testDescription: String { name }

    /// The folder holding the fixtures, found from this file's path.
    static let folder: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/invalid")
        .path

    /// The prefix of every path shown in diagnostics.
    static let shownPrefix = "Fixtures/invalid/"

    /// Every fixture, by name.
    static func all() -> [GoldenFixture] {
        let manager = FileManager.default
        let entries = ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        var out: [GoldenFixture] = []
        for entry in entries {
            let absolute = folder + "/" + entry
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: absolute, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                let files = ((try? manager.contentsOfDirectory(atPath: absolute)) ?? [])
                    .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
                    .sorted()
                out.append(GoldenFixture(
                    name: entry,
                    documents: files.map { (shownPrefix + entry + "/" + $0, absolute + "/" + $0) },
                    expectedPath: folder + "/" + entry + ".expected"))
            } else if entry.hasSuffix(".yaml") {
                let name = String(entry.dropLast(".yaml".count))
                out.append(GoldenFixture(
                    name: name,
                    documents: [(shownPrefix + entry, absolute)],
                    expectedPath: folder + "/" + name + ".expected"))
            }
        }
        return out
    }

    /// The rendered diagnostics of checking the fixture.
    func render() throws -> String {
        let files = try documents.map { document in
            SourceFile(path: document.shown, text: try String(contentsOfFile: document.absolute, encoding: .utf8))
        }
        let check = CatalogLoader.check(files: files, modules: [])
        return DiagnosticRenderer(colors: false).render(check.diagnostics)
    }
}

@Suite("Golden diagnostics")
struct GoldenDiagnosticsTests {
    static let updating = ProcessInfo.processInfo.environment["KPI_UPDATE_GOLDEN"] == "1"

    @Test("rendered diagnostics match the .expected file", arguments: GoldenFixture.all())
    func fixture(_ fixture: GoldenFixture) throws {
        let actual = try fixture.render()
        if Self.updating {
            try actual.write(toFile: fixture.expectedPath, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: fixture.expectedPath, encoding: .utf8) else {
            Issue.record("""
                \(fixture.name): no \(fixture.name).expected; run with KPI_UPDATE_GOLDEN=1 to record it, then read it. The output is:
                \(actual)
                """)
            return
        }
        if actual != expected {
            Issue.record("""
                \(fixture.name): the diagnostics differ from \(fixture.name).expected (- expected, + actual):
                \(TextDiff.lines(expected: expected, actual: actual))
                """)
        }
    }

    @Test("every fixture reports at least one diagnostic")
    func fixturesAreBroken() throws {
        for fixture in GoldenFixture.all() {
            let actual = try fixture.render()
            #expect(!actual.isEmpty, "\(fixture.name) checks without any diagnostic")
        }
    }

    @Test("there are enough fixtures, and no .expected without its fixture")
    func fixtureSetIsComplete() throws {
        let fixtures = GoldenFixture.all()
        #expect(fixtures.count >= 36)
        let names = Set(fixtures.map(\.name))
        let expected = try FileManager.default.contentsOfDirectory(atPath: GoldenFixture.folder)
            .filter { $0.hasSuffix(".expected") }
            .map { String($0.dropLast(".expected".count)) }
        for name in expected {
            #expect(names.contains(name), "\(name).expected has no \(name).yaml or \(name)/ beside it")
        }
        for fixture in fixtures {
            #expect(!fixture.documents.isEmpty, "fixture folder \(fixture.name)/ holds no .yaml file")
        }
    }

    @Test("the renderer's line:column is the fixture's own text at that place")
    func positionsPointIntoTheFixture() throws {
        // A cross-check that does not trust the .expected files: every `path:line:column`
        // headline must name a line that exists, and the caret line under it must point at
        // that column.
        for fixture in GoldenFixture.all() {
            let lines = try fixture.render().split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated()
            where line.hasPrefix(GoldenFixture.shownPrefix) && (line.contains(": error: ") || line.contains(": warning: ")) {
                let parts = line.split(separator: ":", maxSplits: 4)
                guard parts.count >= 4, let column = Int(parts[2]), index + 2 < lines.count else { continue }
                let caret = lines[index + 2]
                guard let caretIndex = caret.firstIndex(of: "^") else { continue }
                let caretColumn = caret.distance(from: caret.startIndex, to: caretIndex) + 1
                let sourceLine = lines[index + 1]
                // Only ASCII lines without tabs map columns one to one.
                if sourceLine.unicodeScalars.allSatisfy({ $0.isASCII && $0 != "\t" }) {
                    #expect(caretColumn == column, "\(fixture.name): caret at column \(caretColumn) under `\(line)`")
                }
            }
        }
    }
}
