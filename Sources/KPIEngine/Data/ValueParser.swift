/// Parses the text of one field, straight from its bytes, into the value of a type.
///
/// Every function takes the field's bytes without quotes or terminators, never empty
/// (an empty field is null and never gets here), and returns nil with `failure` set when
/// the text is not a value of the type. No `String` is made on the way.
enum ValueParser {
    // MARK: - int

    /// `int`: ASCII digits with an optional leading `+` or `-`.
    @inline(__always)
    static func int(_ p: UnsafePointer<UInt8>, _ n: Int, failure: inout ValueFailure) -> Int64? {
        var i = 0
        var negative = false
        let first = p[0]
        if first == UInt8(ascii: "-") {
            negative = true
            i = 1
        } else if first == UInt8(ascii: "+") {
            i = 1
        }
        if i == n {
            failure = .syntax
            return nil
        }
        var magnitude: UInt64 = 0
        // 18 digits cannot overflow; check only past that.
        let safeEnd = min(n, i + 18)
        while i < safeEnd {
            let digit = p[i] &- UInt8(ascii: "0")
            if digit > 9 {
                failure = .syntax
                return nil
            }
            magnitude = magnitude &* 10 &+ UInt64(digit)
            i += 1
        }
        var overflow = false
        while i < n {
            let digit = p[i] &- UInt8(ascii: "0")
            if digit > 9 {
                failure = .syntax
                return nil
            }
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
            overflow = overflow || o1 || o2
            magnitude = sum
            i += 1
        }
        return signed(magnitude, negative: negative, overflow: overflow, failure: &failure)
    }

    /// `magnitude` with its sign, or nil when it does not fit in an Int64.
    @inline(__always)
    private static func signed(
        _ magnitude: UInt64, negative: Bool, overflow: Bool, failure: inout ValueFailure
    ) -> Int64? {
        if overflow {
            failure = .outOfRange
            return nil
        }
        if negative {
            if magnitude > UInt64(Int64.max) + 1 {
                failure = .outOfRange
                return nil
            }
            return 0 &- Int64(truncatingIfNeeded: magnitude)
        }
        if magnitude > UInt64(Int64.max) {
            failure = .outOfRange
            return nil
        }
        return Int64(magnitude)
    }

    // MARK: - money

    /// `money`: a plain decimal number (`-1234.56`) as an exact amount scaled by 10 000.
    /// More than four decimal places is an error unless the extra ones are zeros.
    @inline(__always)
    static func money(_ p: UnsafePointer<UInt8>, _ n: Int, failure: inout ValueFailure) -> Int64? {
        var i = 0
        var negative = false
        let first = p[0]
        if first == UInt8(ascii: "-") {
            negative = true
            i = 1
        } else if first == UInt8(ascii: "+") {
            i = 1
        }
        var units: UInt64 = 0
        var overflow = false
        var digits = 0
        while i < n {
            let digit = p[i] &- UInt8(ascii: "0")
            if digit > 9 { break }
            let (times10, o1) = units.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
            overflow = overflow || o1 || o2
            units = sum
            digits += 1
            i += 1
        }
        var fraction: UInt64 = 0
        var places = 0
        var extraNonZero = false
        if i < n, p[i] == UInt8(ascii: ".") {
            i += 1
            while i < n {
                let digit = p[i] &- UInt8(ascii: "0")
                if digit > 9 { break }
                if places < 4 {
                    fraction = fraction &* 10 &+ UInt64(digit)
                    places += 1
                } else if digit != 0 {
                    extraNonZero = true
                }
                digits += 1
                i += 1
            }
        }
        if i != n || digits == 0 {
            failure = .syntax
            return nil
        }
        if extraNonZero {
            failure = .tooManyDecimals
            return nil
        }
        while places < 4 {
            fraction &*= 10
            places += 1
        }
        let (scaled, o1) = units.multipliedReportingOverflow(by: 10_000)
        let (total, o2) = scaled.addingReportingOverflow(fraction)
        return signed(total, negative: negative, overflow: overflow || o1 || o2, failure: &failure)
    }

    // MARK: - decimal

