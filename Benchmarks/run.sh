#!/usr/bin/env bash
# Side-by-side throughput of the Fazhi server against its floor (issue 11), one command:
#   bash Benchmarks/run.sh                      scales 1, 10 and 100 (demo county, 10×, 100×)
#   SCALES="1 10" DURATION=5s bash Benchmarks/run.sh
# Builds release, and for each scale: generates the data (`fazhi demo --scale N`), starts the floor (fazhi-floor:
# bare Vapor, /plain 2 KB and /select one row by primary key) and `fazhi serve` on the same file, signs in as the
# legal office and creates a county API token as the admin (through the pages, TOTP included), measures each
# scenario with wrk at each connection count, times `fazhi report --year 2020 --format json` against the same
# figures in raw SQL (Benchmarks/figures-2020.sql, sqlite3) with hyperfine, imports a generated CSV register, and
# reads the server's peak RSS (VmHWM). Prints one markdown table per scale for Benchmarks/README.md; progress on stderr.
# Environment: SCALES, CONNECTIONS ("16 64"), DURATION (10s), WRK_TIMEOUT (30s), THREADS (2), REPORT_RUNS (5),
# IMPORT_ROWS (500), SETTLE_MAX (300), MAX_RSS_MB (8000), APP_PORT (18090), FLOOR_PORT (18091), KEEP=1 keeps the data directory.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export PATH="/opt/swift/usr/bin:$PATH"
SCALES=${SCALES:-"1 10 100"}
CONNECTIONS=${CONNECTIONS:-"16 64"}
DURATION=${DURATION:-10s}
WRK_TIMEOUT=${WRK_TIMEOUT:-30s}
THREADS=${THREADS:-2}
REPORT_RUNS=${REPORT_RUNS:-5}
IMPORT_ROWS=${IMPORT_ROWS:-500}
MAX_RSS_MB=${MAX_RSS_MB:-8000}
APP_PORT=${APP_PORT:-18090}
FLOOR_PORT=${FLOOR_PORT:-18091}

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
for tool in wrk hyperfine sqlite3 python3 curl; do
  if ! command -v "$tool" >/dev/null; then
    package=$tool; [ "$tool" = sqlite3 ] && package=sqlite3; [ "$tool" = python3 ] && package=python3-minimal
    log "installing $package"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  fi
done

log "building release (fazhi, fazhi-floor)"
swift build -c release --product fazhi 2>&1 | tail -1 >&2
swift build -c release --product fazhi-floor 2>&1 | tail -1 >&2
BIN_DIR=$(swift build -c release --show-bin-path)
FAZHI="$BIN_DIR/fazhi"
FLOOR="$BIN_DIR/fazhi-floor"
COMMIT=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources Package.swift || echo "+changes")

WORK=$(mktemp -d /tmp/fazhi-bench.XXXXXX)
APP_PID=""; FLOOR_PID=""; GUARD_PID=""
stop() {
  for pid in $GUARD_PID $APP_PID $FLOOR_PID; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  APP_PID=""; FLOOR_PID=""; GUARD_PID=""
}
cleanup() { stop; [ "${KEEP:-}" = 1 ] && log "data kept in $WORK" || rm -rf "$WORK"; }
trap cleanup EXIT
export FAZHI_COOKIE_SECURE=false FAZHI_LOG_LEVEL=warning

wait_for() {  # url
  for _ in $(seq 1 240); do curl -fs -o /dev/null "$1" && return 0; sleep 0.5; done
  log "no answer from $1"; return 1
}

# A form's hidden value (the first one of that name) from a saved page.
hidden() { sed -n "s/.*name=\"$1\" value=\"\\([^\"]*\\)\".*/\\1/p" "$2" | head -1; }
# The text of <code class="secret">…</code> without spaces.
secret_text() { sed -n 's/.*<code class="secret">\([^<]*\)<\/code>.*/\1/p' "$1" | head -1 | tr -d ' '; }
totp() {  # base32 secret → the current 6-digit code (RFC 6238, HMAC-SHA1, 30 s)
  python3 -c 'import base64,hmac,hashlib,struct,sys,time
s=sys.argv[1]; key=base64.b32decode(s + "=" * (-len(s) % 8))
h=hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest(); o=h[-1] & 15
print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7fffffff) % 1000000))' "$1"
}

