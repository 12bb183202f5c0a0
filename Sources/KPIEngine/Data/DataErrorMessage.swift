import KPILanguage

/// The messages of data errors, one place for all of them: each says what was expected,
/// what was found, and how to fix it.
enum DataErrorMessage {
    /// The longest found text quoted in full, in characters.
    static let foundLimit = 40

    // MARK: - Values

    /// `found` text in backticks, cut to ``foundLimit`` characters (or marked as cut when
    /// `cut`), control characters escaped so a message stays on one line.
    static func quote(_ text: String, cut: Bool = false) -> String {
        var shown = ""
        var count = 0
        for character in text {
            if count == foundLimit { break }
            switch character {
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case "\r\n": shown += "\\r\\n"
            case "\t": shown += "\\t"
            default: shown.append(character)
            }
            count += 1
        }
        if cut || count < text.count { shown += "…" }
        return "`\(shown)`"
    }

    /// ``quote(_:cut:)`` of raw field bytes (invalid UTF-8 shown as U+FFFD), decoding no
    /// more of a long field than can be shown.
    static func quote(_ p: UnsafePointer<UInt8>, _ n: Int) -> String {
        let decoded = min(n, foundLimit * 4)
        return quote(String(decoding: UnsafeBufferPointer(start: p, count: decoded), as: UTF8.self), cut: decoded < n)
    }

    /// What a value of `type` looks like, after "expected".
    static func expectation(_ type: FieldType, json: Bool) -> String {
        let name = FieldType(type.base).description
        switch type.base {
        case .int:
            return json ? "\(name) (a whole JSON number such as -42)" : "\(name) (digits with an optional sign, such as -42)"
        case .decimal:
            return json ? "\(name) (a JSON number such as -1234.56)" : "\(name) (a plain decimal number such as -1234.56)"
        case .money:
            return json
                ? "\(name) (a JSON number without an exponent, such as -1234.56)"
                : "\(name) (a plain decimal number such as -1234.56)"
        case .bool:
            return json ? "\(name) (true or false)" : "\(name) (true, false, 1 or 0)"
        case .date:
            return json ? "\(name) (a JSON string such as \"2026-11-01\")" : "\(name) (YYYY-MM-DD, such as 2026-11-01)"
        case .category(let values):
            return "one of " + valueList(values)
        case .string:
            return json ? "\(name) (a JSON string)" : name
        }
    }

    /// "`a`, `b` or `c`", cut short for long lists.
    static func valueList(_ values: [String]) -> String {
        let shown = values.count > 12 ? Array(values.prefix(10)) : values
        let quoted = shown.map { "`\($0)`" }
        if shown.count < values.count {
            return quoted.joined(separator: ", ") + " and \(values.count - shown.count) more"
        }
        switch quoted.count {
        case 0: return "(no values)"
        case 1: return quoted[0]
        default: return quoted.dropLast().joined(separator: ", ") + " or " + quoted[quoted.count - 1]
        }
    }

    /// A field's text that is not a value of its type.
    static func invalidValue(
        _ type: FieldType, _ failure: ValueFailure, _ p: UnsafePointer<UInt8>, _ n: Int, json: Bool
    ) -> String {
        let found = quote(p, n)
        let name = FieldType(type.base).description
        switch failure {
        case .outOfRange:
            if case .decimal = type.base {
                return "expected \(name), found \(found), which is out of range"
                    + " (a decimal lies between -1.7976931348623157e308 and 1.7976931348623157e308)"
            }
            if case .money = type.base {
                return "expected \(name), found \(found), which is out of range"
                    + " (an amount lies between -922337203685477.5808 and 922337203685477.5807)"
            }
            return "expected \(name), found \(found), which is out of range"
                + " (an int lies between -9223372036854775808 and 9223372036854775807)"
        case .tooManyDecimals:
            return "expected \(name) with at most 4 decimal places, found \(found); round the amount in the file"
        case .notADay:
            let reason = dateReason(p, n) ?? "not a day"
            return "expected \(name), found \(found), which is not a day in the calendar (\(reason))"
        case .syntax:
            if case .category(let values) = type.base {
                let text = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
                let suggestion = ColumnNameSuggestion.closest(to: text, in: values).map { "; did you mean `\($0)`?" } ?? ""
                return "expected \(expectation(type, json: json)), found \(found)\(suggestion)"
            }
            return "expected \(expectation(type, json: json)), found \(found)"
        }
    }

