/// Builds the ``Table`` of one data source in memory, row by row or column by column,
/// checking every value against the type the definitions declare for its field.
///
/// ```swift
/// var accounts = TableBuilder(try #require(catalog.product("cms")?.source("accounts")))
/// accounts.append(["account_id": "a1", "mrr": 1200, "signup_date": "2026-01-05", "churned_date": nil])
/// accounts.append(["account_id": "a2", "mrr": 800.5, "signup_date": "2026-03-10", "churned_date": "2026-10-04"])
/// let table = try accounts.build()
/// ```
///
/// A value that does not fit (a date that is no date, a category value that is not
/// listed, a null in a field that is not nullable, a column that is not declared) is kept
/// as a problem with its row and column; ``build()`` throws them all at once.
public struct TableBuilder: Sendable {
    /// The most problems a ``TableBuildError`` lists; the rest are counted.
    public static let maxProblems = 20

    /// The source the table is for.
    public let source: SourceID
    /// The fields the table holds: the columns it gets.
    public let fields: [FieldDeclaration]
    /// The number of rows appended (or the length of the columns set).
    public var rowCount: Int { rows ?? columns.first(where: { given.contains($0.declaration.name) })?.count ?? 0 }

    private var columns: [ColumnAccumulator]
    private let index: [String: Int]
    /// Declared fields the table does not need: accepted in rows, and left out.
    private let skipped: Set<String>
    private let ignoresUnknownColumns: Bool
    /// Rows appended with `append`, or nil when none was.
    private var rows: Int?
    /// Columns that received values.
    private var given: Set<String> = []
    private var problems: [TableBuildError.Problem] = []
    private var problemCount = 0

    // MARK: - Making a builder

    /// A builder for a table with the given fields.
    /// - Parameters:
    ///   - source: the source id; the table's name.
    ///   - fields: the fields (columns), with their declared types.
    ///   - ignoresUnknownColumns: accept, and drop, row keys that name no field (for rows
    ///     mapped from a store with more columns); by default they are problems, which
    ///     catches misspelt names.
    public init(source: SourceID, fields: [FieldDeclaration], ignoresUnknownColumns: Bool = false) {
        self.init(source: source, fields: fields, skipped: [], ignoresUnknownColumns: ignoresUnknownColumns)
    }

    /// A builder for what an evaluation asks a ``KPIDataProvider`` for: the fields the
    /// products read; other declared fields are accepted in rows and dropped.
    /// - Parameters:
    ///   - request: the request.
    ///   - ignoresUnknownColumns: accept, and drop, row keys that name no declared field.
    public init(for request: SourceRequest, ignoresUnknownColumns: Bool = false) {
        let needed = Set(request.fields.map(\.name))
        self.init(
            source: request.source, fields: request.fields,
            skipped: Set(request.declaredFields.map(\.name)).subtracting(needed), ignoresUnknownColumns: ignoresUnknownColumns)
    }

    /// A builder for a source of a product: the fields the product reads; other declared
    /// fields are accepted in rows and dropped.
    /// - Parameters:
    ///   - source: the source, from ``KPIProduct/source(_:)``.
    ///   - ignoresUnknownColumns: accept, and drop, row keys that name no declared field.
    public init(_ source: KPIProduct.Source, ignoresUnknownColumns: Bool = false) {
        let needed = Set(source.requiredFields.map(\.name))
        self.init(
            source: source.id, fields: source.requiredFields,
            skipped: Set(source.fields.map(\.name)).subtracting(needed), ignoresUnknownColumns: ignoresUnknownColumns)
    }

    private init(source: SourceID, fields: [FieldDeclaration], skipped: Set<String>, ignoresUnknownColumns: Bool) {
        self.source = source
        self.fields = fields
        self.columns = fields.map(ColumnAccumulator.init)
        self.index = Dictionary(fields.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
        self.skipped = skipped
        self.ignoresUnknownColumns = ignoresUnknownColumns
    }

    // MARK: - Adding data

    /// Appends one row. A field the row leaves out is null; a key that names no field is a
    /// problem (unless unknown columns are ignored).
    /// - Parameter row: values by field name.
    public mutating func append(_ row: [String: FieldValue]) {
        let number = (rows ?? 0) + 1
        if rows == nil {
            rows = 0
            given.formUnion(fields.map(\.name))
            if columns.contains(where: { $0.count > 0 }) {
                record(nil, nil, "rows were appended after columns were set; build a table either row by row or column by column")
            }
        }
        rows = number
        for position in columns.indices {
            if let problem = columns[position].append(row[columns[position].declaration.name] ?? .null) {
                record(number, columns[position].declaration.name, problem)
            }
        }
        if !ignoresUnknownColumns {
            for key in row.keys where index[key] == nil && !skipped.contains(key) {
                record(number, key, "no field `\(key)` in source `\(source)`\(NameSuggestion.didYouMean(key, in: index.keys.sorted() + skipped.sorted())); declare it in the definitions, or drop it from the row")
            }
        }
    }

    /// Appends rows; see ``append(_:)``.
    /// - Parameter rows: the rows, values by field name.
    public mutating func append(contentsOf rows: some Sequence<[String: FieldValue]>) {
        for row in rows { append(row) }
    }

    /// Sets a whole column; every column set must have the same length.
    /// - Parameters:
    ///   - name: the field name.
    ///   - values: the column's values, in row order.
    public mutating func setColumn(_ name: String, _ values: [FieldValue]) {
        guard let position = index[name] else {
            if skipped.contains(name) || ignoresUnknownColumns { return }
            record(nil, name, "no field `\(name)` in source `\(source)`\(NameSuggestion.didYouMean(name, in: index.keys.sorted() + skipped.sorted())); declare it in the definitions")
            return
        }
        if rows != nil {
            record(nil, name, "a column was set after rows were appended; build a table either row by row or column by column")
            return
        }
        var column = ColumnAccumulator(fields[position])
        for (offset, value) in values.enumerated() {
            if let problem = column.append(value) { record(offset + 1, name, problem) }
        }
        columns[position] = column
        given.insert(name)
    }

    // MARK: - Building

    /// The table, named after the source.
    /// - Returns: a table with one column per field that received values (every field
    ///   when nothing was added: an empty table).
    /// - Throws: ``TableBuildError`` listing every value that does not fit, and columns
    ///   of different lengths.
    public func build() throws(TableBuildError) -> Table {
        // No rows and no columns: an empty table with every column, not one with none.
        let given = rows == nil && self.given.isEmpty ? Set(fields.map(\.name)) : self.given
        var problems = self.problems
        var problemCount = self.problemCount
        let count = rowCount
        for column in columns where given.contains(column.declaration.name) && column.count != count {
            problemCount += 1
            if problems.count < Self.maxProblems {
                problems.append(.init(row: nil, column: column.declaration.name, message: "has \(column.count) values, but the other columns have \(count); give every column the same number of rows"))
            }
        }
        guard problemCount == 0 else { throw TableBuildError(source: source, problems: problems, problemCount: problemCount) }
        let built = columns.filter { given.contains($0.declaration.name) }.map { $0.column() }
        return Table(name: source.rawValue, rowCount: count, columns: Dictionary(built.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    private mutating func record(_ row: Int?, _ column: String?, _ message: String) {
        problemCount += 1
        if problems.count < Self.maxProblems { problems.append(.init(row: row, column: column, message: message)) }
    }
}
