import KPIYAML
import Foundation

/// Decodes YAML trees into documents and products, checking every key and value against
/// the language (`dsl.md`), and reporting every problem rather than stopping at the first.
struct DocumentDecoder {
    var reader = NodeReader()
    /// Base entries decoded for earlier products of the catalog, if shared.
    var sharedParts: DecodedPartCache?
    /// The file of the product being decoded: its own entries are decoded, not shared.
    var ownFile: SourceFile?

    static let documentKeys = [
        "kpi", "product", "base", "name", "team", "model", "module", "extends", "description",
        "sources", "derived", "segments", "metrics", "health", "signals", "remove", "concepts", "touch",
    ]
    static let sourceKeys = ["key", "where", "parent", "group", "fields", "description"]
    static let metricKeys = [
        "label", "description", "concept", "formula", "unit", "direction", "target", "thresholds", "weight", "scale",
    ]
    static let thresholdKeys = ["green", "yellow"]
    static let healthKeys = ["source", "components", "groups", "profiles", "missing", "bands"]
    static let componentKeys = ["label", "value", "scale", "weight"]
    static let groupKeys = ["label", "weight", "components"]
    static let profileKeys = ["when", "components"]
    static let signalKeys = ["label", "kind", "when", "action", "source"]
    static let touchKeys = ["high", "low", "tech"]

    var diagnostics: DiagnosticCollector {
        get { reader.diagnostics }
        set { reader.diagnostics = newValue }
    }

    // MARK: - Document header

    /// The header of one file: product or base, its id, `extends`, `remove`; nil when the
    /// file is not a document at all. Also checks every key of the file.
    mutating func header(of root: YAMLNode, file: SourceFile) -> DocumentHeader? {
        guard let pairs = reader.mapping(root, allowed: Self.documentKeys, what: "a definition document") else { return nil }
        let keys = NodeReader.Keyed(pairs)

        if let version = keys["kpi"] {
            if version.value.scalar != "1" || version.value.scalarStyle != .plain {
                reader.diagnostics.error("unsupported-version", "unsupported language version `\(version.value.scalar ?? version.value.kindDescription)`; this KPIKit reads `kpi: 1`", at: version.value.range)
            }
        } else {
            reader.diagnostics.error("missing-version", "missing `kpi: 1` at the top of the document; it names the language version the file is written in", at: SourceRange(file: file, start: root.range.start, end: root.range.start))
        }

        let kind: DocumentHeader.Kind
        let idNode: YAMLNode
        switch (keys["product"], keys["base"]) {
        case (let product?, nil):
            kind = .product
            idNode = product.value
        case (nil, let base?):
            kind = .base
            idNode = base.value
        case (let product?, _?):
            reader.diagnostics.error("product-and-base", "a document is either a `product:` or a `base:`, not both; move the shared part into its own base file", at: product.keyNode.range)
            return nil
        case (nil, nil):
            reader.diagnostics.error("missing-id", "the document names neither `product:` nor `base:`; add `product: my-product` (or `base: my-base` for a reusable part)", at: SourceRange(file: file, start: root.range.start, end: root.range.start))
            return nil
        }
        guard let id = reader.identifier(idNode, what: "the \(kind.rawValue) id") else { return nil }
        let extends = keys.value("extends").map { reader.identifierList($0, what: "a base in `extends`") } ?? []
        let remove = keys.value("remove").map { reader.identifierList($0, what: "an id in `remove`") } ?? []
        return DocumentHeader(kind: kind, id: id, extends: extends, remove: remove, root: root, file: file)
    }

    // MARK: - Products

