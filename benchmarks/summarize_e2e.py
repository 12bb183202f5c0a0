#!/usr/bin/env python3
"""Summarise run.sh's whole-process measurements as one table.

usage: summarize_e2e.py RESULTS... [--markdown]

RESULTS has one line per process run: `FILE ENGINE SECONDS CPU_SECONDS MAX_RSS_KIB ROWS`.
Prints, per file, the median elapsed time, CPU time (user + system) and peak memory of
each engine and its ratio to kpi's (time / kpi > 1: slower than kpi; < 1: faster), plus
elapsed time per row and the best (least) elapsed time: on a shared machine other work
only ever adds time, so the best run is the closest to an idle machine's. Several files
(runs of run.sh kept with KPI_BENCH_RESULTS) are pooled.
"""
import statistics
import sys
from collections import OrderedDict

ENGINES = ["kpi", "polars", "duckdb", "pandas"]


def load(paths):
    runs = OrderedDict()
    for path in paths:
        with open(path) as f:
            for line in f:
                if not line.strip():
                    continue
                file, engine, seconds, cpu, kib, rows = line.split()
                entry = runs.setdefault(file, {"rows": int(rows), "engines": OrderedDict()})
                entry["engines"].setdefault(engine, []).append((float(seconds), float(cpu), int(kib)))
    return runs


def rows_text(n):
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else (
        f"{n // 1000}k" if n % 1000 == 0 else str(n))


def main():
    paths = [a for a in sys.argv[1:] if not a.startswith("--")]
    markdown = "--markdown" in sys.argv[1:]
    header = ["rows", "engine", "time s", "time / kpi", "ns/row", "best s", "cpu s", "peak MiB", "mem / kpi", "runs"]
    table = []
    for file, entry in load(paths).items():
        engines = entry["engines"]
        med = {e: (statistics.median(s for s, _, _ in v), min(s for s, _, _ in v),
                   statistics.median(c for _, c, _ in v), statistics.median(k for _, _, k in v) / 1024, len(v))
               for e, v in engines.items()}
        kpi_t, _, _, kpi_m, _ = med.get("kpi", (float("nan"),) * 4 + (0,))
        for engine in [e for e in ENGINES if e in med] + [e for e in med if e not in ENGINES]:
            t, best, c, m, n = med[engine]
            table.append([rows_text(entry["rows"]), engine, f"{t:.3f}", f"{t / kpi_t:.2f}",
                          f"{t * 1e9 / entry['rows']:.0f}", f"{best:.3f}", f"{c:.2f}", f"{m:.0f}",
                          f"{m / kpi_m:.2f}", str(n)])
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join("---" for _ in header) + "|")
        for r in table:
            print("| " + " | ".join(r) + " |")
        return
    widths = [max(len(x) for x in col) for col in zip(header, *table)]
    fmt = lambda r: "  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
    print(fmt(header))
    print("  ".join("-" * w for w in widths))
    previous = None
    for r in table:
        if previous is not None and r[0] != previous:
            print()
        print(fmt(r))
        previous = r[0]


if __name__ == "__main__":
    main()
