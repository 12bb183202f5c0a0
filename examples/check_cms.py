#!/usr/bin/env python3
"""Independent pandas computation of product `cms` (cms.yaml <- saas-core.yaml <- cs-common.yaml)
following ../shared/dsl.md. Written from the contract and the definitions only, not from
the engine: the independent reference of Tests/KPIEngineTests/Evaluate/ExampleDataTests.swift.
Needs pandas and numpy.

usage: check_cms.py [PERIOD=2026-10] [--empty-sum zero|null] [--groups nested|flat] [--engine FILE.json]
  --empty-sum : value of sum() over zero (non-null) rows. dsl.md only says "aggregates skip nulls";
                SQL-style reading -> null, KPIKit -> 0 (docs/language.md).
  --groups    : nested = group score is the weighted mean of its non-null components, then the
                weighted mean of the groups that have a score (renormalize at both levels);
                flat = each component gets group_w * comp_w / sum(comp_w in group), then one
                renormalized weighted mean over the non-null components.
"""
import argparse, json, math, os, sys
from datetime import date
import pandas as pd
import numpy as np

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")

ap = argparse.ArgumentParser()
ap.add_argument("period", nargs="?", default="2026-10")
ap.add_argument("--empty-sum", choices=["zero", "null"], default="null")
ap.add_argument("--groups", choices=["nested", "flat"], default="nested")
ap.add_argument("--engine", default=None)
ap.add_argument("--dump", default=None, help="write per-account health CSV here")
args = ap.parse_args()

# ---------------------------------------------------------------- period (month only here)
y, m = map(int, args.period.split("-"))
P0 = pd.Timestamp(y, m, 1)
P1 = pd.Timestamp(y + (m == 12), m % 12 + 1, 1)          # exclusive


def months_between(a, b):
    """whole months from a to b (elementwise, NaT -> NaN)."""
    a = pd.to_datetime(a); b = pd.to_datetime(b)
    if isinstance(b, pd.Timestamp):
        b = pd.Series(b, index=a.index)
    if isinstance(a, pd.Timestamp):
        a = pd.Series(a, index=b.index)
    mm = (b.dt.year - a.dt.year) * 12 + (b.dt.month - a.dt.month)
    fwd = mm - (b.dt.day < a.dt.day).astype(float) * (mm > 0)
    bwd = mm + (b.dt.day > a.dt.day).astype(float) * (mm < 0)
    out = np.where(mm >= 0, fwd, bwd).astype(float)
    out[(a.isna() | b.isna()).values] = np.nan
    return pd.Series(out, index=a.index)


def days_between(a, b):
    return (pd.to_datetime(b) - pd.to_datetime(a)).dt.days if not isinstance(a, pd.Timestamp) \
        else (pd.to_datetime(b) - a).dt.days


# three-valued logic helpers: booleans as pandas "boolean" (True/False/<NA>)
def B(s):
    return s.astype("boolean")


def cmp(s, op, v):
    """comparison with null -> null"""
    r = getattr(s, op)(v)
    r = B(r)
    r[s.isna()] = pd.NA
    return r


def T(s):  # where keeps only rows where predicate is true
    return s.fillna(False).astype(bool)


# ---------------------------------------------------------------- sources
dates = dict(parse_dates=False)
acc = pd.read_csv(f"{DATA}/accounts.csv", dtype=str, keep_default_na=False, na_values=[""])
acc = acc[acc["product"] == "cms"].copy()
for c in ["signup_date", "onboarded_date", "churned_date", "kickoff_date"]:
    acc[c] = pd.to_datetime(acc[c])
for c in ["mrr", "logins_30d", "features_used", "nps_score", "lead_goal_monthly"]:
    acc[c] = pd.to_numeric(acc[c]).astype("Float64")
acc = acc.set_index("account_id", drop=False)