    /// A product from its merged tree (its bases already merged in).
    mutating func product(_ header: DocumentHeader, merged root: YAMLNode, catalogConcepts: Set<String>) -> ProductDefinition? {
        // Unknown top-level keys were reported by `header(of:)`, once per file; the merged
        // tree holds the same key nodes, so reading it must not report them again.
        guard let pairs = reader.mapping(root, allowed: [], what: "product `\(header.id.value)`") else { return nil }
        let keys = NodeReader.Keyed(pairs)
        let what = "product `\(header.id.value)`"

        var model: Located<BusinessModel>?
        if let node = keys["model"] {
            model = reader.choice(node.value, what: "the business model", as: BusinessModel.self)
        } else {
            reader.diagnostics.error("missing-key", "\(what) has no `model:`; add `model: subscription`, `model: one-time` or `model: usage`", at: header.id.range)
        }
        let module = keys.value("module").flatMap { reader.identifier($0, what: "the module") }
        let name = keys.value("name").flatMap { reader.string($0, what: "the name") }
        let team = keys.value("team").flatMap { reader.string($0, what: "the team") }
        let description = keys.value("description").flatMap { reader.string($0, what: "the description") }
        let touch = keys.value("touch").flatMap { decodeTouch($0) }

        let sources = keys.value("sources").map { decodeSources($0) } ?? []
        if !keys.contains("sources") {
            reader.diagnostics.error("missing-key", "\(what) has no `sources:`; declare the data it is measured on", at: header.id.range)
        }
        let derived = keys.value("derived").map { decodeDerived($0, sources: sources) } ?? []
        let segments = keys["segments"].map { node in
            reader.idMapping(node.value, what: "segments").compactMap { entry in
                reader.expression(entry.value, what: "segment `\(entry.id.value)`").map { SegmentDefinition(id: entry.id, expression: $0) }
            }
        } ?? []
        let metrics = keys.value("metrics").map { decodeMetrics($0, concepts: catalogConcepts) } ?? []
        let health = keys.value("health").flatMap { decodeHealth($0) }
        let signals = keys.value("signals").map { decodeSignals($0) } ?? []

        // A product with an unknown top-level key (already reported) is not checked further:
        // a misspelt `signal:` would otherwise silently drop its signals.
        guard let model, pairs.allSatisfy({ Self.documentKeys.contains($0.key) }) else { return nil }
        return ProductDefinition(
            id: header.id, name: name, team: team, model: model, module: module, description: description,
            extends: header.extends, touch: touch, sources: sources, derived: derived, segments: segments,
            metrics: metrics, health: health, signals: signals, file: header.file)
    }

    /// Checks the parts of a base on its own (keys and values, not expressions).
    mutating func checkBase(_ header: DocumentHeader, catalogConcepts: Set<String>) {
        // Unknown top-level keys were reported by `header(of:)`.
        guard let pairs = reader.mapping(header.root, allowed: [], what: "base `\(header.id.value)`") else { return }
        for pair in pairs {
            switch pair.key {
            case "model": _ = reader.choice(pair.value, what: "the business model", as: BusinessModel.self)
            case "module": _ = reader.identifier(pair.value, what: "the module")
            case "touch": _ = decodeTouch(pair.value)
            case "sources": _ = decodeSources(pair.value)
            case "derived": _ = decodeDerived(pair.value, sources: [])
            case "metrics": _ = decodeMetrics(pair.value, concepts: catalogConcepts, partial: true)
            case "signals": _ = decodeSignals(pair.value, partial: true)
            default: break
            }
        }
    }

    /// Concepts a document adds with a top-level `concepts:` list.
    mutating func concepts(of root: YAMLNode) -> [Located<String>] {
        guard let node = root["concepts"] else { return [] }
        return reader.identifierList(node, what: "a concept")
    }

    // MARK: - Parts

    mutating func decodeTouch(_ node: YAMLNode) -> TouchMix? {
        guard let pairs = reader.mapping(node, allowed: Self.touchKeys, what: "`touch`") else { return nil }
        var shares: [String: Double] = [:]
        for pair in pairs {
            guard let value = reader.number(pair.value, what: "the `\(pair.key)` touch share") else { continue }
            if value.value < 0 || value.value > 1 {
                reader.diagnostics.error("touch-share", "the `\(pair.key)` touch share must be between 0 and 1 (a share of accounts), found \(NodeReader.format(value.value))", at: pair.value.range)
            }
            shares[pair.key] = value.value
        }
        let total = shares.values.reduce(0, +)
        if !shares.isEmpty, abs(total - 1) > 1e-9 {
            reader.diagnostics.warning("touch-sum", "the touch shares add up to \(NodeReader.format(total)), not 1", at: node.range)
        }
        return TouchMix(high: shares["high"] ?? 0, low: shares["low"] ?? 0, tech: shares["tech"] ?? 0)
    }

