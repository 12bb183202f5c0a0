import Foundation
import KPIYAML

/// Parts of bases (a metric, a health component, a signal, a derived field, a field of a
/// source) already decoded during one catalog check, shared by its products.
///
/// Every product merges its bases in, so each product's tree holds the bases' entries
/// again; decoding them once per product repeats the same work and reports the same
/// diagnostics. An entry is decoded for the first product that has it; the next products
/// get the definition and the diagnostics it reported (reported again, into their own
/// collectors, in the same order), but only when their entry is the same YAML as the one
/// decoded: same key, and a value node equal to it in every text, style, tag and span
/// (`YAMLNode.isSame(as:)`). An entry a product overrides is merged into a new node with
/// other contents and is decoded on its own. Decoding reads nothing but the entry and the
/// catalog's concepts, which one check does not change. Safe to use from several threads.
final class DecodedPartCache: @unchecked Sendable {
    /// What kind of entry, and what else its decoding depends on.
    enum Part: Hashable {
        case metric(partial: Bool)
        case healthComponent
        case signal
        /// A derived field; `onlySource` names the source of a field written without one.
        case derived(onlySource: String?)
        /// A field of a source (of a grouped source: an aggregate).
        case field(grouped: Bool)
    }

    /// The decoded entries of one type.
    final class Table<Decoded: Sendable>: @unchecked Sendable {
        private struct Key: Hashable {
            var part: Part
            var key: Located<String>
            var range: SourceRange
        }

        private struct Entry {
            var value: YAMLNode
            var decoded: Decoded
            var diagnostics: [Diagnostic]
        }

        @exclusivity(unchecked) private var entries: [Key: [Entry]] = [:]
        private let lock = NSLock()

        /// The decoding of (`key`, `value`) as `part`, with its diagnostics, if it is known.
        func lookup(_ part: Part, key: Located<String>, value: YAMLNode) -> (decoded: Decoded, diagnostics: [Diagnostic])? {
            let candidates = lock.withLock { entries[Key(part: part, key: key, range: value.range)] } ?? []
            for entry in candidates where entry.value.isSame(as: value) {
                return (entry.decoded, entry.diagnostics)
            }
            return nil
        }

        /// Keeps the decoding of (`key`, `value`) as `part`.
        func store(_ part: Part, key: Located<String>, value: YAMLNode, decoded: Decoded, diagnostics: [Diagnostic]) {
            let entry = Entry(value: value, decoded: decoded, diagnostics: diagnostics)
            lock.withLock {
                let key = Key(part: part, key: key, range: value.range)
                guard !(entries[key] ?? []).contains(where: { $0.value.isSame(as: value) }) else { return }
                entries[key, default: []].append(entry)
            }
        }

        /// How many entries are kept.
        var count: Int { lock.withLock { entries.values.reduce(0) { $0 + $1.count } } }
    }

    let metrics = Table<MetricDefinition?>()
    let healthComponents = Table<HealthComponent?>()
    let signals = Table<SignalDefinition?>()
    let derived = Table<DerivedDefinition?>()
    let fields = Table<FieldDefinition?>()

    init() {}

    /// How many entries are kept, in all.
    var count: Int { metrics.count + healthComponents.count + signals.count + derived.count + fields.count }
}

extension DocumentDecoder {
    /// `decode(&self)`, or what it gave for the same entry of an earlier product when the
    /// entry comes from another file than the product's own (a base).
    mutating func cached<T: Sendable>(
        _ table: DecodedPartCache.Table<T>?, _ part: DecodedPartCache.Part,
        key: Located<String>, value: YAMLNode, _ decode: (inout DocumentDecoder) -> T
    ) -> T {
        guard let table, value.range.file !== ownFile else { return decode(&self) }
        if let (decoded, diagnostics) = table.lookup(part, key: key, value: value) {
            reader.diagnostics.append(contentsOf: diagnostics)
            return decoded
        }
        // Decode into an empty collector to see what this entry reports; reporting that
        // afterwards leaves the product's collector as reporting it directly would.
        let outer = reader.diagnostics
        reader.diagnostics = DiagnosticCollector()
        let decoded = decode(&self)
        let reported = reader.diagnostics.diagnostics
        reader.diagnostics = outer
        reader.diagnostics.append(contentsOf: reported)
        table.store(part, key: key, value: value, decoded: decoded, diagnostics: reported)
        return decoded
    }
}

extension YAMLNode {
    /// Whether `other` is this node in every respect decoding can see: kind, text, style,
    /// tag and span, of the node and of everything in it. Nodes that share their storage
    /// (an entry a merged tree took unchanged from a base) are found equal at once.
    func isSame(as other: YAMLNode) -> Bool {
        guard range == other.range, tag == other.tag else { return false }
        switch (kind, other.kind) {
        case (.scalar(let text, let style), .scalar(let otherText, let otherStyle)):
            return style == otherStyle && text == otherText
        case (.mapping(let pairs), .mapping(let otherPairs)):
            guard pairs.count == otherPairs.count else { return false }
            if Self.shareStorage(pairs, otherPairs) { return true }
            return zip(pairs, otherPairs).allSatisfy { $0.key.isSame(as: $1.key) && $0.value.isSame(as: $1.value) }
        case (.sequence(let items), .sequence(let otherItems)):
            guard items.count == otherItems.count else { return false }
            if Self.shareStorage(items, otherItems) { return true }
            return zip(items, otherItems).allSatisfy { $0.isSame(as: $1) }
        default:
            return false
        }
    }

    /// Whether two arrays are one and the same storage (and so hold the same elements).
    private static func shareStorage<Element>(_ a: [Element], _ b: [Element]) -> Bool {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress && a.count == b.count }
        }
    }
}