tk = pd.read_csv(f"{DATA}/tickets.csv", dtype=str, keep_default_na=False, na_values=[""])
tk = tk[tk["product"] == "cms"].copy()
tk["opened_date"] = pd.to_datetime(tk["opened_date"]); tk["closed_date"] = pd.to_datetime(tk["closed_date"])
ex = pd.read_csv(f"{DATA}/expansions.csv", dtype=str, keep_default_na=False, na_values=[""])
ex = ex[ex["product"] == "cms"].copy()
ex["ordered_date"] = pd.to_datetime(ex["ordered_date"]); ex["amount"] = pd.to_numeric(ex["amount"])
dl = pd.read_csv(f"{DATA}/deliveries.csv", dtype=str, keep_default_na=False, na_values=[""])
for c in ["due_date", "delivered_date", "training_date"]:
    dl[c] = pd.to_datetime(dl[c])
ss = pd.read_csv(f"{DATA}/site_stats.csv", dtype=str, keep_default_na=False, na_values=[""])
ss["stat_month"] = pd.to_datetime(ss["stat_month"])
for c in ["sessions", "inquiries", "qualified_leads"]:
    ss[c] = pd.to_numeric(ss[c])


def in_period(s):
    r = B((s >= P0) & (s < P1)); r[s.isna()] = pd.NA; return r


def child_count(child, mask):
    return child[T(mask)].groupby("account_id").size().reindex(acc.index, fill_value=0)


def child_sum(child, col, mask):
    sub = child[T(mask) & child[col].notna()]
    g = sub.groupby("account_id")[col].sum().reindex(acc.index)
    if args.empty_sum == "zero":
        g = g.fillna(0)
    return g.astype("Float64")


def child_min(child, col, mask):
    sub = child[T(mask) & child[col].notna()]
    return sub.groupby("account_id")[col].min().reindex(acc.index)


def sum_metric(s):
    s = s.dropna()
    if len(s) == 0:
        return 0.0 if args.empty_sum == "zero" else None
    return float(s.sum())


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


# ---------------------------------------------------------------- derived (accounts)
a = acc
sd, cd = a.signup_date, a.churned_date
a["active"] = (sd < P1) & (cd.isna() | (cd >= P0))
a["active_at_start"] = (sd < P0) & (cd.isna() | (cd >= P0))
a["current"] = (sd < P1) & (cd.isna() | (cd >= P1))
a["active_year_ago"] = (days_between(sd, P1) >= 365) & (cd.isna() | (days_between(cd, P1) < 365))
a["tenure_days"] = days_between(sd, P1)
a["lifetime_months"] = months_between(sd, cd.fillna(P1))
# cms overrides
a["onboarded"] = a.kickoff_date.notna() & (a.kickoff_date < P1)
# children
a["open_tickets"] = child_count(tk, (tk.opened_date < P1) & (tk.closed_date.isna() | (tk.closed_date >= P1)))
a["cancel_notices"] = child_count(tk, (tk.topic == "cancellation") & in_period(tk.opened_date))
a["addon_requests"] = child_count(tk, (tk.topic == "addon") & in_period(tk.opened_date))
a["expansions_12m"] = child_count(ex, (ex.ordered_date < P1) & (days_between(ex.ordered_date, P1) <= 365))
a["launch_date"] = child_min(dl, "delivered_date", B(dl.project == "initial_build") & cmp(dl.delivered_date, "__lt__", P1))
a["launched"] = a.launch_date.notna()
kd = days_between(a.launch_date, a.kickoff_date).clip(lower=0)
a["kickoff_days"] = kd.where(a.launch_date.notna() & a.kickoff_date.notna())
a["overdue_deliveries"] = child_count(dl, dl.delivered_date.isna() & (dl.due_date < P1))
a["leads_in_period"] = child_sum(ss, "qualified_leads", in_period(ss.stat_month))
a["inquiries_in_period"] = child_sum(ss, "inquiries", in_period(ss.stat_month))
period_months = (P1.year - P0.year) * 12 + (P1.month - P0.month)  # months_between(period.start, period.end)
g = a.lead_goal_monthly
a["outcome_ratio"] = (a.leads_in_period / (g * period_months)).where(g > 0)   # if(goal > 0, ..., null); null cond -> null
a["outcome_ratio"] = a["outcome_ratio"].astype("Float64")
a["outcome_met"] = cmp(a.outcome_ratio, "__ge__", 1)
a["adopted"] = B(a.onboarded) & cmp(a.outcome_ratio, "__ge__", 0.5)   # Kleene and: False & NA = False
act = T(B(a.active))