    mutating func decodeSources(_ node: YAMLNode) -> [SourceDefinition] {
        var out: [SourceDefinition] = []
        for (id, value) in reader.idMapping(node, what: "sources") {
            let what = "source `\(id.value)`"
            guard let pairs = reader.mapping(value, allowed: Self.sourceKeys, what: what) else { continue }
            let keys = NodeReader.Keyed(pairs)
            let key = keys.value("key").flatMap { reader.locatedString($0, what: "the key of \(what)") }
            let filter = keys.value("where").flatMap { reader.expression($0, what: "the `where` of \(what)") }
            let description = keys.value("description").flatMap { reader.string($0, what: "the description") }
            var origin = SourceOrigin.file
            if let parent = keys["parent"], let group = keys["group"] {
                reader.diagnostics.error("parent-and-group", "\(what) has both `parent:` and `group:`; a source is either a child of another or grouped out of one", at: group.keyNode.range)
                _ = parent
            } else if let parent = keys["parent"] {
                if let (source, field) = decodeLink(parent.value, what: "`parent`", example: "accounts by customer") {
                    origin = .child(parent: source, foreignKey: field)
                }
            } else if let group = keys["group"] {
                if let (source, field) = decodeLink(group.value, what: "`group`", example: "purchases by customer") {
                    origin = .grouped(origin: source, key: field)
                }
            }
            var fields: [FieldDefinition] = []
            if let fieldsNode = keys["fields"] {
                let grouped = if case .grouped = origin { true } else { false }
                for pair in reader.mapping(fieldsNode.value, allowed: [], what: "the fields of \(what)") ?? [] {
                    let field = cached(sharedParts?.fields, .field(grouped: grouped), key: Located(pair.key, at: pair.keyNode.range), value: pair.value) { decoder in
                        decoder.decodeField(keyNode: pair.keyNode, value: pair.value, grouped: grouped)
                    }
                    if let field { fields.append(field) }
                }
            } else {
                reader.diagnostics.error("missing-key", "\(what) has no `fields:`; list its columns and their types", at: id.range)
            }
            if case .file = origin, key == nil, fields.isEmpty == false {
                // A key is optional: sources without one cannot be parents.
            }
            out.append(SourceDefinition(id: id, key: key, filter: filter, origin: origin, fields: fields, description: description))
        }
        return out
    }

    /// One field of a source: its type, or for a grouped source the aggregate computing it;
    /// nil when it cannot be had.
    mutating func decodeField(keyNode: YAMLNode, value: YAMLNode, grouped: Bool) -> FieldDefinition? {
        guard let name = reader.identifier(keyNode, what: "a field name") else { return nil }
        if grouped {
            guard let expression = reader.expression(value, what: "field `\(name.value)`") else { return nil }
            return FieldDefinition(name: name, content: .aggregate(expression))
        }
        guard let text = reader.string(value, what: "the type of field `\(name.value)`") else { return nil }
        switch FieldTypeParser.parse(text) {
        case .success(let type):
            return FieldDefinition(name: name, content: .type(type))
        case .failure(let problem):
            reader.diagnostics.error("invalid-type", "field `\(name.value)`: \(problem.message)", at: value.range)
            return nil
        }
    }

    /// `accounts by customer` -> (accounts, customer).
    mutating func decodeLink(_ node: YAMLNode, what: String, example: String) -> (Located<String>, Located<String>)? {
        guard let text = reader.string(node, what: what) else { return nil }
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count == 3, words[1] == "by", NodeReader.isIdentifier(String(words[0])), NodeReader.isIdentifier(String(words[2])) else {
            reader.diagnostics.error("invalid-link", "\(what) must read `SOURCE by FIELD`, such as `\(example)`; found `\(text)`", at: node.range)
            return nil
        }
        // Point each part at its own column when the scalar is on one line.
        let start = node.range.start
        let sourceStart = node.scalarStyle == .plain ? start : SourceLocation(line: start.line, column: start.column + 1)
        let fieldColumn = sourceStart.column + text.distance(from: text.startIndex, to: text.range(of: String(words[2]), options: .backwards)?.lowerBound ?? text.startIndex)
        let sourceRange = SourceRange(file: node.range.file, start: sourceStart, end: SourceLocation(line: sourceStart.line, column: sourceStart.column + words[0].count))
        let fieldRange = SourceRange(file: node.range.file, start: SourceLocation(line: sourceStart.line, column: fieldColumn), end: SourceLocation(line: sourceStart.line, column: fieldColumn + words[2].count))
        return (Located(String(words[0]), at: sourceRange), Located(String(words[2]), at: fieldRange))
    }

