/// Calendar dates as days since 1970-01-01 (proleptic Gregorian), the language's `date`.
public enum ISODate {
    /// Days since 1970-01-01 for a valid `YYYY-MM-DD`, else nil.
    public static func days(from text: String) -> Int32? {
        ProductChecker.parseDate(text)
    }

    /// Days since 1970-01-01 of a year, month (1-12) and day.
    public static func days(year: Int, month: Int, day: Int) -> Int {
        ProductChecker.daysFromCivil(year: year, month: month, day: day)
    }
}
