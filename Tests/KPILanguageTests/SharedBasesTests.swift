import Foundation
@testable import KPILanguage
import KPITestSupport
@_spi(Testing) import KPIYAML
import Testing

// A catalog check shares the work its bases cause: each base is resolved once, its entries
// are decoded once and its expressions parsed once (and their checked trees kept once) for
// all the products that extend it, and the products are decoded and checked on all cores.
// None of that may show: every diagnostic, its place and its order, the failed products
// and the checked products are those of checking the products one by one, each on its own
// (`CatalogLoader.Options.serial`).

// MARK: - Helpers

/// A file of `kpi-definitions/`.
private func definition(_ name: String) throws -> String {
    try String(contentsOfFile: Repository.path("kpi-definitions/\(name).yaml"), encoding: .utf8)
}

/// A catalog: `cs-common`, `saas-core` (changed by `base`), `count` copies of `ma` (with the
/// ids `ma-1`, `ma-2`, ...; every third one changed by `product`), and `cms` and `financing`.
private func catalog(
    count: Int = 12, base: (String) -> String = { $0 }, product: (String) -> String = { $0 }
) throws -> [SourceFile] {
    var files = [SourceFile(path: "cat/cs-common.yaml", text: try definition("cs-common"))]
    files.append(SourceFile(path: "cat/saas-core.yaml", text: base(try definition("saas-core"))))
    let ma = try definition("ma")
    for index in 1...count {
        var text = ma.replacingOccurrences(of: "\nproduct: ma\n", with: "\nproduct: ma-\(index)\n")
        if index % 3 == 0 { text = product(text) }
        files.append(SourceFile(path: "cat/ma-\(index).yaml", text: text))
    }
    files.append(SourceFile(path: "cat/cms.yaml", text: try definition("cms")))
    files.append(SourceFile(path: "cat/financing.yaml", text: try definition("financing")))
    return files
}

/// `text` with `old` replaced by `new`, which must occur in it.
private func replacing(_ old: String, with new: String) -> (String) -> String {
    { text in
        precondition(text.contains(old), "`\(old)` is not in the text")
        return text.replacingOccurrences(of: old, with: new)
    }
}

/// Checks `files` with every option set and expects the same result from each.
private func expectSameResults(_ files: [SourceFile], reportedFiles: Set<String>? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let modules = [ModuleDescription]()
    let reference = CatalogLoader.check(files: files, modules: modules, limits: .default, reportedFiles: reportedFiles, options: .serial)
    let variants: [CatalogLoader.Options] = [
        .default,
        CatalogLoader.Options(concurrent: true, sharesBases: false),
        CatalogLoader.Options(concurrent: false, sharesBases: true),
    ]
    for options in variants {
        let check = CatalogLoader.check(files: files, modules: modules, limits: .default, reportedFiles: reportedFiles, options: options)
        let label = "concurrent: \(options.concurrent), sharesBases: \(options.sharesBases)"
        #expect(check.diagnostics == reference.diagnostics, "\(label)", sourceLocation: sourceLocation)
        #expect(
            DiagnosticRenderer(colors: false).render(check.diagnostics) == DiagnosticRenderer(colors: false).render(reference.diagnostics),
            "\(label)", sourceLocation: sourceLocation)
        #expect(check.diagnostics.map(\.notes) == reference.diagnostics.map(\.notes), "\(label)", sourceLocation: sourceLocation)
        #expect(check.failedProducts == reference.failedProducts, "\(label)", sourceLocation: sourceLocation)
        #expect(check.documentCount == reference.documentCount, "\(label)", sourceLocation: sourceLocation)
        #expect(check.catalog.concepts == reference.catalog.concepts, "\(label)", sourceLocation: sourceLocation)
        #expect(check.catalog.products.map(\.id) == reference.catalog.products.map(\.id), "\(label)", sourceLocation: sourceLocation)
        for (product, expected) in zip(check.catalog.products, reference.catalog.products) {
            #expect(sameChecks(product, expected), "product \(product.id), \(label)", sourceLocation: sourceLocation)
        }
    }
}