# ---------------------------------------------------------------- metrics
M = {}
M["active_customers"] = int(act.sum())
M["new_customers"] = int(T(in_period(a.signup_date)).sum())
M["churn_rate"] = ratio(int((a.active_at_start & T(in_period(cd))).sum()), int(a.active_at_start.sum()))
M["retention_rate"] = ratio(int((a.active_year_ago & (cd.isna() | (cd >= P1))).sum()), int(a.active_year_ago.sum()))
M["arpa"] = float(a.mrr[act].dropna().mean()) if act.any() else None
M["avg_lifetime_months"] = float(a.lifetime_months[sd < P1].dropna().mean())
M["ltv"] = M["arpa"] * M["avg_lifetime_months"]
M["adoption_rate"] = ratio(int((act & T(a.adopted)).sum()), int((act & a.onboarded).sum()))
M["upsell_revenue"] = sum_metric(ex.amount[(ex.kind == "upsell") & T(in_period(ex.ordered_date))])
M["upsell_count"] = int(((ex.kind == "upsell") & T(in_period(ex.ordered_date))).sum())
M["crosssell_revenue"] = sum_metric(ex.amount[(ex.kind == "crosssell") & T(in_period(ex.ordered_date))])
M["crosssell_count"] = int(((ex.kind == "crosssell") & T(in_period(ex.ordered_date))).sum())
M["expanding_accounts"] = int(ex.account_id[T(in_period(ex.ordered_date))].nunique())
resp = act & a.nps_score.notna()
prom = int((resp & T(cmp(a.nps_score, "__ge__", 9))).sum()); det = int((resp & T(cmp(a.nps_score, "__le__", 6))).sum())
r = ratio(prom - det, int(resp.sum()))
M["nps"] = None if r is None else 100 * r
M["nps_response_rate"] = ratio(int(resp.sum()), M["active_customers"])
M["tickets_per_account"] = ratio(int(T(in_period(tk.opened_date)).sum()), M["active_customers"])
M["outcome_rate"] = ratio(int((act & T(a.outcome_met)).sum()), int((act & a.outcome_ratio.notna()).sum()))
ssp = T(in_period(ss.stat_month))
M["total_qualified_leads"] = sum_metric(ss.qualified_leads[ssp])
M["lead_conversion"] = ratio(sum_metric(ss.qualified_leads[ssp]), sum_metric(ss.sessions[ssp]))
M["goal_coverage"] = ratio(int((act & a.lead_goal_monthly.notna() & a.leads_in_period.notna()).sum()), M["active_customers"])
due = T(in_period(dl.due_date))
M["on_time_delivery_rate"] = ratio(int((due & dl.delivered_date.notna() & (dl.delivered_date <= dl.due_date)).sum()), int(due.sum()))
ib = (dl.project == "initial_build") & T(in_period(dl.delivered_date))
M["training_completion"] = ratio(int((ib & dl.training_date.notna()).sum()), int(ib.sum()))
M["kickoff_rate"] = ratio(int((act & a.onboarded).sum()), M["active_customers"])
kp = T(in_period(a.kickoff_date))
M["kickoff_within_14d"] = ratio(int((kp & T(cmp(a.kickoff_days, "__le__", 14))).sum()), int(kp.sum()))
sc = [M["active_customers"], M["kickoff_rate"], M["adoption_rate"]]
M["successful_customers"] = None if any(v is None for v in sc) else sc[0] * sc[1] * sc[2]

