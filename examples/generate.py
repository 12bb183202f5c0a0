#!/usr/bin/env python3
"""Deterministic example data for the catalog in kpi-definitions/.

usage: python3 examples/generate.py [OUT_DIR]      (default: examples/data next to this file)

Writes one CSV per source, with exactly the field names and types the definitions
declare (header row; dates YYYY-MM-DD; money as integer yen; an empty field only in
a field declared with `?`; category values only from the declared lists):

  accounts.csv      saas-core `accounts` for cms and ma (column `product`; the columns
                    of the other product are empty)
  tickets.csv       saas-core `tickets`       (cms and ma)
  expansions.csv    saas-core `expansions`    (cms and ma: upsell / cross-sell orders)
  deliveries.csv    cms `deliveries`          (web production projects)
  site_stats.csv    cms `site_stats`          (monthly qualified leads per site)
  applications.csv  financing `applications`  (intake form and survey answers)
  transactions.csv  financing `transactions`  (the deal log; `customers` is grouped from it)

The export date is 2026-10-31, so `--period 2026-10` is the latest complete month.
Python standard library only; the same seed always gives byte-identical files.
"""
import csv
import datetime as dt
import math
import os
import random
import sys

SEED = 20261031
EXPORT = dt.date(2026, 10, 31)          # last day covered by every export
N_CMS, N_MA, N_FIN = 230, 260, 320


# ----------------------------------------------------------------------------- helpers
class Gen:
    """Small helpers over one random.Random, using only its stable primitives."""

    def __init__(self, seed):
        self.r = random.Random(seed)

    def uniform(self, a, b):
        return a + (b - a) * self.r.random()

    def int(self, a, b):                      # inclusive
        return a + int(self.r.random() * (b - a + 1))

    def chance(self, p):
        return self.r.random() < p

    def pick(self, items, weights=None):
        if weights is None:
            return items[int(self.r.random() * len(items))]
        x = self.r.random() * sum(weights)
        for item, w in zip(items, weights):
            x -= w
            if x < 0:
                return item
        return items[-1]

    def poisson(self, lam):
        # Knuth; lam is small everywhere here
        limit, k, p = math.exp(-lam), 0, 1.0
        while True:
            p *= self.r.random()
            if p <= limit:
                return k
            k += 1

    def date_between(self, a, b, growth=0.0):
        """A date in [a, b]; growth > 0 makes later dates more likely (a growing business)."""
        u = self.r.random()
        if growth:
            u = math.log1p(u * math.expm1(growth)) / growth
        return a + dt.timedelta(days=int(u * (b - a).days))


def d(x):
    return "" if x is None else x.isoformat()


def n(x):
    return "" if x is None else str(x)


def add(day, days):
    return day + dt.timedelta(days=days)


def month_start(day):
    return day.replace(day=1)


def next_month(day):
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    return len(rows)


# ----------------------------------------------------------------------------- names
JP_STEMS = ["さくら", "青葉", "東和", "北斗", "富士", "みなと", "ひかり", "大和", "丸山", "中央",
            "三河", "瀬戸内", "相模", "信州", "若葉", "朝日", "千代田", "高砂", "白鷺", "飛鳥"]
JP_KINDS = {
    "manufacturing": ["製作所", "精工", "工業", "電機", "化成"],
    "it": ["システムズ", "ソフト", "データ", "テクノロジー", "ネットワークス"],
    "services": ["コンサルティング", "企画", "サービス", "人材センター", "デザイン"],
    "retail": ["商店", "ストア", "商事", "食品", "堂"],
    "construction": ["工務店", "建設", "住建", "設備", "土木"],
    "wholesale": ["商事", "物産", "産業", "商会", "トレーディング"],
    "transport": ["運輸", "ロジスティクス", "急便", "物流", "運送"],
    "other": ["ホールディングス", "興産", "総研", "プランニング", "ラボ"],
}
EN_STEMS = ["Sakura", "Aoba", "Hokuto", "Fuji", "Minato", "Hikari", "Yamato", "Asahi", "Chiyoda", "Asuka"]
EN_KINDS = {
    "manufacturing": "Seiko", "it": "Systems", "services": "Consulting", "retail": "Foods",
    "construction": "Kensetsu", "wholesale": "Trading", "transport": "Logistics", "other": "Holdings",
}
SOLE_TRADES = {
    "construction": ["塗装", "電気工事", "内装", "設備工業"], "manufacturing": ["金型製作所", "木工所"],
    "wholesale": ["商店", "商会"], "it": ["システム開発", "ウェブ制作"], "services": ["デザイン事務所", "翻訳事務所", "写真スタジオ"],
    "transport": ["運送", "急便"], "other": ["企画", "事務所"],
}
SURNAMES = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"]


