extension SubscriptionModule {
    /// The file `kpi new PRODUCT --model subscription` writes (and the starter of every
    /// model without its own): a swappable SaaS, where churn and retention carry real
    /// weight next to onboarding and adoption.
    static let starterTemplate = """
        # {{title}} - Customer Success KPIs (written by `kpi new`; make it yours).
        #
        # A subscription earns at every renewal. The lifecycle to measure is
        #   sign-up -> onboarding -> adoption -> expansion -> renewal -> LTV
        # and the growth equation of a retention business is
        #   successful customers = customers x onboarding rate x adoption rate
        # (not CSM headcount x productivity per CSM, which does not scale).
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
          A subscription the customer can leave at any renewal: churn and retention carry
          real weight, next to onboarding (the wow moment) and adoption, which decide
          whether customers stay. Shown to the other teams in `kpi compare`: say why.

        # Share of accounts served high-touch (a CSM per account), low-touch (webinars,
        # mail to groups) and tech-touch (automated mail, chatbots); adds up to 1.
        touch: { high: 0.1, low: 0.3, tech: 0.6 }

        sources:
          accounts:                     # one row per customer account (CRM export)
            key: account_id
            fields:
              account_id: string
              segment: category[smb, mid, ent]
              signup_date: date
              onboarded_date: date?     # the wow moment: a first real result, not "learned the tool"
              churned_date: date?       # contract end, when cancelled
              mrr: money[JPY]
              logins_30d: int           # activity snapshot at export time
              features_used: int        # distinct features used in the last 30 days
              nps_score: int?           # 0..10; many never answer, and a missing answer is not 0
          tickets:                      # support desk export, one row per ticket
            key: ticket_id
            parent: accounts by account_id
            fields:
              ticket_id: string
              account_id: string
              topic: category[question, bug, addon, cancellation]
              opened_date: date

        derived:
          # where an account stands in the evaluated period
          accounts.active: signup_date < period.end and (churned_date is null or churned_date >= period.start)
          accounts.active_at_start: signup_date < period.start and (churned_date is null or churned_date >= period.start)
          accounts.current: signup_date < period.end and (churned_date is null or churned_date >= period.end)
          accounts.tenure_days: days_between(signup_date, period.end)
          accounts.lifetime_months: months_between(signup_date, coalesce(churned_date, period.end))
          # the two factors of the growth equation
          accounts.onboarded: onboarded_date is not null and onboarded_date < period.end
          accounts.adopted: onboarded and features_used >= 5
          # what the customer told us, per account
          accounts.cancel_notices: count(tickets where topic == "cancellation" and opened_date in period)

        segments:                       # for `kpi evaluate --by` and for signals
          smb: accounts.segment == "smb"
          enterprise: accounts.segment == "ent"

        metrics:
          churn_rate:
            label: Churn rate (logo, per period)
            concept: churn
            formula: ratio(count(accounts where active_at_start and churned_date in period), count(accounts where active_at_start))
            unit: percent
            direction: lower
            target: 0.02
            thresholds: { green: 0.02, yellow: 0.04 }
            weight: 30
          onboarding_rate:
            label: Onboarding rate (reached the wow moment)
            concept: onboarding
            formula: ratio(count(accounts where active and onboarded), count(accounts where active))
            unit: percent
            target: 0.8
            thresholds: { green: 0.8, yellow: 0.6 }
            weight: 25
          adoption_rate:
            label: Adoption rate (onboarded customers who achieved success)
            concept: adoption
            formula: ratio(count(accounts where active and adopted), count(accounts where active and onboarded))
            unit: percent
            target: 0.7
            thresholds: { green: 0.7, yellow: 0.5 }
            weight: 20
          nps:
            label: NPS
            concept: satisfaction
            formula: 100 * ratio(count(accounts where active and nps_score >= 9) - count(accounts where active and nps_score <= 6), count(accounts where active and nps_score is not null))
            unit: score
            target: 20
            thresholds: { green: 20, yellow: 0 }
            weight: 15
          ltv:
            label: LTV (monthly fee x months retained)
            concept: ltv
            formula: arpa * avg_lifetime_months     # metrics can use other metrics
            unit: money
            target: 500000
            thresholds: { green: 500000, yellow: 300000 }
            weight: 10
          # unweighted metrics are reported, not scored: context for the ones above
          active_customers:
            label: Active customers
            formula: count(accounts where active)
            unit: count
          successful_customers:
            label: Successful customers (the growth equation)
            concept: adoption
            formula: active_customers * onboarding_rate * adoption_rate
            unit: count
          arpa:
            label: Average MRR per account
            concept: revenue
            formula: avg(mrr where active)
            unit: money
          avg_lifetime_months:
            label: Average months retained
            formula: avg(lifetime_months where signup_date < period.end)
            unit: months
          tickets_per_account:
            label: Tickets per active account
            concept: support
            formula: ratio(count(tickets where opened_date in period), count(accounts where active))
            unit: number
            direction: lower

        health:                         # a 0..100 score per account
          source: accounts
          components:
            engagement:
              label: Logins in the last 30 days
              value: logins_30d
              scale: { 0: 0, 4: 40, 12: 80, 20: 100 }
              weight: 35
            adoption:
              label: Features in use
              value: features_used
              scale: { 0: 0, 5: 60, 10: 100 }
              weight: 25
            onboarding:
              label: Reached the wow moment
              value: if(onboarded, 100, 0)
              weight: 20
            satisfaction:
              label: Recommendation score (0-10)
              value: nps_score
              scale: { 0: 0, 6: 30, 8: 70, 10: 100 }
              weight: 20
          missing: renormalize          # an unanswered survey is left out, not counted as 0
          bands: { green: 70, yellow: 40 }

        signals:                        # which accounts need an action, and which action
          cancellation_notice:
            label: Cancellation notice received
            kind: reactive              # the customer contacted us
            when: cancel_notices > 0
            action: Account owner calls within 24 hours, records the reason and offers a save plan.
          red_and_silent:
            label: Red health and hardly logging in
            kind: proactive             # signs of a future event
            when: current and health.band == "red" and logins_30d < 4
            action: CSM call within 7 days to find the blocker before it becomes a cancellation.
          smb_no_wow_by_day_30:
            label: Small customer without a wow moment at day 30
            kind: predictive            # "this kind of customer, at this moment, will do this"
            # rule: an SMB account that has not reached its wow moment 30 days after sign-up
            # cancels within three months unless someone shows it a first result.
            when: smb and current and not onboarded and tenure_days between 30 and 44
            action: Invite to the getting-started webinar and start the step-by-step mail series.

        """
}
