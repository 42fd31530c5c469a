#!/usr/bin/env bash
# Reproducible throughput runs for the Fazhi server (release build, SQLite, demo county).
# Needs wrk and hyperfine (Debian packages). Prints one block per scenario; paste the results into README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null; }
command -v hyperfine >/dev/null || { apt-get install -y -qq hyperfine >/dev/null; }
swift build -c release --product fazhi 2>&1 | tail -1
BIN=$(swift build -c release --show-bin-path)/fazhi
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
export FAZHI_DATA_DIR="$WORK/data" FAZHI_COOKIE_SECURE=false FAZHI_LOG_LEVEL=warning
"$BIN" demo > "$WORK/demo.txt"
PASSWORD=$(awk '$1 == "legal" {print $2}' "$WORK/demo.txt")
PORT=18090
"$BIN" serve --port $PORT > /dev/null 2>&1 &
SERVER=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
JAR="$WORK/jar"
TOKEN=$(curl -fs -c "$JAR" "http://127.0.0.1:$PORT/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p')
curl -fs -o /dev/null -b "$JAR" -c "$JAR" --data-urlencode "_csrf=$TOKEN" --data-urlencode "username=legal" \
  --data-urlencode "password=$PASSWORD" "http://127.0.0.1:$PORT/login"
COOKIE="fazhi_session=$(awk '$6 == "fazhi_session" {print $7}' "$JAR")"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(swift --version 2>&1 | head -1)"
run() {
  local name=$1; shift
  echo "--- $name"
  wrk -t2 -c32 -d15s --latency "$@" | grep -E "Requests/sec|Latency |50%|99%|Non-2xx|Socket errors" || true
}
run "GET /healthz (one database read)" "http://127.0.0.1:$PORT/healthz"
run "GET /static/fazhi.css" "http://127.0.0.1:$PORT/static/fazhi.css"
run "GET /login (public page, county name query, CSRF cookie)" "http://127.0.0.1:$PORT/login"
run "GET / signed in (session lookup, calendar, deadline panel)" -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/"
run "GET /calendar?year=2024 signed in (12 month grids)" -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/calendar?year=2024"
run "GET /audit signed in (100 entries a page)" -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/audit"
echo "--- fazhi deadline (process start, bundled calendar, no database)"
cd "$WORK" && hyperfine -N --warmup 3 --runs 30 "env FAZHI_DATA_DIR=$WORK/none $BIN deadline --from 2024-09-27 --days 5 --unit working" 2>/dev/null \
  | grep -E "Time|Range"