def company_name(g, industry, sole=False):
    if sole:
        return g.pick(SURNAMES) + g.pick(SOLE_TRADES[industry])
    if g.chance(0.1):   # some CRMs hold the romanised name; the comma needs CSV quoting
        return f"{g.pick(EN_STEMS)} {EN_KINDS[industry]} Co., Ltd."
    body = g.pick(JP_STEMS) + g.pick(JP_KINDS[industry])
    form = g.pick(["株式会社", "有限会社", "合同会社"], [8, 1.5, 0.5])
    return form + body if g.chance(0.5) else body + form


# ----------------------------------------------------------------------------- SaaS
ACC_HEADER = ["account_id", "company_name", "product", "segment", "touch_model", "industry",
              "signup_date", "onboarded_date", "churned_date", "mrr", "logins_30d",
              "features_used", "nps_score", "lead_goal_monthly", "kickoff_date",
              "setup_phases_done", "campaigns_30d", "self_run_campaigns_30d"]
SAAS_INDUSTRIES = ["manufacturing", "it", "services", "retail", "construction", "other"]
SAAS_IND_W = [30, 20, 20, 10, 12, 8]


def nps_answer(g, happy):
    """0..10 answer; happy in 0..1 shifts the distribution."""
    x = g.r.gauss(5.0 + 4.5 * happy, 1.8)
    return max(0, min(10, int(round(x))))


def gen_cms(g, ids):
    accounts, deliveries, stats, tickets, orders = [], [], [], [], []
    for _ in range(N_CMS):
        aid = next(ids)
        seg = g.pick(["smb", "mid", "ent"], [50, 35, 15])
        touch = "high" if seg != "smb" else g.pick(["high", "low", "tech"], [15, 65, 20])
        industry = g.pick(SAAS_INDUSTRIES, SAAS_IND_W)
        signup = g.date_between(dt.date(2019, 1, 7), dt.date(2026, 10, 20), growth=1.2)
        mrr = {"smb": g.int(30, 80), "mid": g.int(80, 250), "ent": g.int(250, 800)}[seg] * 1000
        fit = g.uniform(0.2, 1.6)             # how well the site performs for this customer

        # initial site build: due 60..120 days after signing, 80% on time
        due = add(signup, g.int(60, 120))
        slip = g.int(-12, 0) if g.chance(0.8) else g.int(1, 30)
        delivered = add(due, slip)
        if delivered > EXPORT:
            delivered = None
        # a few builds run badly late (still open well past the due date)
        if delivered is not None and due > dt.date(2026, 8, 15) and g.chance(0.25):
            delivered = None
        training = add(delivered, g.int(0, 7)) if delivered else None
        if training and training > EXPORT:
            training = None
        kickoff = None
        if delivered and g.chance(0.9):
            kickoff = add(delivered, g.int(2, 12) if g.chance(0.75) else g.int(15, 40))
            if kickoff > EXPORT:
                kickoff = None
        deliveries.append([None, aid, "initial_build", due, delivered, training])

        # churn is rare: switching means rebuilding the site
        churned = None
        if delivered and g.chance(0.012 * max(1, (EXPORT - signup).days / 365) * (1.6 - fit / 2)):
            churned = g.date_between(add(delivered, 180), add(EXPORT, 60))
            if churned <= add(delivered, 180):
                churned = None
        goal = None
        if kickoff and g.chance(0.82):
            goal = {"smb": g.int(4, 12), "mid": g.int(10, 30), "ent": g.int(20, 60)}[seg]
        live = churned is None or churned > EXPORT
        logins = (g.poisson(4 + 14 * fit / 1.6) if live and delivered else g.int(0, 2))
        features = max(0, min(15, int(round(g.r.gauss(3 + 6 * fit, 2))))) if delivered else g.int(0, 2)
        nps = nps_answer(g, fit / 1.6) if (delivered and g.chance(0.6)) else None
        accounts.append([aid, company_name(g, industry), "cms", seg, touch, industry, signup,
                         None, churned, mrr, logins, features, nps, goal, kickoff, None, None, None])

        # site figures, last 12 months, when analytics is connected
        if goal and kickoff and g.chance(0.88):
            m = max(month_start(kickoff), dt.date(2025, 11, 1))
            while m <= month_start(EXPORT) and (churned is None or m < churned):
                leads = g.poisson(goal * fit * g.uniform(0.7, 1.3))
                inquiries = leads + g.poisson(max(1.0, leads * g.uniform(0.5, 2.5)))
                sessions = int(inquiries * g.uniform(60, 200)) + g.int(200, 900)
                stats.append([None, aid, m, sessions, inquiries, leads])
                m = next_month(m)

        # expansions of the last 24 months; results make reinvestment likelier
        start = max(kickoff or signup, dt.date(2024, 11, 1))
        end = min(EXPORT, churned or EXPORT)
        span_years = max(0.0, (end - start).days / 365)
        for _ in range(g.poisson(span_years * 0.22 * fit)):
            day = g.date_between(start, end)
            amount = g.int(10, 150) * 10000
            orders.append([None, aid, "cms", "upsell", day, amount])
            if g.chance(0.6):   # most upsells are web production work
                due2 = add(day, g.int(30, 75))
                deliv2 = add(due2, g.int(-7, 0) if g.chance(0.85) else g.int(1, 20))
                deliveries.append([None, aid, g.pick(["page_expansion", "additional_site"], [3, 1]),
                                   due2, deliv2 if deliv2 <= EXPORT else None, None])
        for _ in range(g.poisson(span_years * 0.12 * fit)):
            orders.append([None, aid, "cms", "crosssell", g.date_between(start, end),
                           g.int(5, 60) * 10000])
        # site renewal every ~4 years
        if delivered and (EXPORT - delivered).days > 4 * 365 and g.chance(0.5):
            due3 = g.date_between(add(delivered, 4 * 365), add(EXPORT, 90))
            deliv3 = add(due3, g.int(-10, 15))
            deliveries.append([None, aid, "renewal", due3, deliv3 if deliv3 <= EXPORT else None,
                               add(deliv3, 3) if deliv3 <= add(EXPORT, -3) else None])

        tickets += gen_tickets(g, aid, "cms", signup, churned, rate=0.10)
    return accounts, deliveries, stats, tickets, orders


