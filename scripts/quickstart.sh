#!/usr/bin/env bash
# Installs what KPIKit needs (libyaml), builds `kpi`, checks the catalog and evaluates
# every product on the bundled example data.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! pkg-config --exists yaml-0.1 2>/dev/null; then
    SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq libyaml-dev pkg-config
fi

swift build -c release --product kpi
KPI=.build/release/kpi
$KPI validate kpi-definitions
$KPI evaluate --all --catalog kpi-definitions \
    --data accounts=examples/data/accounts.csv \
    --data tickets=examples/data/tickets.csv \
    --data expansions=examples/data/expansions.csv \
    --data deliveries=examples/data/deliveries.csv \
    --data site_stats=examples/data/site_stats.csv \
    --data applications=examples/data/applications.csv \
    --data transactions=examples/data/transactions.csv \
    --period 2026-10 "$@"
