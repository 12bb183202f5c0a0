public import Foundation

/// What the checker needs to know about a per-product module, as data: its id, business
/// models and function signatures — without its Swift implementation.
///
/// A program that registers its own ``ProductModule`` checks its definitions with it at
/// run time; the `kpi` tool (and the plugins that run it at build time) does not have that
/// module compiled in, so it reads the module's interface from a JSON file instead,
/// `kpi-modules.json` in the definitions folder (`kpi validate --modules FILE`):
///
/// ```json
/// {"modules": [{
///   "id": "clinic", "summary": "Clinics: appointments and no-shows.", "models": ["subscription"],
///   "functions": [{"name": "no_show_rate", "kind": "aggregate", "parameters": ["number", "number"],
///                  "result": "number", "summary": "no_show_rate(no_shows, visits): no-shows over visits"}]
/// }]}
/// ```
///
/// `result` is a type (`int`, `number`, `bool`, `date`, `string`, `money[USD]`) or
/// `argument N`, the type of the Nth argument (1-based). Keep the file in step with the
/// Swift module: the program checks its embedded definitions again with the real module
/// when it loads them, and reports any difference there.
public struct ModuleInterface: Sendable, Hashable, Codable {
    /// A function the module adds to the language.
    public struct Function: Sendable, Hashable, Codable {
        /// How a function is called.
        public enum Kind: String, Sendable, Hashable, Codable {
            /// One value per row, from values of the same row.
            case row
            /// One value from the rows of a source, like `sum`.
            case aggregate
        }

        /// What an argument must be.
        public enum Parameter: String, Sendable, Hashable, Codable {
            /// An int or a decimal number.
            case number
            /// A number or money.
            case quantity
            /// Money.
            case money
            /// A date.
            case date
            /// A boolean.
            case bool
            /// A string or category.
            case string
            /// Anything.
            case any
        }

        /// The function name, as formulas call it.
        public var name: String
        /// Row or aggregate.
        public var kind: Kind
        /// The parameters, in order.
        public var parameters: [Parameter]
        /// The result type: `int`, `number`, `bool`, `date`, `string`, `money[CUR]`, or
        /// `argument N` (the type of the Nth argument, 1-based).
        public var result: String
        /// One line for `kpi explain` and the docs.
        public var summary: String

        /// A function signature.
        /// - Parameters:
        ///   - name: the name formulas call.
        ///   - kind: row or aggregate.
        ///   - parameters: the parameters, in order.
        ///   - result: the result type (`number`, `money[EUR]`, `argument 1`, ...).
        ///   - summary: one line on what it computes.
        public init(name: String, kind: Kind, parameters: [Parameter], result: String, summary: String) {
            self.name = name
            self.kind = kind
            self.parameters = parameters
            self.result = result
            self.summary = summary
        }
    }

    /// The module id, what `module:` names.
    public var id: String
    /// One line on what the module is for.
    public var summary: String
    /// The business models it fits: `subscription`, `one-time`, `usage`.
    public var models: [String]
    /// The functions.
    public var functions: [Function]

    /// An interface.
    /// - Parameters:
    ///   - id: the module id, what `module:` names.
    ///   - summary: one line on what the module is for.
    ///   - models: the business models it fits (`subscription`, `one-time`, `usage`).
    ///   - functions: the functions it adds.
    public init(id: String, summary: String, models: [String], functions: [Function]) {
        self.id = id
        self.summary = summary
        self.models = models
        self.functions = functions
    }

    /// The modules of an interface file: `{"modules": [...]}`.
    struct File: Codable {
        var modules: [ModuleInterface]
    }

