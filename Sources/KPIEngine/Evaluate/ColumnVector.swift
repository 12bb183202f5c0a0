import Foundation
public import KPILanguage

/// The values of one expression for every row of a source, unboxed: what the engine's
/// kernels read and write, and what module functions receive.
///
/// A null row is marked in `validity` and keeps a placeholder value (0, `false`, code 0)
/// that kernels never read as a value. A vector whose rows all hold the same value
/// (a literal, a metric, `period.start`) is a `.constant`, never materialised.
public struct ColumnVector: Sendable {
    /// The representation of the values.
    public enum Values: Sendable {
        case int([Int64])
        case number([Double])
        /// Exact money: amounts scaled by 10 000 (four decimal places).
        case money([Int64], currency: String)
        /// Money that went through inexact arithmetic (an average per group, times a rate),
        /// in units of the currency.
        case approximateMoney([Double], currency: String)
        case bool([Bool])
        /// Days since 1970-01-01.
        case date([Int32])
        /// Each row holds an index into `dictionary` (strings and categories alike).
        case string(codes: [Int32], dictionary: [String])
        /// The same value on every row.
        case constant(Scalar)
    }

    /// The values, in their representation.
    public var values: Values
    /// Nil when no row is null; otherwise `validity[i] == false` means row `i` is null.
    /// Always nil for `.constant` (a null constant is `.constant(.null)`).
    public var validity: [Bool]?
    /// The number of rows.
    public var count: Int

    /// A vector from its parts; arrays in `values` and `validity` must hold `count` rows.
    public init(_ values: Values, validity: [Bool]? = nil, count: Int) {
        self.values = values
        self.validity = validity
        self.count = count
    }

    /// `count` rows that all hold `value`.
    public static func constant(_ value: Scalar, count: Int) -> ColumnVector {
        ColumnVector(.constant(value), count: count)
    }

    /// The vector of a data column (no copy: the arrays are shared).
    public init(_ column: Column) {
        count = column.count
        validity = column.validity
        switch column.storage {
        case .int(let values): self.values = .int(values)
        case .decimal(let values): self.values = .number(values)
        case .money(let values, let currency): self.values = .money(values, currency: currency)
        case .bool(let values): self.values = .bool(values)
        case .date(let values): self.values = .date(values)
        case .string(let codes, let dictionary): self.values = .string(codes: codes, dictionary: dictionary)
        case .category(let codes, let values): self.values = .string(codes: codes, dictionary: values)
        }
    }

    /// A vector of `values`, all of `type` (nulls allowed): the simple way for a module to
    /// build a result row by row. Money scalars become exact money when every amount has at
    /// most four decimal places.
    public init(scalars: [Scalar], type: ValueType) {
        count = scalars.count
        var valid = [Bool](repeating: true, count: scalars.count)
        var anyNull = false
        for (index, scalar) in scalars.enumerated() where scalar.isNull {
            valid[index] = false
            anyNull = true
        }
        validity = anyNull ? valid : nil
        switch type {
        case .int:
            values = .int(scalars.map { if case .int(let v) = $0 { v } else { Int64($0.doubleValue ?? 0) } })
        case .money(let currency):
            let exact = scalars.map { scalar -> Int64? in
                if case .money(let amount, _) = scalar { return amount.exactScaledMoney }
                if case .int(let v) = scalar { return v.multipliedReportingOverflow(by: 10_000).overflow ? nil : v * 10_000 }
                return scalar.isNull ? 0 : nil
            }
            if exact.allSatisfy({ $0 != nil }) {
                values = .money(exact.map { $0! }, currency: currency)
            } else {
                values = .approximateMoney(scalars.map { $0.doubleValue ?? 0 }, currency: currency)
            }
        case .bool:
            values = .bool(scalars.map { if case .bool(let v) = $0 { v } else { false } })
        case .date:
            values = .date(scalars.map { if case .date(let v) = $0 { v } else { 0 } })
        case .string, .category:
            var dictionary: [String] = []
            var codeOf: [String: Int32] = [:]
            if case .category(let declared) = type {
                dictionary = declared
                for (index, value) in declared.enumerated() { codeOf[value] = Int32(index) }
            }
            let codes = scalars.map { scalar -> Int32 in
                guard case .string(let text) = scalar else { return 0 }
                if let code = codeOf[text] { return code }
                let code = Int32(dictionary.count)
                dictionary.append(text)
                codeOf[text] = code
                return code
            }
            values = .string(codes: codes, dictionary: dictionary)
        default:
            values = .number(scalars.map { $0.doubleValue ?? 0 })
        }
    }

    // MARK: - Reading

    /// Whether row `index` holds a value.
    @inline(__always)
    /// Whether row `index` holds a value (not null).
    public func isValid(_ index: Int) -> Bool {
        if case .constant(let value) = values { return !value.isNull }
        return validity?[index] ?? true
    }

    /// Row `index` as a scalar (slow: for modules and reports, not for kernels).
    public func scalar(at index: Int) -> Scalar {
        if case .constant(let value) = values { return value }
        guard isValid(index) else { return .null }
        switch values {
        case .int(let v): return .int(v[index])
        case .number(let v): return .number(v[index])
        case .money(let v, let currency): return .money(Decimal(scaledMoney: v[index]), currency: currency)
        case .approximateMoney(let v, let currency): return .money(Decimal(shortest: v[index]), currency: currency)
        case .bool(let v): return .bool(v[index])
        case .date(let v): return .date(v[index])
        case .string(let codes, let dictionary): return .string(dictionary[Int(codes[index])])
        case .constant(let value): return value
        }
    }

    /// Rows `rows` as text (`Scalar.text`), empty for null: one dispatch for all rows.
    func texts(at rows: [Int]) -> [String] {
        if case .string(let codes, let dictionary) = values {
            return rows.map { validity?[$0] ?? true ? dictionary[Int(codes[$0])] : "" }
        }
        return rows.map { scalar(at: $0).text }
    }

    /// Every row as a scalar (slow: for modules and tests).
    public var scalars: [Scalar] {
        (0..<count).map(scalar(at:))
    }

    /// Rows `start ..< start + count` (copied: a chunk is small and stays in cache).
    func slice(start: Int, count n: Int) -> ColumnVector {
        @inline(__always) func cut<T>(_ values: [T]) -> [T] { Array(values[start ..< start + n]) }
        let validity = self.validity.map(cut)
        switch values {
        case .int(let v): return ColumnVector(.int(cut(v)), validity: validity, count: n)
        case .number(let v): return ColumnVector(.number(cut(v)), validity: validity, count: n)
        case .money(let v, let currency): return ColumnVector(.money(cut(v), currency: currency), validity: validity, count: n)
        case .approximateMoney(let v, let currency): return ColumnVector(.approximateMoney(cut(v), currency: currency), validity: validity, count: n)
        case .bool(let v): return ColumnVector(.bool(cut(v)), validity: validity, count: n)
        case .date(let v): return ColumnVector(.date(cut(v)), validity: validity, count: n)
        case .string(let codes, let dictionary): return ColumnVector(.string(codes: cut(codes), dictionary: dictionary), validity: validity, count: n)
        case .constant(let value): return .constant(value, count: n)
        }
    }

    /// Whether the vector is a constant null (no row holds a value).
    var isNullConstant: Bool {
        if case .constant(.null) = values { return true }
        return false
    }

    /// The values of a boolean vector (nil for any other).
    var boolValues: [Bool]? {
        if case .bool(let values) = values { return values }
        return nil
    }

    var constantValue: Scalar? {
        if case .constant(let value) = values { return value }
        return nil
    }
}
