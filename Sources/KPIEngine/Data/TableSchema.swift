public import KPILanguage

/// What a data file of one source must hold: the declared fields and their types, and
/// the key field, if any.
public struct TableSchema: Sendable {
    /// The source name (`accounts`), used in messages.
    public var name: String
    /// The declared fields, in declaration order.
    public var fields: [(name: String, type: FieldType)]
    /// The field that identifies a row: never null, never repeated.
    public var key: String?

    /// A schema from its parts.
    public init(name: String, fields: [(name: String, type: FieldType)], key: String? = nil) {
        self.name = name
        self.fields = fields
        self.key = key
    }
}
