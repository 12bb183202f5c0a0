/// Why an evaluation could not run. `description` says what to fix.
///
/// Problems found while evaluating (a division by zero, an overflow) do not throw: they
/// are in the result's `diagnostics`, and leave the value they concern null.
public struct KPIEvaluationError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, broadly.
    public enum Reason: String, Sendable, Hashable {
        /// No product with the id in the catalog.
        case unknownProduct = "unknown-product"
        /// A source the product reads has no data (no file, no table).
        case missingData = "missing-data"
        /// Data that does not fit the definitions: a value of the wrong type, a missing
        /// column, a row a file cannot parse.
        case invalidData = "invalid-data"
        /// The ``KPIDataProvider`` threw.
        case provider
        /// An argument that cannot work, such as a `by` that names no field.
        case invalidArgument = "invalid-argument"
        /// The engine could not evaluate the product.
        case engine
    }

    /// What went wrong, broadly.
    public var reason: Reason
    /// The product concerned, if one.
    public var product: ProductID?
    /// The source concerned, if one.
    public var source: SourceID?
    /// What went wrong and how to fix it.
    public var message: String
    /// The provider's or builder's error, when one caused this.
    public var underlying: (any Error)?

    /// An evaluation error.
    /// - Parameters:
    ///   - reason: what went wrong, broadly.
    ///   - message: what went wrong and how to fix it.
    ///   - product: the product concerned, if one.
    ///   - source: the source concerned, if one.
    ///   - underlying: the error that caused this one, if any.
    public init(_ reason: Reason, _ message: String, product: ProductID? = nil, source: SourceID? = nil, underlying: (any Error)? = nil) {
        self.reason = reason
        self.message = message
        self.product = product
        self.source = source
        self.underlying = underlying
    }

    /// The message, prefixed with the product when there is one.
    public var description: String {
        product.map { "product `\($0)`: \(message)" } ?? message
    }
}
