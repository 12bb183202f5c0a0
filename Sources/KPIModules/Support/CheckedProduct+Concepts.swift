import KPIEngine
import KPILanguage
import KPIYAML

/// What the module checks ask about a product's metrics: concepts, weights, what a
/// formula reads.
extension CheckedProduct {
    /// The metric definitions whose concept is one of `concepts`, in declaration order.
    func metrics(withConcept concepts: Set<String>) -> [MetricDefinition] {
        definition.metrics.filter { metric in metric.concept.map { concepts.contains($0.value) } ?? false }
    }

    /// The sum of every metric's weight (unweighted metrics count 0).
    var totalWeight: Double {
        definition.metrics.reduce(0) { $0 + ($1.weight?.value ?? 0) }
    }

    /// Where to report something about `range` of an inherited or own definition: the
    /// range itself when it is in the product's own file; otherwise the product id, with
    /// a note at `range` (the fix belongs in the product, which can override or `remove:`).
    func place(_ range: SourceRange, note: String) -> (range: SourceRange, notes: [Diagnostic.Note]) {
        if range.file.path == definition.file.path { return (range, []) }
        return (definition.id.range, [Diagnostic.Note(note, at: range)])
    }

    /// The declared fields, as (source, field), that `expression` reads, following the
    /// derived fields, segments and metrics it uses down to the data.
    func fieldsRead(by expression: TypedExpression) -> Set<SourceField> {
        var fields: Set<SourceField> = []
        var visited: Set<String> = []
        collectFields(expression, into: &fields, visited: &visited)
        return fields
    }

    /// The names of module functions that `expression` calls, following derived fields,
    /// segments and metrics.
    func functionsCalled(by expression: TypedExpression) -> Set<String> {
        var names: Set<String> = []
        var visited: Set<String> = []
        walk(expression, visited: &visited) { node in
            if case .module(let call) = node.node { names.insert(call.name) }
        }
        return names
    }

    private func collectFields(_ expression: TypedExpression, into fields: inout Set<SourceField>, visited: inout Set<String>) {
        walk(expression, visited: &visited) { node in
            if case .column(let source, let name) = node.node, isDeclaredField(source, name) {
                fields.insert(SourceField(source: source, field: name))
            }
        }
    }

    /// Whether `name` is a field of `source` read from the data (not derived, grouped or a
    /// segment).
    private func isDeclaredField(_ source: String, _ name: String) -> Bool {
        guard let checked = self.source(source) else { return false }
        return checked.derived[name] == nil && !checked.groupFields.contains { $0.name == name } && segment(name)?.source != source
    }

    /// Visits `expression` and, once each, the definitions it reads.
    private func walk(_ expression: TypedExpression, visited: inout Set<String>, _ body: (TypedExpression) -> Void) {
        var pending = [expression]
        while let next = pending.popLast() {
            next.visit { node in
                body(node)
                switch node.node {
                case .column(let source, let name):
                    if let derived = self.source(source)?.derived[name], visited.insert("derived:\(source).\(name)").inserted {
                        pending.append(derived)
                    } else if let grouped = self.source(source)?.groupFields.first(where: { $0.name == name }), visited.insert("group:\(source).\(name)").inserted {
                        pending.append(grouped.expression)
                    } else if let segment = segment(name), segment.source == source, visited.insert("segment:\(name)").inserted {
                        pending.append(segment.expression)
                    }
                case .metric(let id):
                    if let metric = metric(id), visited.insert("metric:\(id)").inserted { pending.append(metric.formula) }
                default:
                    break
                }
            }
        }
    }
}

/// A declared field of a source.
struct SourceField: Hashable {
    var source: String
    var field: String
}