/// Whether two checked products hold the same checked expressions, types and ranges.
private func sameChecks(_ a: CheckedProduct, _ b: CheckedProduct) -> Bool {
    a.module == b.module
        && a.metrics.map(\.id) == b.metrics.map(\.id)
        && a.metrics.map(\.formula) == b.metrics.map(\.formula)
        && a.metrics.map(\.dependencies) == b.metrics.map(\.dependencies)
        && a.metrics.map(\.definition.range) == b.metrics.map(\.definition.range)
        && a.segments.map(\.expression) == b.segments.map(\.expression)
        && a.signals.map(\.when) == b.signals.map(\.when)
        && a.sources.map(\.id) == b.sources.map(\.id)
        && a.sources.map(\.filter) == b.sources.map(\.filter)
        && a.sources.map(\.usedFields) == b.sources.map(\.usedFields)
        && a.sources.map(\.derived) == b.sources.map(\.derived)
        && a.sources.map { $0.fields.map(\.name) } == b.sources.map { $0.fields.map(\.name) }
        && a.sources.map { $0.fields.map(\.type) } == b.sources.map { $0.fields.map(\.type) }
        && a.health?.components.map(\.value) == b.health?.components.map(\.value)
        && a.health?.weights == b.health?.weights
        && a.health?.profiles.map(\.when) == b.health?.profiles.map(\.when)
        && a.definition.derived.map(\.expression.text) == b.definition.derived.map(\.expression.text)
        && a.bases.map(\.id) == b.bases.map(\.id)
}

// MARK: - Results

@Suite("Shared bases")
struct SharedBasesTests {
    @Test("the repository's catalog checks the same with and without sharing")
    func repositoryCatalog() throws {
        let names = ["cms", "cs-common", "financing", "ma", "saas-core"]
        let files = try names.map { SourceFile(path: "kpi-definitions/\($0).yaml", text: try definition($0)) }
        expectSameResults(files)
    }

    @Test("a clean catalog of many products extending one base checks the same")
    func cleanCatalog() throws {
        let files = try catalog(count: 30)
        expectSameResults(files)
        let check = CatalogLoader.check(files: files, modules: [])
        #expect(check.diagnostics.isEmpty)
        #expect(check.catalog.products.count == 32)
    }

    @Test("errors in a shared base and in products check the same", arguments: [
        // A syntax error, an unknown name, a bad value, an unknown key, an empty expression.
        ("formula: count(accounts where active)\n", "formula: count(accounts where active\n", "", ""),
        ("features_used >= 5\n", "feature_used >= 5\n", "setup_phases_done / 6", "setup_phase_done / 6"),
        ("target: 0.01\n", "target: abc\n", "    weight: 20\n", "    weight: -1\n"),
        ("    unit: count\n", "    units: count\n", "direction: lower\n", "direction: lowr\n"),
        ("accounts.tenure_days: days_between(signup_date, period.end)", "accounts.tenure_days: \" \"", "formula: count(accounts where stuck_in_setup)", "formula: \"\""),
        // Quoted and folded expressions, lexer errors, types, an unused field.
        ("when: cancel_notices > 0", "when: \"cancel_notices >\\n 0 and nope\"", "when: in_setup\n", "when: 'in_setup and  zz'\n"),
        ("formula: count(accounts where signup_date in period)", "formula: count(accounts where signup_date in period && 1_000 > 2)", "when: high_touch\n", "when: high_touch = 1\n"),
        ("formula: avg(mrr where active)", "formula: avg(segment where active)", "value: setup_phases_done\n", "value: setup_phases_done == 1\n"),
        ("nps_score is not null), count(accounts where active))", "1 == 1), count(accounts where active))", "", ""),
        ("formula: avg(lifetime_months where signup_date < period.end)", "formula: >\n      avg(lifetime_months where\n      signup_date < period.endd)", "", ""),
        // Inheritance problems: a cycle through a product, `remove` of unknown ids, an unknown base.
        ("extends: [cs-common]", "extends: [cs-common, ma-3]", "", ""),
        ("", "", "extends: [saas-core]\n", "extends: [saas-core]\nremove: [nps, nope, upsell_count]\n"),
        ("", "", "extends: [saas-core]\n", "extends: [saas-cor]\n"),
    ])
    func brokenCatalogs(_ change: (String, String, String, String)) throws {
        let files = try catalog(
            base: change.0.isEmpty ? { $0 } : replacing(change.0, with: change.1),
            product: change.2.isEmpty ? { $0 } : replacing(change.2, with: change.3))
        expectSameResults(files)
        // Only some files reported (as when `kpi validate` is given single files).
        expectSameResults(files, reportedFiles: ["cat/ma-3.yaml"])
    }