    mutating func decodeDerived(_ node: YAMLNode, sources: [SourceDefinition]) -> [DerivedDefinition] {
        var out: [DerivedDefinition] = []
        // A name without `source.` belongs to the only source, when there is one.
        let onlySource = sources.count == 1 ? sources.first?.id.value : nil
        for pair in reader.mapping(node, allowed: [], what: "derived") ?? [] {
            let derived = cached(sharedParts?.derived, .derived(onlySource: onlySource), key: Located(pair.key, at: pair.keyNode.range), value: pair.value) { decoder in
                decoder.decodeDerivedField(key: pair.key, keyRange: pair.keyNode.range, value: pair.value, onlySource: onlySource)
            }
            if let derived { out.append(derived) }
        }
        return out
    }

    /// One derived field, `key: expression`; nil when it cannot be had.
    mutating func decodeDerivedField(key: String, keyRange: SourceRange, value: YAMLNode, onlySource: String?) -> DerivedDefinition? {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        let sourceName: String
        let fieldName: String
        if parts.count == 2 {
            sourceName = String(parts[0])
            fieldName = String(parts[1])
        } else if parts.count == 1, let onlySource {
            sourceName = onlySource
            fieldName = key
        } else {
            reader.diagnostics.error("derived-name", "a derived field is named `source.field`, such as `accounts.active`; found `\(key)`", at: keyRange)
            return nil
        }
        guard NodeReader.isIdentifier(sourceName), NodeReader.isIdentifier(fieldName) else {
            reader.diagnostics.error("invalid-id", "derived field `\(key)` is not a valid name: use `source.field` with lower-case ids", at: keyRange)
            return nil
        }
        guard let expression = reader.expression(value, what: "derived field `\(key)`") else { return nil }
        let sourceEnd = SourceLocation(line: keyRange.start.line, column: keyRange.start.column + (parts.count == 2 ? sourceName.count : 0))
        let fieldStart = parts.count == 2 ? SourceLocation(line: keyRange.start.line, column: sourceEnd.column + 1) : keyRange.start
        return DerivedDefinition(
            source: Located(sourceName, at: SourceRange(file: keyRange.file, start: keyRange.start, end: sourceEnd)),
            name: Located(fieldName, at: SourceRange(file: keyRange.file, start: fieldStart, end: keyRange.end)),
            expression: expression)
    }

    mutating func decodeMetrics(_ node: YAMLNode, concepts: Set<String>, partial: Bool = false) -> [MetricDefinition] {
        var out: [MetricDefinition] = []
        for (id, value) in reader.idMapping(node, what: "metrics") {
            let metric = cached(sharedParts?.metrics, .metric(partial: partial), key: id, value: value) { decoder in
                decoder.decodeMetric(id: id, value: value, concepts: concepts, partial: partial)
            }
            if let metric { out.append(metric) }
        }
        return out
    }

    /// One metric; nil when it cannot be had.
    mutating func decodeMetric(id: Located<String>, value: YAMLNode, concepts: Set<String>, partial: Bool) -> MetricDefinition? {
        let what = "metric `\(id.value)`"
        guard let pairs = reader.mapping(value, allowed: Self.metricKeys, what: what) else { return nil }
        let keys = NodeReader.Keyed(pairs)
        let label = keys.value("label").flatMap { reader.string($0, what: "the label") }
        let description = keys.value("description").flatMap { reader.string($0, what: "the description") }
        var concept: Located<String>?
        if let node = keys["concept"], let name = reader.identifier(node.value, what: "the concept") {
            if !concepts.isEmpty, !concepts.contains(name.value) {
                reader.diagnostics.error("unknown-concept", "unknown concept `\(name.value)`\(Suggestion.didYouMean(name.value, in: concepts.sorted())); add it to a base's `concepts:` list if it is new", at: name.range)
            }
            concept = name
        }
        let unit = keys.value("unit").flatMap { reader.choice($0, what: "the unit", as: MetricUnit.self) }
        let direction = keys.value("direction").flatMap { reader.choice($0, what: "the direction", as: Direction.self) }
        let target = keys.value("target").flatMap { reader.number($0, what: "the target") }
        let weight = keys.value("weight").flatMap { reader.weight($0, what: "the weight") }
        let scale = keys.value("scale").flatMap { reader.scale($0, what: "the scale") }
        var thresholds: Thresholds?
        if let node = keys["thresholds"], let pairs = reader.mapping(node.value, allowed: Self.thresholdKeys, what: "the thresholds") {
            let values = NodeReader.Keyed(pairs)
            let green = values.value("green").flatMap { reader.number($0, what: "the green threshold") }
            let yellow = values.value("yellow").flatMap { reader.number($0, what: "the yellow threshold") }
            if let green, let yellow {
                thresholds = Thresholds(green: green.value, yellow: yellow.value, range: node.value.range)
            } else if !partial, !values.contains("green") || !values.contains("yellow") {
                reader.diagnostics.error("missing-key", "the thresholds of \(what) need both `green` and `yellow`", at: node.value.range)
            }
        }
        guard let formulaNode = keys["formula"] else {
            if !partial {
                reader.diagnostics.error("missing-key", "\(what) has no `formula:`; write how it is computed, such as `ratio(count(accounts where churned), count(accounts))`", at: id.range)
            }
            return nil
        }
        guard let formula = reader.expression(formulaNode.value, what: "the formula of \(what)") else { return nil }
        return MetricDefinition(
            id: id, label: label, description: description, concept: concept, formula: formula, unit: unit,
            direction: direction?.value ?? .higher, target: target, thresholds: thresholds, weight: weight,
            scale: scale, range: value.range)
    }

