import Foundation
@testable import KPIEngine
@testable import KPIKit
import Testing

@Suite("Render: values rounded for display")
struct RenderValueTextTests {
    static func yen(_ text: String) -> Scalar { .money(Decimal(string: text)!, currency: "JPY") }

    @Test("money: yen whole with ¥, other currencies with two decimals and the code")
    func money() {
        #expect(ValueText.value(Self.yen("1234567.5"), unit: .money, currency: "JPY") == "¥1,234,568")
        #expect(ValueText.value(Self.yen("175782.80542986425"), unit: .money, currency: "JPY") == "¥175,783")
        #expect(ValueText.value(Self.yen("-410000"), unit: .money, currency: "JPY") == "-¥410,000")
        #expect(ValueText.value(Self.yen("0.4"), unit: .money, currency: "JPY") == "¥0")
        #expect(ValueText.value(Self.yen("-0.4"), unit: .money, currency: "JPY") == "¥0")
        #expect(ValueText.value(.money(Decimal(string: "1234.5")!, currency: "USD"), unit: .money, currency: "USD") == "1,234.50 USD")
        #expect(ValueText.value(.money(Decimal(string: "999.999")!, currency: "EUR"), unit: .money, currency: "EUR") == "1,000.00 EUR")
        #expect(ValueText.value(.money(Decimal(string: "12345")!, currency: "KRW"), unit: .money, currency: "KRW") == "12,345 KRW")
        // A target (a Double) in the metric's currency.
        #expect(ValueText.quantity(3_000_000, unit: .money, currency: "JPY") == "¥3,000,000")
        #expect(ValueText.quantity(2.5, unit: .money, currency: nil) == "2.5")
    }

    @Test("percent one decimal, count grouped, days and months one decimal with the unit")
    func units() {
        #expect(ValueText.value(.number(0.123456), unit: .percent, currency: nil) == "12.3%")
        #expect(ValueText.value(.number(1), unit: .percent, currency: nil) == "100.0%")
        #expect(ValueText.value(.number(0), unit: .percent, currency: nil) == "0.0%")
        #expect(ValueText.value(.number(-0.00001), unit: .percent, currency: nil) == "0.0%")
        #expect(ValueText.value(.int(1_234_567), unit: .count, currency: nil) == "1,234,567")
        #expect(ValueText.value(.int(-1234), unit: .count, currency: nil) == "-1,234")
        #expect(ValueText.value(.number(101.99999999999999), unit: .count, currency: nil) == "102")
        #expect(ValueText.value(.number(2.5), unit: .count, currency: nil) == "2.5")
        #expect(ValueText.value(.number(21), unit: .days, currency: nil) == "21.0 days")
        #expect(ValueText.value(.number(36.02608695652174), unit: .months, currency: nil) == "36.0 months")
        #expect(ValueText.value(.number(6.6115702479338845), unit: .score, currency: nil) == "6.6")
        #expect(ValueText.value(.number(1.054), unit: .ratio, currency: nil) == "1.05")
        #expect(ValueText.value(.number(0.058823529411764705), unit: .number, currency: nil) == "0.059")
        #expect(ValueText.value(.number(2.59), unit: .number, currency: nil) == "2.59")
        #expect(ValueText.value(.number(12345.678), unit: nil, currency: nil) == "12,345.7")
        #expect(ValueText.value(.null, unit: .percent, currency: nil) == "no data")
        #expect(ValueText.value(.date(0), unit: nil, currency: nil) == "1970-01-01")
    }

    @Test("changes: arrows by the rounded change, points for percentages, relative in brackets")
    func changes() {
        func text(_ absolute: Scalar, _ relative: Double?, _ unit: MetricUnit?, _ currency: String? = nil) -> String {
            ValueText.change(Change(absolute: absolute, relative: relative), unit: unit, currency: currency).text
        }
        #expect(text(.number(0.018895905089934942), 1.899, .percent) == "▲ +1.9 pt")
        #expect(text(.number(-0.0045871559633027525), -1, .percent) == "▼ -0.5 pt")
        // Below the display precision: flat.
        #expect(text(.number(6.17e-05), 6.2e-05, .percent) == "= 0.0 pt")
        #expect(text(.number(1.4210854715202004e-14), 1.4e-16, .count) == "= 0")
        #expect(text(.int(-2), -0.6666, .count) == "▼ -2 (-66.7%)")
        #expect(text(Self.yen("740000"), 2.242424, .money) == "▲ +¥740,000 (+224.2%)")
        #expect(text(Self.yen("410000"), nil, .money) == "▲ +¥410,000")
        #expect(text(Self.yen("-144.79638009049773"), -0.000823, .money) == "▼ -¥145 (-0.1%)")
        #expect(text(Self.yen("0.2"), 0.000001, .money) == "= ¥0")
        #expect(text(.number(9), 0.75, .days) == "▲ +9.0 days (+75.0%)")
        #expect(text(.number(0.8738653299010979), 0.1523, .score) == "▲ +0.9 (+15.2%)")
    }

    @Test("sparklines and bars")
    func charts() {
        #expect(TextChart.sparkline([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█")
        #expect(TextChart.sparkline([0, nil, 10]) == "▁ █")
        #expect(TextChart.sparkline([5, 5, 5]) == "▄▄▄")
        #expect(TextChart.sparkline([nil, nil]) == "  ")
        #expect(TextChart.bar(1, width: 4) == "████")
        #expect(TextChart.bar(0.5, width: 3) == "█▌")
        #expect(TextChart.bar(0, width: 10) == "")
    }
}