    @Test("an error in a base shared by many products is reported once, in the base")
    func baseErrorReportedOnce() throws {
        let files = try catalog(count: 20, base: replacing("nps_score >= 9)", with: "nps_scor >= 9)"))
        let check = CatalogLoader.check(files: files, modules: [])
        let unknown = check.diagnostics.filter { $0.message.contains("`nps_scor`") }
        #expect(unknown.count == 1)
        #expect(unknown.first?.range?.file.path == "cat/saas-core.yaml")
        expectSameResults(files)
    }

    @Test("products that check a base's expressions the same share one checked tree")
    func sharedCheckedTrees() throws {
        let check = CatalogLoader.check(files: try catalog(count: 6), modules: [])
        let products = check.catalog.products.filter { $0.id.hasPrefix("ma-") }
        #expect(products.count == 6)
        let formulas = products.map { product in product.metrics.first { $0.id == "retention_rate" }?.formula }
        #expect(formulas.allSatisfy { $0 != nil && $0 == formulas[0] })
        #expect(formulas.first??.range.file.path == "cat/saas-core.yaml")
    }

    @Test("a base is parsed and decoded once for all the products that extend it")
    func basePartsAreShared() throws {
        let files = try catalog(count: 10)
        var headers: [DocumentHeader] = []
        for file in files {
            var decoder = DocumentDecoder()
            let root = try #require(try YAMLLoader.load(file).first)
            if let header = decoder.header(of: root, file: file) { headers.append(header) }
        }
        let byID = Dictionary(headers.map { ($0.id.value, $0) }, uniquingKeysWith: { a, _ in a })
        var resolver = ExtendsResolver(documents: byID)
        let cache = ExpressionCache()
        let parts = DecodedPartCache()
        let concepts = Set(CatalogLoader.languageConcepts + ["setup", "self_sufficiency", "kickoff", "explanation", "voice"])
        var checkedCount: [Int] = []
        for header in headers where header.kind == .product && header.id.value.hasPrefix("ma-") {
            let resolved = resolver.resolve(header)
            let merged = try #require(resolved)
            var decoder = DocumentDecoder(sharedParts: parts, ownFile: header.file)
            let decoded = decoder.product(header, merged: merged, catalogConcepts: concepts)
            let product = try #require(decoded)
            _ = ProductChecker(product: product, modules: [:], expressionCache: cache).run(bases: [])
            checkedCount.append(cache.count)
        }
        // The first product parses every base expression; the others find them all.
        #expect(checkedCount.count == 10)
        #expect(Set(checkedCount).count == 1)
        #expect(checkedCount[0] > 30)
        #expect(parts.metrics.count > 10)
    }
}

// MARK: - Faster building blocks give what they replace

@Suite("Faster building blocks")
struct FasterBuildingBlocksTests {
    @Test("a source file's lines are its characters split at line feeds", arguments: [
        "", "\n", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\rb\nc", "\r\r\n", "\n\n\r\n", "x\r", "é\ne\u{301}\n\u{301}x",
        "名前\r\n値\n", "a\u{2028}b\nc", "\u{FEFF}kpi: 1\r\n", "tab\t\n  \n",
    ])
    func lines(_ text: String) {
        let expected = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        let file = SourceFile(path: "t.yaml", text: text)
        #expect(file.lines == expected)
        #expect(file.lines.map(\.startIndex) == expected.map(\.startIndex))
        #expect(file.lines.map(\.endIndex) == expected.map(\.endIndex))
    }

