#!/usr/bin/env bash
# Bulk import, measured in one run (docs/bench.md, "Bulk import"):
#
#   nsconnect import --mode upsert of N customers against the emulator at
#   --latency 100ms --concurrency 5, against the bound N × L / C (every
#   request waits the latency, C at a time), and against npm netsuite-rest
#   upserting M of the same rows one after another, as rows per second.
#
# Usage: bench/import.sh [N [M]]   (default 5000 and 500; the issue's run is
# 10000: a 200 s bound)
# Needs Go, Node.js and npm (npm ci in interop/ is run if needed).
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-5000}
node_rows=${2:-500}
latency_ms=100
concurrency=5

. bench/lib.sh
start_emulator --latency "${latency_ms}ms" --concurrency "$concurrency"

# The demo account's first subsidiary.
sub=$("$work/nsconnect" query "SELECT MIN(id) AS id FROM subsidiary" --output csv --quiet | tail -n1)
{
	echo "externalId,companyName,subsidiary.id"
	for i in $(seq 1 "$rows"); do echo "BENCH-$i,Bench Company $i,$sub"; done
} >"$work/ns.csv"
{
	echo "externalId,companyName,subsidiary.id"
	for i in $(seq 1 "$node_rows"); do echo "NODE-$i,Node Company $i,$sub"; done
} >"$work/node.csv"

start=$(date +%s.%N)
"$work/nsconnect" import --type customer --mode upsert --file "$work/ns.csv" --state "$work/import.db" --results "$work/results.csv" --quiet
end=$(date +%s.%N)
ns_time=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", e - s }')
upserted=$(grep -c ',upserted,' "$work/results.csv" || true)
node_out=$(node interop/bench/import-netsuite-rest.js "$conf" "$work/node.csv")
node_time=$(echo "$node_out" | json seconds)

awk -v n="$rows" -v t="$ns_time" -v l="$latency_ms" -v c="$concurrency" -v nn="$node_rows" -v nt="$node_time" -v up="$upserted" 'BEGIN {
	bound = n * l / 1000 / c
	printf "nsconnect import: %d rows (%d upserted) in %.1fs, %.1f rows/s; bound %.1fs: %.2f of the bound'"'"'s speed (target >= 0.90)\n", n, up, t, n / t, bound, bound / t
	printf "netsuite-rest, one row after another: %d rows in %.1fs, %.1f rows/s: nsconnect is %.2fx faster (target >= 4)\n", nn, nt, nn / nt, (n / t) / (nn / nt)
}'
