#!/usr/bin/env bash
# Filters on versus off over real HTTP, one kind of request at a time: runs onoff.sh once per mix in
# benchmarks/load/mixes/paths/ (passthrough, classify, validate, reject, correct, suggest, error — one request each,
# repeated) and prints, as its last line, one JSON object with each path's ratio, added p50/p99 and added CPU per
# request.
#
#   benchmarks/load/paths.sh                         # every path, the sample app
#   PATHS="classify validate" benchmarks/load/paths.sh
#
# Environment: PATHS (all), and everything onoff.sh reads (JAR, ROUNDS, SKIP, DURATION, WARMUP, ...). Defaults here:
# ROUNDS=3 SKIP=1 DURATION=8s WARMUP=15s — the first round is left out so the JIT's work is not counted.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
export ROUNDS="${ROUNDS:-3}" SKIP="${SKIP:-1}" DURATION="${DURATION:-8s}" WARMUP="${WARMUP:-15s}"
PATHS="${PATHS:-passthrough classify validate reject correct suggest error}"

summary="{\"rounds\":$ROUNDS,\"skipped\":$SKIP,\"duration\":\"$DURATION\",\"paths\":{"
sep=""
for path in $PATHS; do
  mix="$HERE/mixes/paths/$path.txt"
  [[ -f "$mix" ]] || { echo "no mix for path '$path' ($mix)" >&2; exit 2; }
  echo "## $path"
  out="$(MIX="$mix" "$HERE/onoff.sh")"
  echo "$out" | sed '$d'
  last="$(echo "$out" | tail -n 1)"
  summary+="$sep\"$path\":$last"
  sep=","
done
echo "$summary}}"
