/// Where the data of an evaluation comes from: files, tables built in memory, or a
/// program's own store.
///
/// ```swift
/// .files(["accounts": "data/accounts.csv", "tickets": "data/tickets.jsonl"])
/// .tables([accounts, tickets])          // tables from `TableBuilder`, by their names
/// .provider(ClinicStore(database: db))  // a `KPIDataProvider`
/// ```
public struct KPIData: Sendable {
    enum Storage: Sendable {
        case files([SourceID: String])
        case tables([SourceID: Table])
        case provider(any KPIDataProvider)
    }

    let storage: Storage

    /// Data files by source: CSV with a header row, or JSON Lines (`.jsonl`, `.ndjson`), by
    /// extension; each file is read once, with the columns the products read. Files of
    /// sources that no evaluated product reads are left alone, so one set of bindings can
    /// serve every product.
    /// - Parameter bindings: the file of each source the products read.
    /// - Returns: the data.
    public static func files(_ bindings: [SourceID: String]) -> KPIData {
        KPIData(storage: .files(bindings))
    }

    /// Tables by source.
    /// - Parameter tables: the table of each source the products read.
    /// - Returns: the data.
    public static func tables(_ tables: [SourceID: Table]) -> KPIData {
        KPIData(storage: .tables(tables))
    }

    /// Tables, each for the source it is named after (as ``TableBuilder`` names them).
    /// - Parameter tables: one table per source the products read.
    /// - Returns: the data.
    public static func tables(_ tables: [Table]) -> KPIData {
        KPIData(storage: .tables(Dictionary(tables.map { (SourceID($0.name), $0) }, uniquingKeysWith: { _, last in last })))
    }

    /// Rows fed by a program's own store.
    /// - Parameter provider: the provider.
    /// - Returns: the data.
    public static func provider(_ provider: some KPIDataProvider) -> KPIData {
        KPIData(storage: .provider(provider))
    }
}
