import Foundation
@testable import KPIEngine
import KPIKit
import Testing

/// Double sums and means are compensated: their result is the exact sum of the values,
/// rounded once, however many rows there are. The exact sums below are computed in
/// integers: a Double is an integer times a power of two.
@Suite struct CompensatedSumTests {
    /// 0.1 as a Double is exactly 3602879701896397 / 2^55.
    static let tenthNumerator: Int128 = 3_602_879_701_896_397

    /// The correctly rounded Double of `numerator` / 2^55.
    static func exact(_ numerator: Int128) -> Double {
        Double(numerator) * 0x1p-55
    }

    @Test(arguments: [10, 1_000, 1_000_000, 3_000_001])
    func manyTenthsSumToTheRoundedExactSum(_ n: Int) {
        var compensated = CompensatedSum()
        var naive = 0.0
        for _ in 0..<n {
            compensated.add(0.1)
            naive += 0.1
        }
        let expected = Self.exact(Self.tenthNumerator * Int128(n))
        #expect(compensated.value == expected)
        if n >= 1_000 {
            // What the compensation is for: a plain running sum is off in the last digits.
            #expect(naive != expected)
        }
    }

    @Test func cancellationKeepsTheSmallTerms() {
        var sum = CompensatedSum()
        for x in [1e16, 1.0, -1e16, 3.0, 1e100, -1e100] { sum.add(x) }
        #expect(sum.value == 4)
    }

    @Test func infinitiesAndNaNPassThrough() {
        var up = CompensatedSum()
        up.add(1)
        up.add(.infinity)
        #expect(up.value == .infinity)
        var nan = CompensatedSum(2)
        nan.add(.nan)
        #expect(nan.value.isNaN)
    }

    @Test func chunkedSumsHaveTheBitsOfOnePass() {
        var random = SystemRandomNumberGenerator()
        let values = (0..<50_000).map { _ in Double.random(in: 0...100, using: &random) }
        let whole = Aggregation.doubleSum(values, nil)
        var chunked = CompensatedSum()
        for start in stride(from: 0, to: values.count, by: 8_192) {
            Aggregation.addDoubles(Array(values[start ..< min(start + 8_192, values.count)]), nil, to: &chunked)
        }
        #expect(chunked.value == whole)
    }

    @Test func anAverageOfAMillionTenthsIsATenth() throws {
        let rows = 1_000_003
        let v = try Fixture.values("decimal", Fixture.decimals("x", [Double?](repeating: 0.1, count: rows)), [
            ("sum", "sum(x)"), ("avg", "avg(x)"),
        ])
        #expect(v["sum"] == .number(Self.exact(Self.tenthNumerator * Int128(rows))))
        #expect(v["avg"] == .number(0.1))
    }
}