# targets / thresholds / weights after the merge (product overrides on top of saas-core)
SPEC = {  # id: (direction, target, green, yellow, weight)
    "churn_rate": ("lower", 0.005, 0.005, 0.01, 5),
    "retention_rate": ("higher", 0.95, 0.95, 0.9, 5),
    "adoption_rate": ("higher", 0.75, 0.75, 0.55, None),
    "upsell_revenue": ("higher", 3000000, 3000000, 1500000, 15),
    "upsell_count": ("higher", 5, 5, 3, 5),
    "crosssell_revenue": ("higher", 1000000, 1000000, 500000, 15),
    "crosssell_count": ("higher", 3, 3, 1, 5),
    "nps": ("higher", 20, 20, 0, 5),
    "outcome_rate": ("higher", 0.6, 0.6, 0.4, 30),
    "goal_coverage": ("higher", 0.9, 0.9, 0.7, None),
    "on_time_delivery_rate": ("higher", 0.9, 0.9, 0.75, 10),
    "kickoff_within_14d": ("higher", 0.8, 0.8, 0.6, 5),
}
STATUS, SCORE = {}, {}
for k, (d, t, gr, ye, w) in SPEC.items():
    v = M[k]
    if v is None:
        STATUS[k], SCORE[k] = "no-data", None; continue
    if d == "higher":
        STATUS[k] = "green" if v >= gr else "yellow" if v >= ye else "red"
        SCORE[k] = min(100.0, 100.0 * v / t)
    else:
        STATUS[k] = "green" if v <= gr else "yellow" if v <= ye else "red"
        SCORE[k] = 100.0 if v <= t else 100.0 * t / v
tw = sum(s[4] for s in SPEC.values() if s[4]); num = den = 0.0
for k, s in SPEC.items():
    if s[4] and SCORE[k] is not None:
        num += s[4] * SCORE[k]; den += s[4]
scorecard = {"score": num / den if den else None, "coverage": den / tw}

# ---------------------------------------------------------------- health
def scale(v, pts):
    pts = sorted(pts.items())
    xs = np.array([p[0] for p in pts], float); ys = np.array([p[1] for p in pts], float)
    out = np.interp(v.astype(float).to_numpy(na_value=np.nan), xs, ys)   # clamps at both ends
    return pd.Series(out, index=v.index).where(v.notna())

comp = pd.DataFrame(index=a.index)
comp["engagement"] = scale(a.logins_30d, {0: 0, 4: 40, 12: 80, 20: 100})
comp["adoption"] = scale(a.features_used, {0: 0, 5: 60, 10: 100})
comp["onboarding"] = np.where(a.onboarded, 100.0, np.where(a.overdue_deliveries > 0, 0.0, 50.0))
comp["satisfaction"] = scale(a.nps_score, {0: 0, 6: 30, 8: 70, 10: 100})
comp["support"] = scale(a.open_tickets.astype("Float64"), {0: 100, 2: 60, 5: 0})
comp["lead_goal"] = scale(a.outcome_ratio, {0: 0, 0.5: 40, 1: 90, 1.5: 100})
comp["expansion"] = np.where(a.expansions_12m > 0, 100.0, 0.0)
CW = {"onboarding": 1, "lead_goal": 3, "expansion": 1, "satisfaction": 20, "support": 10, "engagement": 25, "adoption": 25}
GROUPS = {"outcome": (45, ["lead_goal", "expansion"]), "relationship": (25, ["satisfaction", "support"]),
          "usage": (15, ["engagement", "adoption"]), "handover": (15, ["onboarding"])}


def wmean(df, w):
    W = pd.DataFrame({c: np.where(df[c].notna(), w[c], 0.0) for c in df}, index=df.index)
    num = (df.fillna(0) * W).sum(axis=1); den = W.sum(axis=1)
    return (num / den).where(den > 0)

if args.groups == "nested":
    gs = pd.DataFrame({gname: wmean(comp[cs], CW) for gname, (gw, cs) in GROUPS.items()})
    score = wmean(gs, {g: gw for g, (gw, _) in GROUPS.items()})
else:
    eff = {c: gw * CW[c] / sum(CW[x] for x in cs) for g, (gw, cs) in GROUPS.items() for c in cs}
    score = wmean(comp, eff)
