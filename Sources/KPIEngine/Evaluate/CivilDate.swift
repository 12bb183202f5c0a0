import KPILanguage

/// A proleptic Gregorian calendar date, converted to and from days since 1970-01-01.
struct CivilDate: Hashable, Comparable, CustomStringConvertible {
    var year: Int
    var month: Int
    var day: Int

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Howard Hinnant's civil-from-days.
    init(days: Int32) {
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01.
    var days: Int32 {
        Int32(clamping: ISODate.days(year: year, month: month, day: day))
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The first day of the month `months` after this date's month (negative: before).
    func firstOfMonth(adding months: Int) -> CivilDate {
        let index = year * 12 + (month - 1) + months
        let newYear = index >= 0 ? index / 12 : (index - 11) / 12
        return CivilDate(year: newYear, month: index - newYear * 12 + 1, day: 1)
    }

    static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`.
    var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(abs(value))
            return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Whole months from `a` to `b`, like an age in months: the count of full calendar
    /// months, so 2026-01-31 to 2026-02-28 is 0 and 2026-01-15 to 2026-03-15 is 2;
    /// negative when `b` is before `a`.
    static func monthsBetween(_ a: Int32, _ b: Int32) -> Int64 {
        if b < a { return -monthsBetween(b, a) }
        let from = CivilDate(days: a)
        let to = CivilDate(days: b)
        var months = (to.year - from.year) * 12 + (to.month - from.month)
        if to.day < from.day { months -= 1 }
        return Int64(months)
    }
}