def gen_ma(g, ids):
    accounts, tickets, orders = [], [], []
    for _ in range(N_MA):
        aid = next(ids)
        seg = g.pick(["smb", "mid", "ent"], [65, 28, 7])
        touch = {"ent": "high", "mid": g.pick(["high", "low"], [1, 2]),
                 "smb": g.pick(["low", "tech"], [1, 3])}[seg]
        industry = g.pick(SAAS_INDUSTRIES, SAAS_IND_W)
        signup = g.date_between(dt.date(2021, 6, 1), dt.date(2026, 10, 25), growth=1.5)
        mrr = {"smb": g.int(10, 50), "mid": g.int(50, 150), "ent": g.int(150, 400)}[seg] * 1000
        drive = g.uniform(0.0, 1.0)           # how hard the customer pushes through setup
        if touch == "high":
            drive = min(1.0, drive + 0.2)

        # setup: one phase every 8..30 days depending on drive; 6 phases = onboarded
        pace = 8 + 22 * (1 - drive)
        tenure = (EXPORT - signup).days
        stall_at = 6 if g.chance(0.35 + 0.6 * drive) else g.int(1, 5)
        phases = min(stall_at, int(tenure / pace))
        onboarded = add(signup, int(6 * pace) + g.int(0, 10)) if phases == 6 else None
        if onboarded and onboarded > EXPORT:
            onboarded, phases = None, 5

        # churn: easy to leave, much likelier before onboarding completes
        churned = None
        p_churn = (0.10 if onboarded else 0.45) * min(1.0, tenure / 365) + 0.04
        if tenure > 60 and g.chance(p_churn):
            churned = g.date_between(add(signup, 60), add(EXPORT, 75))
            if churned <= EXPORT:             # setup stops at the cancellation
                phases = min(phases, int((churned - signup).days / pace))
                if onboarded and onboarded >= churned:
                    onboarded, phases = None, min(phases, 5)
        live = churned is None or churned > EXPORT

        self_share = g.uniform(0.25, 1.0) if onboarded else g.uniform(0.0, 0.4)
        if live:
            campaigns = g.poisson(2 + 14 * drive) if onboarded else g.poisson(1.0)
            logins = g.poisson(3 + 20 * drive)
        else:
            campaigns, logins = 0, g.int(0, 1)
        self_run = int(round(campaigns * self_share))
        if g.chance(0.04):                    # the connector missed this account
            campaigns = self_run = None
        features = max(0, min(15, int(round(g.r.gauss(2 + 8 * drive + (2 if onboarded else 0), 2)))))
        nps = nps_answer(g, 0.3 + 0.6 * drive) if g.chance(0.5) else None
        accounts.append([aid, company_name(g, industry), "ma", seg, touch, industry, signup,
                         onboarded, churned, mrr, logins, features, nps, None, None, phases,
                         campaigns, self_run])

        start = max(onboarded or add(EXPORT, 1), dt.date(2024, 11, 1))
        span_years = max(0.0, (min(EXPORT, churned or EXPORT) - start).days / 365)
        for _ in range(g.poisson(span_years * 0.35 * self_share)):
            orders.append([None, aid, "ma", "upsell", g.date_between(start, min(EXPORT, churned or EXPORT)),
                           g.int(5, 40) * 10000])
        for _ in range(g.poisson(span_years * 0.06)):
            orders.append([None, aid, "ma", "crosssell", g.date_between(start, min(EXPORT, churned or EXPORT)),
                           g.int(5, 30) * 10000])

        tickets += gen_tickets(g, aid, "ma", signup, churned, rate=0.13 if onboarded else 0.2)
    return accounts, tickets, orders


