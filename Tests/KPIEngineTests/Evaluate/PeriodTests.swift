import Foundation
import KPIKit
import Testing

@Suite struct PeriodTests {
    func period(_ text: String) throws -> Period { try Period(parsing: text) }

    @Test func parsesAMonth() throws {
        let october = try period("2026-10")
        #expect(october.kind == .month)
        #expect(october.startDate == "2026-10-01")
        #expect(october.endDate == "2026-11-01")
        #expect(october.lastDate == "2026-10-31")
        #expect(october.end - october.start == 31)
        #expect(october.description == "2026-10")
    }

    @Test func parsesAQuarterAYearAndARange() throws {
        let q3 = try period("2026-Q3")
        #expect(q3.kind == .quarter)
        #expect((q3.startDate, q3.endDate) == ("2026-07-01", "2026-10-01"))
        #expect(q3.description == "2026-Q3")
        let year = try period("2026")
        #expect((year.startDate, year.endDate) == ("2026-01-01", "2027-01-01"))
        #expect(year.end - year.start == 365)
        let range = try period("2026-10-01..2026-12-31")
        #expect(range.kind == .range)
        // The end date is inclusive in the text and stored exclusive.
        #expect((range.startDate, range.endDate, range.lastDate) == ("2026-10-01", "2027-01-01", "2026-12-31"))
        #expect(range.description == "2026-10-01..2026-12-31")
        let oneDay = try period("2026-02-28..2026-02-28")
        #expect(oneDay.end - oneDay.start == 1)
    }

    @Test(arguments: ["2026-13", "2026-Q5", "26", "2026-1", "2026-02-30..2026-03-01", "2026-12-31..2026-10-01", "soon", "", "2026-10-01.."])
    func rejectsMalformedText(_ text: String) {
        #expect(throws: Period.ParseError.self) { try Period(parsing: text) }
        do {
            _ = try Period(parsing: text)
        } catch {
            #expect(error.description.contains("`2026-10`"))
            #expect(error.description.contains("`2026-Q3`"))
            #expect(error.description.contains("`2026`"))
            #expect(error.description.contains("`2026-10-01..2026-12-31`"))
        }
    }

    @Test func previousIsTheSameLengthBefore() throws {
        #expect(try period("2026-01").previous == period("2025-12"))
        #expect(try period("2026-03").previous == period("2026-02"))
        #expect(try period("2026-Q1").previous == period("2025-Q4"))
        #expect(try period("2026").previous == period("2025"))
        // A range moves back by its own length (92 days here).
        #expect(try period("2026-10-01..2026-12-31").previous == period("2026-07-01..2026-09-30"))
    }

    @Test func seriesEndsWithThePeriodOldestFirst() throws {
        let series = try period("2026-02").series(4)
        #expect(series.map(\.description) == ["2025-11", "2025-12", "2026-01", "2026-02"])
        #expect(try period("2026-Q1").series(2).map(\.description) == ["2025-Q4", "2026-Q1"])
        #expect(try period("2026").series(1) == [period("2026")])
        #expect(try period("2026").series(0).isEmpty)
    }

    @Test func currentIsTheMonthContainingADate() throws {
        // 2026-10-31T23:30:00Z is already November in Tokyo (UTC+9).
        let instant = Date(timeIntervalSince1970: 1_793_489_400)
        #expect(Period.current(containing: instant, timeZone: TimeZone(identifier: "UTC")!) == (try period("2026-10")))
        #expect(Period.current(containing: instant, timeZone: TimeZone(identifier: "Asia/Tokyo")!) == (try period("2026-11")))
    }

    @Test func leapYearsAndCenturies() throws {
        #expect(try period("2024-02").end - period("2024-02").start == 29)
        #expect(try period("2100-02").end - period("2100-02").start == 28)
        #expect(try period("2000-02").end - period("2000-02").start == 29)
        #expect(try period("1970-01").start == 0)
    }
}
