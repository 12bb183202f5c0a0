import Foundation

/// The values of one column as a ``TableBuilder`` receives them, already in the
/// representation ``Column`` stores: converted and checked on the way in, so a bad value
/// is reported with its row.
struct ColumnAccumulator: Sendable {
    /// The column's type, resolved once.
    enum Kind: Sendable {
        case int, decimal, bool, date, string
        case money(currency: String)
        case category(codes: [String: Int32])
    }

    let declaration: FieldDeclaration
    let kind: Kind
    private(set) var count = 0
    private var int64s: [Int64] = []
    private var doubles: [Double] = []
    private var bools: [Bool] = []
    private var int32s: [Int32] = []
    private var validity: [Bool] = []
    private var hasNull = false
    private var dictionary: [String] = []
    private var dictionaryCodes: [String: Int32] = [:]

    init(_ declaration: FieldDeclaration) {
        self.declaration = declaration
        switch declaration.type.base {
        case .int: kind = .int
        case .decimal: kind = .decimal
        case .bool: kind = .bool
        case .date: kind = .date
        case .string: kind = .string
        case .money(let currency): kind = .money(currency: currency)
        case .category(let values):
            kind = .category(codes: Dictionary(values.enumerated().map { ($0.element, Int32($0.offset)) }, uniquingKeysWith: { a, _ in a }))
        }
    }

    /// Appends `value` converted to the column's type; on a mismatch appends a null
    /// placeholder (so rows stay aligned) and returns what is wrong.
    mutating func append(_ value: FieldValue) -> String? {
        count += 1
        if case .null = value {
            appendPlaceholder()
            validity.append(false)
            hasNull = true
            guard declaration.type.nullable else {
                return "no value, but `\(declaration.name)` is declared `\(declaration.type)`; give a value, or declare it `\(declaration.type)?` if it may be missing"
            }
            return nil
        }
        let problem = appendConverted(value)
        if problem != nil { appendPlaceholder() }
        validity.append(problem == nil)
        if problem != nil { hasNull = true }
        return problem
    }

    /// The finished column.
    func column() -> Column {
        let storage: Column.Storage
        switch kind {
        case .int: storage = .int(int64s)
        case .decimal: storage = .decimal(doubles)
        case .bool: storage = .bool(bools)
        case .date: storage = .date(int32s)
        case .string: storage = .string(codes: int32s, dictionary: dictionary)
        case .money(let currency): storage = .money(int64s, currency: currency)
        case .category:
            guard case .category(let values) = declaration.type.base else { preconditionFailure("a category column of another type") }
            storage = .category(codes: int32s, values: values)
        }
        return Column(name: declaration.name, type: declaration.type, storage: storage, validity: hasNull ? validity : nil, count: count)
    }

    // MARK: - Conversion

    private mutating func appendPlaceholder() {
        switch kind {
        case .int, .money: int64s.append(0)
        case .decimal: doubles.append(0)
        case .bool: bools.append(false)
        case .date, .string, .category: int32s.append(0)
        }
    }

    /// Appends the converted value and returns nil, or returns the problem without appending.
    private mutating func appendConverted(_ value: FieldValue) -> String? {
        switch (kind, value) {
        case (.int, .int(let number)):
            int64s.append(number)
        case (.int, .string(let text)):
            guard let number = Int64(text) else { return mismatch(value, hint: "write a whole number such as `42`") }
            int64s.append(number)

        case (.decimal, .int(let number)):
            doubles.append(Double(number))
        case (.decimal, .double(let number)):
            guard number.isFinite else { return mismatch(value, hint: "give a finite number") }
            doubles.append(number)
        case (.decimal, .decimal(let number)):
            doubles.append(Double(number.description) ?? .nan)
        case (.decimal, .string(let text)):
            guard Self.isPlainNumber(text), let number = Double(text) else { return mismatch(value, hint: "write a plain decimal number such as `-1234.56`") }
            doubles.append(number)

        case (.money(let currency), _):
            return appendMoney(value, currency: currency)

        case (.bool, .bool(let flag)):
            bools.append(flag)
        case (.bool, .int(let number)) where number == 0 || number == 1:
            bools.append(number == 1)
        case (.bool, .string(let text)):
            switch text.lowercased() {
            case "true", "1": bools.append(true)
            case "false", "0": bools.append(false)
            default: return mismatch(value, hint: "write `true` or `false` (or 1 or 0)")
            }

        case (.date, .date(let days)):
            int32s.append(days)
        case (.date, .string(let text)):
            guard let days = ISODate.days(from: text) else { return mismatch(value, hint: "write a date as `YYYY-MM-DD`, such as `2026-10-01`") }
            int32s.append(days)

        case (.string, .string(let text)):
            int32s.append(code(of: text))
        case (.string, .int(let number)):
            int32s.append(code(of: String(number)))

        case (.category(let codes), .string(let text)):
            guard let code = codes[text] else {
                let values = codes.sorted { $0.value < $1.value }.map(\.key)
                let suggestion = NameSuggestion.closest(to: text, in: values).map { "; did you mean `\($0)`?" } ?? ""
                return "\"\(text)\" is not a value of `\(declaration.name)`, declared `\(declaration.type)`\(suggestion)"
            }
            int32s.append(code)

        default:
            return mismatch(value, hint: nil)
        }
        return nil
    }

    private mutating func appendMoney(_ value: FieldValue, currency: String) -> String? {
        let amount: Decimal
        switch value {
        case .int(let number): amount = Decimal(number)
        case .decimal(let number): amount = number
        case .double(let number):
            guard number.isFinite, let exact = Decimal(string: "\(number)") else { return mismatch(value, hint: "give a finite amount") }
            amount = exact
        case .money(let number, let other):
            guard other == currency else {
                return "the amount is in \(other), but `\(declaration.name)` is declared `\(declaration.type)`; convert it, or declare the field `money[\(other)]`"
            }
            amount = number
        case .string(let text):
            guard Self.isPlainNumber(text), let exact = Decimal(string: text) else { return mismatch(value, hint: "write a plain decimal number such as `1234.50`, without a currency symbol") }
            amount = exact
        default:
            return mismatch(value, hint: nil)
        }
        guard let scaled = Self.scaledMoney(amount) else {
            return "\(amount) does not fit `\(declaration.name)` (\(declaration.type)): money keeps at most 4 decimal places and must be within ±922 trillion"
        }
        int64s.append(scaled)
        return nil
    }

    private func mismatch(_ value: FieldValue, hint: String?) -> String {
        "\(value.summary) does not fit `\(declaration.name)`, declared `\(declaration.type)`" + (hint.map { "; \($0)" } ?? "")
    }

    private mutating func code(of text: String) -> Int32 {
        if let code = dictionaryCodes[text] { return code }
        let code = Int32(dictionary.count)
        dictionary.append(text)
        dictionaryCodes[text] = code
        return code
    }

    /// An optional sign, digits, and optionally a point and digits: the data-file form.
    static func isPlainNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty else { return false }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard whole.allSatisfy(isDigit) else { return false }
        if parts.count == 2 { return !parts[1].isEmpty && parts[1].allSatisfy(isDigit) }
        return true
    }

    /// `amount` x 10 000 as an integer, when that is exact and fits: how money is stored.
    static func scaledMoney(_ amount: Decimal) -> Int64? {
        var scaled = amount * Decimal(10_000)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        guard rounded == scaled, rounded <= Decimal(Int64.max), rounded >= Decimal(Int64.min) else { return nil }
        return Int64(rounded.description)
    }
}
