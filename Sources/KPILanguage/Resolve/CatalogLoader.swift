public import KPIYAML
import Foundation

/// The result of loading and checking a catalog.
public struct CatalogCheck: Sendable {
    /// The products that checked without errors.
    public var catalog: CheckedCatalog
    /// Every diagnostic, sorted by file and position.
    public var diagnostics: [Diagnostic]
    /// Ids of products that had errors (and are not in `catalog`).
    public var failedProducts: [String]
    /// How many documents were read.
    public var documentCount: Int

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Loads a catalog — folders and files of YAML definitions — and checks it: the stages
/// load YAML -> decode documents -> resolve `extends` -> check expressions, all at once.
public enum CatalogLoader {
    /// The concepts every catalog knows (dsl.md, "Concepts").
    public static let languageConcepts = [
        "acquisition", "onboarding", "adoption", "engagement", "outcome", "satisfaction", "support",
        "retention", "churn", "repeat", "expansion", "revenue", "ltv", "efficiency",
    ]

    /// Reads every `*.yaml`/`*.yml` below the given folders (and the given files).
    /// - Returns: the files in path order, and a diagnostic for each path that cannot be read.
    public static func sourceFiles(at paths: [String]) -> (files: [SourceFile], diagnostics: [Diagnostic]) {
        var files: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        var seen: Set<String> = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(Diagnostic(.error, "no-such-path", "no such file or folder; pass a catalog folder such as `kpi-definitions/` or a definition file", at: nil, path: path))
                continue
            }
            var paths: [String] = []
            if isDirectory.boolValue {
                let enumerator = manager.enumerator(atPath: path)
                while let relative = enumerator?.nextObject() as? String {
                    if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
                        paths.append(path.hasSuffix("/") ? path + relative : path + "/" + relative)
                    }
                }
                paths.sort()
                if paths.isEmpty {
                    diagnostics.append(Diagnostic(.warning, "empty-catalog", "no `.yaml` or `.yml` files in this folder", at: nil, path: path))
                }
            } else {
                paths = [path]
            }
            for file in paths where seen.insert(file).inserted {
                guard let data = manager.contents(atPath: file) else {
                    diagnostics.append(Diagnostic(.error, "unreadable", "cannot read this file; check its permissions", at: nil, path: file))
                    continue
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    diagnostics.append(Diagnostic(.error, "encoding", "this file is not UTF-8 text; save it as UTF-8", at: nil, path: file))
                    continue
                }
                files.append(SourceFile(path: file, text: text))
            }
        }
        return (files, diagnostics)
    }

    /// Loads and checks the catalog at `paths` (folders or files).
    ///
    /// When a single file is given, the other files of its folder are read too so that its
    /// bases resolve; only diagnostics in the given files and the bases they use are kept.
    public static func load(paths: [String], modules: [ModuleDescription] = [], limits: YAMLLimits = .default) -> CatalogCheck {
        var (files, diagnostics) = sourceFiles(at: paths)
        let requested = Set(files.map(\.path))
        let loneFiles = paths.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        var reported: Set<String>? = nil
        if !loneFiles.isEmpty {
            let folders = Set(loneFiles.map { ($0 as NSString).deletingLastPathComponent }).map { $0.isEmpty ? "." : $0 }
            let context = sourceFiles(at: folders.sorted()).files.filter { !requested.contains($0.path) && !requested.contains("./" + $0.path) }
            files += context
            reported = requested
        }
        var result = check(files: files, modules: modules, limits: limits, reportedFiles: reported)
        result.diagnostics = diagnostics + result.diagnostics
        return result
    }

    /// Checks a catalog given as text, such as definitions embedded in a program or a test.
    /// - Parameter sources: (name, YAML text) pairs; the name is used as the path in diagnostics.
    public static func load(sources: [(name: String, text: String)], modules: [ModuleDescription] = [], limits: YAMLLimits = .default) -> CatalogCheck {
        check(files: sources.map { SourceFile(path: $0.name, text: $0.text) }, modules: modules, limits: limits, reportedFiles: nil)
    }

    /// Checks already-read files. `reportedFiles`: keep only diagnostics in these files and
    /// in the bases their products extend (nil keeps all).
    public static func check(files: [SourceFile], modules: [ModuleDescription], limits: YAMLLimits = .default, reportedFiles: Set<String>? = nil) -> CatalogCheck {
        var collector = DiagnosticCollector()
        var decoder = DocumentDecoder()
        var headers: [DocumentHeader] = []
        var byID: [String: DocumentHeader] = [:]

        // Load YAML and read each document's header.
        for file in files {
            let roots: [YAMLNode]
            do {
                roots = try YAMLLoader.load(file, limits: limits)
            } catch {
                collector.report(Diagnostic(.error, error.code.rawValue, error.message, at: error.range, notes: error.notes.map { Diagnostic.Note($0.message, at: $0.range) }))
                continue
            }
            guard let root = roots.first else {
                let start = SourceLocation(line: 1, column: 1)
                collector.report(Diagnostic(.error, "empty-document", "the file is empty; a definition starts with `kpi: 1` and `product:` or `base:`", at: SourceRange(file: file, start: start, end: start)))
                continue
            }
            if roots.count > 1 {
                collector.error("several-documents", "the file holds \(roots.count) YAML documents; put each product or base in a file of its own", at: roots[1].range)
            }
            guard let header = decoder.header(of: root, file: file) else { continue }
            if let previous = byID[header.id.value] {
                collector.error("duplicate-id", "id `\(header.id.value)` is already used by the \(previous.kind.rawValue) in \(previous.id.range.description); ids are unique across the catalog", at: header.id.range)
                continue
            }
            byID[header.id.value] = header
            headers.append(header)
        }

        // Concepts: the language's and the catalog's.
        var concepts = languageConcepts
        for header in headers {
            for concept in decoder.concepts(of: header.root) where !concepts.contains(concept.value) {
                concepts.append(concept.value)
            }
        }
        let conceptSet = Set(concepts)

        // Bases on their own: keys and values.
        for header in headers where header.kind == .base {
            decoder.checkBase(header, catalogConcepts: conceptSet)
        }

        // Products: merge, decode, check.
        var resolver = ExtendsResolver(documents: byID)
        let moduleTable = Dictionary(modules.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        var products: [CheckedProduct] = []
        var failed: [String] = []
        var fieldUses: [SourceRange: (source: String, field: String, used: Bool)] = [:]
        var reportedWithBases = reportedFiles
        for header in headers where header.kind == .product {
            let bases = baseChain(of: header, in: byID)
            if reportedFiles?.contains(header.file.path) == true {
                for base in bases { reportedWithBases?.insert(base.file.path) }
            }
            guard let merged = resolver.resolve(header) else {
                failed.append(header.id.value)
                continue
            }
            let errorsBefore = decoder.diagnostics.errorCount
            guard let definition = decoder.product(header, merged: merged, catalogConcepts: conceptSet),
                  decoder.diagnostics.errorCount == errorsBefore else {
                failed.append(header.id.value)
                continue
            }
            let checker = ProductChecker(product: definition, modules: moduleTable)
            let checked = checker.run(bases: bases)
            collector.append(contentsOf: checker.diagnostics.diagnostics)
            for use in checker.fieldUses {
                let previous = fieldUses[use.range]
                fieldUses[use.range] = (use.source, use.field, (previous?.used ?? false) || use.used)
            }
            if let checked { products.append(checked) } else { failed.append(header.id.value) }
        }
        // Bases are resolved on their own too, so that an unknown base or a cycle in
        // `extends` is an error even when no product extends them.
        for header in headers where header.kind == .base {
            _ = resolver.resolve(header)
        }
        for (range, use) in fieldUses where !use.used {
            collector.warning("unused-field", "field `\(use.field)` of source `\(use.source)` is never used; remove it, or use it in a metric, health or signal", at: range)
        }
        collector.append(contentsOf: decoder.diagnostics.diagnostics)
        collector.append(contentsOf: resolver.diagnostics.diagnostics)

        var diagnostics = collector.sorted
        if let keep = reportedWithBases {
            diagnostics = diagnostics.filter { diagnostic in
                guard let path = diagnostic.range?.file.path ?? diagnostic.path else { return true }
                return keep.contains(path)
            }
        }
        return CatalogCheck(
            catalog: CheckedCatalog(products: products, concepts: concepts), diagnostics: diagnostics,
            failedProducts: failed, documentCount: headers.count)
    }

    /// The bases a document extends, transitively, in merge order.
    static func baseChain(of header: DocumentHeader, in documents: [String: DocumentHeader]) -> [(id: String, file: SourceFile)] {
        var out: [(id: String, file: SourceFile)] = []
        var seen: Set<String> = [header.id.value]
        func visit(_ document: DocumentHeader) {
            for base in document.extends {
                guard let next = documents[base.value], seen.insert(base.value).inserted else { continue }
                visit(next)
                out.append((next.id.value, next.file))
            }
        }
        visit(header)
        return out
    }
}