# Signs in through the login page; prints the session cookie header value.
sign_in() {  # username password jar
  local page="$WORK/page.html"
  curl -fs -c "$3" -b "$3" -o "$page" "http://127.0.0.1:$APP_PORT/login"
  curl -fs -o /dev/null -c "$3" -b "$3" --data-urlencode "_csrf=$(hidden _csrf "$page")" --data-urlencode "username=$1" \
    --data-urlencode "password=$2" "http://127.0.0.1:$APP_PORT/login"
}
cookie() { echo "fazhi_session=$(awk '$6 == "fazhi_session" {print $7}' "$1")"; }

# The admin enrols a second factor and creates a county-wide read token for the legal office: prints the token.
api_token() {  # admin-password database
  local jar="$WORK/admin.jar" page="$WORK/page.html"
  sign_in admin "$1" "$jar"
  curl -fs -c "$jar" -b "$jar" -o "$page" "http://127.0.0.1:$APP_PORT/account/totp"
  local secret; secret=$(secret_text "$page")
  curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$(hidden _csrf "$page")" \
    --data-urlencode "secret=$(hidden secret "$page")" --data-urlencode "code=$(totp "$secret")" "http://127.0.0.1:$APP_PORT/account/totp"
  curl -fs -c "$jar" -b "$jar" -o "$page" "http://127.0.0.1:$APP_PORT/admin/api-tokens/new"
  local unit; unit=$(sqlite3 "$2" "SELECT id FROM units WHERE is_legal_office = 1")
  curl -fs -c "$jar" -b "$jar" -o "$page" --data-urlencode "_csrf=$(hidden _csrf "$page")" --data-urlencode "name=benchmark" \
    --data-urlencode "scope=county" --data-urlencode "unit=$unit" "http://127.0.0.1:$APP_PORT/admin/api-tokens/new"
  secret_text "$page"
}

# Starts `fazhi serve` with a guard: the machine is shared, so a server whose resident memory passes MAX_RSS_MB is
# killed (the row says so, and the next scenario gets a fresh server; sessions and tokens live in the database).
PEAK_KB=0
start_app() {
  "$FAZHI" serve --port "$APP_PORT" >> "$WORK/serve.log" 2>&1 &
  APP_PID=$!
  wait_for "http://127.0.0.1:$APP_PORT/healthz"
  ( pid=$APP_PID
    while kill -0 "$pid" 2>/dev/null; do
      rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status" 2>/dev/null || echo 0)
      if [ "${rss:-0}" -gt "$MAX_RSS_MB" ]; then echo "$rss" > "$WORK/killed"; kill -9 "$pid"; fi
      sleep 0.2
    done ) &
  GUARD_PID=$!
}
restart_if_killed() {  # the result the kill is charged to
  if [ ! -f "$WORK/killed" ]; then app_peak; return 0; fi
  log "scale $SCALE: server killed at $(cat "$WORK/killed") MB resident; restarting"
  [ -n "$1" ] && RESULT["$1"]+=" $(cat "$WORK/killed")"
  KILLED="over $MAX_RSS_MB MB: killed"; PEAK_KB=$((MAX_RSS_MB * 1024))
  rm -f "$WORK/killed"; wait "$GUARD_PID" 2>/dev/null || true
  start_app
}
app_peak() {  # the largest VmHWM of the servers of this scale, in KB
  local hwm; hwm=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status" 2>/dev/null || echo 0)
  [ "${hwm:-0}" -gt "$PEAK_KB" ] && PEAK_KB=$hwm
  return 0
}

