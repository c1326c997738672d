#!/usr/bin/env bash
# Reading at volume, measured in one run (docs/bench.md, "Reading at volume"):
#
#   1. nsconnect export of about 100,000 SuiteQL rows against the emulator at
#      --latency 100ms --concurrency 5, against the bound for P pages when the
#      first must come alone, (L + t) × (1 + ⌈(P − 1) / C⌉), t being the
#      emulator's own time per page measured from its request log in the same
#      run, and against npm netsuite-rest paging the same query one page after
#      another as its README shows;
#   2. nsconnect record list --all over about 20,000 customers (Records.ListIter)
#      against the same bound;
#   3. a 1,000,000-row export (keyset past SuiteQL's 100,000-row cap) and
#      nsconnect's peak RSS.
#
#   4. nsconnect watch: the first poll's backfill of ~100,000 sales orders
#      against the export of the same rows, and the delivery latency of a
#      change in steady state against the poll interval.
#
# Usage: bench/export.sh [quick|big|watch]   (quick: parts 1 and 2; big: part 3; watch: part 4)
# Needs Go, Node.js and npm (npm ci in interop/ is run if needed). Run from a
# clean clone; it takes about 5 minutes with part 3.
set -euo pipefail
cd "$(dirname "$0")/.."

latency_ms=100
concurrency=5
. bench/lib.sh

# page_time PATH_PART: the emulator's median time per request whose path
# contains PATH_PART, latency taken out, in seconds (from its debug log).
page_time() {
	grep 'msg=request' "$work/emulator.log" | grep "path=$1" | grep 'status=200' |
		sed -E 's/.*duration=([0-9.]+)(ms|s|µs).*/\1 \2/' |
		awk -v lat="$latency_ms" '{ v = $1; if ($2 == "s") v *= 1000; if ($2 == "µs") v /= 1000; print v - lat }' |
		sort -n | awk '{ a[NR] = $1 } END { m = a[int((NR + 1) / 2)]; if (m < 0) m = 0; printf "%.4f\n", m / 1000 }'
}

# bound PAGES T: (L + T) × (1 + ⌈(P − 1) / C⌉) in seconds.
bound() {
	awk -v p="$1" -v t="$2" -v l="$latency_ms" -v c="$concurrency" 'BEGIN { r = 1 + int((p - 1 + c - 1) / c); printf "%.3f\n", (l / 1000 + t) * r }'
}

# seconds CMD...: runs CMD, prints its wall time in seconds.
seconds() {
	local start end
	start=$(date +%s.%N)
	"$@" >/dev/null
	end=$(date +%s.%N)
	awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", e - s }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", a / b }'; }

if [ "${1:-}" != big ] && [ "${1:-}" != watch ]; then
echo "--- 1. export of ~100,000 SuiteQL rows at ${latency_ms}ms latency, concurrency $concurrency"
# 170,000 records make 99,977 transactions (sales orders scale with the data):
# one offset-paged read under SuiteQL's 100,000-row cap.
start_emulator --latency "${latency_ms}ms" --concurrency "$concurrency" --seed-records 170000
query="SELECT id, tranid, TO_CHAR(trandate, 'YYYY-MM-DD') AS trandate, foreigntotal FROM transaction ORDER BY id"
ns_time=$(seconds "$work/nsconnect" export --query "$query" --out "$work/ns.csv" --quiet)
rows=$(($(wc -l <"$work/ns.csv") - 1))
pages=$(((rows + 999) / 1000))
t_page=$(page_time /services/rest/query/v1/suiteql)
b=$(bound "$pages" "$t_page")
node_out=$(node interop/bench/export-netsuite-rest.js "$conf" "$query" "$work/node.csv")
node_time=$(echo "$node_out" | json seconds)
node_rows=$(echo "$node_out" | json rows)
cmp -s "$work/ns.csv" "$work/node.csv" && same="identical" || same="DIFFERENT"
echo "rows $rows (netsuite-rest: $node_rows, files $same), pages $pages, emulator time per page ${t_page}s"
echo "nsconnect export: ${ns_time}s; bound ${b}s: $(ratio "$b" "$ns_time") of the bound's speed (target >= 0.90)"
echo "netsuite-rest, one page after another: ${node_time}s: nsconnect is $(ratio "$node_time" "$ns_time")x faster (target >= 4)"

