/// Fused scan-and-parse of the common case: an unquoted CSV field with a well-formed
/// value, followed by a comma or line end, with a newline known to lie ahead in the
/// buffer (so the loops need no end checks: each stops at the latest at that newline).
///
/// Each function returns the value and the terminator's position, or nil to hand the
/// field to the general path (``ChunkWriter/store(_:_:row:_:_:emptyString:fileRow:)``),
/// which reads it with every check and reports what is wrong. Nil is never a verdict:
/// only the general path decides that a field is bad.
struct UnquotedFieldParser {
    private static let comma: UInt8 = 0x2C, newline: UInt8 = 0x0A, ret: UInt8 = 0x0D, quote: UInt8 = 0x22

    /// Days since 1970-01-01 of January 1 of each year from ``firstYear``, and of one year
    /// past the last, so a year's length is the difference of neighbours; then the days
    /// before each month of a common year, and 365.
    private let days: UnsafeMutablePointer<Int32>
    private static let firstYear = 1900, yearCount = 300
    /// Exact powers of ten, 10^0 through 10^15.
    private let powersOfTen: UnsafeMutablePointer<Double>

    init() {
        days = .allocate(capacity: Self.yearCount + 14)
        for i in 0...Self.yearCount {
            days[i] = CivilDate(year: Self.firstYear + i, month: 1, day: 1).days
        }
        var before: Int32 = 0
        for month in 1...13 {
            days[Self.yearCount + month] = before
            if month <= 12 { before += Int32(CivilDate.daysIn(month: month, year: 2001)) }
        }
        powersOfTen = .allocate(capacity: 16)
        var power = 1.0
        for i in 0..<16 {
            powersOfTen[i] = power
            power *= 10
        }
    }

    /// Frees the tables.
    func free() {
        days.deallocate()
        powersOfTen.deallocate()
    }

    /// Whether `p` (inside the buffer) ends a field: a comma, LF, or CR before LF.
    @inline(__always)
    static func isTerminator(_ p: UnsafePointer<UInt8>) -> Bool {
        let byte = p.pointee
        return byte == comma || byte == newline || (byte == ret && p[1] == newline)
    }

    /// The end of an unquoted field: the next comma or newline (a CR before the newline
    /// is left in; see ``trimmedEnd(_:_:)``), or a quote, which the caller must not take.
    @inline(__always)
    static func fieldEnd(_ p: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        var q = p
        while true {
            let byte = q.pointee
            if byte <= comma, byte == comma || byte == newline || byte == quote { return q }
            q += 1
        }
    }

    /// The end of the field's text, without the CR of a CRLF line end at `end`.
    @inline(__always)
    static func trimmedEnd(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        end > start && end.pointee == newline && end[-1] == ret ? end - 1 : end
    }

    /// `int`: an optional sign and up to 18 digits.
    @inline(__always)
    static func int(_ p: UnsafePointer<UInt8>) -> (Int64, UnsafePointer<UInt8>)? {
        var q = p
        let negative = q.pointee == UInt8(ascii: "-")
        if negative || q.pointee == UInt8(ascii: "+") { q += 1 }
        let digits = q
        var value: Int64 = 0
        while true {
            let digit = q.pointee &- UInt8(ascii: "0")
            if digit > 9 { break }
            value = value &* 10 &+ Int64(digit)
            q += 1
        }
        let count = q - digits
        guard count > 0, count <= 18, isTerminator(q) else { return nil }
        return (negative ? -value : value, q)
    }

