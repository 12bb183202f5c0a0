// MARK: - Checking with an interface

extension ModuleInterface: ProductModule {
    /// The id, models and signatures, for the checker.
    public var description: ModuleDescription { checkerDescription }

    /// Nothing to suggest: an interface has no starting definition.
    public var defaults: ModuleDefaults {
        ModuleDefaults(touch: .init(high: 0, low: 0, tech: 1), keyConcepts: [], starterTemplate: "")
    }

    /// An interface cannot compute its functions: register the Swift module to evaluate.
    public func evaluateRow(_ name: String, arguments: [ColumnVector], rowCount: Int, resultType: ValueType) throws -> ColumnVector {
        throw ModuleRuntimeError("module `\(id)` is registered as an interface only; register its Swift implementation to evaluate `\(name)`")
    }

    /// An interface cannot compute its functions: register the Swift module to evaluate.
    public func evaluateAggregate(_ name: String, arguments: [ColumnVector], rows: [Bool]?, resultType: ValueType) throws -> Scalar {
        throw ModuleRuntimeError("module `\(id)` is registered as an interface only; register its Swift implementation to evaluate `\(name)`")
    }
}
