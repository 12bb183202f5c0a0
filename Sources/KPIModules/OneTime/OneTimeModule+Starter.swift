extension OneTimeModule {
    /// The file `kpi new PRODUCT --model one-time` writes: a transaction log rolled up per
    /// customer, repeat use weighted where a subscription weights churn.
    static let starterTemplate = """
        # {{name}} — starting Customer Success KPIs (module: one-time).
        # No subscription: "churn" becomes "did they come back". The lifecycle is
        # application -> explanation -> first success -> retention -> repeat -> LTV.
        kpi: 1
        product: {{product}}
        name: {{name}}
        model: {{model}}
        module: one-time
        description: >
          Every use is a one-time transaction, so we weight repeat use, the time between
          purchases and the LTV customers build across their purchases.
        touch: { high: 0, low: 0.35, tech: 0.65 }

        sources:
          transactions:                 # the event log: one row per purchase
            key: transaction_id
            fields:
              transaction_id: string
              customer: string
              date: date
              amount: money[JPY]
          customers:                    # the log rolled up, one row per customer (all time)
            group: transactions by customer
            fields:
              first_purchase: min(date)
              last_purchase: max(date)
              purchases: count()

        derived:
          customers.purchase_gap_days: interpurchase_days(first_purchase, last_purchase, purchases)
          customers.days_since_last: days_between(last_purchase, period.end)

        metrics:
          new_customers:
            label: New customers
            concept: acquisition
            formula: count(customers where first_purchase in period)
            unit: count
          repeat_rate:
            label: Repeat rate (2+ purchases among customers with 1+, all time)
            concept: repeat
            formula: repeat_rate(purchases)
            unit: percent
            target: 0.4
            thresholds: { green: 0.4, yellow: 0.25 }
            weight: 40
          days_between_purchases:
            label: Days between purchases (median over repeat customers)
            concept: repeat
            formula: median(purchase_gap_days)
            unit: days
            direction: lower
          ltv:
            label: LTV (purchases per customer, all time)
            concept: ltv
            formula: ltv_per_customer(amount, customer)
            unit: money
            target: 100000
            thresholds: { green: 100000, yellow: 60000 }
            weight: 30
          revenue:
            label: Revenue
            concept: revenue
            formula: sum(transactions.amount where date in period)
            unit: money
            target: 1000000
            thresholds: { green: 1000000, yellow: 700000 }
            weight: 30

        health:
          source: customers
          components:
            recency:
              label: Days since the last purchase
              value: days_since_last
              scale: { 30: 100, 90: 60, 180: 20, 365: 0 }
              weight: 60
            repeat:
              label: Purchases so far
              value: purchases
              scale: { 1: 30, 2: 70, 4: 100 }
              weight: 40
          missing: renormalize
          bands: { green: 65, yellow: 35 }

        signals:
          due_again:
            label: Due for the next purchase
            kind: predictive
            # rule: repeat customers buy on their own cycle; past 1.5 times their usual gap
            # they are about to be lost.
            when: purchases >= 2 and days_since_last > 1.5 * purchase_gap_days
            action: Reminder with one-click re-order and what changed since their last purchase.

        """
}
