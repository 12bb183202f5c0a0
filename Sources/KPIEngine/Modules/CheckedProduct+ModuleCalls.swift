public import KPILanguage

extension CheckedProduct {
    /// Every checked expression of the product: source filters, grouped and derived
    /// fields, segments, metric formulas, health component values and profile conditions,
    /// signal conditions. Order: as declared, sources first.
    public var expressions: [TypedExpression] {
        var out: [TypedExpression] = []
        for source in sources {
            if let filter = source.filter { out.append(filter) }
            out += source.groupFields.map(\.expression)
            out += source.derived.sorted { $0.key < $1.key }.map(\.value)
        }
        out += segments.map(\.expression)
        out += metrics.map(\.formula)
        if let health {
            out += health.components.map(\.value)
            out += health.profiles.map(\.when)
        }
        out += signals.map(\.when)
        return out
    }

    /// The calls to functions of `module` anywhere in the product, each the `.module`
    /// node with its argument types and its range in the YAML.
    /// - Parameter module: a module id.
    /// - Returns: the call nodes, in the order of `expressions`.
    public func moduleCalls(to module: String) -> [TypedExpression] {
        var calls: [TypedExpression] = []
        for expression in expressions {
            expression.visit { node in
                if case .module(let call) = node.node, call.module == module { calls.append(node) }
            }
        }
        return calls
    }
}