    /// Reads the interfaces in a JSON file.
    /// - Parameter path: the file (`kpi-definitions/kpi-modules.json`).
    /// - Returns: the interfaces, in file order.
    /// - Throws: ``ModuleInterfaceError`` naming the file and what is wrong.
    public static func load(contentsOf path: String) throws(ModuleInterfaceError) -> [ModuleInterface] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModuleInterfaceError(path: path, message: "cannot read the module interface file; check that it exists")
        }
        return try decode(data, path: path)
    }

    /// Reads the interfaces in JSON text.
    /// - Parameters:
    ///   - data: the JSON.
    ///   - path: the name errors give.
    /// - Returns: the interfaces, in order.
    /// - Throws: ``ModuleInterfaceError`` naming what is wrong.
    public static func decode(_ data: Data, path: String) throws(ModuleInterfaceError) -> [ModuleInterface] {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw ModuleInterfaceError(path: path, message: "not valid JSON: \(context.debugDescription)")
        } catch let DecodingError.keyNotFound(key, context) {
            throw ModuleInterfaceError(path: path, message: "\(Self.place(context.codingPath))`\(key.stringValue)` is missing")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw ModuleInterfaceError(path: path, message: "\(Self.place(context.codingPath))\(context.debugDescription)")
        } catch {
            throw ModuleInterfaceError(path: path, message: "\(error)")
        }
        for module in file.modules {
            for model in module.models where BusinessModel(rawValue: model) == nil {
                throw ModuleInterfaceError(path: path, message: "module `\(module.id)`: unknown model `\(model)`; models are \(BusinessModel.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))")
            }
            for function in module.functions {
                do {
                    _ = try ResultRule(parsing: function.result, arity: function.parameters.count)
                } catch {
                    throw ModuleInterfaceError(path: path, message: "module `\(module.id)`, function `\(function.name)`: \(error.message)")
                }
            }
        }
        return file.modules
    }

    private static func place(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "" : path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined() + ": "
    }

    /// What the checker needs: the id, models and typed signatures.
    var checkerDescription: ModuleDescription {
        ModuleDescription(
            id: id, summary: summary, models: Set(models.compactMap(BusinessModel.init(rawValue:))),
            functions: functions.map { function in
                let rule = (try? ResultRule(parsing: function.result, arity: function.parameters.count)) ?? .fixed(.error)
                return FunctionSignature(
                    name: function.name, kind: function.kind == .row ? .row : .aggregate,
                    parameters: function.parameters.map(\.signatureParameter), summary: function.summary,
                    result: { types in rule.type(for: types) })
            })
    }
}

// MARK: - Result types

/// The result type of an interface function: fixed, or that of an argument.
enum ResultRule: Sendable {
    case fixed(ValueType)
    case argument(Int)

    struct Failure: Error {
        var message: String
    }

    init(parsing text: String, arity: Int) throws(Failure) {
        let words = text.split(separator: " ")
        if words.count == 2, words[0] == "argument", let position = Int(words[1]) {
            guard (1...max(1, arity)).contains(position), arity > 0 else {
                throw Failure(message: "`\(text)`: the function has \(arity) parameter\(arity == 1 ? "" : "s")")
            }
            self = .argument(position - 1)
            return
        }
        switch text {
        case "int": self = .fixed(.int)
        case "number": self = .fixed(.number)
        case "bool": self = .fixed(.bool)
        case "date": self = .fixed(.date)
        case "string": self = .fixed(.string)
        default:
            if text.hasPrefix("money["), text.hasSuffix("]"), text.count == 10,
               text.dropFirst(6).dropLast().allSatisfy({ $0.isUppercase && $0.isASCII }) {
                self = .fixed(.money(String(text.dropFirst(6).dropLast())))
                return
            }
            throw Failure(message: "unknown result type `\(text)`; write `int`, `number`, `bool`, `date`, `string`, `money[USD]` or `argument N`")
        }
    }

    func type(for arguments: [ValueType]) -> ValueType {
        switch self {
        case .fixed(let type): return type
        case .argument(let index): return index < arguments.count ? arguments[index] : .error
        }
    }
}

extension ModuleInterface.Function.Parameter {
    var signatureParameter: FunctionSignature.Parameter {
        switch self {
        case .number: return .number
        case .quantity: return .quantity
        case .money: return .money
        case .date: return .date
        case .bool: return .bool
        case .string: return .string
        case .any: return .any
        }
    }
}

// MARK: - Registries

extension ModuleInterface {
    /// `base` with the interfaces of each file registered (an interface replaces a module
    /// with the same id): what `kpi validate --modules FILE` checks with.
    /// - Parameters:
    ///   - paths: module interface files (`kpi-modules.json`).
    ///   - base: the registry to extend.
    /// - Returns: the extended registry.
    /// - Throws: ``ModuleInterfaceError`` for the first file that cannot be used.
    public static func registry(addingInterfacesFrom paths: [String], to base: ModuleRegistry = .standard) throws(ModuleInterfaceError) -> ModuleRegistry {
        var registry = base
        for path in paths {
            for interface in try load(contentsOf: path) { registry.register(interface) }
        }
        return registry
    }
}
