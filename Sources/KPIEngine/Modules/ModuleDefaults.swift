public import KPILanguage

/// What a new product of a module's kind starts from: the suggestions `kpi new` writes.
///
/// The module owns its starting file: `kpi new` writes `starterDefinition(product:name:model:)`
/// of the product's module, built-in or registered by an embedding tool, so a starter lives
/// in one place, next to the functions and checks it is written for.
///
/// These are suggestions for a starting file only. They never fill in a value that an
/// existing definition leaves out: a definition means the same whichever module checks
/// it (the health bands of a product without `bands:` stay the language's 70 / 40, say).
public struct ModuleDefaults: Sendable, Hashable {
    /// A suggested share of accounts per touch model; the three add up to 1.
    public struct TouchShares: Sendable, Hashable {
        /// High-touch: a CSM per account.
        public var high: Double
        /// Low-touch: webinars, mail to groups.
        public var low: Double
        /// Tech-touch: automated mail, chatbots.
        public var tech: Double

        /// Shares of accounts served high-, low- and tech-touch.
        public init(high: Double, low: Double, tech: Double) {
            self.high = high
            self.low = low
            self.tech = tech
        }
    }

    /// The placeholder in a starter template replaced by the product id.
    public static let productPlaceholder = "{{product}}"
    /// The placeholder in a starter template replaced by the product name, as a YAML scalar.
    public static let namePlaceholder = "{{name}}"
    /// The placeholder in a starter template replaced by the business model.
    public static let modelPlaceholder = "{{model}}"
    /// The placeholder in a starter template replaced by "NAME Customer Success", as a YAML
    /// scalar (for `team:`).
    public static let teamPlaceholder = "{{team}}"
    /// The placeholder in a starter template replaced by the product name on one line, as it
    /// is (for comments).
    public static let titlePlaceholder = "{{title}}"

    /// The touch mix a product of this kind typically starts with.
    public var touch: TouchShares
    /// The concepts a product of this kind should measure (its module warns when none of
    /// them has a metric), most important first.
    public var keyConcepts: [String]
    /// A complete definition file with placeholders (`{{product}}`, `{{name}}`,
    /// `{{model}}`, `{{team}}`, `{{title}}`): the starter of every model without one of
    /// its own in `modelStarterTemplates`. See `starterDefinition(product:name:model:)`.
    public var starterTemplate: String
    /// Starters for the business models a product of this kind starts differently from
    /// `starterTemplate` (the subscription module's usage-billed products, say).
    public var modelStarterTemplates: [BusinessModel: String]

    /// Defaults from their parts.
    /// - Parameters:
    ///   - touch: the suggested touch mix.
    ///   - keyConcepts: the concepts a product of this kind should measure.
    ///   - starterTemplate: a definition file with placeholders for id, name and model.
    ///   - modelStarterTemplates: the starters of models that start from another file.
    public init(
        touch: TouchShares, keyConcepts: [String], starterTemplate: String,
        modelStarterTemplates: [BusinessModel: String] = [:]
    ) {
        self.touch = touch
        self.keyConcepts = keyConcepts
        self.starterTemplate = starterTemplate
        self.modelStarterTemplates = modelStarterTemplates
    }

    /// The template a product of `model` starts from: its own, else `starterTemplate`.
    public func starterTemplate(for model: BusinessModel) -> String {
        modelStarterTemplates[model] ?? starterTemplate
    }

    /// The starting definition file of a new product, ready to write to
    /// `kpi-definitions/<product>.yaml`; it validates as it is.
    /// - Parameters:
    ///   - product: the product id (`[a-z][a-z0-9_-]*`).
    ///   - name: the display name; the id when nil.
    ///   - model: the business model written to `model:`; it picks the template.
    /// - Returns: the YAML text.
    public func starterDefinition(product: String, name: String? = nil, model: BusinessModel) -> String {
        let name = name ?? product
        return Self.filling(starterTemplate(for: model), with: [
            Self.productPlaceholder: product,
            Self.namePlaceholder: Self.quotedIfNeeded(name),
            Self.modelPlaceholder: model.rawValue,
            Self.teamPlaceholder: Self.quotedIfNeeded(name + " Customer Success"),
            Self.titlePlaceholder: name.split(whereSeparator: \.isNewline).joined(separator: " "),
        ])
    }

    /// `template` with each `{{key}}` in `values` replaced, in one pass: a value is never
    /// read again for placeholders, and an unknown `{{...}}` stays as it is.
    static func filling(_ template: String, with values: [String: String]) -> String {
        var result = ""
        var rest = template[...]
        while let open = rest.firstRange(of: "{{") {
            result += rest[..<open.lowerBound]
            if let close = rest[open.upperBound...].firstRange(of: "}}"),
               let value = values[String(rest[open.lowerBound..<close.upperBound])] {
                result += value
                rest = rest[close.upperBound...]
            } else {
                result += "{{"
                rest = rest[open.upperBound...]
            }
        }
        return result + rest
    }

    /// `text` as a YAML plain scalar when that reads back the same, else double-quoted.
    static func quotedIfNeeded(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || " -_.()/".unicodeScalars.contains(scalar)
        }
        let reserved = ["null", "true", "false", "yes", "no", "on", "off", "~"].contains(text.lowercased())
        if plain, !reserved, let first = text.first, first.isLetter, text.last != " " { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "\"\(escaped)\""
    }
}
