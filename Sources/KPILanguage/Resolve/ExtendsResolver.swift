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

    init(documents: [String: DocumentHeader]) {
        self.documents = documents
    }

    /// The merged tree of `header` (a product or a base), or nil when its chain is broken.
    mutating func resolve(_ header: DocumentHeader) -> YAMLNode? {
        var visiting: [String] = []
        return resolve(header, visiting: &visiting)
    }

    private mutating func resolve(_ header: DocumentHeader, visiting: inout [String]) -> YAMLNode? {
        if let index = visiting.firstIndex(of: header.id.value) {
            let cycle = (visiting[index...] + [header.id.value]).joined(separator: " -> ")
            guard reportedCycles.insert(Set(visiting[index...])).inserted else { return nil }
            diagnostics.error("extends-cycle", "`extends` forms a cycle: \(cycle); a base cannot extend itself, directly or through others", at: header.id.range)
            return nil
        }
        visiting.append(header.id.value)
        defer { visiting.removeLast() }

        var merged: YAMLNode?
        var broken = false
        for base in header.extends {
            guard let document = documents[base.value] else {
                let bases = documents.values.filter { $0.kind == .base }.map(\.id.value)
                let hint = Suggestion.closest(to: base.value, in: bases.sorted()).map { "; did you mean `\($0)`?" }
                    ?? "; no document of the catalog says `base: \(base.value)`"
                diagnostics.error("unknown-base", "unknown base `\(base.value)`\(hint)", at: base.range)
                broken = true
                continue
            }
            if document.kind != .base {
                diagnostics.error("extends-product", "`\(base.value)` is a product, not a base; move what products share into a `base:` document and extend that", at: base.range)
                broken = true
                continue
            }
            guard let tree = resolve(document, visiting: &visiting) else {
                broken = true
                continue
            }
            merged = merged.map { Self.merge($0, tree, path: []) } ?? tree
        }
        if broken { return nil }
        let own = Self.stripOwnKeys(header.root)
        var result = merged.map { Self.merge($0, own, path: []) } ?? own
        if !header.remove.isEmpty {
            result = applyRemove(header.remove, to: result, inherited: merged)
        }
        return result
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
        for (key, value) in overPairs {
            if let index = result.firstIndex(where: { $0.key.scalar == key.scalar }) {
                // The key given last is the one to point at: a metric replaced in a product
                // and found broken is reported in the product, not in its base.
                result[index] = (key, merge(result[index].value, value, path: path + [key.scalar ?? ""]))
            } else {
                result.append((key, value))
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
    mutating func applyRemove(_ ids: [Located<String>], to root: YAMLNode, inherited: YAMLNode?) -> YAMLNode {
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
            diagnostics.error("remove-unknown", "`remove` names `\(id.value)`, but no inherited metric, health component or signal has that id\(Suggestion.didYouMean(id.value, in: inheritedIDs))", at: id.range)
        }
        return YAMLNode(kind: .mapping(pairs), range: root.range, tag: root.tag)
    }
}