# Waits until the server has stopped working (under 5 % of a core for a second, at most SETTLE_MAX seconds): wrk
# abandons requests still running when its time is up, and the server finishes them, which would otherwise load
# the next scenario.
settle() {  # pid
  local previous now
  previous=$(awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null) || return 0
  for _ in $(seq 1 "${SETTLE_MAX:-300}"); do
    sleep 1
    now=$(awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null) || return 0
    [ $((now - previous)) -le $(( $(getconf CLK_TCK) / 20 )) ] && return 0
    previous=$now
  done
  log "server $1 still busy after ${SETTLE_MAX:-300} s"
  return 1
}

# wrk → "rps p50_ms p99_ms non2xx errors" (p50/p99 "-" when no request finished).
measure() {  # connections url [header]
  local out
  if [ -n "${3:-}" ]; then
    out=$(wrk -t"$THREADS" -c"$1" -d"$DURATION" --timeout "$WRK_TIMEOUT" --latency -H "$3" "$2" 2>&1 || true)
  else
    out=$(wrk -t"$THREADS" -c"$1" -d"$DURATION" --timeout "$WRK_TIMEOUT" --latency "$2" 2>&1 || true)
  fi
  echo "$out" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }  $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { bad = $NF }
    /Socket errors/ { gsub(",", ""); errors = $4 + $6 + $8 + $10 }
    /requests in/ { done = $1 }
    END { if (done == 0) { p50 = "-"; p99 = "-" }
          printf "%s %s %s %d %d\n", (rps == "" ? 0 : rps), (p50 == "" ? "-" : p50), (p99 == "" ? "-" : p99), bad, errors }'
}

echo "# Fazhi benchmarks — $(date '+%Y-%m-%d %H:%M %Z'), commit $COMMIT"
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(swift --version 2>&1 | head -1); wrk -t$THREADS -d$DURATION --timeout $WRK_TIMEOUT on the same machine; SQLite (WAL, synchronous=FULL)"

