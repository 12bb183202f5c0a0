import Foundation
import KPIKit
import Testing

private typealias T = ModuleTestSupport

/// The delivery and outcome functions of the infrastructure module.
@Suite struct InfrastructureModuleFunctionTests {
    let module = InfrastructureModule()
    // early, on the day, late by 3, open, no due date
    let delivered = T.dates(["2026-10-01", "2026-10-10", "2026-10-13", nil, "2026-10-05"])
    let due = T.dates(["2026-10-05", "2026-10-10", "2026-10-10", "2026-10-20", nil])

    @Test func onTimeIsDeliveredOnOrBeforeDue() throws {
        let result = try module.evaluateRow("on_time", arguments: [delivered, due], rowCount: 5, resultType: .bool)
        #expect(result.scalars == [.bool(true), .bool(true), .bool(false), .null, .null])
    }

    @Test func daysLateIsZeroWhenOnTimeAndNullWhenOpen() throws {
        let result = try module.evaluateRow("days_late", arguments: [delivered, due], rowCount: 5, resultType: .int)
        #expect(result.scalars == [.int(0), .int(0), .int(3), .null, .null])
    }

    @Test func onTimeRateCountsOpenProjectsAsLate() throws {
        // Rows with a due date: 4; delivered on or before it: 2.
        let value = try module.evaluateAggregate("on_time_rate", arguments: [delivered, due], rows: nil, resultType: .number)
        #expect(value == .number(0.5))
    }

    @Test func onTimeRateKeepsTheWhereRowsAndIsNullWithoutDueDates() throws {
        let kept = try module.evaluateAggregate("on_time_rate", arguments: [delivered, due], rows: [false, true, true, false, true], resultType: .number)
        #expect(kept == .number(0.5))
        let none = try module.evaluateAggregate("on_time_rate", arguments: [delivered, due], rows: [false, false, false, false, true], resultType: .number)
        #expect(none == .null)
    }

    @Test func onTimeAgainstAConstantDate() throws {
        let deadline = ColumnVector.constant(.date(T.day("2026-10-10")), count: 5)
        let result = try module.evaluateRow("on_time", arguments: [delivered, deadline], rowCount: 5, resultType: .bool)
        #expect(result.scalars == [.bool(true), .bool(true), .bool(false), .null, .bool(true)])
    }

    @Test func attainmentIsActualOverGoal() throws {
        let actual = T.ints([30, 10, 5, nil, 8])
        let goal = T.ints([20, 40, 0, 10, nil])
        let result = try module.evaluateRow("attainment", arguments: [actual, goal], rowCount: 5, resultType: .number)
        #expect(result.scalars == [.number(1.5), .number(0.25), .null, .null, .null])
    }

    @Test func subscriptionFunctionsAreThereToo() throws {
        let result = try module.evaluateRow("ltv", arguments: [T.yen(["500"]), T.ints([10])], rowCount: 1, resultType: .money("JPY"))
        #expect(result.scalars == [T.yenScalar("5000")])
        let nrr = try module.evaluateAggregate("nrr", arguments: [T.yen(["100"]), T.yen(["110"])], rows: nil, resultType: .number)
        #expect(nrr == .number(1.1))
        #expect(module.description.functions.map(\.name) == ["ltv", "retention", "nrr", "on_time", "days_late", "on_time_rate", "attainment"])
    }
}
