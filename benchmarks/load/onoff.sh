#!/usr/bin/env bash
# Filters on versus filters off over real HTTP, on 127.0.0.1 only, bounded in time.
#
# Starts the same app twice — once with the AI filters on, once with the same registrations switched off by the
# common enabled=false (AI_FILTERS_ENABLED=false) — warms both, then loads them alternately (on, off, on, off …) with
# the same wrk request mix, so that both see the same machine. Prints one line per run and, as its last line, a JSON
# summary: throughput ratio on/off, added p50/p99 latency and added CPU per request (process CPU time from /proc,
# divided by the requests served).
#
#   benchmarks/load/onoff.sh                                   # the sample app and its mix
#   EXAMPLE=jersey-telemetry benchmarks/load/onoff.sh          # an example app (jersey-telemetry, library-boot)
#   JAR=path/to/app.jar MIX=path/to/mix.txt benchmarks/load/onoff.sh
#   APP_CMD="java -cp ... com.acme.Main" MIX=... READY_PATH=... benchmarks/load/onoff.sh
#
# The app must read PORT (and AI_FILTERS_ENABLED) from the environment and answer GET $READY_PATH when ready. With
# EXAMPLE, the example is built (mvn install of it and what it needs) and run from its class path.
# Environment (all optional): ROUNDS (2: on,off,on,off), SKIP (0: how many of the first rounds are printed but left out
# of the summary, so that the JIT's work on the filters' code is not counted), DURATION per run (15s), WARMUP per app
# (10s), THREADS (2),
# CONNECTIONS (16), PORT_ON (18091), PORT_OFF (18092), READY_PATH (/health), JAVA_OPTS (-Xms256m -Xmx256m).
# Build the sample jar first: mvn -q -pl sample-app -am package -DskipTests. Needs wrk and curl (apt-get install wrk).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
case "${EXAMPLE:-}" in
  "") ;;
  jersey-telemetry)
    EXAMPLE_MAIN=com.example.telemetry.TelemetryServer; DEFAULT_MIX=$HERE/mixes/telemetry.txt
    READY_PATH="${READY_PATH:-/v1/devices/dev-1}" ;;
  library-boot)
    EXAMPLE_MAIN=io.github.aifilters.examples.library.boot.LibraryBootApp; DEFAULT_MIX=$HERE/mixes/library.txt
    READY_PATH="${READY_PATH:-/books/1}" ;;
  *) echo "unknown EXAMPLE '$EXAMPLE' (jersey-telemetry, library-boot)" >&2; exit 2 ;;
esac
JAR="${JAR:-$ROOT/sample-app/target/ai-filters-sample.jar}"
MIX="${MIX:-${DEFAULT_MIX:-$HERE/mixes/sample.txt}}"
ROUNDS="${ROUNDS:-2}"
SKIP="${SKIP:-0}"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-10s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
PORT_ON="${PORT_ON:-18091}"
PORT_OFF="${PORT_OFF:-18092}"
READY_PATH="${READY_PATH:-/health}"
JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx256m}"

for tool in wrk curl java; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is not installed (apt-get install -y wrk curl)" >&2; exit 2; }
done
if [[ -n "${EXAMPLE:-}" ]]; then
  dir="$ROOT/examples/$EXAMPLE"
  echo "# building examples/$EXAMPLE and its class path" >&2
  (cd "$ROOT" && mvn -q -pl "examples/$EXAMPLE" -am install -DskipTests \
    && mvn -q -pl "examples/$EXAMPLE" dependency:build-classpath -Dmdep.outputFile=target/load-classpath.txt) >&2
  # shellcheck disable=SC2086
  APP_CMD="${APP_CMD:-java $JAVA_OPTS -cp $dir/target/classes:$(cat "$dir/target/load-classpath.txt") $EXAMPLE_MAIN}"
fi
if [[ -z "${APP_CMD:-}" ]]; then
  [[ -f "$JAR" ]] || { echo "App jar not found at $JAR (mvn -q -pl sample-app -am package -DskipTests)" >&2; exit 2; }
  APP_CMD="java $JAVA_OPTS -jar $JAR"
fi
[[ -f "$MIX" ]] || { echo "Request mix not found at $MIX" >&2; exit 2; }
(( SKIP < ROUNDS )) || { echo "SKIP ($SKIP) must be smaller than ROUNDS ($ROUNDS)" >&2; exit 2; }

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT INT TERM

start_app() { # $1 port, $2 enabled (true|false) -> prints the pid
  local log
  log="$(mktemp -t ai-filters-onoff-XXXXXX.log)"
  # shellcheck disable=SC2086
  PORT="$1" HOST=127.0.0.1 AI_FILTERS_ENABLED="$2" $APP_CMD >"$log" 2>&1 &
  echo $!
}

