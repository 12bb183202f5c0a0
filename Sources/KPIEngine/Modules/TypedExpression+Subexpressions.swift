public import KPILanguage

extension TypedExpression {
    /// The direct operands of this node, in source order: call arguments, an aggregate's
    /// value and `where`, both sides of an operator. What a module's checks walk to find the
    /// calls and fields a definition uses.
    public var subexpressions: [TypedExpression] {
        switch node {
        case .literal, .column, .metric, .periodStart, .periodEnd, .healthScore, .healthBand:
            return []
        case .list(let items), .call(_, let items):
            return items
        case .negate(let a), .not(let a), .inPeriod(let a), .isNull(let a, _):
            return [a]
        case .binary(_, let a, let b), .inList(let a, let b, _), .ratio(let a, let b):
            return [a, b]
        case .between(let a, let b, let c):
            return [a, b, c]
        case .aggregate(let call):
            return [call.argument, call.filter].compactMap { $0 }
        case .module(let call):
            return call.arguments + [call.filter].compactMap { $0 }
        }
    }

    /// Calls `body` for this node and every node below it, parents before children.
    /// - Parameter body: called once per node.
    public func visit(_ body: (TypedExpression) -> Void) {
        body(self)
        // The cases of `subexpressions`, without an array per node (a catalog check walks
        // every expression of every product several times).
        switch node {
        case .literal, .column, .metric, .periodStart, .periodEnd, .healthScore, .healthBand:
            return
        case .list(let items), .call(_, let items):
            for item in items { item.visit(body) }
        case .negate(let a), .not(let a), .inPeriod(let a), .isNull(let a, _):
            a.visit(body)
        case .binary(_, let a, let b), .inList(let a, let b, _), .ratio(let a, let b):
            a.visit(body)
            b.visit(body)
        case .between(let a, let b, let c):
            a.visit(body)
            b.visit(body)
            c.visit(body)
        case .aggregate(let call):
            call.argument?.visit(body)
            call.filter?.visit(body)
        case .module(let call):
            for argument in call.arguments { argument.visit(body) }
            call.filter?.visit(body)
        }
    }
}
