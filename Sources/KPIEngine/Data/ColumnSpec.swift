import KPILanguage

/// One field to materialise: its declaration and how to read it.
struct ColumnSpec: Sendable {
    /// The field name.
    let name: String
    /// The declared type.
    let type: FieldType
    /// The representation of its values.
    let kind: ValueKind
    /// Whether this is the schema's key (never null, never repeated).
    let isKey: Bool
    /// For `category` fields: the declared values.
    let categories: CategoryMatcher?

    /// Whether a null is a value here rather than an error.
    var acceptsNull: Bool { type.nullable && !isKey }
    /// Whether the column needs a validity array while it is read: nullable fields, and
    /// the key, whose unreadable rows must be left out of the duplicate check.
    var tracksValidity: Bool { type.nullable || isKey }

    /// The fields of `schema` named in `columns` (all of them when nil), in declaration
    /// order; names the schema does not declare are errors.
    static func resolve(
        _ schema: TableSchema, columns: Set<String>?, path: String
    ) -> (specs: [ColumnSpec], errors: [DataError]) {
        var specs: [ColumnSpec] = []
        var seen: Set<String> = []
        for field in schema.fields where columns?.contains(field.name) ?? true {
            guard seen.insert(field.name).inserted else { continue }
            var categories: CategoryMatcher?
            if case .category(let values) = field.type.base {
                categories = CategoryMatcher(values: values)
            }
            specs.append(ColumnSpec(
                name: field.name, type: field.type, kind: ValueKind(field.type.base),
                isKey: field.name == schema.key, categories: categories))
        }
        var errors: [DataError] = []
        for name in (columns ?? []).sorted() where !seen.contains(name) {
            errors.append(DataError(path: path, column: name, message: DataErrorMessage.notDeclared(source: schema.name)))
        }
        return (specs, errors)
    }
}