await_ready() { # $1 port, $2 pid
  for _ in $(seq 1 240); do
    curl -s -o /dev/null -m 1 "http://127.0.0.1:$1$READY_PATH" && return 0
    kill -0 "$2" 2>/dev/null || { echo "the app on port $1 exited during start-up" >&2; exit 1; }
    sleep 0.5
  done
  echo "no answer on port $1 within 120 s" >&2
  exit 1
}

cpu_ticks() { # utime + stime of a process, in clock ticks
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

PID_ON="$(start_app "$PORT_ON" true)"; PIDS+=("$PID_ON")
PID_OFF="$(start_app "$PORT_OFF" false)"; PIDS+=("$PID_OFF")
await_ready "$PORT_ON" "$PID_ON"
await_ready "$PORT_OFF" "$PID_OFF"
TICKS_PER_S="$(getconf CLK_TCK)"

echo "# machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds of on/off, mix $(basename "$MIX"), app ${EXAMPLE:-$(basename "$JAR")}"
for port in "$PORT_ON" "$PORT_OFF"; do
  WRK_MIX="$MIX" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$HERE/mix.lua" "http://127.0.0.1:$port" >/dev/null
done

declare -A SUM_RPS SUM_P50 SUM_P99 SUM_REQ SUM_TICKS SUM_BAD
for side in on off; do
  SUM_RPS[$side]=0; SUM_P50[$side]=0; SUM_P99[$side]=0; SUM_REQ[$side]=0; SUM_TICKS[$side]=0; SUM_BAD[$side]=0
done
printf '%-6s %-4s %10s %10s %12s %10s %12s\n' round side p50_us p99_us req_per_s requests cpu_us_req
for round in $(seq 1 "$ROUNDS"); do
  for side in on off; do
    if [[ $side == on ]]; then port=$PORT_ON; pid=$PID_ON; else port=$PORT_OFF; pid=$PID_OFF; fi
    before="$(cpu_ticks "$pid")"
    line="$(WRK_MIX="$MIX" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$HERE/mix.lua" \
      "http://127.0.0.1:$port" | grep '^RESULT' || true)"
    after="$(cpu_ticks "$pid")"
    [[ -n "$line" ]] || { echo "wrk gave no result on port $port" >&2; exit 1; }
    read -r _ p50 p99 rps n bad sockerr <<<"$line"
    cpu_us="$(awk -v t=$((after - before)) -v hz="$TICKS_PER_S" -v n="$n" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')"
    printf '%-6s %-4s %10s %10s %12s %10s %12s%s\n' "$round" "$side" "$p50" "$p99" "$rps" "$n" "$cpu_us" \
      "$( (( round <= SKIP )) && echo '  (skipped)')"
    (( round > SKIP )) || continue
    SUM_RPS[$side]="$(awk -v a="${SUM_RPS[$side]}" -v b="$rps" 'BEGIN { print a + b }')"
    SUM_P50[$side]=$((SUM_P50[$side] + p50)); SUM_P99[$side]=$((SUM_P99[$side] + p99))
    SUM_REQ[$side]=$((SUM_REQ[$side] + n)); SUM_TICKS[$side]=$((SUM_TICKS[$side] + after - before))
    SUM_BAD[$side]=$((SUM_BAD[$side] + sockerr))
  done
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v r="$((ROUNDS - SKIP))" -v hz="$TICKS_PER_S" -v mix="$(basename "$MIX")" \
  -v rps_on="${SUM_RPS[on]}" -v rps_off="${SUM_RPS[off]}" -v p50_on="${SUM_P50[on]}" -v p50_off="${SUM_P50[off]}" \
  -v p99_on="${SUM_P99[on]}" -v p99_off="${SUM_P99[off]}" -v req_on="${SUM_REQ[on]}" -v req_off="${SUM_REQ[off]}" \
  -v t_on="${SUM_TICKS[on]}" -v t_off="${SUM_TICKS[off]}" -v err_on="${SUM_BAD[on]}" -v err_off="${SUM_BAD[off]}" \
  'BEGIN {
    cpu_on = t_on / hz * 1e6 / req_on; cpu_off = t_off / hz * 1e6 / req_off
    printf "{\"mix\":\"%s\",\"rounds\":%d,\"on\":{\"rps\":%.1f,\"p50_us\":%d,\"p99_us\":%d,\"cpu_us_per_req\":%.1f,\"socket_errors\":%d},", mix, r, rps_on / r, p50_on / r, p99_on / r, cpu_on, err_on
    printf "\"off\":{\"rps\":%.1f,\"p50_us\":%d,\"p99_us\":%d,\"cpu_us_per_req\":%.1f,\"socket_errors\":%d},", rps_off / r, p50_off / r, p99_off / r, cpu_off, err_off
    printf "\"ratio\":%.3f,\"added_p50_us\":%d,\"added_p99_us\":%d,\"added_cpu_us_per_req\":%.1f}\n", rps_on / rps_off, (p50_on - p50_off) / r, (p99_on - p99_off) / r, cpu_on - cpu_off
  }'
