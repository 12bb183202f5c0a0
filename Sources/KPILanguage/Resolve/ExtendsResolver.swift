import KPIYAML

/// Resolves `extends`: merges each product's bases in order, then the product on top, at
/// the level of YAML trees so that every merged node keeps the file and line it came from.
///
/// Rules (dsl.md, "Inheritance"): maps merge recursively by key; a scalar or list given
/// again replaces the inherited one; a metric or health component given again is replaced
/// whole unless it gives only some of `weight`, `target`, `thresholds`, `label`, which then
/// override those keys alone; `remove: [ids]` drops inherited metrics, components or signals.
struct ExtendsResolver {
    /// Keys that a partial override of a metric or a component may give alone.
    static let overridableKeys: Set<String> = ["weight", "target", "thresholds", "label"]
    /// Keys that belong to one document and are never inherited.
    static let ownKeys: Set<String> = ["kpi", "product", "base", "extends", "remove", "concepts"]

    var documents: [String: DocumentHeader]
    var diagnostics = DiagnosticCollector()
    /// The members of each cycle reported, so that a cycle entered from another of its
    /// members is not reported again.
    private var reportedCycles: Set<Set<String>> = []
    /// The merged tree of each base resolved cleanly (no error met on its whole chain). Such
    /// a base reaches no cycle and no missing or broken base, so resolving it again, from
    /// any product, gives the same tree and reports nothing: every product of a catalog
    /// merges its bases once.
    private var resolvedBases: [String: YAMLNode] = [:]
    /// How many errors were reported so far (repeats included).
    private var reports = 0

    /// Whether bases resolved cleanly are kept (`resolvedBases`) rather than resolved again
    /// for each product that extends them.
    let remembersBases: Bool

    init(documents: [String: DocumentHeader], remembersBases: Bool = true) {
        self.documents = documents
        self.remembersBases = remembersBases
    }

    /// The merged tree of `header` (a product or a base), or nil when its chain is broken.
    mutating func resolve(_ header: DocumentHeader) -> YAMLNode? {
        var visiting: [String] = []
        return resolve(header, visiting: &visiting)
    }

    /// The resolved trees of the bases a product extends, in order, or nil when its chain
    /// is broken: everything `resolve(_:)` does for a product but the merging itself, which
    /// `merged(_:bases:)` does, on any thread. Reports what `resolve(_:)` reports, except
    /// that `merged(_:bases:)` returns the problems of `remove:`.
    mutating func resolveBases(ofProduct header: DocumentHeader) -> [YAMLNode]? {
        // A product cannot be on a cycle (nothing can extend it) and is never remembered,
        // so this is `resolve(_:visiting:)` from an empty path, up to the merging.
        var visiting = [header.id.value]
        return resolveBases(of: header, visiting: &visiting)
    }

    private mutating func resolve(_ header: DocumentHeader, visiting: inout [String]) -> YAMLNode? {
        if let index = visiting.firstIndex(of: header.id.value) {
            let cycle = (visiting[index...] + [header.id.value]).joined(separator: " -> ")
            guard reportedCycles.insert(Set(visiting[index...])).inserted else { return nil }
            error("extends-cycle", "`extends` forms a cycle: \(cycle); a base cannot extend itself, directly or through others", at: header.id.range)
            return nil
        }
        if header.kind == .base, let tree = resolvedBases[header.id.value] { return tree }
        let reportsBefore = reports
        visiting.append(header.id.value)
        defer { visiting.removeLast() }

        guard let bases = resolveBases(of: header, visiting: &visiting) else { return nil }
        let (result, problems) = Self.merged(header, bases: bases)
        for problem in problems { error(problem.code, problem.message, at: problem.range) }
        if remembersBases, header.kind == .base, reports == reportsBefore { resolvedBases[header.id.value] = result }
        return result
    }

    /// The resolved trees of the bases `header` extends, or nil when one is missing, is a
    /// product, or cannot be resolved (each reported).
    private mutating func resolveBases(of header: DocumentHeader, visiting: inout [String]) -> [YAMLNode]? {
        var trees: [YAMLNode] = []
        var broken = false
        for base in header.extends {
            guard let document = documents[base.value] else {
                let bases = documents.values.filter { $0.kind == .base }.map(\.id.value)
                let hint = Suggestion.closest(to: base.value, in: bases.sorted()).map { "; did you mean `\($0)`?" }
                    ?? "; no document of the catalog says `base: \(base.value)`"
                error("unknown-base", "unknown base `\(base.value)`\(hint)", at: base.range)
                broken = true
                continue
            }
            if document.kind != .base {
                error("extends-product", "`\(base.value)` is a product, not a base; move what products share into a `base:` document and extend that", at: base.range)
                broken = true
                continue
            }
            guard let tree = resolve(document, visiting: &visiting) else {
                broken = true
                continue
            }
            trees.append(tree)
        }
        return broken ? nil : trees
    }

