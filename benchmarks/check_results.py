#!/usr/bin/env python3
"""Compare `kpi evaluate --all --format json` on the peer workload with DuckDB.

usage: check_results.py KPI_JSON CSV

DuckDB runs shared/bench/kpi_workload.sql on the same CSV (the reference the peers agree
on; see shared/bench/verify.py). Counts and money sums must be equal; rates and averages
within a relative 1e-12. Prints one line, `OK ...` or `MISMATCH ...` (then the
differences), and exits 0 or 1. Needs kpis.py on the path (run_e2e.py's folder).
"""
import json
import sys
from decimal import Decimal

import kpis

# kpi metric id -> the workload's result key (same names but for the health summary).
METRICS = ["accounts", "churn_rate", "onboarding_rate", "adoption_rate", "upsell_revenue",
           "crosssell_revenue", "repeat_rate", "avg_mrr", "avg_lifetime_months", "avg_ltv"]
EXACT = {"accounts", "upsell_revenue", "crosssell_revenue", "red", "yellow", "green"}
REL_TOL = 1e-12


def kpi_rows(path):
    """kpi's JSON -> {product: {result key: value}}; `bench-cms` is product `cms`."""
    with open(path) as f:
        doc = json.load(f, parse_float=Decimal)
    rows = {}
    for e in doc.get("products", [doc]):
        product = e["product"].removeprefix("bench-")
        row = {k: e["metrics"][k]["value"] for k in METRICS}
        health = e["health"] or {}
        bands = health.get("bands", {})
        row.update(avg_health=health.get("mean"), red=bands.get("red"),
                   yellow=bands.get("yellow"), green=bands.get("green"))
        rows[product] = row
    return rows


def differences(kpi, ref):
    """The (product, key, kpi value, DuckDB value) that do not agree."""
    out = []
    for r in ref:
        product = r["product"]
        mine = kpi.get(product)
        if mine is None:
            out.append((product, "(product)", None, "present"))
            continue
        for key in kpis.RESULT_KEYS[1:]:
            a, b = mine[key], r[key]
            if a is None or b is None:
                ok = a is None and b is None
            elif key in EXACT:
                ok = Decimal(a) == Decimal(b)
            else:
                a, b = float(a), float(b)
                ok = a == b or abs(a - b) <= REL_TOL * max(abs(a), abs(b))
            if not ok:
                out.append((product, key, mine[key], r[key]))
    extra = set(kpi) - {r["product"] for r in ref}
    out += [(p, "(product)", "present", None) for p in sorted(extra)]
    return out


def main():
    kpi_json, csv = sys.argv[1], sys.argv[2]
    ref = kpis.canon(kpis.duck_e2e_csv(kpis.duck_connect(), csv))
    kpi = kpi_rows(kpi_json)
    diffs = differences(kpi, ref)
    bands = " ".join(f"{r['product']}:{r['red']}/{r['yellow']}/{r['green']}" for r in ref)
    if not diffs:
        print(f"OK {csv}: {len(ref)} products x {len(kpis.RESULT_KEYS) - 1} results equal to DuckDB "
              f"(counts and sums exact, rates within {REL_TOL:g}); red/yellow/green {bands}")
        return 0
    print(f"MISMATCH {csv}: {len(diffs)} results differ from DuckDB")
    for product, key, a, b in diffs:
        rel = ""
        if a is not None and b is not None and key not in EXACT:
            x, y = float(a), float(b)
            rel = f" (relative difference {abs(x - y) / max(abs(x), abs(y)):.2g})"
        print(f"  {product}.{key}: kpi {a} vs duckdb {b}{rel}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
