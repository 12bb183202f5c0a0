#!/usr/bin/env bash
# Whole-process benchmark of `kpi evaluate --all` against Polars, DuckDB and pandas on
# the peer workload (shared/bench), plus kpi-bench's in-process split and a correctness
# check against DuckDB. Figures and how to read them: docs/performance.md.
#
# usage: benchmarks/run.sh [--10m] [--rounds N] [--no-build]
#   --10m       also the 10M-row file (720 MB; generated on first use)
#   --rounds N  interleaved rounds per file (default 5); each figure is the median
#   --no-build  use the binaries already in $KPI_BENCH_SCRATCH/release
# environment:
#   KPI_BENCH_PYTHON   a Python with numpy, pyarrow, polars, duckdb, pandas
#                      (default /work/.venv-bench/bin/python, else python3)
#   KPI_BENCH_SHARED   the peer workload folder (default ../shared/bench beside the repo)
#   KPI_BENCH_DATA     where accounts_100k.csv etc. live or are generated (default /tmp)
#   KPI_BENCH_SCRATCH  the build folder (default .build-bench)
#   KPI_BENCH_RESULTS  keep the raw whole-process samples in this file (pool several
#                      with benchmarks/summarize_e2e.py FILE...)

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

ROUNDS=5
WITH_10M=0
BUILD=1
while (($#)); do
    case $1 in
        --10m) WITH_10M=1 ;;
        --rounds) ROUNDS=${2:?--rounds needs a count}; shift ;;
        --no-build) BUILD=0 ;;
        -h|--help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

PY=${KPI_BENCH_PYTHON:-}
if [[ -z $PY ]]; then
    if [[ -x /work/.venv-bench/bin/python ]]; then PY=/work/.venv-bench/bin/python; else PY=python3; fi
fi
SHARED=${KPI_BENCH_SHARED:-$ROOT/../shared/bench}
SHARED=$(cd "$SHARED" && pwd)
DATA=${KPI_BENCH_DATA:-/tmp}
SCRATCH=${KPI_BENCH_SCRATCH:-.build-bench}
CATALOG=$ROOT/benchmarks/definitions
PERIOD=2026-10
TIME=/usr/bin/time

[[ -x $TIME ]] || { echo "run.sh: $TIME is missing (apt-get install time)" >&2; exit 1; }
"$PY" -c 'import polars, duckdb, pandas, pyarrow, numpy' 2>/dev/null || {
    echo "run.sh: $PY lacks the peers; make a venv: python3 -m venv .venv-bench && .venv-bench/bin/pip install numpy pyarrow polars duckdb pandas" >&2
    exit 1
}

# MARK: - Build
if ((BUILD)); then
    echo "== building (release, $SCRATCH)"
    swift build -c release --scratch-path "$SCRATCH" --product kpi
    swift build -c release --scratch-path "$SCRATCH" --product kpi-bench
fi
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)
KPI=$BIN/kpi
KPI_BENCH=$BIN/kpi-bench
for binary in "$KPI" "$KPI_BENCH"; do
    [[ -x $binary ]] || { echo "run.sh: $binary is missing; run without --no-build" >&2; exit 1; }
    # --no-build with sources changed since: the figures would be of older code.
    newer=$(find "$ROOT/Sources" "$ROOT/benchmarks/kpi-bench" -name '*.swift' -newer "$binary" -print -quit)
    [[ -z $newer ]] || echo "run.sh: warning: $newer is newer than $binary; rebuild (run without --no-build)" >&2
done

# MARK: - Data
SIZES=("100k:100000" "1m:1000000")
((WITH_10M)) && SIZES+=("10m:10000000")
FILES=()
for size in "${SIZES[@]}"; do
    name=${size%%:*} rows=${size##*:}
    file=$DATA/accounts_$name.csv
    if [[ ! -s $file ]]; then
        echo "== generating $file ($rows rows)"
        "$PY" "$SHARED/gen_accounts.py" "$rows" "$DATA/accounts_$name"
    fi
    FILES+=("$file")
done

# MARK: - Machine
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "   kpi: $("$KPI" --version 2>/dev/null || echo "$KPI"); $("$PY" -c 'import polars, duckdb, pandas; print(f"polars {polars.__version__}, duckdb {duckdb.__version__}, pandas {pandas.__version__}")')"

# MARK: - Whole process, interleaved
RESULTS=$(mktemp)
SAMPLE=$(mktemp)
trap 'rm -f "$RESULTS" "$SAMPLE" "$SAMPLE.json"' EXIT

# One process, timed by /usr/bin/time (%e elapsed, %M max RSS KiB, %U + %S CPU seconds).
# %e has only 10 ms resolution, so the elapsed time is taken around it with nanosecond
# clock reads (adds ~1 ms of fork). CPU time is kept too: unlike elapsed time it barely
# moves when other processes compete for the cores.
measure() { # FILE ROWS ENGINE COMMAND...
    local file=$1 rows=$2 engine=$3; shift 3
    local start end
    start=$(date +%s%N)
    "$TIME" -f "%e %M %U %S" -o "$SAMPLE" "$@" > /dev/null
    end=$(date +%s%N)
    local elapsed kib user sys
    read -r elapsed kib user sys < <(tail -n 1 "$SAMPLE")
    echo "$file $engine $(awk -v ns=$((end - start)) -v u="$user" -v s="$sys" 'BEGIN { printf "%.4f %.2f", ns / 1e9, u + s }') $kib $rows" >> "$RESULTS"
}

for file in "${FILES[@]}"; do
    rows=$(($(wc -l < "$file") - 1))
    echo "== $file: $rows rows, $ROUNDS interleaved rounds"
    cat "$file" > /dev/null   # the page cache holds the file for every engine alike
    engines=(kpi polars duckdb pandas)
    for ((round = 0; round < ROUNDS; round++)); do
        # each round starts with the next engine, so that no engine always runs first
        for ((i = 0; i < ${#engines[@]}; i++)); do
            engine=${engines[(round + i) % ${#engines[@]}]}
            if [[ $engine == kpi ]]; then
                measure "$file" "$rows" kpi "$KPI" evaluate --all --catalog "$CATALOG" --data "accounts=$file" --period "$PERIOD" --format json --quiet
            else
                measure "$file" "$rows" "$engine" "$PY" "$SHARED/run_e2e.py" "$engine" "$file"
            fi
        done
    done
done

echo
echo "== whole process (median of $ROUNDS; time / kpi > 1 means slower than kpi; load average $(cut -d' ' -f1-3 /proc/loadavg))"
"$PY" "$ROOT/benchmarks/summarize_e2e.py" "$RESULTS"
if [[ -n ${KPI_BENCH_RESULTS:-} ]]; then cp "$RESULTS" "$KPI_BENCH_RESULTS"; fi

# MARK: - In process
echo
echo "== kpi in process (kpi-bench, median of $ROUNDS)"
"$KPI_BENCH" --catalog "$CATALOG" --period "$PERIOD" --repeat "$ROUNDS" "${FILES[@]}"

# MARK: - Correctness
echo
echo "== correctness (kpi JSON vs DuckDB on the same file)"
status=0
for file in "${FILES[@]}"; do
    "$KPI" evaluate --all --catalog "$CATALOG" --data "accounts=$file" --period "$PERIOD" --format json --quiet > "$SAMPLE.json"
    PYTHONPATH=$SHARED "$PY" "$ROOT/benchmarks/check_results.py" "$SAMPLE.json" "$file" || status=1
done
exit $status