def gen_tickets(g, aid, product, signup, churned, rate):
    """Tickets of the last 12 months (the support desk keeps a year online)."""
    out = []
    start = max(signup, dt.date(2025, 11, 1))
    end = min(EXPORT, churned or EXPORT)
    months = max(0.0, (end - start).days / 30.4)
    for _ in range(g.poisson(months * rate)):
        opened = g.date_between(start, end)
        topic = g.pick(["question", "bug", "addon", "complaint"], [55, 22, 12, 11])
        closed = add(opened, g.int(0, 20)) if g.chance(0.93) else None
        out.append([None, aid, product, topic, opened, closed if closed and closed <= EXPORT else None])
    # the cancellation notice comes 30..90 days before the contract ends
    if churned:
        opened = add(churned, -g.int(30, 90))
        if dt.date(2025, 11, 1) <= opened <= EXPORT:
            out.append([None, aid, product, "cancellation", opened, add(opened, g.int(0, 5))
                        if add(opened, 5) <= EXPORT else None])
    return out


# ----------------------------------------------------------------------------- financing
APP_HEADER = ["customer_id", "company_name", "segment", "industry", "applied_date", "explained_date",
              "channel", "compared_with", "chose_us_for", "pain_point", "survey_score"]
TX_HEADER = ["transaction_id", "customer", "requested_date", "status", "funded_date",
             "invoice_amount", "fee"]
FIN_INDUSTRIES = ["construction", "manufacturing", "wholesale", "it", "services", "transport", "other"]


