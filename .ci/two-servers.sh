#!/usr/bin/env bash
# Two `fazhi serve` processes on different ports against one PostgreSQL: a session cookie issued by one
# is accepted by the other (docs/ARCHITECTURE.md: the app keeps no state in memory between requests).
set -euo pipefail
URL="$1"
WORK="$2"
BIN=$(swift build --show-bin-path)/fazhi
export FAZHI_DATABASE_URL="$URL" FAZHI_DATA_DIR="$WORK/data" FAZHI_COOKIE_SECURE=false
mkdir -p "$FAZHI_DATA_DIR"
"$BIN" demo --replace > "$WORK/demo.txt"
PASSWORD=$(awk '$1 == "legal" {print $2}' "$WORK/demo.txt")
[ -n "$PASSWORD" ] || { echo "no demo password for legal"; cat "$WORK/demo.txt"; exit 1; }
"$BIN" serve --port 18081 > "$WORK/a.out" 2> "$WORK/a.err" &
A=$!
"$BIN" serve --port 18082 > "$WORK/b.out" 2> "$WORK/b.err" &
B=$!
trap 'kill $A $B 2>/dev/null || true' EXIT
for port in 18081 18082; do
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { echo "server on $port did not start"; cat "$WORK"/*.err; exit 1; }
done
JAR="$WORK/cookies.txt"
TOKEN=$(curl -fs -c "$JAR" http://127.0.0.1:18081/login | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || { echo "no CSRF token on the login page"; exit 1; }
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" -c "$JAR" \
  --data-urlencode "_csrf=$TOKEN" --data-urlencode "username=legal" --data-urlencode "password=$PASSWORD" \
  http://127.0.0.1:18081/login)
[ "$STATUS" = "303" ] || { echo "login on server A answered $STATUS"; exit 1; }
PAGE=$(curl -fs -b "$JAR" http://127.0.0.1:18082/account)
echo "$PAGE" | grep -q "张建华" || { echo "server B did not accept the session cookie from server A"; exit 1; }
echo "server B (port 18082) accepted the session issued by server A (port 18081)"
# Logging out on B ends the session for A as well.
TOKEN_B=$(echo "$PAGE" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -fs -o /dev/null -b "$JAR" --data-urlencode "_csrf=$TOKEN_B" http://127.0.0.1:18082/logout || true
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" http://127.0.0.1:18081/account)
[ "$STATUS" = "303" ] || { echo "after logout on B, server A still answered $STATUS"; exit 1; }
echo "logout on server B ended the session on server A"
