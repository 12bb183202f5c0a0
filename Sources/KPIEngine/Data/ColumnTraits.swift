/// What the parsing loops need to know of a column, without reference counting: copied
/// out of a ``ColumnSpec`` once per read, so the loops never retain a shared object.
struct ColumnTraits {
    let kind: ValueKind
    let acceptsNull: Bool
    /// For `category` columns, the matcher's table (kept alive by the spec).
    let categories: CategoryMatcher.Table?

    init(_ spec: ColumnSpec) {
        kind = spec.kind
        acceptsNull = spec.acceptsNull
        categories = spec.categories?.table
    }
}
