import KPIEngine
import KPILanguage

/// A named piece of a product's definition that an expression reads: what `kpi explain`
/// shows as a node of a dependency tree, and what the comparison follows to find a
/// metric's time window.
public enum DefinitionReference: Sendable, Hashable {
    /// Another metric (only in metric formulas).
    case metric(String)
    /// A source whose rows an aggregate reads: `count(accounts where ...)`.
    case source(String)
    /// A field declared in a source's `fields`, read from the data.
    case field(source: String, name: String)
    /// A field of a grouped source, computed from its origin's rows.
    case groupedField(source: String, name: String)
    /// A `derived` field.
    case derived(source: String, name: String)
    /// A named segment (a boolean column of its source).
    case segment(String)
}

extension CheckedProduct {
    /// The definitions `expression` reads directly, each once, in the order they first
    /// appear in the text.
    /// - Parameter expression: a checked formula, derived field, segment or filter.
    /// - Returns: the references, without following them further.
    public func references(in expression: TypedExpression) -> [DefinitionReference] {
        var out: [DefinitionReference] = []
        var seen: Set<DefinitionReference> = []
        func add(_ reference: DefinitionReference) {
            if seen.insert(reference).inserted { out.append(reference) }
        }
        expression.visit { node in
            switch node.node {
            case .metric(let id):
                add(.metric(id))
            case .aggregate(let call):
                add(.source(call.source))
            case .module(let call):
                if let source = call.source { add(.source(source)) }
            case .column(let source, let name):
                add(reference(toColumn: name, of: source))
            default:
                break
            }
        }
        return out
    }

    /// What a column of `source` named `name` is: a derived field, a grouped field, a
    /// segment, or a declared field (the checker resolves names in that order).
    public func reference(toColumn name: String, of source: String) -> DefinitionReference {
        let checked = self.source(source)
        if checked?.derived[name] != nil { return .derived(source: source, name: name) }
        if checked?.groupFields.contains(where: { $0.name == name }) == true { return .groupedField(source: source, name: name) }
        if let segment = segment(name), segment.source == source { return .segment(name) }
        return .field(source: source, name: name)
    }

    /// The checked expression behind `reference`, which its own references come from: a
    /// formula, a derived or grouped expression, a segment's condition, a source's
    /// `where` filter; nil for a declared field.
    public func expression(of reference: DefinitionReference) -> TypedExpression? {
        switch reference {
        case .metric(let id): return metric(id)?.formula
        case .source(let id): return source(id)?.filter
        case .field: return nil
        case .groupedField(let source, let name): return self.source(source)?.groupFields.first { $0.name == name }?.expression
        case .derived(let source, let name): return self.source(source)?.derived[name]
        case .segment(let id): return segment(id)?.expression
        }
    }

    /// Every expression `expression` depends on, itself first, each once: the formulas,
    /// derived fields, segments and source filters it reads, transitively.
    func expressionClosure(of expression: TypedExpression) -> [TypedExpression] {
        var out = [expression]
        var seen: Set<DefinitionReference> = []
        var index = 0
        while index < out.count {
            for reference in references(in: out[index]) where seen.insert(reference).inserted {
                if let next = self.expression(of: reference) { out.append(next) }
            }
            index += 1
        }
        return out
    }
}
