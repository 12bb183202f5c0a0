public import Foundation

/// The span of time a product is evaluated for: a month, a quarter, a year or a range of
/// days. `start` is inclusive and `end` exclusive, both as days since 1970-01-01, so that
/// `x in period` is `start <= x < end`.
public struct Period: Sendable, Hashable, CustomStringConvertible {
    /// How the period was written, which decides what `previous` means.
    public enum Kind: Sendable, Hashable {
        case month, quarter, year
        /// A range of days, `2026-10-01..2026-12-31`.
        case range
    }

    /// Why a text is not a period, with the forms that are accepted.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The text that was given.
        public var text: String
        /// What is wrong, with the forms that are accepted.
        public var description: String {
            "`\(text)` is not a period; write a month `2026-10`, a quarter `2026-Q3`, a year `2026`, or a range of days `2026-10-01..2026-12-31` (both ends included)"
        }
    }

    /// How the period was written.
    public let kind: Kind
    /// The first day, as days since 1970-01-01.
    public let start: Int32
    /// The day after the last day (exclusive), as days since 1970-01-01.
    public let end: Int32

    // MARK: - Making periods

    /// The calendar month `month` (1...12) of `year`.
    public static func month(_ month: Int, of year: Int) -> Period {
        let first = CivilDate(year: year, month: month, day: 1)
        return Period(kind: .month, start: first.days, end: first.firstOfMonth(adding: 1).days)
    }

    /// The calendar quarter `quarter` (1...4) of `year`.
    public static func quarter(_ quarter: Int, of year: Int) -> Period {
        let first = CivilDate(year: year, month: (quarter - 1) * 3 + 1, day: 1)
        return Period(kind: .quarter, start: first.days, end: first.firstOfMonth(adding: 3).days)
    }

    /// The calendar year `year`.
    public static func year(_ year: Int) -> Period {
        Period(kind: .year, start: CivilDate(year: year, month: 1, day: 1).days,
               end: CivilDate(year: year + 1, month: 1, day: 1).days)
    }

    /// The days from `start` up to, not including, `end` (days since 1970-01-01).
    /// - Precondition: `start < end`.
    public static func range(start: Int32, end: Int32) -> Period {
        precondition(start < end, "a period needs at least one day")
        return Period(kind: .range, start: start, end: end)
    }

    /// The calendar month that contains `date`, in the local time zone.
    public static func current(containing date: Date = Date(), timeZone: TimeZone = .current) -> Period {
        let seconds = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        let day = CivilDate(days: Int32((seconds / 86_400).rounded(.down)))
        return .month(day.month, of: day.year)
    }

    init(kind: Kind, start: Int32, end: Int32) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    /// Reads `2026-10` (a month), `2026-Q3` (a quarter), `2026` (a year) or
    /// `2026-10-01..2026-12-31` (a range of days, both ends included).
    /// - Throws: `Period.ParseError`, whose description lists the accepted forms.
    public init(parsing text: String) throws(ParseError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let period = Period.parse(trimmed) else { throw ParseError(text: text) }
        self = period
    }

    private static func parse(_ text: String) -> Period? {
        if let dots = text.range(of: "..") {
            let first = String(text[..<dots.lowerBound]).trimmingCharacters(in: .whitespaces)
            let last = String(text[dots.upperBound...]).trimmingCharacters(in: .whitespaces)
            guard let start = parseDay(first), let lastDay = parseDay(last), start <= lastDay else { return nil }
            return .range(start: start, end: lastDay + 1)
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, let year = Int(first), year >= 1 else { return nil }
        switch parts.count {
        case 1:
            return .year(year)
        case 2:
            let second = parts[1]
            if second.count == 2, second.first == "Q" || second.first == "q",
               let quarter = Int(second.dropFirst()), (1...4).contains(quarter) {
                return .quarter(quarter, of: year)
            }
            guard second.count == 2, second.allSatisfy(\.isASCIIDigit), let month = Int(second), (1...12).contains(month) else { return nil }
            return .month(month, of: year)
        default:
            return nil
        }
    }

    private static func parseDay(_ text: String) -> Int32? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              year >= 1, (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        return CivilDate(year: year, month: month, day: day).days
    }

    // MARK: - Neighbours

    /// The period of the same length just before this one: the previous month, quarter or
    /// year; a range moves back by its own number of days.
    public var previous: Period {
        shifted(by: -1)
    }

    /// `count` consecutive periods ending with this one, oldest first.
    public func series(_ count: Int) -> [Period] {
        guard count > 0 else { return [] }
        return (0..<count).map { shifted(by: $0 - (count - 1)) }
    }

    /// This period moved `steps` periods later (earlier when negative).
    public func shifted(by steps: Int) -> Period {
        let first = CivilDate(days: start)
        switch kind {
        case .month:
            let begin = first.firstOfMonth(adding: steps)
            return Period(kind: .month, start: begin.days, end: begin.firstOfMonth(adding: 1).days)
        case .quarter:
            let begin = first.firstOfMonth(adding: 3 * steps)
            return Period(kind: .quarter, start: begin.days, end: begin.firstOfMonth(adding: 3).days)
        case .year:
            return .year(first.year + steps)
        case .range:
            // In Int, clamped: a far-fetched shift never traps.
            let offset = steps.multipliedReportingOverflow(by: Int(end - start)).partialValue
            return Period(kind: .range, start: Int32(clamping: Int(start) &+ offset), end: Int32(clamping: Int(end) &+ offset))
        }
    }

    // MARK: - Text

    /// The first day, `YYYY-MM-DD`.
    public var startDate: String { CivilDate(days: start).description }
    /// The exclusive end, `YYYY-MM-DD` (the day after the last day), as `period.end`.
    public var endDate: String { CivilDate(days: end).description }
    /// The last day included, `YYYY-MM-DD`.
    public var lastDate: String { CivilDate(days: end - 1).description }

    /// The period as it is written: `2026-10`, `2026-Q3`, `2026` or `2026-10-01..2026-12-31`.
    public var description: String {
        let first = CivilDate(days: start)
        let year = CivilDate(year: first.year, month: 1, day: 1).description.prefix(4)
        switch kind {
        case .month: return "\(year)-\(first.month < 10 ? "0" : "")\(first.month)"
        case .quarter: return "\(year)-Q\((first.month - 1) / 3 + 1)"
        case .year: return String(year)
        case .range: return "\(startDate)..\(lastDate)"
        }
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
