public import KPILanguage

/// One materialised column of a data table: the values of one declared field, in row order.
///
/// Values are stored unboxed, one array per column, so an evaluator can loop over them
/// without looking anything up per row. A null row keeps a placeholder in its value slot
/// (0, `false` or code 0) and is marked in ``validity``.
public struct Column: Sendable {
    /// The values of a column, in the representation of its declared type.
    public enum Storage: Sendable {
        /// `int`: whole numbers.
        case int([Int64])
        /// `decimal`: binary floating point, correctly rounded from the text.
        case decimal([Double])
        /// `money[CUR]`: exact amounts scaled by 10 000 (four decimal places), in `currency`.
        case money([Int64], currency: String)
        /// `bool`.
        case bool([Bool])
        /// `date`: days since 1970-01-01.
        case date([Int32])
        /// `string`: each row holds an index into `dictionary`, which lists each distinct
        /// value once, in order of first appearance.
        case string(codes: [Int32], dictionary: [String])
        /// `category[...]`: each row holds an index into `values`, the declared values in
        /// declared order.
        case category(codes: [Int32], values: [String])
    }

    /// The field name, as declared and as in the file's header.
    public var name: String
    /// The declared type.
    public var type: FieldType
    /// The values.
    public var storage: Storage
    /// Nil when no row is null; otherwise `validity[i] == false` means row `i` is null.
    public var validity: [Bool]?
    /// The number of rows.
    public var count: Int

    /// A column from its parts; `storage` and `validity` must both hold `count` rows.
    public init(name: String, type: FieldType, storage: Storage, validity: [Bool]? = nil, count: Int) {
        self.name = name
        self.type = type
        self.storage = storage
        self.validity = validity
        self.count = count
    }
}
