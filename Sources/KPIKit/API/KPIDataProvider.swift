/// A program's own store as the data of an evaluation: the engine asks for each source it
/// needs, once per evaluation, and the provider feeds the rows.
///
/// ```swift
/// struct ClinicStore: KPIDataProvider {
///     let database: Database
///     func rows(for request: SourceRequest, into table: inout TableBuilder) async throws {
///         for try await record in database.records(of: request.source.rawValue) {
///             table.append(record.values)   // [String: FieldValue]
///         }
///     }
/// }
/// let result = try await catalog.evaluate("clinic", on: .provider(ClinicStore(database: db)), period: period)
/// ```
///
/// The sources of one evaluation are requested concurrently, so a provider must be safe
/// to call from several tasks (it is `Sendable`).
public protocol KPIDataProvider: Sendable {
    /// Feeds every row of one source into `table`, row by row (``TableBuilder/append(_:)``)
    /// or column by column (``TableBuilder/setColumn(_:_:)``).
    ///
    /// Values that do not fit the declared types need not be checked here: the builder
    /// collects them and the evaluation fails with every problem listed.
    /// - Parameters:
    ///   - request: the source and the columns wanted.
    ///   - table: the builder to feed, made for `request`.
    /// - Throws: any error of the store; the evaluation fails with it.
    func rows(for request: SourceRequest, into table: inout TableBuilder) async throws
}