    mutating func decodeHealth(_ node: YAMLNode) -> HealthDefinition? {
        guard let pairs = reader.mapping(node, allowed: Self.healthKeys, what: "`health`") else { return nil }
        let keys = NodeReader.Keyed(pairs)
        guard let sourceNode = keys["source"] else {
            reader.diagnostics.error("missing-key", "`health` has no `source:`; name the source whose rows get a score, such as `source: accounts`", at: node.range)
            return nil
        }
        guard let source = reader.identifier(sourceNode.value, what: "the health source") else { return nil }
        var components: [HealthComponent] = []
        if let componentsNode = keys["components"] {
            for (id, value) in reader.idMapping(componentsNode.value, what: "health components") {
                let component = cached(sharedParts?.healthComponents, .healthComponent, key: id, value: value) { decoder in
                    decoder.decodeHealthComponent(id: id, value: value)
                }
                if let component { components.append(component) }
            }
        }
        if components.isEmpty {
            reader.diagnostics.error("no-components", "`health` has no components; add at least one under `components:`", at: keys["components"]?.keyNode.range ?? node.range)
        }
        var groups: [HealthGroup] = []
        if let groupsNode = keys["groups"] {
            for (id, value) in reader.idMapping(groupsNode.value, what: "health groups") {
                let what = "health group `\(id.value)`"
                guard let pairs = reader.mapping(value, allowed: Self.groupKeys, what: what) else { continue }
                let parts = NodeReader.Keyed(pairs)
                guard let weightNode = parts["weight"], let weight = reader.weight(weightNode.value, what: "the weight of \(what)") else {
                    if !parts.contains("weight") { reader.diagnostics.error("missing-key", "\(what) has no `weight:`", at: id.range) }
                    continue
                }
                let members = parts.value("components").map { reader.identifierList($0, what: "a component of \(what)") } ?? []
                let label = parts.value("label").flatMap { reader.string($0, what: "the label") }
                groups.append(HealthGroup(id: id, label: label, weight: weight, components: members))
            }
        }
        var profiles: [HealthProfile] = []
        if let profilesNode = keys["profiles"] {
            for (id, value) in reader.idMapping(profilesNode.value, what: "health profiles") {
                let what = "health profile `\(id.value)`"
                guard let pairs = reader.mapping(value, allowed: Self.profileKeys, what: what) else { continue }
                let parts = NodeReader.Keyed(pairs)
                guard let whenNode = parts["when"], let when = reader.expression(whenNode.value, what: "the `when` of \(what)") else {
                    if !parts.contains("when") { reader.diagnostics.error("missing-key", "\(what) has no `when:`; name the segment (or condition) it applies to", at: id.range) }
                    continue
                }
                var weights: [(component: Located<String>, weight: Located<Double>)] = []
                for (component, weightNode) in reader.idMapping(parts["components"]?.value ?? YAMLNode(kind: .mapping([]), range: id.range), what: "the components of \(what)") {
                    if let weight = reader.weight(weightNode, what: "the weight of `\(component.value)` in \(what)") {
                        weights.append((component, weight))
                    }
                }
                profiles.append(HealthProfile(id: id, when: when, weights: weights))
            }
        }
        let missing = keys.value("missing").flatMap { reader.choice($0, what: "the missing policy", as: MissingPolicy.self) }?.value ?? .renormalize
        var green = Located(70.0, at: node.range)
        var yellow = Located(40.0, at: node.range)
        if let bandsNode = keys["bands"], let pairs = reader.mapping(bandsNode.value, allowed: Self.thresholdKeys, what: "the health bands") {
            for pair in pairs {
                guard let value = reader.number(pair.value, what: "the \(pair.key) band") else { continue }
                if value.value < 0 || value.value > 100 {
                    reader.diagnostics.error("band-out-of-range", "the \(pair.key) band starts at \(NodeReader.format(value.value)), outside the score's range 0..100", at: pair.value.range)
                }
                if pair.key == "green" { green = value } else { yellow = value }
            }
            if green.value <= yellow.value {
                reader.diagnostics.error("bands-order", "the green band must start above the yellow one (green \(NodeReader.format(green.value)), yellow \(NodeReader.format(yellow.value))); swap them", at: bandsNode.value.range)
            }
        }
        return HealthDefinition(source: source, components: components, groups: groups, profiles: profiles, missing: missing, green: green, yellow: yellow, range: node.range)
    }

