/// What to do with one column of the file: which materialised column it feeds, if any.
struct FieldSlot {
    /// The kind of the column it feeds; nil for file columns that are not read.
    let kind: ValueKind?
    /// The index of that column among the specs.
    let column: Int
}
