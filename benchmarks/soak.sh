#!/usr/bin/env bash
# Soak: replays the hostile traffic of issue 12 against the sample app on 127.0.0.1 for MINUTES (bounded), then
# prints leaks (planted secrets seen in responses, the app's log or the ops views), unexpected 5xx, findings (a
# hostile request that got through: exponent accepted, TRACE answered, ops open via a proxy), threads and heap before
# and after, and /health p99 under attack — the last line is one JSON object.
#
#   benchmarks/soak.sh                 # 2 minutes
#   MINUTES=10 benchmarks/soak.sh
#
# Environment (all optional): MINUTES (2, at most 60), PORT (18090), JAR (sample-app/target/ai-filters-sample.jar),
# JAVA_OPTS (-Xms256m -Xmx256m), DRIPPERS (3: slow uploads at once, a byte every 200 ms, half to a served and half to
# an unserved path; 220 replays the thread-exhaustion attack, at most 500). Loopback only: the app binds 127.0.0.1 and the traffic goes there.
# Build the jar first: mvn -q -o -pl sample-app -am package -DskipTests
# Exit status: 0 when no leak, no unexpected 5xx and no finding; 1 otherwise; 2 on a set-up problem.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
MINUTES="${MINUTES:-2}"
PORT="${PORT:-18090}"
JAR="${JAR:-$ROOT/sample-app/target/ai-filters-sample.jar}"
JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx256m}"

if [[ ! -f "$JAR" ]]; then
  echo "Sample jar not found at $JAR. Build it with: mvn -q -o -pl sample-app -am package -DskipTests" >&2
  exit 2
fi
if ! awk -v m="$MINUTES" 'BEGIN { exit !(m > 0 && m <= 60) }'; then
  echo "MINUTES must be in (0, 60], got $MINUTES" >&2
  exit 2
fi
LOG="$(mktemp -t aifilters-soak.XXXXXX.log)"
# shellcheck disable=SC2086
HOST=127.0.0.1 PORT="$PORT" java $JAVA_OPTS -jar "$JAR" >"$LOG" 2>&1 &
APP=$!
cleanup() { kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then break; fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null || { echo "sample app did not start; log: $LOG" >&2; exit 2; }

echo "soak: $MINUTES min of hostile traffic against 127.0.0.1:$PORT (app pid $APP, log $LOG)" >&2
RESULT="$(java "$HERE/load/Soak.java" "$PORT" "$MINUTES" "$APP" "$LOG" "${DRIPPERS:-3}" | tail -n 1)"
echo "$RESULT"
if echo "$RESULT" | grep -q '"leaks":0,' && echo "$RESULT" | grep -q '"unexpected5xx":{}' \
    && echo "$RESULT" | grep -q '"findings":{}'; then
  exit 0
fi
exit 1
