/// Swift names for catalog ids: `churn_rate` -> `churnRate`, product `cms` -> `CMS`.
enum SwiftIdentifier {
    /// The words of an id: split at `_` and `-`.
    static func words(_ id: String) -> [Substring] {
        id.split(whereSeparator: { $0 == "_" || $0 == "-" })
    }

    /// `churn_rate` -> `churnRate`; a Swift keyword gets backticks.
    static func member(_ id: String) -> String {
        let parts = words(id)
        guard let first = parts.first else { return "`\(id)`" }
        let name = first.lowercased() + parts.dropFirst().map(capitalized).joined()
        return keywords.contains(name) ? "`\(name)`" : name
    }

    /// `saas-core` -> `SaasCore`, `web-shop` -> `WebShop`; an id of one word of up to
    /// three letters is read as an acronym: `cms` -> `CMS`, `ma` -> `MA`.
    static func type(_ id: String) -> String {
        let parts = words(id)
        if parts.count == 1, let only = parts.first, only.count <= 3, only.allSatisfy(\.isLetter) { return only.uppercased() }
        return parts.map(capitalized).joined()
    }

    private static func capitalized(_ word: Substring) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }

    /// Words that need backticks as a member name.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows", "static",
        "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer", "do",
        "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while",
        "as", "false", "is", "nil", "self", "super", "throws", "true", "try", "await", "async", "any", "some",
        "consume", "copy", "discard", "each", "borrowing", "consuming", "package", "_",
    ]
}
