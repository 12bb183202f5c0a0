#!/usr/bin/env bash
# Times `kpi validate` on a generated catalog of many products (issue "Fast", part 3).
#
# usage: benchmarks/validate-catalog.sh [--products N] [--runs R] [--no-build]
#   --products N  products to generate (default 1000): copies of kpi-definitions/ma.yaml
#                 with the ids ma-1 ... ma-N, over the shipped cs-common and saas-core bases
#   --runs R      whole-process runs (default 11); prints each, then min, median and max
#   --no-build    use the kpi already in $KPI_BENCH_SCRATCH/release
#
# Environment: KPI_BENCH_SCRATCH (the build folder, default .build-bench),
# KPI_BENCH_DATA (where the catalog is written, default /tmp).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

PRODUCTS=1000
RUNS=11
BUILD=1
while (($#)); do
    case $1 in
        --products) PRODUCTS=${2:?--products needs a count}; shift ;;
        --runs) RUNS=${2:?--runs needs a count}; shift ;;
        --no-build) BUILD=0 ;;
        -h|--help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "validate-catalog.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

SCRATCH=${KPI_BENCH_SCRATCH:-.build-bench}
if ((BUILD)); then
    swift build -c release --scratch-path "$SCRATCH" --product kpi
fi
KPI=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/kpi
[[ -x $KPI ]] || { echo "validate-catalog.sh: $KPI is missing; run without --no-build" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "validate-catalog.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

CATALOG=${KPI_BENCH_DATA:-/tmp}/kpi-catalog-$PRODUCTS
rm -rf "$CATALOG"
mkdir -p "$CATALOG"
cp kpi-definitions/cs-common.yaml kpi-definitions/saas-core.yaml "$CATALOG/"
for ((i = 1; i <= PRODUCTS; i++)); do
    sed "s/^product: ma$/product: ma-$i/" kpi-definitions/ma.yaml > "$CATALOG/ma-$i.yaml"
done
"$KPI" validate "$CATALOG" | tail -1

echo "== kpi validate -q $CATALOG, $RUNS runs (elapsed s, CPU s)"
TIMES=()
for ((run = 1; run <= RUNS; run++)); do
    line=$( { /usr/bin/time -f "%e %U %S" "$KPI" validate -q "$CATALOG" > /dev/null; } 2>&1 | tail -1)
    read -r elapsed user system <<< "$line"
    cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')
    echo "  run $run: $elapsed s, CPU $cpu s"
    TIMES+=("$elapsed")
done
printf '%s\n' "${TIMES[@]}" | sort -n | awk '{ t[NR] = $1 } END {
    printf "min %.2f s, median %.2f s, max %.2f s over %d runs\n", t[1], t[int((NR + 1) / 2)], t[NR], NR }'