    /// One health component; nil when it cannot be had.
    mutating func decodeHealthComponent(id: Located<String>, value: YAMLNode) -> HealthComponent? {
        let what = "health component `\(id.value)`"
        guard let pairs = reader.mapping(value, allowed: Self.componentKeys, what: what) else { return nil }
        let parts = NodeReader.Keyed(pairs)
        guard let valueNode = parts["value"] else {
            reader.diagnostics.error("missing-key", "\(what) has no `value:`; write the row expression it scores", at: id.range)
            return nil
        }
        guard let weightNode = parts["weight"] else {
            reader.diagnostics.error("missing-key", "\(what) has no `weight:`", at: id.range)
            return nil
        }
        guard let expression = reader.expression(valueNode.value, what: "the value of \(what)"),
              let weight = reader.weight(weightNode.value, what: "the weight of \(what)") else { return nil }
        let scale = parts.value("scale").flatMap { reader.scale($0, what: "the scale of \(what)") }
        let label = parts.value("label").flatMap { reader.string($0, what: "the label") }
        return HealthComponent(id: id, label: label, value: expression, scale: scale, weight: weight)
    }

    mutating func decodeSignals(_ node: YAMLNode, partial: Bool = false) -> [SignalDefinition] {
        var out: [SignalDefinition] = []
        for (id, value) in reader.idMapping(node, what: "signals") {
            let signal = cached(sharedParts?.signals, .signal, key: id, value: value) { decoder in
                decoder.decodeSignal(id: id, value: value)
            }
            if let signal { out.append(signal) }
        }
        return out
    }

    /// One signal; nil when it cannot be had.
    mutating func decodeSignal(id: Located<String>, value: YAMLNode) -> SignalDefinition? {
        let what = "signal `\(id.value)`"
        guard let pairs = reader.mapping(value, allowed: Self.signalKeys, what: what) else { return nil }
        let keys = NodeReader.Keyed(pairs)
        let kind = keys.value("kind").flatMap { reader.choice($0, what: "the signal kind", as: SignalKind.self) }
        if !keys.contains("kind") {
            reader.diagnostics.error("missing-key", "\(what) has no `kind:`; use `reactive`, `proactive` or `predictive`", at: id.range)
        }
        let source = keys.value("source").flatMap { reader.identifier($0, what: "the signal source") }
        let label = keys.value("label").flatMap { reader.string($0, what: "the label") }
        let action = keys.value("action").flatMap { reader.string($0, what: "the action") }
        guard let whenNode = keys["when"] else {
            reader.diagnostics.error("missing-key", "\(what) has no `when:`; write the condition that picks accounts", at: id.range)
            return nil
        }
        guard let when = reader.expression(whenNode.value, what: "the `when` of \(what)"), let kind else { return nil }
        return SignalDefinition(id: id, label: label, kind: kind, source: source, when: when, action: action)
    }
}
