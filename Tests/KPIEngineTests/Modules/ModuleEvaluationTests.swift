import Foundation
import KPIKit
import Testing

private typealias T = ModuleTestSupport

/// The built-in modules' functions evaluated end to end: checked from YAML, run by the
/// `Evaluator` through `ModuleRegistry.standard.runtimes`.
@Suite struct ModuleEvaluationTests {
    func evaluate(_ yaml: String, _ tables: [Table]) throws -> ProductEvaluation {
        let check = KPIKitCatalog.check(sources: [("p.yaml", yaml)])
        let errors = check.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(DiagnosticRenderer().render(errors))")
        let product = try #require(check.catalog.products.first)
        let result = try Evaluator(product: product, modules: ModuleRegistry.standard.runtimes)
            .evaluate(tables: Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) }), period: Fixture.october)
        #expect(!result.hasErrors, "\(result.diagnostics.map(\.message))")
        return result
    }

    @Test func subscriptionFunctions() throws {
        let yaml = """
            kpi: 1
            product: p
            model: subscription
            sources:
              accounts:
                key: id
                fields: { id: string, mrr: money[JPY], months: int, churned: bool, start_mrr: money[JPY]?, end_mrr: money[JPY]? }
            metrics:
              mean_ltv:
                formula: avg(ltv(mrr, months))
                unit: money
              total_ltv:
                formula: sum(ltv(mrr, months))
                unit: money
              logo_retention:
                concept: retention
                formula: retention(count(accounts where churned), count(accounts))
                unit: percent
              net_revenue_retention:
                formula: nrr(start_mrr, end_mrr)
                unit: percent
            """
        let accounts = Fixture.table("accounts", [
            Fixture.strings("id", ["a", "b", "c", "d"]),
            Fixture.money("mrr", ["500", "1000", "333.3", "0.1"]),
            Fixture.ints("months", [10, 12, 3, 7]),
            Fixture.bools("churned", [false, true, false, false]),
            Fixture.money("start_mrr", ["500", "1000", nil, "100"]),
            Fixture.money("end_mrr", ["600", "0", "333.3", "100"]),
        ])
        let result = try evaluate(yaml, [accounts])
        // 5000 + 12000 + 999.9 + 0.7 = 18000.6 yen, exactly.
        #expect(result.metric("total_ltv")?.value == T.yenScalar("18000.6"))
        #expect(result.metric("mean_ltv")?.value == T.yenScalar("4500.15"))
        #expect(result.metric("logo_retention")?.value == .number(0.75))
        // (600 + 0 + 100) / (500 + 1000 + 100); c has no start amount (a new customer).
        #expect(result.metric("net_revenue_retention")?.value == .number(700.0 / 1600.0))
    }

    @Test func infrastructureFunctions() throws {
        let yaml = """
            kpi: 1
            product: p
            model: subscription
            module: infrastructure
            sources:
              deliveries:
                key: id
                fields: { id: string, due_date: date, delivered_date: date? }
            metrics:
              on_time_delivery:
                concept: onboarding
                formula: on_time_rate(delivered_date, due_date)
                unit: percent
              on_time_count:
                formula: count(deliveries where on_time(delivered_date, due_date))
                unit: count
              mean_days_late:
                formula: avg(days_late(delivered_date, due_date))
                unit: days
            """
        let deliveries = Fixture.table("deliveries", [
            Fixture.strings("id", ["a", "b", "c", "d"]),
            Fixture.dates("due_date", ["2026-10-05", "2026-10-10", "2026-10-10", "2026-10-20"]),
            Fixture.dates("delivered_date", ["2026-10-01", "2026-10-10", "2026-10-16", nil]),
        ])
        let result = try evaluate(yaml, [deliveries])
        #expect(result.metric("on_time_delivery")?.value == .number(0.5))
        #expect(result.metric("on_time_count")?.value == .int(2))
        #expect(result.metric("mean_days_late")?.value == .number(2))
    }

    @Test func oneTimeFunctions() throws {
        let yaml = """
            kpi: 1
            product: p
            model: one-time
            sources:
              transactions:
                fields: { customer: string, date: date, amount: money[JPY] }
              customers:
                group: transactions by customer
                fields:
                  first_purchase: min(date)
                  last_purchase: max(date)
                  purchases: count()
            metrics:
              repeat_rate:
                concept: repeat
                formula: repeat_rate(purchases)
                unit: percent
              ltv:
                formula: ltv_per_customer(amount, customer)
                unit: money
              gap_days:
                formula: avg(interpurchase_days(first_purchase, last_purchase, purchases))
                unit: days
            """
        let transactions = Fixture.table("transactions", [
            Fixture.strings("customer", ["a", "a", "a", "b", "c", "c"]),
            Fixture.dates("date", ["2026-01-01", "2026-01-31", "2026-03-02", "2026-05-01", "2026-02-01", "2026-02-11"]),
            Fixture.money("amount", ["1000", "1000", "1000.5", "300", "0.1", "0.2"]),
        ])
        let result = try evaluate(yaml, [transactions])
        #expect(result.metric("repeat_rate")?.value == .number(2.0 / 3.0))
        // 3300.8 yen over 3 customers.
        #expect(result.metric("ltv")?.value == .money(Decimal(string: "3300.8")! / 3, currency: "JPY"))
        // a: 60 days over 2 gaps = 30; c: 10 days over 1 gap = 10; b has one purchase.
        #expect(result.metric("gap_days")?.value == .number(20))
    }

    @Test func aModuleAggregateTakesAWhereOnItsFirstArgument() throws {
        // FunctionSignature.Kind.aggregate documents `where` on the first argument.
        let text = T.subscriptionProduct(module: "infrastructure", metrics: """
              on_time_delivery:
                concept: onboarding
                formula: on_time_rate(delivered_date where due_date in period, due_date)
                unit: percent
            """)
        let check = KPIKitCatalog.check(sources: [("crm.yaml", text)])
        #expect(!check.hasErrors, "\(DiagnosticRenderer().render(check.diagnostics.filter { $0.severity == .error }))")
        let metric = try #require(check.catalog.products.first?.metric("on_time_delivery"))
        guard case .module(let call) = metric.formula.node else {
            Issue.record("expected a module call, got \(metric.formula.node)")
            return
        }
        #expect(call.name == "on_time_rate")
        #expect(call.filter != nil)
    }
}