    /// `header`'s own tree merged on top of its resolved `bases` (in order), with its
    /// `remove:` applied, and an error for each id `remove` names that nothing inherited has.
    static func merged(_ header: DocumentHeader, bases: [YAMLNode]) -> (tree: YAMLNode, problems: [(code: String, message: String, range: SourceRange)]) {
        var merged: YAMLNode?
        for tree in bases {
            merged = merged.map { Self.merge($0, tree, path: []) } ?? tree
        }
        let own = Self.stripOwnKeys(header.root)
        var result = merged.map { Self.merge($0, own, path: []) } ?? own
        var problems: [(code: String, message: String, range: SourceRange)] = []
        if !header.remove.isEmpty {
            result = applyRemove(header.remove, to: result, inherited: merged, problems: &problems)
        }
        return (result, problems)
    }

    /// Reports an error of the resolution.
    private mutating func error(_ code: String, _ message: String, at range: SourceRange) {
        reports += 1
        diagnostics.error(code, message, at: range)
    }

    /// Drops the document-level keys (`product`, `extends`, ...) of a base before merging.
    static func stripOwnKeys(_ root: YAMLNode) -> YAMLNode {
        guard let pairs = root.mapping else { return root }
        return YAMLNode(kind: .mapping(pairs.filter { !ownKeys.contains($0.key.scalar ?? "") }), range: root.range, tag: root.tag)
    }

    /// `over` merged on top of `base`; `path` is the key path from the document root.
    static func merge(_ base: YAMLNode, _ over: YAMLNode, path: [String]) -> YAMLNode {
        guard let basePairs = base.mapping, let overPairs = over.mapping else { return over }
        if isWholeEntry(path), !overPairs.allSatisfy({ overridableKeys.contains($0.key.scalar ?? "") }) {
            return over
        }
        var result = basePairs
        // The text of each key of `result`, to find keys without copying the pairs.
        var keys = basePairs.map(\.key.scalar)
        for (key, value) in overPairs {
            let text = key.scalar
            if let index = keys.firstIndex(of: text) {
                // The key given last is the one to point at: a metric replaced in a product
                // and found broken is reported in the product, not in its base.
                result[index] = (key, merge(result[index].value, value, path: path + [text ?? ""]))
            } else {
                result.append((key, value))
                keys.append(text)
            }
        }
        return YAMLNode(kind: .mapping(result), range: over.range, tag: over.tag)
    }

    /// A metric or a health component: replaced whole unless only overridable keys are given.
    static func isWholeEntry(_ path: [String]) -> Bool {
        (path.count == 2 && path[0] == "metrics") || (path.count == 3 && path[0] == "health" && path[1] == "components")
    }

    /// The ids `remove` can name in a tree: its metrics, health components and signals.
    static func removableIDs(in root: YAMLNode) -> [String] {
        let sections = [root["metrics"], root["signals"], root["health"]?["components"]]
        return sections.flatMap { section in (section?.mapping ?? []).compactMap(\.key.scalar) }.sorted()
    }

    /// Drops the ids in `remove` from metrics, health components and signals; an id that
    /// names nothing inherited is an error.
    static func applyRemove(
        _ ids: [Located<String>], to root: YAMLNode, inherited: YAMLNode?,
        problems: inout [(code: String, message: String, range: SourceRange)]
    ) -> YAMLNode {
        guard var pairs = root.mapping else { return root }
        var removed: Set<String> = []
        func drop(_ node: YAMLNode, ids: Set<String>) -> YAMLNode {
            guard let entries = node.mapping else { return node }
            let kept = entries.filter { !ids.contains($0.key.scalar ?? "") }
            for entry in entries where ids.contains(entry.key.scalar ?? "") { removed.insert(entry.key.scalar ?? "") }
            return YAMLNode(kind: .mapping(kept), range: node.range, tag: node.tag)
        }
        let idSet = Set(ids.map(\.value))
        for index in pairs.indices {
            switch pairs[index].key.scalar {
            case "metrics", "signals":
                pairs[index].value = drop(pairs[index].value, ids: idSet)
            case "health":
                if var healthPairs = pairs[index].value.mapping {
                    for h in healthPairs.indices where healthPairs[h].key.scalar == "components" {
                        healthPairs[h].value = drop(healthPairs[h].value, ids: idSet)
                    }
                    pairs[index].value = YAMLNode(kind: .mapping(healthPairs), range: pairs[index].value.range, tag: pairs[index].value.tag)
                }
            default:
                break
            }
        }
        for id in ids where !removed.contains(id.value) {
            let inheritedIDs = inherited.map { Self.removableIDs(in: $0) } ?? []
            problems.append(("remove-unknown", "`remove` names `\(id.value)`, but no inherited metric, health component or signal has that id\(Suggestion.didYouMean(id.value, in: inheritedIDs))", id.range))
        }
        return YAMLNode(kind: .mapping(pairs), range: root.range, tag: root.tag)
    }
}
