/// The two data file formats.
enum DataFormat {
    case csv
    case jsonLines

    /// The format of `path`, by its extension.
    init(path: String) throws(DataErrors) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        let ext = parts.count > 1 ? String(parts[parts.count - 1]).lowercased() : ""
        switch ext {
        case "csv": self = .csv
        case "jsonl", "ndjson": self = .jsonLines
        default:
            throw DataErrors(errors: [DataError(path: path, message: DataErrorMessage.unsupportedExtension(ext))])
        }
    }
}
