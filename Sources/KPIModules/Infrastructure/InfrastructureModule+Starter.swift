extension InfrastructureModule {
    /// The file `kpi new PRODUCT` writes for `module: infrastructure`: delivery as
    /// onboarding, the customer's outcome and expansion weighted most, churn kept low.
    static let starterTemplate = """
        # {{name}} — starting Customer Success KPIs (module: infrastructure).
        # Switching means rebuilding, so churn is measured but weighted low; delivery replaces
        # an onboarding rate, and the customer's outcome and expansion carry the weight.
        kpi: 1
        product: {{product}}
        name: {{name}}
        model: {{model}}
        module: infrastructure
        description: >
          Infrastructure-like product: adopting it takes a build and a delivery, and leaving it
          takes a rebuild. We watch on-time delivery, the outcome customers get against their
          goal, and what they invest again.
        touch: { high: 0.6, low: 0.3, tech: 0.1 }

        sources:
          accounts:
            key: account_id
            fields:
              account_id: string
              signup_date: date
              churned_date: date?
              mrr: money[JPY]
              lead_goal_monthly: int?   # the outcome agreed at hand-over
              leads_30d: int?           # the outcome measured, from analytics
          deliveries:                   # build projects: the first one is the onboarding
            key: delivery_id
            parent: accounts by account_id
            fields:
              delivery_id: string
              account_id: string
              due_date: date
              delivered_date: date?     # empty while the project is open
          expansions:                   # upsell and cross-sell orders
            key: order_id
            parent: accounts by account_id
            fields:
              order_id: string
              account_id: string
              ordered_date: date
              amount: money[JPY]

        derived:
          accounts.active: signup_date < period.end and (churned_date is null or churned_date >= period.start)
          accounts.active_at_start: signup_date < period.start and (churned_date is null or churned_date >= period.start)
          accounts.lifetime_months: months_between(signup_date, coalesce(churned_date, period.end))
          accounts.outcome_ratio: attainment(leads_30d, lead_goal_monthly)
          deliveries.due_in_period: if(due_date in period, due_date, null)
          accounts.overdue_deliveries: count(deliveries where delivered_date is null and due_date < period.end)

        metrics:
          on_time_delivery_rate:
            label: On-time delivery (projects due in the period; open ones count as late)
            concept: onboarding
            formula: on_time_rate(delivered_date, due_in_period)
            unit: percent
            target: 0.9
            thresholds: { green: 0.9, yellow: 0.75 }
            weight: 20
          avg_days_late:
            label: Days late per delivery
            formula: avg(days_late(delivered_date, due_date) where delivered_date in period)
            unit: days
            direction: lower
          outcome_rate:
            label: Customers meeting their goal
            concept: outcome
            formula: ratio(count(accounts where active and outcome_ratio >= 1), count(accounts where active and outcome_ratio is not null))
            unit: percent
            target: 0.6
            thresholds: { green: 0.6, yellow: 0.4 }
            weight: 35
          expansion_revenue:
            label: Upsell and cross-sell revenue
            concept: expansion
            formula: sum(expansions.amount where ordered_date in period)
            unit: money
            target: 1000000
            thresholds: { green: 1000000, yellow: 500000 }
            weight: 30
          churn_rate:
            label: Churn rate (logo, per period)
            concept: churn
            formula: ratio(count(accounts where active_at_start and churned_date in period), count(accounts where active_at_start))
            unit: percent
            direction: lower
            target: 0.005
            thresholds: { green: 0.005, yellow: 0.01 }
            weight: 15
          ltv:
            label: LTV (monthly fee x months retained, per account)
            concept: ltv
            formula: avg(ltv(mrr, lifetime_months) where signup_date < period.end)
            unit: money

        health:
          source: accounts
          components:
            delivery:
              label: No delivery overdue
              value: if(overdue_deliveries > 0, 0, 100)
              weight: 30
            outcome:
              label: Outcome against the goal
              value: outcome_ratio
              scale: { 0: 0, 0.5: 40, 1: 90, 1.5: 100 }
              weight: 70
          missing: renormalize
          bands: { green: 70, yellow: 40 }

        signals:
          overdue_delivery:
            label: Delivery overdue
            kind: proactive
            when: active and overdue_deliveries > 0
            action: Agree a new date with the customer this week and tell the account owner.

        """
}
