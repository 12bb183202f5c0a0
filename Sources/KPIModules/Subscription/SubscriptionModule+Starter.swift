extension SubscriptionModule {
    /// The file `kpi new PRODUCT --model subscription` writes: one account export, the
    /// growth equation, churn weighted as a swappable product needs, LTV and NRR through
    /// this module's functions.
    static let starterTemplate = """
        # {{name}} — starting Customer Success KPIs (module: subscription).
        # Adjust `sources` to your account export, then agree targets and weights with the
        # team; `kpi validate` checks every change and `kpi compare` lines products up.
        kpi: 1
        product: {{product}}
        name: {{name}}
        model: {{model}}
        module: subscription
        description: >
          A subscription the customer can leave at any renewal, so churn and retention carry
          real weight, next to onboarding (the wow moment) and the LTV it grows.
        touch: { high: 0.1, low: 0.3, tech: 0.6 }

        sources:
          accounts:
            key: account_id
            fields:
              account_id: string
              signup_date: date
              onboarded_date: date?     # the wow moment, not "learned the tool"
              churned_date: date?
              mrr: money[JPY]
              mrr_at_start: money[JPY]? # MRR on the first day of the period, from billing
              logins_30d: int
              nps_score: int?           # 0..10; many never answer

        derived:
          accounts.active: signup_date < period.end and (churned_date is null or churned_date >= period.start)
          accounts.active_at_start: signup_date < period.start and (churned_date is null or churned_date >= period.start)
          accounts.churned_in_period: churned_date is not null and churned_date in period
          accounts.onboarded: onboarded_date is not null and onboarded_date < period.end
          accounts.lifetime_months: months_between(signup_date, coalesce(churned_date, period.end))
          # net revenue retention: the customers of the period's start, from their MRR then
          # to their MRR now; a customer that left in the period ends it with no revenue
          accounts.start_mrr: if(active_at_start, mrr_at_start, null)
          accounts.end_mrr: if(churned_in_period, 0 * mrr, mrr)

        metrics:
          churn_rate:
            label: Churn rate (logo, per period)
            concept: churn
            formula: ratio(count(accounts where active_at_start and churned_in_period), count(accounts where active_at_start))
            unit: percent
            direction: lower
            target: 0.02
            thresholds: { green: 0.02, yellow: 0.04 }
            weight: 30
          net_revenue_retention:
            label: Net revenue retention
            concept: retention
            formula: nrr(start_mrr, end_mrr)
            unit: percent
            target: 1
            thresholds: { green: 1, yellow: 0.9 }
            weight: 20
          onboarding_rate:
            label: Onboarding rate (reached the wow moment)
            concept: onboarding
            formula: ratio(count(accounts where active and onboarded), count(accounts where active))
            unit: percent
            target: 0.8
            thresholds: { green: 0.8, yellow: 0.6 }
            weight: 30
          ltv:
            label: LTV (monthly fee x months retained, per account)
            concept: ltv
            formula: avg(ltv(mrr, lifetime_months) where signup_date < period.end)
            unit: money
          nps:
            label: NPS
            concept: satisfaction
            formula: 100 * ratio(count(accounts where active and nps_score >= 9) - count(accounts where active and nps_score <= 6), count(accounts where active and nps_score is not null))
            unit: score
            target: 20
            thresholds: { green: 20, yellow: 0 }
            weight: 20

        health:
          source: accounts
          components:
            engagement:
              label: Logins in the last 30 days
              value: logins_30d
              scale: { 0: 0, 4: 40, 12: 80, 20: 100 }
              weight: 50
            onboarding:
              label: Reached the wow moment
              value: if(onboarded, 100, 0)
              weight: 30
            satisfaction:
              label: Recommendation score (0-10)
              value: nps_score
              scale: { 0: 0, 6: 30, 8: 70, 10: 100 }
              weight: 20
          missing: renormalize
          bands: { green: 70, yellow: 40 }

        signals:
          red_and_silent:
            label: Red health and hardly logging in
            kind: proactive
            when: active and churned_date is null and health.band == "red" and logins_30d < 4
            action: CSM call within 7 days to find the blocker before it becomes a cancellation.

        """
}
