public import KPIEngine
public import KPILanguage

/// The starting definition file of a new product, for `kpi new`.
///
/// The product's module writes it: `ProductModule.defaults` holds each module's starter
/// (`ModuleDefaults.starterDefinition(product:name:model:)`), for the built-in modules and
/// for one an embedding tool registers alike. This type checks the id and that the module
/// fits the model, then fills the module's template in.
///
/// The built-in starters are commented files that show the whole language at work —
/// sources, derived fields, segments, metrics with concepts, targets, thresholds and
/// weights, a health score, and one signal of each kind (reactive, proactive, predictive)
/// — and validate as written, under the core checks and their module's. They use only the
/// core language, so a file reads the same whichever module checks it. The subscription
/// module has one for `model: subscription` and one for `model: usage`; `infrastructure`
/// gets a delivery- and outcome-based one.
public struct ProductScaffold: Sendable {
    /// Why a starting file cannot be written.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// The product id does not match `[a-z][a-z0-9_-]*`.
        case invalidID(String)
        /// No module of that id is registered.
        case unknownModule(String, known: [String])
        /// The module is not made for the business model.
        case moduleDoesNotFit(module: String, model: BusinessModel, models: [BusinessModel])

        /// The message, with how to fix it.
        public var description: String {
            switch self {
            case .invalidID(let id):
                return "`\(id)` is not a valid product id: use lower-case letters, digits, `_` and `-`, starting with a letter (such as `ebook` or `web-shop`)"
            case .unknownModule(let module, let known):
                return "unknown module `\(module)`; modules are: \(known.joined(separator: ", "))"
            case .moduleDoesNotFit(let module, let model, let models):
                return "module `\(module)` is made for \(models.map(\.rawValue).joined(separator: " or ")) products, not `\(model.rawValue)`; leave `--module` out to get the default for the model"
            }
        }
    }

    /// The product id, written to `product:`.
    public var product: String
    /// The display name; the id when nil.
    public var name: String?
    /// The business model, written to `model:`.
    public var model: BusinessModel
    /// The module; the default for `model` when nil.
    public var module: String?

    /// A scaffold; `name` defaults to the id and `module` to the model's default.
    public init(product: String, name: String? = nil, model: BusinessModel, module: String? = nil) {
        self.product = product
        self.name = name
        self.model = model
        self.module = module
    }

    /// Whether `id` is a valid product id: `[a-z][a-z0-9_-]*`.
    public static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    /// The module id the file names: the given one, or the default for the model.
    public var moduleID: String {
        module ?? (model == .oneTime ? "one-time" : "subscription")
    }

    /// The file's text.
    /// - Parameter modules: the modules `--module` may name (the built-in ones by default).
    /// - Returns: a definition that `kpi validate` accepts as it is.
    /// - Throws: `Problem` for an invalid id, an unknown module, or a module that does not
    ///   fit the model.
    public func definition(modules: ModuleRegistry = .standard) throws(Problem) -> String {
        guard Self.isValidID(product) else { throw .invalidID(product) }
        let moduleID = self.moduleID
        guard let module = modules.module(moduleID) else { throw .unknownModule(moduleID, known: modules.ids) }
        let models = module.description.models
        guard models.contains(model) else {
            throw .moduleDoesNotFit(module: moduleID, model: model, models: BusinessModel.allCases.filter(models.contains))
        }
        return module.defaults.starterDefinition(product: product, name: name, model: model)
    }
}
