#!/usr/bin/env bash
# Media benchmark: how many G.711 calls into voicemail/IVR one core sustains (each session records what
# the phone sends and plays a prompt back), against a reference in the same invocation: a plain UDP echo
# (no engine) on the same core. The engine process is pinned to CPU 0, the phones to CPU 1 (taskset).
# A level is sustained when both directions lose < 0.5 % and the mean RFC 3550 jitter stays < 10 ms.
# Never fails on a timing: this is a measurement, not a test.
#
# Also: conference participants in rooms of 10 (each hears its room's N-1 mix), same criteria.
# Usage: bench/media/run.sh [--quick]   (BENCH_MODES="raw conference" to run only some modes)
set -euo pipefail
DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$DIR/../.." && pwd)
LEVELS="50 100 200 400 800"; SECONDS_PER_LEVEL=10
if [ "${1:-}" = "--quick" ]; then LEVELS="25 50"; SECONDS_PER_LEVEL=3; fi

cd "$ROOT"
[ -d media/target/classes ] || ./mvnw -q -o -pl media -DskipTests package
./mvnw -q -o -pl media dependency:build-classpath -Dmdep.outputFile="$DIR/target/cp.txt" >/dev/null
CP="$ROOT/media/target/classes:$(cat "$DIR/target/cp.txt")"
mkdir -p "$DIR/target/classes"
javac -d "$DIR/target/classes" -cp "$CP" "$DIR/MediaBench.java"
CP="$DIR/target/classes:$CP"
JAVA="java -XX:+UseParallelGC -Xms256m -Xmx512m"

run_level() { # mode sessions -> "server-result ... | load-result ..."
  local mode=$1 n=$2 base=$((20000 + RANDOM % 5000 * 2))
  local out="$DIR/target/$mode-$n"
  taskset -c 0 $JAVA -cp "$CP" MediaBench server "$mode" "$n" "$SECONDS_PER_LEVEL" "$base" >"$out.server" 2>"$out.server.err" &
  local server=$!
  for _ in $(seq 1 200); do grep -q ready "$out.server" 2>/dev/null && break; sleep 0.1; done
  taskset -c 1 $JAVA -cp "$CP" MediaBench load x "$n" "$SECONDS_PER_LEVEL" "$base" >"$out.load" 2>"$out.load.err" || true
  wait "$server" || true  # the server process ends by itself after its run
  echo "$(grep server-result "$out.server" || echo server-result missing) | $(grep load-result "$out.load" || echo load-result missing)"
}

sustained() { # line -> 0 when both directions lost < 0.5 % and mean jitter < 5 ms
  python3 - "$1" <<'PY'
import re, sys
line = sys.argv[1]
def v(k):
    m = re.search(k + r"=([0-9.]+)", line)
    return float(m.group(1)) if m else 0.0
ok = v("recorded_ratio") >= 0.995 and v("received_ratio") >= 0.995 and v("jitter_mean_ms") < 10
sys.exit(0 if ok else 1)
PY
}

declare -A BEST=([raw]=0 [engine]=0 [conference]=0)
MODES="raw engine conference"
[ -n "${BENCH_MODES:-}" ] && MODES="$BENCH_MODES"
for mode in $MODES; do
  for n in $LEVELS; do
    line=$(run_level "$mode" "$n")
    echo "$mode $n: $line"
    if sustained "$line"; then BEST[$mode]=$n; else break; fi
  done
done
echo
printf '%-44s %8s %8s %7s\n' "" engine "raw echo" ratio
printf '%-44s %8s %8s %7s\n' "G.711 sessions sustained on one core" "${BEST[engine]}" "${BEST[raw]}" \
  "$(python3 -c "print(f'{${BEST[engine]}/max(1,${BEST[raw]}):.2f}')")"
printf '%-44s %8s %8s %7s\n' "conference participants (rooms of 10), one core" "${BEST[conference]}" "${BEST[raw]}" \
  "$(python3 -c "print(f'{${BEST[conference]}/max(1,${BEST[raw]}):.2f}')")"