    /// Exact powers of ten as doubles, 10^0 through 10^22.
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// `decimal`: a plain decimal number (`-1234.56`), correctly rounded to a Double.
    @inline(__always)
    static func decimal(_ p: UnsafePointer<UInt8>, _ n: Int, failure: inout ValueFailure) -> Double? {
        var i = 0
        var negative = false
        let first = p[0]
        if first == UInt8(ascii: "-") {
            negative = true
            i = 1
        } else if first == UInt8(ascii: "+") {
            i = 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var digits = 0
        var fractionDigits = 0
        while i < n {
            let digit = p[i] &- UInt8(ascii: "0")
            if digit > 9 { break }
            if mantissa != 0 || digit != 0 { significant += 1 }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            digits += 1
            i += 1
        }
        if i < n, p[i] == UInt8(ascii: ".") {
            i += 1
            while i < n {
                let digit = p[i] &- UInt8(ascii: "0")
                if digit > 9 { break }
                if mantissa != 0 || digit != 0 { significant += 1 }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                digits += 1
                fractionDigits += 1
                i += 1
            }
        }
        if i != n || digits == 0 {
            failure = .syntax
            return nil
        }
        // Both operands exact, so one correctly rounded division (Clinger's fast path).
        if significant <= 19, mantissa <= 1 << 53, fractionDigits <= 22 {
            let value = Double(mantissa) / powersOfTen[fractionDigits]
            return negative ? -value : value
        }
        return slowDecimal(p, n, failure: &failure)
    }

    /// The correctly rounded value of checked number text the fast path cannot do; nil
    /// when it is beyond the range of a Double.
    @inline(never)
    private static func slowDecimal(_ p: UnsafePointer<UInt8>, _ n: Int, failure: inout ValueFailure) -> Double? {
        guard let value = Double(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)) else {
            failure = .syntax
            return nil
        }
        guard value.isFinite else {
            failure = .outOfRange
            return nil
        }
        return value
    }

    /// A JSON number with an exponent (`1.5e3`), already checked against the JSON
    /// grammar, for `decimal` fields in JSON Lines.
    static func decimalWithExponent(_ p: UnsafePointer<UInt8>, _ n: Int, failure: inout ValueFailure) -> Double? {
        slowDecimal(p, n, failure: &failure)
    }

    // MARK: - bool

    /// `bool`: `true` / `false` in any case, or `1` / `0`.
    @inline(__always)
    static func bool(_ p: UnsafePointer<UInt8>, _ n: Int, failure: inout ValueFailure) -> Bool? {
        switch n {
        case 1:
            if p[0] == UInt8(ascii: "1") { return true }
            if p[0] == UInt8(ascii: "0") { return false }
        case 4:
            if p[0] | 0x20 == UInt8(ascii: "t"), p[1] | 0x20 == UInt8(ascii: "r"),
                p[2] | 0x20 == UInt8(ascii: "u"), p[3] | 0x20 == UInt8(ascii: "e")
            {
                return true
            }
        case 5:
            if p[0] | 0x20 == UInt8(ascii: "f"), p[1] | 0x20 == UInt8(ascii: "a"),
                p[2] | 0x20 == UInt8(ascii: "l"), p[3] | 0x20 == UInt8(ascii: "s"),
                p[4] | 0x20 == UInt8(ascii: "e")
            {
                return false
            }
        default:
            break
        }
        failure = .syntax
        return nil
    }

    // MARK: - date

    /// `date`: `YYYY-MM-DD` naming a real day of the proleptic Gregorian calendar, as days
    /// since 1970-01-01.
    @inline(__always)
    static func date(_ p: UnsafePointer<UInt8>, _ n: Int, failure: inout ValueFailure) -> Int32? {
        guard n == 10, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") else {
            failure = .syntax
            return nil
        }
        let y0 = p[0] &- 48, y1 = p[1] &- 48, y2 = p[2] &- 48, y3 = p[3] &- 48
        let m0 = p[5] &- 48, m1 = p[6] &- 48, d0 = p[8] &- 48, d1 = p[9] &- 48
        guard y0 <= 9, y1 <= 9, y2 <= 9, y3 <= 9, m0 <= 9, m1 <= 9, d0 <= 9, d1 <= 9 else {
            failure = .syntax
            return nil
        }
        let year = Int(y0) * 1000 + Int(y1) * 100 + Int(y2) * 10 + Int(y3)
        let month = Int(m0) * 10 + Int(m1)
        let day = Int(d0) * 10 + Int(d1)
        guard month >= 1, month <= 12, day >= 1, day <= CivilDate.daysIn(month: month, year: year) else {
            failure = .notADay
            return nil
        }
        return CivilDate(year: year, month: month, day: day).days
    }
}
