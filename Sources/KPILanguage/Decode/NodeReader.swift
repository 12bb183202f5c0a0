import KPIYAML
import Foundation

/// Reads typed values out of YAML nodes, reporting every problem into a collector and
/// returning nil where a value cannot be had, so decoding can go on.
struct NodeReader {
    var diagnostics = DiagnosticCollector()

    // MARK: - Mappings

    /// The pairs of a mapping whose keys must be among `allowed`; unknown keys are reported
    /// with a suggestion. `what` names the mapping in messages ("metric `churn_rate`").
    mutating func mapping(
        _ node: YAMLNode, allowed: [String], what: @autoclosure () -> String
    ) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)]? {
        guard let pairs = node.mapping else {
            if node.isNull { return [] }
            diagnostics.error("expected-mapping", "\(what()) must be a mapping of keys to values, not \(node.kindDescription)", at: node.range)
            return nil
        }
        var out: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
        for (key, value) in pairs {
            guard let name = key.scalar else { continue }
            if !allowed.isEmpty, !allowed.contains(name) {
                diagnostics.error(
                    "unknown-key",
                    "unknown key `\(name)` in \(what())\(Suggestion.didYouMean(name, in: allowed.filter { $0 != "base" && $0 != "product" }))" + (Suggestion.closest(to: name, in: allowed) == nil ? "; allowed keys: \(allowed.joined(separator: ", "))" : ""),
                    at: key.range)
                continue
            }
            out.append((name, key, value))
        }
        return out
    }

    /// The pairs `mapping(_:allowed:what:)` gave, looked up by key: the first pair with
    /// that key, as a dictionary built keeping the first would give (a mapping rarely has
    /// more than ten keys, so a search beats hashing).
    struct Keyed {
        let pairs: [(key: String, keyNode: YAMLNode, value: YAMLNode)]
        /// The keys of `pairs`, searched without copying the pairs.
        private let keys: [String]

        init(_ pairs: [(key: String, keyNode: YAMLNode, value: YAMLNode)]) {
            self.pairs = pairs
            self.keys = pairs.map(\.key)
        }

        subscript(key: String) -> (key: String, keyNode: YAMLNode, value: YAMLNode)? {
            keys.firstIndex(of: key).map { pairs[$0] }
        }

        /// The value of the first pair with `key` (without copying the rest of the pair).
        func value(_ key: String) -> YAMLNode? {
            keys.firstIndex(of: key).map { pairs[$0].value }
        }

        /// Whether a pair has `key`.
        func contains(_ key: String) -> Bool {
            keys.contains(key)
        }
    }

    /// The entries of a mapping keyed by ids (metrics, sources, ...), each key checked as an id.
    mutating func idMapping(_ node: YAMLNode, what: @autoclosure () -> String) -> [(id: Located<String>, value: YAMLNode)] {
        guard let pairs = mapping(node, allowed: [], what: what()) else { return [] }
        var out: [(id: Located<String>, value: YAMLNode)] = []
        for pair in pairs {
            if let id = identifier(pair.keyNode, what: "\(what()) id") {
                out.append((id, pair.value))
            }
        }
        return out
    }

    // MARK: - Scalars

    /// A string from any scalar style; a mapping or list is an error.
    mutating func string(_ node: YAMLNode, what: @autoclosure () -> String) -> String? {
        guard let text = node.scalar else {
            diagnostics.error("expected-scalar", "\(what()) must be a single value, not \(node.kindDescription)", at: node.range)
            return nil
        }
        return text
    }

    /// A located string.
    mutating func locatedString(_ node: YAMLNode, what: @autoclosure () -> String) -> Located<String>? {
        string(node, what: what()).map { Located($0, at: node.range) }
    }

    /// An id matching `[a-z][a-z0-9_-]*`.
    mutating func identifier(_ node: YAMLNode, what: @autoclosure () -> String) -> Located<String>? {
        guard let text = string(node, what: what()) else { return nil }
        guard Self.isIdentifier(text) else {
            let hint = Self.suggestIdentifier(text).map { "; try `\($0)`" } ?? ""
            diagnostics.error("invalid-id", "\(what()) `\(text)` is not a valid id: use lower-case letters, digits, `_` and `-`, starting with a letter\(hint)", at: node.range)
            return nil
        }
        return Located(text, at: node.range)
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    static func suggestIdentifier(_ text: String) -> String? {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-" {
                out.unicodeScalars.append(scalar)
            } else if scalar == " " || scalar == "." {
                out += "_"
            }
        }
        return isIdentifier(out) ? out : nil
    }

    /// A number written as a plain scalar (`12`, `0.5`, `-3`, `1e3`).
    mutating func number(_ node: YAMLNode, what: @autoclosure () -> String) -> Located<Double>? {
        guard let text = string(node, what: what()) else { return nil }
        guard node.scalarStyle == .plain, let value = Double(text), value.isFinite else {
            diagnostics.error("expected-number", "\(what()) must be a number, found `\(text)`", at: node.range)
            return nil
        }
        return Located(value, at: node.range)
    }

    /// A non-negative number.
    mutating func weight(_ node: YAMLNode, what: @autoclosure () -> String) -> Located<Double>? {
        guard let value = number(node, what: what()) else { return nil }
        if value.value < 0 {
            diagnostics.error("negative-weight", "\(what()) must not be negative (found \(Self.format(value.value))); use 0 to leave it out of the score", at: node.range)
            return nil
        }
        return value
    }

    /// `true` or `false` and nothing else (no `yes`, `on`, `1`).
    mutating func bool(_ node: YAMLNode, what: @autoclosure () -> String) -> Bool? {
        guard let text = string(node, what: what()) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default:
            diagnostics.error("expected-bool", "\(what()) must be `true` or `false`, found `\(text)`", at: node.range)
            return nil
        }
    }

    /// One of an enumeration's raw values, with a suggestion when misspelt.
    mutating func choice<E: RawRepresentable & CaseIterable>(_ node: YAMLNode, what: @autoclosure () -> String, as: E.Type) -> Located<E>? where E.RawValue == String {
        guard let text = string(node, what: what()) else { return nil }
        if let value = E(rawValue: text) { return Located(value, at: node.range) }
        let all = E.allCases.map(\.rawValue)
        let hint = Suggestion.closest(to: text, in: all).map { "; did you mean `\($0)`?" } ?? "; use \(all.quotedList)"
        diagnostics.error("invalid-value", "\(what()) `\(text)` is not known\(hint)", at: node.range)
        return nil
    }

    /// A list of ids (a single id is accepted as a list of one).
    mutating func identifierList(_ node: YAMLNode, what: @autoclosure () -> String) -> [Located<String>] {
        if node.isNull { return [] }
        if node.scalar != nil { return identifier(node, what: what()).map { [$0] } ?? [] }
        guard let items = node.sequence else {
            diagnostics.error("expected-list", "\(what()) must be a list such as `[a, b]`, not \(node.kindDescription)", at: node.range)
            return []
        }
        return items.compactMap { identifier($0, what: what()) }
    }

    /// An expression in any scalar style.
    mutating func expression(_ node: YAMLNode, what: @autoclosure () -> String) -> ExpressionText? {
        guard let text = string(node, what: what()) else { return nil }
        if Self.isBlank(text) {
            diagnostics.error("empty-expression", "\(what()) is empty; write an expression", at: node.range)
            return nil
        }
        return ExpressionText(text: text, node: node)
    }

    /// Whether `text` is empty once whitespace and newlines are trimmed. A printable ASCII
    /// character is never trimmed, so nearly every expression is answered from its bytes;
    /// anything else is left to Foundation, whose character set defines the rule.
    static func isBlank(_ text: String) -> Bool {
        if text.utf8.contains(where: { $0 > 0x20 && $0 < 0x7F }) { return false }
        return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// Piecewise-linear points `{0: 0, 5: 50, 20: 100}`.
    mutating func scale(_ node: YAMLNode, what: @autoclosure () -> String) -> Scale? {
        guard let pairs = node.mapping else {
            diagnostics.error("expected-mapping", "\(what()) must map inputs to scores, such as `{0: 0, 5: 50, 20: 100}`", at: node.range)
            return nil
        }
        var points: [(Double, Double)] = []
        var ok = true
        for (key, value) in pairs {
            guard let input = number(key, what: "a point of \(what())"), let output = number(value, what: "the score at a point of \(what())") else {
                ok = false
                continue
            }
            if output.value < 0 || output.value > 100 {
                diagnostics.error("scale-out-of-range", "the score \(Self.format(output.value)) in \(what()) is outside 0..100", at: value.range)
                ok = false
            }
            points.append((input.value, output.value))
        }
        guard ok else { return nil }
        if points.count < 2 {
            diagnostics.error("scale-too-short", "\(what()) needs at least two points to draw a line between, such as `{0: 0, 10: 100}`", at: node.range)
            return nil
        }
        return Scale(points: points, range: node.range)
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
