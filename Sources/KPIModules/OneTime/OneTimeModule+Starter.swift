extension OneTimeModule {
    /// The file `kpi new PRODUCT --model one-time` writes: no subscription, so "churn"
    /// becomes "did they come back"; repeat use, the first success and LTV carry the weight.
    static let starterTemplate = """
        # {{title}} - Customer Success KPIs (written by `kpi new`; make it yours).
        #
        # One-time transactions: there is no subscription to cancel, so "prevent churn"
        # becomes "get them to come back" (repeat rate). The lifecycle to measure is
        #   application -> careful explanation -> first success -> retention -> repeat -> LTV
        # and LTV is what a customer paid across its purchases.
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
        module: one-time
        description: >
          Every use is a one-time transaction, so the weight sits on the repeat rate, on a
          fast first success after the first contact, and on the LTV customers build across
          purchases. Shown to the other teams in `kpi compare`: say why.

        # Share of customers served high-touch (a named contact), low-touch (group
        # sessions, mail to groups) and tech-touch (automated mail, chatbots); adds up to 1.
        touch: { high: 0, low: 0.35, tech: 0.65 }

        sources:
          customers:                    # one row per customer (CRM export)
            key: customer_id
            fields:
              customer_id: string
              segment: category[individual, small, medium]
              channel: category[web, referral, event, other]   # survey: how did you find us?
              first_contact_date: date  # application or first inquiry
              survey_score: int?        # 0..10 after the first purchase; may be unanswered
          purchases:                    # the transaction log: one row per purchase
            key: purchase_id
            parent: customers by customer   # purchases.customer holds a customers.customer_id
            fields:
              purchase_id: string
              customer: string
              purchase_date: date
              amount: money[JPY]
          contacts:                     # inquiries: mail, phone, chat
            key: contact_id
            parent: customers by customer
            fields:
              contact_id: string
              customer: string
              contact_date: date
              topic: category[question, quote, complaint]

        derived:
          # per customer, as of the end of the period (so past periods can be re-evaluated)
          customers.first_purchase: min(purchases.purchase_date where purchase_date < period.end)
          customers.last_purchase: max(purchases.purchase_date where purchase_date < period.end)
          customers.purchases_to_date: count(purchases where purchase_date < period.end)
          customers.purchases_in_period: count(purchases where purchase_date in period)
          customers.revenue_to_date: sum(purchases.amount where purchase_date < period.end)
          customers.days_to_first_purchase: days_between(first_contact_date, first_purchase)
          customers.days_since_last: days_between(last_purchase, period.end)
          # the cohort that had a fair chance of a first success: first contact 1..90 days before the period
          customers.recent_contact: days_between(first_contact_date, period.start) between 1 and 90
          customers.quote_requests: count(contacts where topic == "quote" and contact_date in period)

        segments:                       # for `kpi evaluate --by` and for signals
          via_referral: customers.channel == "referral"
          individuals: customers.segment == "individual"
          repeaters: customers.purchases_to_date >= 2

        metrics:
          repeat_rate:
            label: Repeat rate (2+ purchases among customers with 1+)
            concept: repeat
            formula: ratio(count(customers where purchases_to_date >= 2), count(customers where purchases_to_date >= 1))
            unit: percent
            target: 0.4
            thresholds: { green: 0.4, yellow: 0.25 }
            weight: 30
          first_success_rate:
            label: Recent contacts with a first purchase
            concept: onboarding
            formula: ratio(count(customers where recent_contact and first_purchase is not null), count(customers where recent_contact))
            unit: percent
            target: 0.5
            thresholds: { green: 0.5, yellow: 0.3 }
            weight: 20
          days_to_first_purchase:
            label: Days from first contact to first purchase (median)
            concept: onboarding
            formula: median(days_to_first_purchase where first_purchase in period)
            unit: days
            direction: lower
            target: 14
            thresholds: { green: 14, yellow: 30 }
            weight: 10
          ltv:
            label: LTV (purchases per customer, so far)
            concept: ltv
            formula: avg(revenue_to_date where purchases_to_date >= 1)
            unit: money
            target: 50000
            thresholds: { green: 50000, yellow: 30000 }
            weight: 20
          avg_survey_score:
            label: Satisfaction after the first purchase (0-10)
            concept: satisfaction
            formula: avg(survey_score where first_purchase is not null)
            unit: score
            target: 8
            thresholds: { green: 8, yellow: 6.5 }
            weight: 20
          # unweighted metrics are reported, not scored: context for the ones above
          new_customers:
            label: New customers (first purchase in the period)
            concept: acquisition
            formula: count(customers where first_purchase in period)
            unit: count
          repeat_customers_in_period:
            label: Customers buying again in the period
            concept: repeat
            formula: count(customers where purchases_in_period > 0 and purchases_to_date >= 2)
            unit: count
          revenue:
            label: Revenue
            concept: revenue
            formula: sum(purchases.amount where purchase_date in period)
            unit: money
          referral_share:
            label: New customers who came by referral
            concept: acquisition
            formula: ratio(count(customers where via_referral and first_purchase in period), count(customers where first_purchase in period))
            unit: percent

        health:                         # a 0..100 score per customer
          source: customers
          components:
            first_success:
              label: Days from first contact to first purchase
              value: days_to_first_purchase
              scale: { 7: 100, 21: 70, 45: 30, 90: 0 }
              weight: 25
            recency:
              label: Days since the last purchase
              value: days_since_last
              scale: { 30: 100, 90: 60, 180: 20, 365: 0 }
              weight: 30
            repeat:
              label: Purchases so far
              value: purchases_to_date
              scale: { 0: 0, 1: 40, 2: 75, 4: 100 }
              weight: 30
            satisfaction:
              label: Survey score after the first purchase
              value: survey_score
              scale: { 0: 0, 6: 40, 8: 75, 10: 100 }
              weight: 15
          # A missing value here means "has not happened yet" (no purchase, no answer):
          # exactly the risk the score must show, so it counts as 0.
          missing: zero
          bands: { green: 65, yellow: 35 }

        signals:                        # which customers need an action, and which action
          quote_requested:
            label: Asked for a quote
            kind: reactive              # the customer contacted us
            when: quote_requests > 0
            action: Send the quote within one business day, with the flow until first use.
          first_purchase_follow_up:
            label: First purchase done, no survey answer
            kind: proactive             # signs of a future event
            when: purchases_in_period > 0 and purchases_to_date == 1 and survey_score is null
            action: Thank-you mail with the short survey (why us, what was painful).
          one_and_done_risk:
            label: One purchase, no second by day 45
            kind: predictive            # "this kind of customer, at this moment, will do this"
            # rule: a business customer that has not come back 45-75 days after its only
            # purchase rarely returns unless we show up before its next need.
            when: purchases_to_date == 1 and days_since_last between 45 and 75 and not individuals
            action: Timed mail with a case from the same industry and a one-click re-order.

        """
}