band = pd.Series(np.where(score >= 70, "green", np.where(score >= 40, "yellow", "red")), index=a.index).where(score.notna())
health = {"bands": {b: int((band == b).sum()) for b in ["green", "yellow", "red"]},
          "no_data": int(score.isna().sum()), "mean": float(score.mean())}

# ---------------------------------------------------------------- signals
red = T(B(band == "red"))
SIG = {
    "cancellation_notice": a.cancel_notices > 0,
    "addon_request": a.addon_requests > 0,
    "red_and_silent": a.current & red & (a.logins_30d < 4),
    "overdue_delivery": a.overdue_deliveries > 0,
    "upsell_ready": a.current & (a.tenure_days >= 365) & T(a.outcome_met) & (a.expansions_12m == 0),
    "outcome_gap": a.current & a.onboarded & T(cmp(a.outcome_ratio, "__lt__", 0.3)),
    "no_kickoff_after_launch": a.launched & a.kickoff_date.isna() & T(cmp(days_between(a.launch_date, P1), "__ge__", 30)) & (a.logins_30d < 5),
    "ma_crosssell_fit": a.current & (a.tenure_days >= 180) & T(cmp(a.inquiries_in_period, "__ge__", 20))
        & T(B(a.leads_in_period * 3 < a.inquiries_in_period).where(a.leads_in_period.notna() & a.inquiries_in_period.notna(), pd.NA))
        & T(cmp(a.outcome_ratio, "__lt__", 1)),
}
SIG = {k: sorted(a.index[T(B(v))]) for k, v in SIG.items()}

if args.dump:
    out = comp.copy(); out["score"] = score; out["band"] = band
    for c in ["leads_in_period", "outcome_ratio", "overdue_deliveries", "expansions_12m", "open_tickets", "onboarded", "launch_date"]:
        out[c] = a[c]
    out.to_csv(args.dump)

# ---------------------------------------------------------------- report / compare
print(f"period {P0.date()}..{P1.date()} (end exclusive)  empty-sum={args.empty_sum} groups={args.groups}")
eng = json.load(open(args.engine)) if args.engine else None


def close(x, y):
    if x is None or y is None:
        return x is None and y is None
    return math.isclose(float(x), float(y), rel_tol=1e-9, abs_tol=1e-9)

diffs = 0
print(f"{'metric':24s} {'pandas':>22s} {'engine':>22s}  status/score")
for k, v in M.items():
    e = eng["metrics"][k] if eng else None
    ev = e["value"] if e else None
    flag = "" if not eng else ("ok" if close(v, ev) else "DIFF")
    diffs += flag == "DIFF"
    st = ""
    if k in SPEC:
        st = f"{STATUS[k]}/{SCORE[k]}"
        if eng:
            if e["status"] != STATUS[k] or not close(e["score"], SCORE[k]):
                st += f"  DIFF engine {e['status']}/{e['score']}"
                diffs += 1
    print(f"{k:24s} {v!s:>22s} {ev!s:>22s} {flag:4s} {st}")
print("scorecard", scorecard, "engine", eng and eng["scorecard"])
if eng and not (close(scorecard["score"], eng["scorecard"]["score"]) and close(scorecard["coverage"], eng["scorecard"]["coverage"])):
    print("DIFF scorecard"); diffs += 1
print("health   ", health, "\nengine   ", eng and eng["health"])
if eng and (health["bands"] != {b: eng["health"]["bands"][b] for b in health["bands"]} or not close(health["mean"], eng["health"]["mean"])):
    print("DIFF health"); diffs += 1
for k, v in SIG.items():
    if eng:
        ek = sorted(eng["signals"][k]["keys"])
        diffs += ek != v
        print(f"signal {k:24s} pandas {len(v):4d} engine {len(ek):4d} {'ok' if ek == v else 'DIFF only-pandas=' + str(sorted(set(v)-set(ek))[:8]) + ' only-engine=' + str(sorted(set(ek)-set(v))[:8])}")
    else:
        print(f"signal {k:24s} {len(v)}")

if eng:
    print(f"{diffs} difference(s)")
    sys.exit(1 if diffs else 0)