for SCALE in $SCALES; do
  DATA="$WORK/scale-$SCALE"
  export FAZHI_DATA_DIR="$DATA"
  log "scale $SCALE: generating"
  "$FAZHI" demo --scale "$SCALE" > "$WORK/demo-$SCALE.txt" 2> "$WORK/demo-$SCALE.err"
  GENERATED=$(sed -n 's/.*rows copied in \([0-9.]*\) s (\([0-9]*\) rows\/s).*/\2 rows\/s (\1 s)/p' "$WORK/demo-$SCALE.txt")
  LEGAL_PASSWORD=$(awk '$1 == "legal" {print $2}' "$WORK/demo-$SCALE.txt")
  ADMIN_PASSWORD=$(awk '$1 == "admin" {print $2}' "$WORK/demo-$SCALE.txt")
  DB="$DATA/fazhi.sqlite"
  DOCUMENTS=$(sqlite3 "$DB" "SELECT count(*) FROM documents")
  ROWS=$(sqlite3 "$DB" "SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM document_changes) + (SELECT count(*) FROM reviews)
    + (SELECT count(*) FROM cleanup_entries) + (SELECT count(*) FROM decisions) + (SELECT count(*) FROM contracts) + (SELECT count(*) FROM advisers)
    + (SELECT count(*) FROM adviser_assignments)")
  # The same document of the demo county at every scale (its copies have other numbers).
  DOCUMENT=$(sqlite3 "$DB" "SELECT id FROM documents WHERE registration_number = 'FHXR-2020-001'
    UNION ALL SELECT id FROM (SELECT id FROM documents ORDER BY id LIMIT 1) LIMIT 1")

  "$FLOOR" --port "$FLOOR_PORT" --database "$DB" --id "$DOCUMENT" > "$WORK/floor.log" 2>&1 &
  FLOOR_PID=$!
  PEAK_KB=0; KILLED=""
  start_app
  wait_for "http://127.0.0.1:$FLOOR_PORT/plain"
  sign_in legal "$LEGAL_PASSWORD" "$WORK/legal.jar"
  SESSION="Cookie: $(cookie "$WORK/legal.jar")"
  TOKEN=$(api_token "$ADMIN_PASSWORD" "$DB" || true)
  [ -n "$TOKEN" ] || log "no API token could be created: the API row is skipped"

  # name | port | path | header
  SCENARIOS=(
    "floor /plain (2 KB, no database)|$FLOOR_PORT|/plain|"
    "floor /select (one row by primary key)|$FLOOR_PORT|/select|"
    "portal / (public)|$APP_PORT|/|"
    "/login (public)|$APP_PORT|/login|"
    "signed-in / (工作台, legal office)|$APP_PORT|/|$SESSION"
    "/documents signed in|$APP_PORT|/documents|$SESSION"
    "/public/documents|$APP_PORT|/public/documents|"
    "/decisions signed in|$APP_PORT|/decisions|$SESSION"
    "/public/decisions|$APP_PORT|/public/decisions|"
    "/contracts signed in|$APP_PORT|/contracts|$SESSION"
    "/advisers signed in|$APP_PORT|/advisers|$SESSION"
    "/documents/{id} signed in (detail)|$APP_PORT|/documents/$DOCUMENT|$SESSION"
  )
  [ -n "$TOKEN" ] && SCENARIOS+=("/api/v1/statistics?year=2020 (county token)|$APP_PORT|/api/v1/statistics?year=2020|Authorization: Bearer $TOKEN")

  declare -A RESULT=(); LAST=""
  LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
  for scenario in "${SCENARIOS[@]}"; do
    IFS='|' read -r name port path header <<< "$scenario"
    status=$(curl -s -o /dev/null -w '%{http_code}' ${header:+-H "$header"} "http://127.0.0.1:$port$path")
    for c in $CONNECTIONS; do
      log "scale $SCALE: $name at $c connections (HTTP $status)"
      busy=0; settle "$APP_PID" || busy=1
      restart_if_killed "$LAST"  # while it finished the previous scenario's requests
      RESULT["$name|$c"]="$(measure "$c" "http://127.0.0.1:$port$path" "$header") $status $busy"
      restart_if_killed "$name|$c"
      LAST="$name|$c"
    done
  done
  LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
  app_peak
  PEAK_RSS="$((PEAK_KB / 1024)) MB${KILLED:+ ($KILLED)}"
  FLOOR_RSS=$(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$FLOOR_PID/status")
  stop

  log "scale $SCALE: report CLI against raw SQL"
  sqlite3 "$DB" ".read $ROOT/Benchmarks/figures-2020.sql" > "$WORK/sql-figures.txt"
  "$FAZHI" report --year 2020 --format json > "$WORK/report.json" 2>/dev/null
  MATCH=$(python3 -c 'import json,sys
figures = json.load(open(sys.argv[1]))["figures"]
rows = [line.split("|") for line in open(sys.argv[2]).read().split("\n") if line]
same = sum(1 for key, value in rows if str(figures.get(key)) == value)
print("%d of %d figures equal (of %d in the report)" % (same, len(rows), len(figures)))' "$WORK/report.json" "$WORK/sql-figures.txt")
  hyperfine -N --warmup 1 --runs "$REPORT_RUNS" --export-json "$WORK/hyperfine.json" \
    -n "report CLI" "$FAZHI report --year 2020 --format json" \
    -n "raw SQL" "sqlite3 $DB '.read $ROOT/Benchmarks/figures-2020.sql'" > /dev/null 2>&1
  read -r REPORT_MS SQL_MS < <(python3 -c 'import json,sys
r = {x["command"]: x["mean"] * 1000 for x in json.load(open(sys.argv[1]))["results"]}
print("%.1f %.1f" % (r["report CLI"], r["raw SQL"]))' "$WORK/hyperfine.json")

  log "scale $SCALE: importing $IMPORT_ROWS documents"
  CSV="$WORK/import-$SCALE.csv"
  {
    # No 文号 (its sequence is at most 9999 and unique) and no 统一登记号: the importer assigns those in date order.
    echo "标题,制定机关,公布日期,施行日期,起草单位"
    for i in $(seq 1 "$IMPORT_ROWS"); do
      m=$(( i % 9 + 1 ))
      echo "凤凰县人民政府办公室关于印发《凤凰县基准测试管理办法（第${i}号）》的通知,凤凰县人民政府办公室,2024-0${m}-05,2024-$(printf %02d $((m + 2)))-05,凤凰县司法局"
    done
  } > "$CSV"
  start=$(date +%s.%N)
  if "$FAZHI" import documents "$CSV" > "$WORK/import.txt" 2>&1; then
    IMPORT=$(awk -v n="$IMPORT_ROWS" -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%d rows/s (%d rows in %.1f s)", n / (e - s), n, e - s }')
  else
    IMPORT="failed: $(head -c 300 "$WORK/import.txt" | tr '\n|' '  ')"
  fi

  echo
  echo "### Scale $SCALE: $DOCUMENTS documents, $ROWS main case rows, database $(du -m "$DB" | cut -f1) MB"
  echo
  header="| scenario |"; rule="|---|"
  for c in $CONNECTIONS; do header+=" c$c rps | p50 | p99 | × floor /select |"; rule+="---:|---:|---:|---:|"; done
  echo "$header"; echo "$rule"
  for scenario in "${SCENARIOS[@]}"; do
    IFS='|' read -r name port path header <<< "$scenario"
    line="| $name |"
    for c in $CONNECTIONS; do
      read -r rps p50 p99 bad errors status busy killed <<< "${RESULT["$name|$c"]}"
      read -r floor_rps _ <<< "${RESULT["floor /select (one row by primary key)|$c"]}"
      ratio=$(awk -v a="$rps" -v b="$floor_rps" 'BEGIN { printf (b > 0 ? "%.3f" : "-"), a / b }')
      note=""; [ "$status" != 200 ] && note=" (HTTP $status)"; [ "$bad" -gt 0 ] && note+=" ($bad non-2xx)"; [ "$errors" -gt 0 ] && note+=" ($errors errors)"; [ "$busy" = 1 ] && note+=" †"; [ -n "$killed" ] && note+=" (killed at $killed MB)"
      fmt() { [ "$1" = "-" ] && echo "-" || awk -v v="$1" 'BEGIN { printf (v >= 1000 ? "%.2f s" : "%.1f ms"), (v >= 1000 ? v / 1000 : v) }'; }
      line+=" $(awk -v v="$rps" 'BEGIN { printf (v >= 100 ? "%.0f" : "%.1f"), v }')$note | $(fmt "$p50") | $(fmt "$p99") | $ratio |"
    done
    echo "$line"
  done
  echo
  echo "Ratios are requests/s against floor /select at the same connection count. Socket errors are mostly wrk's"
  echo "timeouts ($WRK_TIMEOUT); † the server was still finishing the previous scenario's abandoned requests."
  echo "Load average (1, 5, 15 min) before the wrk runs: $LOAD_BEFORE; after: $LOAD_AFTER (2 cores: above 2, something else was running)."
  echo
  echo "| other | figure |"
  echo "|---|---|"
  echo "| \`fazhi demo --scale $SCALE\` (generator) | ${GENERATED:-— (scale 1 copies nothing)} |"
  echo "| \`fazhi report --year 2020 --format json\` (whole process) | $REPORT_MS ms mean of $REPORT_RUNS |"
  echo "| the same figures in raw SQL (\`sqlite3 < figures-2020.sql\`, whole process) | $SQL_MS ms; $MATCH |"
  echo "| report ÷ raw SQL | $(awk -v a="$REPORT_MS" -v b="$SQL_MS" 'BEGIN { printf "%.1f×", a / b }') |"
  echo "| \`fazhi import documents\` ($IMPORT_ROWS generated rows, CSV) | $IMPORT |"
  echo "| peak RSS of \`fazhi serve\` over the run (VmHWM) | $PEAK_RSS (floor: $FLOOR_RSS) |"
  unset RESULT
done
