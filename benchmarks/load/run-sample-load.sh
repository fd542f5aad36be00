#!/usr/bin/env bash
# Bounded HTTP load against the sample app (all AI filters wired by SampleWiring, embedded engine), one endpoint
# after the other, on 127.0.0.1 only. Prints p50/p90/p99 latency and requests/s per endpoint, then stops the app.
#
#   benchmarks/load/run-sample-load.sh            # default mode: the endpoint mix, then a summary table
#   benchmarks/load/run-sample-load.sh --compare  # also prints each endpoint's overhead against GET /health
#
# GET /health passes no AI filter (it is outside every filter's include list, and a plain servlet), so it is the
# baseline of Jetty + loopback + wrk on this machine; the sample app has no switch to run the same endpoints with the
# filters off (see docs/performance.md), so --compare reports "endpoint minus /health" rather than "on minus off".
#
# Environment (all optional): PORT (18089), DURATION per endpoint (20s), WARMUP per endpoint (5s), THREADS (2), CONNECTIONS (16),
# JAR (sample-app/target/ai-filters-sample.jar), JAVA_OPTS (-Xmx256m -XX:+UseSerialGC... see below).
# Build the jar first: mvn -q -o -pl sample-app -am package -DskipTests
# Needs wrk: apt-get install -y wrk   (or brew install wrk)
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PORT="${PORT:-18089}"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-5s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
JAR="${JAR:-$ROOT/sample-app/target/ai-filters-sample.jar}"
JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx256m}"
COMPARE=0
[[ "${1:-}" == "--compare" ]] && COMPARE=1
BASE="http://127.0.0.1:$PORT"

if ! command -v wrk >/dev/null 2>&1; then
  echo "wrk is not installed. Install it with: apt-get install -y wrk   (macOS: brew install wrk)" >&2
  exit 2
fi
if ! command -v curl >/dev/null 2>&1; then
  echo "curl is needed to wait for /health. Install it with: apt-get install -y curl" >&2
  exit 2
fi
if [[ ! -f "$JAR" ]]; then
  echo "Sample jar not found at $JAR. Build it with: mvn -q -o -pl sample-app -am package -DskipTests" >&2
  exit 2
fi
if curl -s -o /dev/null "$BASE/health"; then
  echo "Something already answers on port $PORT; pick another with PORT=..." >&2
  exit 2
fi

LOG="$(mktemp -t ai-filters-sample-XXXXXX.log)"
echo "# machine: $(nproc) cores, $(uname -sr); load average before start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# java: $(java -version 2>&1 | head -1); JAVA_OPTS=$JAVA_OPTS"
echo "# wrk: -t$THREADS -c$CONNECTIONS -d$DURATION per endpoint, 127.0.0.1:$PORT; app log: $LOG"

# shellcheck disable=SC2086
PORT="$PORT" java $JAVA_OPTS -jar "$JAR" >"$LOG" 2>&1 &
APP_PID=$!
stop_app() {
  if kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
}
trap stop_app EXIT INT TERM

# Wait for /health (start-up trains the embedded models), at most 120 s.
for _ in $(seq 1 240); do
  if curl -s -o /dev/null -m 1 "$BASE/health"; then
    break
  fi
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    echo "The sample app exited during start-up; see $LOG" >&2
    exit 1
  fi
  sleep 0.5
done
curl -sf -o /dev/null "$BASE/health" || { echo "No /health answer within 120 s; see $LOG" >&2; exit 1; }

# Whether the filters are really in front of the app: with route suggestion wired, the unknown route answers
# application/problem+json with a suggestion; without it, Jetty's plain 404 page.
CT_404="$(curl -s -o /dev/null -w '%{content_type}' "$BASE/api/userz/17")"
if [[ "$CT_404" == application/problem+json* ]]; then
  echo "# filters: active (GET /api/userz/17 answers $CT_404)"
else
  echo "# filters: NOT ACTIVE - GET /api/userz/17 answers '$CT_404', not application/problem+json;" \
       "SampleWiring installs no filter in this build, figures are the bare app"
fi

# name|method|path|body
ENDPOINTS=(
  "health (no filter)|GET|/health|"
  "search intent|GET|/api/search?q=find+red+shoes|"
  "create user (valid)|POST|/api/users|{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"age\":36}"
  "ticket (correctable)|POST|/api/tickets|{\"titel\":\"Printer on fire\",\"priority\":\"HIGH\",\"estimate\":\"2.5\"}"
  "unknown route 404|GET|/api/userz/17|"
)

# Short warm-up per endpoint (JIT, pools): WARMUP (5s), not reported.
for e in "${ENDPOINTS[@]}"; do
  IFS='|' read -r name method path body <<<"$e"
  WRK_METHOD="$method" WRK_PATH="$path" WRK_BODY="$body" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$HERE/request.lua" "$BASE" >/dev/null
done

declare -A P50 P99 RPS
printf '%-24s %10s %10s %10s %10s %12s %10s %8s\n' endpoint p50_us p90_us p99_us max_us req_per_s non2xx3xx sockerr
for e in "${ENDPOINTS[@]}"; do
  IFS='|' read -r name method path body <<<"$e"
  line="$(WRK_METHOD="$method" WRK_PATH="$path" WRK_BODY="$body" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$HERE/request.lua" "$BASE" | grep '^RESULT' || true)"
  if [[ -z "$line" ]]; then
    echo "$name: wrk gave no result" >&2
    continue
  fi
  read -r _ p50 p90 p99 max rps n non2xx sockerr <<<"$line"
  P50[$name]=$p50; P99[$name]=$p99; RPS[$name]=$rps
  printf '%-24s %10s %10s %10s %10s %12s %10s %8s   %s %s\n' "$name" "$p50" "$p90" "$p99" "$max" "$rps" "$non2xx" \
    "$sockerr" "$method" "$path"
done

if [[ $COMPARE == 1 ]]; then
  base="health (no filter)"
  echo
  echo "# overhead against GET /health (no filter): the endpoint's own servlet work is included; see docs/performance.md"
  printf '%-24s %14s %14s %14s\n' endpoint d_p50_us d_p99_us rps_ratio
  for e in "${ENDPOINTS[@]:1}"; do
    IFS='|' read -r name _ _ _ <<<"$e"
    [[ -n "${P50[$name]:-}" ]] || continue
    printf '%-24s %14d %14d %14s\n' "$name" $((P50[$name] - P50[$base])) $((P99[$name] - P99[$base])) \
      "$(awk -v a="${RPS[$name]}" -v b="${RPS[$base]}" 'BEGIN { printf "%.2f", a / b }')"
  done
fi
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