echo "--- 2. record list --all over the customers (Records.ListIter)"
start_emulator --latency "${latency_ms}ms" --concurrency "$concurrency" --seed-records 68000
list_time=$(seconds sh -c '"$0" record list customer --all --output ndjson --quiet >"$1"' "$work/nsconnect" "$work/customers.ndjson")
customers=$(wc -l <"$work/customers.ndjson")
list_pages=$(grep 'msg=request' "$work/emulator.log" | grep -c 'path=/services/rest/record/v1/customer status=200' || true)
t_list=$(page_time '/services/rest/record/v1/customer ')
lb=$(bound "$list_pages" "$t_list")
echo "customers $customers, pages $list_pages, emulator time per page ${t_list}s"
echo "record list --all: ${list_time}s; bound ${lb}s: $(ratio "$lb" "$list_time") of the bound's speed (target >= 0.90)"

fi
[ "${1:-}" = quick ] && exit 0

if [ "${1:-}" = watch ]; then
	echo "--- 4. watch: backfill of ~100,000 sales orders, then steady-state latency"
	start_emulator --latency "${latency_ms}ms" --concurrency "$concurrency" --seed-records 170000
	exp_time=$(seconds "$work/nsconnect" export --type salesOrder --out "$work/so.csv" --quiet)
	for batch in 100 1000; do
		rm -f "$work/so.ndjson" "$work/watch.db"*
		back_time=$(seconds "$work/nsconnect" watch salesOrder --on updated --from-beginning --once --fetch columns --batch "$batch" \
			--to "file:$work/so.ndjson" --state "$work/watch.db" --quiet)
		events=$(wc -l <"$work/so.ndjson")
		echo "export of the sales orders: ${exp_time}s; watch backfill (--batch $batch) of $events events: ${back_time}s: $(ratio "$exp_time" "$back_time") of the export's speed"
	done
	interval=5
	"$work/nsconnect" watch customer --on updated --interval "${interval}s" --fetch columns --to "file:$work/live.ndjson" --state "$work/live.db" --quiet &
	watch_pid=$!
	sleep 3
	total=0
	for i in 1 2 3 4 5; do
		before=$(wc -l <"$work/live.ndjson" 2>/dev/null || echo 0)
		start=$(date +%s.%N)
		"$work/nsconnect" record create customer --set "companyName=Latency $i" --set subsidiary.id=1 --quiet >/dev/null
		while [ "$(wc -l <"$work/live.ndjson" 2>/dev/null || echo 0)" -le "$before" ]; do sleep 0.05; done
		end=$(date +%s.%N)
		lat=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
		echo "change $i delivered after ${lat}s"
		total=$(awk -v t="$total" -v l="$lat" 'BEGIN { print t + l }')
		sleep "$(awk -v r="$RANDOM" -v i="$interval" 'BEGIN { printf "%.2f", (r % 100) / 100 * i }')"
	done
	kill "$watch_pid"
	echo "mean delivery latency $(awk -v t="$total" 'BEGIN { printf "%.2f", t / 5 }')s at --interval ${interval}s (bound: the interval + one round trip)"
	exit 0
fi

echo "--- 3. a 1,000,000-row export past the 100,000-row cap (keyset), peak RSS"
start_emulator --latency "${latency_ms}ms" --concurrency "$concurrency" --seed-records 1700000
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f '%e s, peak RSS %M KB' -o "$work/rss" "$work/nsconnect" export --query "SELECT id, tranid FROM transaction ORDER BY id" --out "$work/big.ndjson" --quiet
	echo "rows $(wc -l <"$work/big.ndjson"): $(cat "$work/rss") (target < 100 MB)"
else
	echo "GNU time is not installed (/usr/bin/time): the peak RSS cannot be read; install the Debian package time"
fi