    @Test("the positions of plain one-line scalars are those found by re-reading the source")
    func plainScalarPositions() throws {
        var files = try ["cms", "cs-common", "financing", "ma", "saas-core"].map {
            SourceFile(path: "\($0).yaml", text: try definition($0))
        }
        let fixtures = Repository.path("Tests/KPILanguageTests/Fixtures/invalid")
        for name in try FileManager.default.contentsOfDirectory(atPath: fixtures).sorted() where name.hasSuffix(".yaml") {
            files.append(SourceFile(path: name, text: try String(contentsOfFile: fixtures + "/" + name, encoding: .utf8)))
        }
        files.append(SourceFile(path: "odd.yaml", text: """
            a: x  y\tz
            b: &anchor value
            c: !!str tagged
            d: 'quoted'
            e: "double \\n"
            f: [one, two  three, {g: h}]
            i: folded
              over lines
            j: 名前 and 値
            k: trailing   # comment
            """))
        var count = 0
        for file in files {
            guard let roots = try? YAMLLoader.load(file) else { continue }
            func visit(_ node: YAMLNode) {
                switch node.kind {
                case .scalar(let value, _):
                    let expected = node.exactScalarPositions()
                        ?? Array(repeating: node.range.start, count: value.unicodeScalars.count + 1)
                    #expect(node.scalarPositions() == expected, "\(file.path) \(node.range.description) `\(value)`")
                    count += 1
                case .mapping(let pairs):
                    for (key, value) in pairs { visit(key); visit(value) }
                case .sequence(let items):
                    items.forEach(visit)
                }
            }
            roots.forEach(visit)
        }
        #expect(count > 1000)
    }

    @Test("an expression is blank exactly when Foundation trims it to nothing", arguments: [
        "", " ", "\t\n", "\r\n ", "\u{A0}", "\u{2003}\u{3000}", "\u{200B}", "\u{FEFF}", "\u{85}", "\u{2028}\u{2029}",
        "\u{1C}", "\u{0B}\u{0C}", "a", " a ", "\u{A0}x", "名前", "😀", "\u{301}", "-", "\u{7F}",
    ])
    func blank(_ text: String) {
        #expect(NodeReader.isBlank(text) == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }

    @Test("a duplicate key is found in a mapping of any size, and reported at the first one")
    func duplicateKeys() throws {
        for keyCount in [3, 16, 17, 40] {
            var lines = (0..<keyCount).map { "k\($0): \($0)" }
            lines.append("k2: again")
            lines.append("alias: &a k5")
            let file = SourceFile(path: "dup.yaml", text: lines.joined(separator: "\n") + "\n")
            do {
                _ = try YAMLLoader.load(file)
                Issue.record("no error for \(keyCount) keys")
            } catch {
                #expect(error.code == .duplicateKey)
                #expect(error.range.start == KPIYAML.SourceLocation(line: keyCount + 1, column: 1))
                #expect(error.notes.first?.range.start == KPIYAML.SourceLocation(line: 3, column: 1))
            }
        }
        // Keys written as aliases are reported where the alias is.
        let aliased = SourceFile(path: "alias.yaml", text: "a: &k key\nb: 1\n*k : 2\nkey: 3\n")
        do {
            _ = try YAMLLoader.load(aliased)
            Issue.record("no error for a key given twice through an alias")
        } catch {
            #expect(error.code == .duplicateKey)
            #expect(error.range.start == KPIYAML.SourceLocation(line: 4, column: 1))
            #expect(error.notes.first?.range.start == KPIYAML.SourceLocation(line: 3, column: 1))
        }
    }
}
