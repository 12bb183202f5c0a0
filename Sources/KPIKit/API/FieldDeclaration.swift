/// A field of a data source as the definitions declare it: its name and type
/// (`mrr: money[JPY]`, `churned_date: date?`).
public struct FieldDeclaration: Sendable, Hashable {
    /// The field name, which is the column name in the data.
    public var name: String
    /// The declared type, with whether it may be null.
    public var type: FieldType

    /// A field declaration.
    /// - Parameters:
    ///   - name: the field (column) name.
    ///   - type: the declared type.
    public init(name: String, type: FieldType) {
        self.name = name
        self.type = type
    }
}
