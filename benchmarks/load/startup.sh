#!/usr/bin/env bash
# Start-up: how long after its launch the sample app answers its first classified request, without and with the
# semantic tier on its class path (ServiceLoader picks the tier up; it trains on a background thread), and when the
# semantic tier is ready. Alternates plain/semantic RUNS times; the last line is one JSON object (medians, ms).
#
#   mvn -q -pl sample-app,semantic -am package -DskipTests && benchmarks/load/startup.sh
#
# Environment (all optional): RUNS (3), PORT (18111). Needs java, curl and mvn (for the semantic jar's class path).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RUNS="${RUNS:-3}"
PORT="${PORT:-18111}"
SAMPLE="$ROOT/sample-app/target/ai-filters-sample.jar"
SEMANTIC="$(ls "$ROOT"/semantic/target/ai-filters-semantic-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -n 1 || true)"
if [[ ! -f "$SAMPLE" || -z "$SEMANTIC" ]]; then
  echo "Build first: mvn -q -pl sample-app,semantic -am package -DskipTests" >&2
  exit 2
fi
DEPS="$(mktemp -t aifilters-semcp.XXXXXX)"
LOG="$(mktemp -t aifilters-startup.XXXXXX.log)"
trap 'rm -f "$DEPS"' EXIT
(cd "$ROOT" && mvn -q -o -pl semantic dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$DEPS" >/dev/null 2>&1)

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# One launch: prints "<first answer ms> <semantic ready ms or -1>".
launch() {
  local cp="$1" t0 first="" ready=-1 app
  t0=$(now_ms)
  PORT="$PORT" java -cp "$cp" io.github.aifilters.sample.SampleApp >"$LOG" 2>&1 &
  app=$!
  for _ in $(seq 1 3000); do
    if curl -s -m 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/search?q=find+red+shoes" 2>/dev/null \
        | grep -q '^200$'; then
      first=$(( $(now_ms) - t0 ))
      break
    fi
    sleep 0.02
  done
  if [[ "$cp" == *semantic* ]]; then
    for _ in $(seq 1 600); do
      if grep -q "semantic intent tier ready" "$LOG"; then ready=$(( $(now_ms) - t0 )); break; fi
      sleep 0.05
    done
  fi
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  echo "${first:--1} $ready"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

plain=() ; semantic=() ; ready=()
for _ in $(seq 1 "$RUNS"); do
  read -r f _ < <(launch "$SAMPLE")
  plain+=("$f")
  read -r f r < <(launch "$SAMPLE:$SEMANTIC:$(cat "$DEPS")")
  semantic+=("$f"); ready+=("$r")
  echo "run: plain first answer ${plain[-1]} ms; with semantic first answer $f ms, semantic tier ready $r ms" >&2
done
printf '{"runs":%s,"firstAnswerMsPlain":%s,"firstAnswerMsWithSemantic":%s,"semanticReadyMs":%s}\n' "$RUNS" \
  "$(printf '%s\n' "${plain[@]}" | median)" "$(printf '%s\n' "${semantic[@]}" | median)" \
  "$(printf '%s\n' "${ready[@]}" | median)"
