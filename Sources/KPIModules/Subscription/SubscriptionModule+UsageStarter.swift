extension SubscriptionModule {
    /// The file `kpi new PRODUCT --model usage` writes: billed on metered consumption, so
    /// customers leave by using less long before they cancel; usage retention and
    /// activation lead.
    static let usageStarterTemplate = """
        # {{title}} - Customer Success KPIs (written by `kpi new`; make it yours).
        #
        # Usage-based: revenue follows what customers consume, so a customer leaves by
        # using less long before it cancels. Onboarding is the first real usage
        # (activation), retention is "still using", and expansion is using more.
        #
        # Next steps:
        #   1. Match `sources` to your exports: each field is a CSV column (or JSON key).
        #   2. Agree targets, thresholds and weights with the team. Weights are relative:
        #      reports show each as a share of the total.
        #   3. Run `kpi validate` after each change, and `kpi compare {{product}} OTHER` to
        #      see how your priorities line up with another team's.
        kpi: 1
        product: {{product}}
        name: {{name}}
        team: {{team}}
        model: {{model}}
        module: subscription
        description: >
          Billed on usage: customers drift away by using less before they ever cancel, so
          usage retention and activation (a first real usage) carry the weight, with churn
          and the revenue that usage brings. Shown to the other teams in `kpi compare`.

        # Share of accounts served high-touch (a CSM per account), low-touch (webinars,
        # mail to groups) and tech-touch (automated mail, chatbots); adds up to 1.
        touch: { high: 0.05, low: 0.25, tech: 0.7 }

        sources:
          accounts:                     # one row per customer account (CRM export)
            key: account_id
            fields:
              account_id: string
              segment: category[smb, mid, ent]
              signup_date: date
              churned_date: date?       # account closed
              nps_score: int?           # 0..10; many never answer, and a missing answer is not 0
          usage:                        # metering export: one row per account and day
            key: usage_id
            parent: accounts by account_id
            fields:
              usage_id: string
              account_id: string
              usage_date: date
              units: int                # what is billed: API calls, messages, GB...
              amount: money[JPY]        # billed for those units
          tickets:                      # support desk export, one row per ticket
            key: ticket_id
            parent: accounts by account_id
            fields:
              ticket_id: string
              account_id: string
              topic: category[question, bug, limit_increase, cancellation]
              opened_date: date

        derived:
          # where an account stands in the evaluated period
          accounts.active: signup_date < period.end and (churned_date is null or churned_date >= period.start)
          accounts.active_at_start: signup_date < period.start and (churned_date is null or churned_date >= period.start)
          accounts.current: signup_date < period.end and (churned_date is null or churned_date >= period.end)
          accounts.tenure_days: days_between(signup_date, period.end)
          # usage per account: an aggregate over the child rows of each account
          accounts.first_usage: min(usage.usage_date where units > 0)
          accounts.activated: first_usage is not null and first_usage < period.end
          accounts.units_in_period: sum(usage.units where usage_date in period)
          accounts.units_last_30d: sum(usage.units where usage_date < period.end and days_between(usage_date, period.end) <= 30)
          accounts.revenue_to_date: sum(usage.amount where usage_date < period.end)
          accounts.limit_requests: count(tickets where topic == "limit_increase" and opened_date in period)

        segments:                       # for `kpi evaluate --by` and for signals
          smb: accounts.segment == "smb"
          enterprise: accounts.segment == "ent"

        metrics:
          usage_retention:
            label: Customers at the start of the period still using
            concept: retention
            formula: ratio(count(accounts where active_at_start and units_in_period > 0), count(accounts where active_at_start))
            unit: percent
            target: 0.9
            thresholds: { green: 0.9, yellow: 0.8 }
            weight: 25
          activation_rate:
            label: Activated (a first real usage)
            concept: onboarding
            formula: ratio(count(accounts where active and activated), count(accounts where active))
            unit: percent
            target: 0.8
            thresholds: { green: 0.8, yellow: 0.6 }
            weight: 20
          churn_rate:
            label: Churn rate (accounts closed, per period)
            concept: churn
            formula: ratio(count(accounts where active_at_start and churned_date in period), count(accounts where active_at_start))
            unit: percent
            direction: lower
            target: 0.02
            thresholds: { green: 0.02, yellow: 0.04 }
            weight: 15
          usage_revenue:
            label: Usage revenue
            concept: revenue
            formula: sum(usage.amount where usage_date in period)
            unit: money
            target: 1000000
            thresholds: { green: 1000000, yellow: 700000 }
            weight: 15
          units_per_active_account:
            label: Units used per active account
            concept: engagement
            formula: ratio(sum(usage.units where usage_date in period), count(accounts where active))
            unit: number
            target: 1000
            thresholds: { green: 1000, yellow: 500 }
            weight: 15
          nps:
            label: NPS
            concept: satisfaction
            formula: 100 * ratio(count(accounts where active and nps_score >= 9) - count(accounts where active and nps_score <= 6), count(accounts where active and nps_score is not null))
            unit: score
            target: 20
            thresholds: { green: 20, yellow: 0 }
            weight: 10
          # unweighted metrics are reported, not scored: context for the ones above
          ltv:
            label: LTV (usage revenue per customer so far)
            concept: ltv
            formula: avg(revenue_to_date where activated)
            unit: money
          days_to_first_usage:
            label: Days from sign-up to first usage (median)
            concept: onboarding
            formula: median(days_between(signup_date, first_usage) where first_usage in period)
            unit: days
            direction: lower

        health:                         # a 0..100 score per account
          source: accounts
          components:
            usage:
              label: Units in the last 30 days
              value: units_last_30d
              scale: { 0: 0, 100: 50, 1000: 100 }
              weight: 50
            activation:
              label: Activated
              value: if(activated, 100, 0)
              weight: 30
            satisfaction:
              label: Recommendation score (0-10)
              value: nps_score
              scale: { 0: 0, 6: 30, 8: 70, 10: 100 }
              weight: 20
          missing: renormalize          # an unanswered survey is left out, not counted as 0
          bands: { green: 70, yellow: 40 }

        signals:                        # which accounts need an action, and which action
          limit_increase_request:
            label: Asked for a higher limit
            kind: reactive              # the customer contacted us
            when: limit_requests > 0
            action: Answer within one business day with the next plan and its price per unit.
          gone_quiet:
            label: No usage this period
            kind: proactive             # signs of a future event
            when: current and activated and units_in_period == 0
            action: CSM or automated mail asks what changed; offer a short working session.
          slow_start:
            label: Slow first usage
            kind: predictive            # "this kind of customer, at this moment, will do this"
            # rule: an account whose first usage came two weeks or more after sign-up and
            # that used under 100 units in its first two months stops within a quarter.
            when: current and tenure_days between 30 and 60 and days_between(signup_date, first_usage) >= 14 and units_last_30d < 100
            action: Start the use-case mail series and offer the integration checklist.

        """
}
