# Shared by the bench scripts (sourced, not run): a work directory removed
# on exit, nsconnect built into it, npm packages installed, and
# start_emulator. The sourcing script sets latency_ms and concurrency
# first, and runs from the repository's root.

work=$(mktemp -d)
emu_pid=""
cleanup() {
	[ -n "$emu_pid" ] && kill "$emu_pid" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/nsconnect" ./cmd/nsconnect
[ -d interop/node_modules ] || (cd interop && npm ci --no-audit --no-fund >/dev/null)

# json FIELD: a field of the JSON object on stdin.
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[process.argv[1]]))' "$1"; }

# start_emulator ARGS...: starts it (stopping the one before), waits for the
# ready line, keeps it in $conf and exports the connection for nsconnect;
# its request log goes to $work/emulator.log.
start_emulator() {
	[ -n "$emu_pid" ] && kill "$emu_pid" 2>/dev/null && wait "$emu_pid" 2>/dev/null || true
	"$work/nsconnect" emulator --listen 127.0.0.1:0 --verbose "$@" >"$work/ready" 2>"$work/emulator.log" &
	emu_pid=$!
	for _ in $(seq 1 600); do
		[ -s "$work/ready" ] && break
		sleep 0.5
	done
	conf=$(head -n1 "$work/ready")
	export NETSUITE_BASE_URL=$(echo "$conf" | json url)
	export NETSUITE_ACCOUNT_ID=$(echo "$conf" | json accountId)
	export NETSUITE_CONSUMER_KEY=$(echo "$conf" | json consumerKey)
	export NETSUITE_CONSUMER_SECRET=$(echo "$conf" | json consumerSecret)
	export NETSUITE_TOKEN_ID=$(echo "$conf" | json tokenId)
	export NETSUITE_TOKEN_SECRET=$(echo "$conf" | json tokenSecret)
	export NETSUITE_TIMEZONE=$(echo "$conf" | json timezone)
	export NETSUITE_CONCURRENCY=$concurrency
}