    /// Why `YYYY-MM-DD` bytes name no day.
    private static func dateReason(_ p: UnsafePointer<UInt8>, _ n: Int) -> String? {
        guard n == 10 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int {
            (from..<from + count).reduce(0) { $0 * 10 + Int(p[$1] &- 48) }
        }
        let year = number(0, 4), month = number(5, 2), day = number(8, 2)
        guard month >= 1, month <= 12 else { return "there is no month \(month)" }
        if day == 0 { return "there is no day 0" }
        return "\(monthNames[month - 1]) \(year) has \(CivilDate.daysIn(month: month, year: year)) days"
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// A JSON value of the wrong kind: `foundKind` is "the number ", "the string " or "".
    static func wrongJSONKind(_ type: FieldType, foundKind: String, _ p: UnsafePointer<UInt8>, _ n: Int) -> String {
        "expected \(expectation(type, json: true)), found \(foundKind)\(quote(p, n))"
    }

    /// A JSON `""` for a field that is not a string.
    static func emptyJSONString(_ type: FieldType) -> String {
        "expected \(expectation(type, json: true)), found an empty string; write null for a missing value"
    }

    // MARK: - Nulls and keys

    /// How a null came about, for messages.
    enum NullSource {
        /// An empty CSV field.
        case empty
        /// A JSON `null`.
        case jsonNull
        /// A key missing from a JSON object.
        case missingKey
    }

    /// A null in a field that is not nullable.
    static func notNullable(_ column: String, _ type: FieldType, _ source: NullSource) -> String {
        var nullable = type
        nullable.nullable = true
        switch source {
        case .empty:
            return "empty value in `\(column)`, which is not nullable; fill it in or declare the field `\(nullable)`"
        case .jsonNull:
            return "null value in `\(column)`, which is not nullable; fill it in or declare the field `\(nullable)`"
        case .missingKey:
            return "missing key `\(column)`, which is not nullable; add it or declare the field `\(nullable)`"
        }
    }

    /// A null in the key field.
    static func nullKey(_ column: String, source table: String, _ source: NullSource) -> String {
        switch source {
        case .empty: return "empty value in `\(column)`, the key of `\(table)`; every row needs a key"
        case .jsonNull: return "null value in `\(column)`, the key of `\(table)`; every row needs a key"
        case .missingKey: return "missing key `\(column)`, the key of `\(table)`; every row needs a key"
        }
    }

    /// A key value seen before.
    static func duplicateKey(_ value: String, firstRow: Int) -> String {
        "duplicate key \(quote(value)) (first at row \(firstRow))"
    }

    // MARK: - CSV structure

    /// A row with the wrong number of fields.
    static func fieldCount(expected: Int, found: Int) -> String {
        let fields = expected == 1 ? "field" : "fields"
        let hint = found > expected ? "; a field that contains a comma must be in double quotes" : ""
        return "expected \(expected) \(fields) (as in the header), found \(found)\(hint)"
    }

    /// A `"` in a field that does not start with one.
    static let strayQuote =
        "unexpected `\"` in an unquoted field; put the whole field in double quotes and double each `\"` inside it"

    /// Text between a closing quote and the next comma.
    static func textAfterQuote(_ byte: UInt8) -> String {
        let shown = byte < 0x80 && byte >= 0x20 ? String(UnicodeScalar(byte)) : "text"
        return "unexpected `\(shown)` after the closing `\"` of a quoted field; double each `\"` inside a quoted field"
    }

    /// A quoted field still open at the end of the file.
    static let unterminatedQuote = "a quoted field is not closed before the end of the file; look for a missing `\"`"

    // MARK: - JSON Lines

    /// A line that is not a JSON object; `character` is 1-based within the line.
    static func malformedJSON(character: Int, _ detail: String) -> String {
        "malformed JSON at character \(character): \(detail)"
    }

    /// An object or array as a field value.
    static func nestedValue(_ key: String, isArray: Bool) -> String {
        "the value of `\(key)` is \(isArray ? "an array" : "an object"); each line must be a flat object"
            + " whose values are strings, numbers, true, false or null"
    }

    /// A key given twice in one object.
    static func duplicateJSONKey(_ key: String) -> String {
        "the key `\(key)` appears twice in this object"
    }

    // MARK: - Files and headers

    /// A file that cannot be read.
    static func cannotRead(_ reason: String) -> String {
        "cannot read the file: \(reason)"
    }

    /// A file whose extension names no format.
    static func unsupportedExtension(_ name: String) -> String {
        let shown = name.isEmpty ? "a file without an extension" : "`.\(name)`"
        return "cannot tell the format of \(shown); data files are .csv (with a header row) or .jsonl / .ndjson (JSON Lines)"
    }

    /// A CSV file with no header.
    static let emptyCSV = "the file is empty; a CSV file starts with a header row naming its columns"

    /// A header in another encoding (Shift_JIS, say).
    static let headerNotUTF8 =
        "the header row is not UTF-8 text; save the file as UTF-8 (in Excel: \"CSV UTF-8\")"

    /// A declared column the header lacks; a suggestion is picked among `candidates`.
    static func missingColumn(_ column: String, header: [String], candidates: [String]) -> String {
        let suggestion = ColumnNameSuggestion.closest(to: column, in: candidates).map { "; did you mean `\($0)`?" } ?? ""
        let shown = header.count > 30 ? Array(header.prefix(30)) : header
        let list = shown.joined(separator: ", ") + (shown.count < header.count ? ", … (\(header.count) columns)" : "")
        return "not in the header\(suggestion) (the header has: \(header.isEmpty ? "no columns" : list))"
    }

    /// A column named twice in the header.
    static func duplicateHeader(first: Int, second: Int) -> String {
        "named twice in the header (columns \(first) and \(second)); rename one"
    }

    /// A column asked for that the schema does not declare.
    static func notDeclared(source: String) -> String {
        "is not a declared field of `\(source)`"
    }
}
