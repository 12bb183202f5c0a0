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
        /// What each path gives, in order: a diagnostic, or a file to read.
        enum Item {
            case diagnostic(Diagnostic)
            case file(String)
        }
        var items: [Item] = []
        var seen: Set<String> = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                items.append(.diagnostic(Diagnostic(.error, "no-such-path", "no such file or folder; pass a catalog folder such as `kpi-definitions/` or a definition file", at: nil, path: path)))
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
                    items.append(.diagnostic(Diagnostic(.warning, "empty-catalog", "no `.yaml` or `.yml` files in this folder", at: nil, path: path)))
                }
            } else {
                paths = [path]
            }
            for file in paths where seen.insert(file).inserted {
                items.append(.file(file))
            }
        }
        // Read the files on all cores; keep the order.
        let read = ConcurrentWork.map(items.count) { index -> Result<SourceFile, Diagnostic>? in
            guard case .file(let file) = items[index] else { return nil }
            guard let data = FileManager.default.contents(atPath: file) else {
                return .failure(Diagnostic(.error, "unreadable", "cannot read this file; check its permissions", at: nil, path: file))
            }
            guard let text = String(data: data, encoding: .utf8) else {
                return .failure(Diagnostic(.error, "encoding", "this file is not UTF-8 text; save it as UTF-8", at: nil, path: file))
            }
            return .success(SourceFile(path: file, text: text))
        }
        var files: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        for (item, result) in zip(items, read) {
            switch (item, result) {
            case (.diagnostic(let diagnostic), _): diagnostics.append(diagnostic)
            case (_, .success(let file)?): files.append(file)
            case (_, .failure(let diagnostic)?): diagnostics.append(diagnostic)
            case (.file, nil): break
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
        check(files: files, modules: modules, limits: limits, reportedFiles: reportedFiles, options: .default)
    }

    /// How `check(files:...)` goes about its work; the result is the same with any options.
    struct Options {
        /// Load files, and decode and check products, on all cores.
        var concurrent: Bool
        /// Resolve, decode and parse the parts of bases once for the catalog rather than once
        /// for each product that extends them (and let products share the checked trees of
        /// their bases' expressions).
        var sharesBases: Bool

        static let `default` = Options(concurrent: true, sharesBases: true)
        /// One product after another, each decoded and parsed on its own.
        static let serial = Options(concurrent: false, sharesBases: false)
    }

    /// What loading one file gave.
    private enum LoadedFile {
        case failed(YAMLError)
        /// No document at all.
        case empty
        /// The header of its first document (nil when that is no definition), with what
        /// reading it reported, and how many documents the file holds (with where the
        /// second starts).
        case loaded(documentCount: Int, second: SourceRange?, header: DocumentHeader?, diagnostics: [Diagnostic])
        /// Already taken.
        case taken
    }

    /// `file`, leaving `.taken` in its place.
    private static func take(_ file: inout LoadedFile) -> LoadedFile {
        var value = LoadedFile.taken
        swap(&value, &file)
        return value
    }

    /// A product with its bases resolved (not merged yet).
    private struct ResolvedProduct {
        /// Its header, without its tree (`productRoots` holds that).
        var header: DocumentHeader
        /// The bases it extends, transitively, in merge order.
        var bases: [(id: String, file: SourceFile)]
        /// The resolved trees of the bases it extends directly; nil when its chain is broken.
        var baseTrees: [YAMLNode]?
        /// What resolving its bases reported (repeats within the product left out).
        var diagnostics: [Diagnostic]
    }

    /// What checking one product gave, before it is merged into the catalog's results.
    private struct ProductOutcome {
        /// The ids `remove:` names that nothing inherited has.
        var removeProblems: [(code: String, message: String, range: SourceRange)]
        /// What decoding reported (repeats within the product left out).
        var decodeDiagnostics: [Diagnostic]
        /// What checking the decoded product gave; nil when decoding failed.
        var checked: Checked?

        struct Checked {
            var diagnostics: [Diagnostic]
            var fieldUses: [(range: SourceRange, source: String, field: String, used: Bool)]
            /// The product, nil when it has errors.
            var product: CheckedProduct?
        }
    }

    static func check(files: [SourceFile], modules: [ModuleDescription], limits: YAMLLimits, reportedFiles: Set<String>?, options: Options) -> CatalogCheck {
        var collector = DiagnosticCollector()
        var decoder = DocumentDecoder()
        var headers: [DocumentHeader] = []
        var byID: [String: DocumentHeader] = [:]

        // Load each file on its own, on all cores: its YAML, and the header of its first
        // document with what reading the header reported. Then take the files in order.
        var loaded = ConcurrentWork.map(files.count, concurrent: options.concurrent) { index -> LoadedFile in
            let roots: [YAMLNode]
            do throws(YAMLError) {
                roots = try YAMLLoader.load(files[index], limits: limits)
            } catch {
                return .failed(error)
            }
            guard let root = roots.first else { return .empty }
            var reader = DocumentDecoder()
            let header = reader.header(of: root, file: files[index])
            return .loaded(documentCount: roots.count, second: roots.count > 1 ? roots[1].range : nil, header: header, diagnostics: reader.diagnostics.diagnostics)
        }
        for index in files.indices {
            let file = files[index]
            switch loaded[index] {
            case .failed(let error):
                collector.report(Diagnostic(.error, error.code.rawValue, error.message, at: error.range, notes: error.notes.map { Diagnostic.Note($0.message, at: $0.range) }))
                continue
            case .empty:
                let start = SourceLocation(line: 1, column: 1)
                collector.report(Diagnostic(.error, "empty-document", "the file is empty; a definition starts with `kpi: 1` and `product:` or `base:`", at: SourceRange(file: file, start: start, end: start)))
                continue
            case .loaded(let documentCount, let second, _, _):
                if documentCount > 1, let second {
                    collector.error("several-documents", "the file holds \(documentCount) YAML documents; put each product or base in a file of its own", at: second)
                }
            case .taken:
                continue
            }
            // Taken out of `loaded`, not copied.
            guard case .loaded(_, _, let found, let reported) = Self.take(&loaded[index]) else { continue }
            decoder.diagnostics.append(contentsOf: reported)
            guard let header = found else { continue }
            if let previous = byID[header.id.value] {
                collector.error("duplicate-id", "id `\(header.id.value)` is already used by the \(previous.kind.rawValue) in \(previous.id.range.description); ids are unique across the catalog", at: header.id.range)
                continue
            }
            byID[header.id.value] = header
            headers.append(header)
        }
        loaded = []

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

        // Products: resolve their bases (one after another: the resolver remembers what it
        // reported, and each base is resolved once), then merge, decode and check each
        // product on its own, on all cores, then take the outcomes in catalog order, exactly
        // as if the products had been done one by one.
        //
        // A product's own tree is read once more, to merge it with its bases: from here on
        // only that product's work item holds it, and it is freed as soon as the product is
        // done (the trees of a large catalog take more memory than anything else).
        let productRoots = ConcurrentWork.Slots<YAMLNode>(headers.filter { $0.kind == .product }.map(\.root))
        headers = headers.map { $0.kind == .product ? $0.withoutTree : $0 }
        byID = byID.mapValues { $0.kind == .product ? $0.withoutTree : $0 }
        var resolver = ExtendsResolver(documents: byID, remembersBases: options.sharesBases)
        let moduleTable = Dictionary(modules.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        var products: [CheckedProduct] = []
        var failed: [String] = []
        var fieldUses: [SourceRange: (source: String, field: String, used: Bool)] = [:]
        var reportedWithBases = reportedFiles
        var resolved: [ResolvedProduct] = []
        for header in headers where header.kind == .product {
            let bases = baseChain(of: header, in: byID)
            if reportedFiles?.contains(header.file.path) == true {
                for base in bases { reportedWithBases?.insert(base.file.path) }
            }
            // What resolving this product reports, on its own, to be reported in order below.
            let reportedBefore = resolver.diagnostics
            resolver.diagnostics = DiagnosticCollector()
            let trees = resolver.resolveBases(ofProduct: header)
            resolved.append(ResolvedProduct(header: header, bases: bases, baseTrees: trees, diagnostics: resolver.diagnostics.diagnostics))
            resolver.diagnostics = reportedBefore
        }
        let expressionCache = options.sharesBases ? ExpressionCache() : nil
        let partCache = options.sharesBases ? DecodedPartCache() : nil
        var outcomes = ConcurrentWork.map(resolved.count, concurrent: options.concurrent) { index -> ProductOutcome? in
            let entry = resolved[index]
            var header = entry.header
            header.root = productRoots.take(index)
            guard let baseTrees = entry.baseTrees else { return nil }
            let (merged, removeProblems) = ExtendsResolver.merged(header, bases: baseTrees)
            // Decoding reports into a collector of its own; what is new to the catalog is
            // known only in order, below.
            var decoder = DocumentDecoder(sharedParts: partCache, ownFile: header.file)
            guard let definition = decoder.product(header, merged: merged, catalogConcepts: conceptSet) else {
                return ProductOutcome(removeProblems: removeProblems, decodeDiagnostics: decoder.diagnostics.diagnostics, checked: nil)
            }
            let checker = ProductChecker(product: definition, modules: moduleTable, expressionCache: expressionCache)
            let product = checker.run(bases: entry.bases)
            return ProductOutcome(
                removeProblems: removeProblems,
                decodeDiagnostics: decoder.diagnostics.diagnostics,
                checked: .init(diagnostics: checker.diagnostics.diagnostics, fieldUses: checker.fieldUses, product: product))
        }
        for index in resolved.indices {
            let header = resolved[index].header
            resolver.diagnostics.append(contentsOf: resolved[index].diagnostics)
            // Taken out of `outcomes`, not copied.
            guard let outcome = outcomes[index].take() else {
                failed.append(header.id.value)
                continue
            }
            for problem in outcome.removeProblems {
                resolver.diagnostics.error(problem.code, problem.message, at: problem.range)
            }
            // A product whose decoding reports an error the catalog has not seen yet is not
            // checked (an error already reported, by a base on its own or by an earlier
            // product sharing that base, does not stop it).
            let errorsBefore = decoder.diagnostics.errorCount
            decoder.diagnostics.append(contentsOf: outcome.decodeDiagnostics)
            guard let checked = outcome.checked, decoder.diagnostics.errorCount == errorsBefore else {
                failed.append(header.id.value)
                continue
            }
            collector.append(contentsOf: checked.diagnostics)
            for use in checked.fieldUses {
                // The names the last product gave; used when any product uses it.
                Self.merge(use, into: &fieldUses[use.range, default: (use.source, use.field, false)])
            }
            if let product = checked.product { products.append(product) } else { failed.append(header.id.value) }
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
        let documentCount = headers.count
        // The YAML trees and what was built from them along the way are no longer needed:
        // free them on another thread rather than make the caller wait for it.
        if options.concurrent {
            let resolverUsed = resolver
            resolver = ExtendsResolver(documents: [:])
            ConcurrentWork.releaseInBackground((consume loaded, consume headers, consume byID, consume resolved, consume outcomes, consume resolverUsed))
        }
        return CatalogCheck(
            catalog: CheckedCatalog(products: products, concepts: concepts), diagnostics: diagnostics,
            failedProducts: failed, documentCount: documentCount)
    }

    /// `entry` (a field's names and whether it is used) after `use`, one product's use of it.
    private static func merge(
        _ use: (range: SourceRange, source: String, field: String, used: Bool),
        into entry: inout (source: String, field: String, used: Bool)
    ) {
        entry = (use.source, use.field, entry.used || use.used)
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

extension DocumentHeader {
    /// The header with an empty tree in place of the document's: for a product whose tree
    /// is kept elsewhere (everything but merging reads only the header's other parts).
    var withoutTree: DocumentHeader {
        var header = self
        header.root = YAMLNode(kind: .mapping([]), range: root.range, tag: root.tag)
        return header
    }
}