def gen_financing(g):
    apps, txs = [], []
    for i in range(1, N_FIN + 1):
        cid = f"F{i:05d}"
        seg = g.pick(["sole_proprietor", "small", "medium"], [35, 50, 15])
        industry = g.pick(FIN_INDUSTRIES, [22, 14, 14, 16, 16, 12, 6])
        applied = g.date_between(dt.date(2023, 1, 10), EXPORT, growth=1.3)
        channel = g.pick(["web_search", "referral", "accounting_firm", "web_ad", "seminar", "other"],
                         [30, 18, 14, 24, 6, 8])
        explained = add(applied, g.pick([0, 1, 2, 3, 5, 8], [2, 4, 3, 2, 1, 1])) if g.chance(0.9) else None
        if explained and explained > EXPORT:
            explained = None
        answered = explained is not None and g.chance(0.78)
        compared = g.pick(["none", "bank_loan", "other_factoring", "business_card", "several"],
                          [35, 25, 22, 8, 10]) if answered else None
        chose = g.pick(["speed", "online_only", "no_borrowing", "fee", "explanation", "other"],
                       [32, 20, 20, 10, 12, 6]) if answered else None
        pain = g.pick(["none", "documents", "screening_time", "fee", "unclear_flow", "other"],
                      [40, 22, 12, 12, 9, 5]) if answered else None

        # propensity to come back: referrals and "speed" choosers repeat, shoppers less
        loyal = 0.55 + (0.15 if channel in ("referral", "accounting_firm") else 0) \
            + (0.1 if chose == "speed" else 0) - (0.15 if compared not in (None, "none") else 0)
        deals = 0
        if explained and g.chance(0.78 if chose != "fee" else 0.65):
            day = add(explained, g.int(2, 12) if g.chance(0.6) else g.int(13, 60))
            cycle = g.int(25, 75)
            size = g.pick([1, 3, 8, 20], [3, 4, 2, 1]) * 100000
            while day <= EXPORT and len(txs) < 5000:
                status = g.pick(["funded", "declined", "cancelled"], [86, 9, 5])
                funded = min(EXPORT, add(day, g.int(0, 2))) if status == "funded" else None
                amount = int(size * g.uniform(0.5, 2.0)) // 1000 * 1000
                fee = int(amount * g.uniform(0.02, 0.09)) if status == "funded" else 0
                txs.append([None, cid, day, status, funded, amount, fee])
                if status == "funded":
                    deals += 1
                # come back? habits form after a few deals; a decline hurts
                if status == "funded":
                    keep = loyal + 0.15 * min(deals - 1, 2)
                else:
                    keep = 0.5 if deals == 0 else loyal * 0.6
                if not g.chance(keep):
                    break
                day = add(day, max(7, int(cycle * g.uniform(0.7, 1.3))))
        score = None
        if deals and g.chance(0.6):
            score = max(0, min(10, int(round(g.r.gauss(6.5 + (1 if deals > 1 else 0) - (1 if pain not in (None, "none") else 0), 1.7)))))
        apps.append([cid, company_name(g, industry, sole=(seg == "sole_proprietor")), seg, industry,
                     applied, explained, channel, compared, chose, pain, score])
    txs.sort(key=lambda t: (t[2], t[1]))
    for k, t in enumerate(txs, 1):
        t[0] = f"TX{k:06d}"
    return apps, txs


# ----------------------------------------------------------------------------- main
def number(rows, prefix, width=5):
    for k, r in enumerate(rows, 1):
        r[0] = f"{prefix}{k:0{width}d}"
    return rows


def fmt(row):
    return [d(x) if isinstance(x, dt.date) else n(x) for x in row]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
    os.makedirs(out, exist_ok=True)
    g = Gen(SEED)
    ids = (f"A{k:05d}" for k in range(1, 10 ** 5))
    cms_acc, deliveries, stats, cms_tk, cms_ord = gen_cms(g, ids)
    ma_acc, ma_tk, ma_ord = gen_ma(g, ids)
    apps, txs = gen_financing(g)

    tickets = number(sorted(cms_tk + ma_tk, key=lambda t: (t[4], t[1])), "TK", 5)
    orders = number(sorted(cms_ord + ma_ord, key=lambda o: (o[4], o[1])), "OR", 5)
    deliveries = number(sorted(deliveries, key=lambda x: (x[3], x[1])), "DL", 5)
    stats = number(sorted(stats, key=lambda s: (s[2], s[1])), "ST", 5)

    files = [
        ("accounts.csv", ACC_HEADER, cms_acc + ma_acc),
        ("tickets.csv", ["ticket_id", "account_id", "product", "topic", "opened_date", "closed_date"], tickets),
        ("expansions.csv", ["order_id", "account_id", "product", "kind", "ordered_date", "amount"], orders),
        ("deliveries.csv", ["delivery_id", "account_id", "project", "due_date", "delivered_date",
                            "training_date"], deliveries),
        ("site_stats.csv", ["stat_id", "account_id", "stat_month", "sessions", "inquiries",
                            "qualified_leads"], stats),
        ("applications.csv", APP_HEADER, apps),
        ("transactions.csv", TX_HEADER, txs),
    ]
    for name, header, rows in files:
        count = write(os.path.join(out, name), header, [fmt(r) for r in rows])
        print(f"{name:18s} {count:5d} rows")


if __name__ == "__main__":
    main()
