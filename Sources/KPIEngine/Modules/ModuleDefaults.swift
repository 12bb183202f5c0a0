public import KPILanguage

/// What a new product of a module's kind starts from: the suggestions `kpi new` writes.
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

    /// The placeholder in `starterTemplate` replaced by the product id.
    public static let productPlaceholder = "{{product}}"
    /// The placeholder in `starterTemplate` replaced by the product name.
    public static let namePlaceholder = "{{name}}"
    /// The placeholder in `starterTemplate` replaced by the business model.
    public static let modelPlaceholder = "{{model}}"

    /// The touch mix a product of this kind typically starts with.
    public var touch: TouchShares
    /// The concepts a product of this kind should measure (its module warns when none of
    /// them has a metric), most important first.
    public var keyConcepts: [String]
    /// A complete definition file with `{{product}}`, `{{name}}` and `{{model}}`
    /// placeholders; see `starterDefinition(product:name:model:)`.
    public var starterTemplate: String

    /// Defaults from their parts.
    /// - Parameters:
    ///   - touch: the suggested touch mix.
    ///   - keyConcepts: the concepts a product of this kind should measure.
    ///   - starterTemplate: a definition file with placeholders for id, name and model.
    public init(touch: TouchShares, keyConcepts: [String], starterTemplate: String) {
        self.touch = touch
        self.keyConcepts = keyConcepts
        self.starterTemplate = starterTemplate
    }

    /// The starting definition file of a new product, ready to write to
    /// `kpi-definitions/<product>.yaml`; it validates as it is.
    /// - Parameters:
    ///   - product: the product id (`[a-z][a-z0-9_-]*`).
    ///   - name: the display name; the id when nil.
    ///   - model: the business model written to `model:`.
    /// - Returns: the YAML text.
    public func starterDefinition(product: String, name: String? = nil, model: BusinessModel) -> String {
        starterTemplate
            .replacing(Self.productPlaceholder, with: product)
            .replacing(Self.namePlaceholder, with: Self.quotedIfNeeded(name ?? product))
            .replacing(Self.modelPlaceholder, with: model.rawValue)
    }

    /// `text` as a YAML plain scalar when that reads back the same, else double-quoted.
    static func quotedIfNeeded(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil || " -_.()/".unicodeScalars.contains(scalar)
        }
        let reserved = ["null", "true", "false", "yes", "no", "on", "off", "~"].contains(text.lowercased())
        if plain, !reserved, let first = text.first, first.isLetter, text.last != " " { return text }
        let escaped = text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n")
        return "\"\(escaped)\""
    }
}
