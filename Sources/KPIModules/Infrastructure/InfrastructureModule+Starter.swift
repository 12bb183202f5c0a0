extension InfrastructureModule {
    /// The file `kpi new PRODUCT --model subscription --module infrastructure` writes: a
    /// product that takes a build to adopt and a rebuild to leave; delivery replaces the
    /// onboarding rate, outcome and expansion carry the weight, churn is measured but
    /// weighted low.
    static let starterTemplate = """
        # {{title}} - Customer Success KPIs (written by `kpi new`; make it yours).
        #
        # Infrastructure-like subscription (a CMS, say): adopting it takes a build and a
        # delivery, leaving it takes a rebuild, so switching cost is high and churn barely
        # moves. Onboarding is the build and its on-time delivery; success shows in the
        # customer's outcome against its goal, and in what it invests again (upsell and
        # cross-sell, count and amount).
        #
        # Next steps:
        #   1. Match `sources` to your exports: each field is a CSV column (or JSON key).
        #   2. Agree targets, thresholds and weights with the team. Weights are relative:
        #      reports show each as a share of the total; priorities change yearly, and
        #      `kpi diff {{product}}.yaml --against HEAD` shows what a change moved.
        #   3. Run `kpi validate` after each change, and `kpi compare {{product}} OTHER` to
        #      see how your priorities line up with another team's.
        kpi: 1
        product: {{product}}
        name: {{name}}
        team: {{team}}
        model: {{model}}
        module: infrastructure
        description: >
          Infrastructure-like product: adopting it takes a build and a delivery and leaving
          it takes a rebuild, so churn is weighted low. The weight sits on the customer's
          outcome, on expansion and on delivering on time. Shown in `kpi compare`.

        # Share of accounts served high-touch (a CSM per account), low-touch (webinars,
        # mail to groups) and tech-touch (automated mail, chatbots); adds up to 1.
        touch: { high: 0.6, low: 0.3, tech: 0.1 }

        sources:
          accounts:                     # one row per customer account (CRM export)
            key: account_id
            fields:
              account_id: string
              signup_date: date
              churned_date: date?       # contract end, when cancelled
              mrr: money[JPY]
              lead_goal_monthly: int?   # the outcome agreed at hand-over (qualified leads a month)
              leads_30d: int?           # the outcome measured (analytics); missing when not connected
              nps_score: int?           # 0..10; many never answer, and a missing answer is not 0
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
              kind: category[upsell, crosssell]
              ordered_date: date
              amount: money[JPY]
          tickets:                      # support desk export, one row per ticket
            key: ticket_id
            parent: accounts by account_id
            fields:
              ticket_id: string
              account_id: string
              topic: category[question, addon, cancellation]
              opened_date: date

        derived:
          # where an account stands in the evaluated period
          accounts.active: signup_date < period.end and (churned_date is null or churned_date >= period.start)
          accounts.active_at_start: signup_date < period.start and (churned_date is null or churned_date >= period.start)
          accounts.current: signup_date < period.end and (churned_date is null or churned_date >= period.end)
          accounts.active_year_ago: days_between(signup_date, period.end) >= 365 and (churned_date is null or days_between(churned_date, period.end) < 365)
          accounts.tenure_days: days_between(signup_date, period.end)
          accounts.lifetime_months: months_between(signup_date, coalesce(churned_date, period.end))
          # outcome against the goal; missing (not 0) without a goal or figures
          accounts.outcome_ratio: if(lead_goal_monthly > 0, leads_30d / lead_goal_monthly, null)
          # per account, from the child sources
          accounts.overdue_deliveries: count(deliveries where delivered_date is null and due_date < period.end)
          accounts.expansions_12m: count(expansions where ordered_date < period.end and days_between(ordered_date, period.end) <= 365)
          accounts.addon_requests: count(tickets where topic == "addon" and opened_date in period)

        segments:                       # for `kpi evaluate --by` and for signals
          measurable: accounts.outcome_ratio is not null
          long_term: accounts.tenure_days >= 365

        metrics:
          outcome_rate:
            label: Customers meeting their goal
            concept: outcome
            formula: ratio(count(accounts where active and outcome_ratio >= 1), count(accounts where active and measurable))
            unit: percent
            target: 0.6
            thresholds: { green: 0.6, yellow: 0.4 }
            weight: 30
          upsell_revenue:
            label: Upsell revenue
            concept: expansion
            formula: sum(expansions.amount where kind == "upsell" and ordered_date in period)
            unit: money
            target: 3000000
            thresholds: { green: 3000000, yellow: 1500000 }
            weight: 15
          crosssell_count:
            label: Cross-sell orders
            concept: expansion
            formula: count(expansions where kind == "crosssell" and ordered_date in period)
            unit: count
            target: 3
            thresholds: { green: 3, yellow: 1 }
            weight: 15
          on_time_delivery_rate:
            label: On-time delivery
            concept: onboarding
            formula: ratio(count(deliveries where due_date in period and delivered_date is not null and delivered_date <= due_date), count(deliveries where due_date in period))
            unit: percent
            target: 0.9
            thresholds: { green: 0.9, yellow: 0.75 }
            weight: 15
          churn_rate:
            label: Churn rate (logo, per period)
            concept: churn
            formula: ratio(count(accounts where active_at_start and churned_date in period), count(accounts where active_at_start))
            unit: percent
            direction: lower
            target: 0.005
            thresholds: { green: 0.005, yellow: 0.01 }
            weight: 10
          retention_rate:
            label: 12-month logo retention
            concept: retention
            formula: ratio(count(accounts where active_year_ago and current), count(accounts where active_year_ago))
            unit: percent
            target: 0.95
            thresholds: { green: 0.95, yellow: 0.9 }
            weight: 5
          nps:
            label: NPS
            concept: satisfaction
            formula: 100 * ratio(count(accounts where active and nps_score >= 9) - count(accounts where active and nps_score <= 6), count(accounts where active and nps_score is not null))
            unit: score
            target: 20
            thresholds: { green: 20, yellow: 0 }
            weight: 10
          # unweighted metrics are reported, not scored: context for the ones above
          goal_coverage:
            label: Customers with a goal and figures
            formula: ratio(count(accounts where active and measurable), count(accounts where active))
            unit: percent
          ltv:
            label: LTV (monthly fee x months retained)
            concept: ltv
            formula: avg(mrr where active) * avg(lifetime_months where signup_date < period.end)
            unit: money

        health:                         # a 0..100 score per account
          source: accounts
          components:
            outcome:
              label: Outcome against the goal
              value: outcome_ratio
              scale: { 0: 0, 0.5: 40, 1: 90, 1.5: 100 }
              weight: 45
            delivery:
              label: No delivery overdue
              value: if(overdue_deliveries > 0, 0, 100)
              weight: 20
            reinvestment:
              label: Invested again in the last 12 months
              value: if(expansions_12m > 0, 100, 0)
              weight: 20
            satisfaction:
              label: Recommendation score (0-10)
              value: nps_score
              scale: { 0: 0, 6: 30, 8: 70, 10: 100 }
              weight: 15
          missing: renormalize          # missing figures are left out, not counted as 0
          bands: { green: 70, yellow: 40 }

        signals:                        # which accounts need an action, and which action
          addon_request:
            label: Add-on request received
            kind: reactive              # the customer contacted us
            when: addon_requests > 0
            action: CSM answers with a quote within 2 business days.
          overdue_delivery:
            label: Delivery overdue
            kind: proactive             # signs of a future event
            when: current and overdue_deliveries > 0
            action: Agree a new date with the customer this week and tell the account owner.
          upsell_ready:
            label: Getting results, not yet reinvesting
            kind: predictive            # "this kind of customer, at this moment, will do this"
            # rule: a customer of a year or more that meets its goal and has not bought
            # anything for 12 months accepts the next step when offered at its review.
            when: current and long_term and outcome_ratio >= 1 and expansions_12m == 0
            action: Propose the next step (page expansion, an additional site) at the next review.

        """
}
