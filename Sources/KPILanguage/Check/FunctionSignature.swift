/// The shape of a function that a per-product module adds to the language, so that the
/// checker can resolve and type calls to it like a built-in.
public struct FunctionSignature: Sendable {
    public enum Kind: Sendable, Hashable {
        /// One value per row, from values of the same row.
        case row
        /// One value from the rows of a source (inferred from the arguments, `where` allowed
        /// on the first argument), like `sum`.
        case aggregate
    }

    /// What an argument must be.
    public enum Parameter: Sendable, Hashable {
        case number, quantity, money, date, bool, string, any
    }

    public var name: String
    public var kind: Kind
    public var parameters: [Parameter]
    /// The result type from the argument types (already checked against `parameters`).
    public var result: @Sendable ([ValueType]) -> ValueType
    /// One line for `kpi explain` and the docs.
    public var summary: String

    public init(
        name: String, kind: Kind, parameters: [Parameter], summary: String,
        result: @escaping @Sendable ([ValueType]) -> ValueType
    ) {
        self.name = name
        self.kind = kind
        self.parameters = parameters
        self.result = result
        self.summary = summary
    }

    func accepts(_ type: ValueType, as parameter: Parameter) -> Bool {
        if type == .error || type == .null { return true }
        switch parameter {
        case .number: return type.isNumeric
        case .quantity: return type.isQuantity
        case .money: return type.isMoney
        case .date: return type == .date
        case .bool: return type == .bool
        case .string:
            if case .category = type { return true }
            return type == .string
        case .any: return true
        }
    }
}

/// What the checker knows about one per-product module: its functions and defaults.
public struct ModuleDescription: Sendable {
    public var id: String
    public var summary: String
    /// The business models it fits; a product with another model gets a warning.
    public var models: Set<BusinessModel>
    public var functions: [FunctionSignature]

    public init(id: String, summary: String, models: Set<BusinessModel>, functions: [FunctionSignature]) {
        self.id = id
        self.summary = summary
        self.models = models
        self.functions = functions
    }
}
