/// What an evaluation asks a ``KPIDataProvider`` for: the rows of one source, with the
/// columns the evaluated products read.
///
/// Give every row of the source: the engine applies the source's `where`, the period and
/// the previous period itself (a churn rate needs accounts that signed up long before the
/// period).
public struct SourceRequest: Sendable, Hashable {
    /// The source id (`accounts`).
    public var source: SourceID
    /// The products evaluated that read this source.
    public var products: [ProductID]
    /// The key field, if the source declares one.
    public var key: String?
    /// The columns to fill, with their declared types (categories read by several
    /// products accept the values any of them lists).
    public var fields: [FieldDeclaration]
    /// Every declared field of the source: rows may carry these too; the ones not in
    /// `fields` are dropped.
    public var declaredFields: [FieldDeclaration]

    /// A request.
    /// - Parameters:
    ///   - source: the source id.
    ///   - products: the products that read it.
    ///   - key: the key field, if any.
    ///   - fields: the columns to fill.
    ///   - declaredFields: every declared field (defaults to `fields`).
    public init(source: SourceID, products: [ProductID], key: String?, fields: [FieldDeclaration], declaredFields: [FieldDeclaration]? = nil) {
        self.source = source
        self.products = products
        self.key = key
        self.fields = fields
        self.declaredFields = declaredFields ?? fields
    }
}