    /// `money`: an optional sign, up to 14 whole digits, and up to 4 decimals, scaled by
    /// 10 000.
    @inline(__always)
    static func money(_ p: UnsafePointer<UInt8>) -> (Int64, UnsafePointer<UInt8>)? {
        var q = p
        let negative = q.pointee == UInt8(ascii: "-")
        if negative || q.pointee == UInt8(ascii: "+") { q += 1 }
        let digits = q
        var units: Int64 = 0
        var digit = q.pointee &- UInt8(ascii: "0")
        while digit <= 9 {
            units = units &* 10 &+ Int64(digit)
            q += 1
            digit = q.pointee &- UInt8(ascii: "0")
        }
        let whole = q - digits
        var places = 0
        if q.pointee == UInt8(ascii: ".") {
            q += 1
            let fraction = q
            digit = q.pointee &- UInt8(ascii: "0")
            while digit <= 9 {
                units = units &* 10 &+ Int64(digit)
                q += 1
                digit = q.pointee &- UInt8(ascii: "0")
            }
            places = q - fraction
        }
        guard whole <= 14, places <= 4, whole + places > 0, isTerminator(q) else { return nil }
        // Scale to four places: 10^(4 - places).
        let scale: Int64 = places == 0 ? 10_000 : places == 1 ? 1_000 : places == 2 ? 100 : places == 3 ? 10 : 1
        let value = units &* scale
        return (negative ? -value : value, q)
    }

    /// `decimal`: an optional sign, digits and decimals, at most 15 digits in all (so the
    /// value is exact before the one rounding division).
    @inline(__always)
    func decimal(_ p: UnsafePointer<UInt8>) -> (Double, UnsafePointer<UInt8>)? {
        var q = p
        let negative = q.pointee == UInt8(ascii: "-")
        if negative || q.pointee == UInt8(ascii: "+") { q += 1 }
        let digits = q
        var mantissa: Int64 = 0
        while true {
            let digit = q.pointee &- UInt8(ascii: "0")
            if digit > 9 { break }
            mantissa = mantissa &* 10 &+ Int64(digit)
            q += 1
        }
        var count = q - digits
        var places = 0
        if q.pointee == UInt8(ascii: ".") {
            q += 1
            let fraction = q
            while true {
                let digit = q.pointee &- UInt8(ascii: "0")
                if digit > 9 { break }
                mantissa = mantissa &* 10 &+ Int64(digit)
                q += 1
            }
            places = q - fraction
            count += places
        }
        guard count > 0, count <= 15, Self.isTerminator(q) else { return nil }
        let value = Double(mantissa) / powersOfTen[places]
        return (negative ? -value : value, q)
    }

    /// `date`: `YYYY-MM-DD` for years 1900-2199, when its terminator is at or before
    /// `limit` (the last newline).
    @inline(__always)
    func date(_ p: UnsafePointer<UInt8>, limit: UnsafePointer<UInt8>) -> (Int32, UnsafePointer<UInt8>)? {
        guard limit - p >= 10, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-"), Self.isTerminator(p + 10) else {
            return nil
        }
        let y0 = p[0] &- 48, y1 = p[1] &- 48, y2 = p[2] &- 48, y3 = p[3] &- 48
        let m0 = p[5] &- 48, m1 = p[6] &- 48, d0 = p[8] &- 48, d1 = p[9] &- 48
        guard y0 <= 9, y1 <= 9, y2 <= 9, y3 <= 9, m0 <= 9, m1 <= 9, d0 <= 9, d1 <= 9 else { return nil }
        let year = Int(y0) * 1000 + Int(y1) * 100 + Int(y2) * 10 + Int(y3) - Self.firstYear
        let month = Int(m0) * 10 + Int(m1)
        let day = Int32(d0) * 10 + Int32(d1)
        guard year >= 0, year < Self.yearCount, month >= 1, month <= 12, day >= 1 else { return nil }
        let start = days[year]
        let isLeap = days[year + 1] - start == 366
        let before = days[Self.yearCount + month]
        let length = days[Self.yearCount + month + 1] - before + (isLeap && month == 2 ? 1 : 0)
        guard day <= length else { return nil }
        return (start + before + (isLeap && month > 2 ? 1 : 0) + day - 1, p + 10)
    }
}
