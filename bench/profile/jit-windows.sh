#!/usr/bin/env bash
# What the JIT compiles while one Tandem jar is measured (issue 23: "find the stall ... JIT deoptimisation"): one
# Tandem, bench/run.sh's warm-up, then REGISTER and call runs alternating as bench/run.sh's rounds, with a JFR
# recording of compilations, deoptimisations and class loads; each event is placed in its window and the report gives,
# per window, the compile time by package, the longest compilations (AGAIN: the same method and tier compiled before,
# a recompilation) and the deoptimisations with their reasons. A measurement, never a test.
#
# Usage: bench/profile/jit-windows.sh [JAR]      (default appliance/target/tandem.jar)
# Environment: ROUNDS (default 3), GAP (seconds after each run inside its window, default 40: bench/run.sh's window
#   for one server also covers the other servers' runs and the 34 s until the transactions end, and the JIT compiles
#   in those idle seconds too; GAP=3 measures the runs alone), WARM_REG / WARM_CALL (default 12000 / 6000),
#   TANDEM_JAVA_OPTS, TANDEM_JIT_DIRECTIVES (as the start script: empty runs without the compiler directives).
# Output: the JFR recording, the windows and the report in a fresh /tmp/tandem-jitwin.* directory.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

JAR=$(realpath "${1:-$BENCH_DIR/../appliance/target/tandem.jar}")
ROUNDS=${ROUNDS:-3}; GAP=${GAP:-40}
[ "$(basename "$JAR")" = tandem.jar ] || { echo "not a tandem.jar: $JAR" >&2; exit 2; }
command -v sipp >/dev/null || { echo "needs SIPp: apt-get install sip-tester" >&2; exit 2; }

JFC=$(mktemp /tmp/tandem-jit.XXXXXX.jfc)
cat >"$JFC" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.Compilation"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
  <event name="jdk.Deoptimization"><setting name="enabled">true</setting><setting name="stackTrace">true</setting></event>
  <event name="jdk.CompilationFailure"><setting name="enabled">true</setting></event>
  <event name="jdk.ClassLoad"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">0 ms</setting></event>
  <event name="jdk.CodeCacheFull"><setting name="enabled">true</setting></event>
</configuration>
JFC
RECORDING=$(mktemp -u /tmp/tandem-jit.XXXXXX.jfr)
export TANDEM_JAVA_OPTS="${TANDEM_JAVA_OPTS:-} -XX:StartFlightRecording=filename=$RECORDING,settings=$JFC,dumponexit=true"
single_tandem jitwin "$JAR"
warm_up tandem "$PORT" "${WARM_REG:-12000}" "${WARM_CALL:-6000}"
settle "$TANDEM_PID"

# window KIND ROUND SCENARIO USERS COUNT RATE: one run and GAP seconds after it, with the process's and the
# compiler threads' CPU over it
window() {
  local t0 t1 j0 j1 c0 c1
  t0=$(date +%s.%N); j0=$(jit_cpu_ms "$TANDEM_PID"); c0=$(cpu_ms "$TANDEM_PID")
  run_sipp "measured-$1-$2" "127.0.0.1:$PORT" -sf "$BENCH_DIR/sipp/$3" -inf "$WORK/$4" -i 127.0.0.1 \
      -p "$(sipp_port tandem "$1")" -m "$5" -r "$6" -timeout 120s >/dev/null
  sleep "$GAP"
  t1=$(date +%s.%N); j1=$(jit_cpu_ms "$TANDEM_PID"); c1=$(cpu_ms "$TANDEM_PID")
  echo "$1 $2 $t0 $t1 cpu=$((c1 - c0)) jit=$((j1 - j0))" >>"$WORK/windows.txt"
}
for r in $(seq 1 "$ROUNDS"); do
  window reg "$r" register_auth.xml reg-users.csv 3000 300
  window call "$r" uac_call_auth.xml caller.csv 1500 150
done
jcmd "$TANDEM_PID" JFR.dump name=1 filename="$WORK/jit.jfr" >/dev/null
rm -f "$JFC"
echo "# JIT per window after the warm-up ($ROUNDS rounds, ${GAP} s after each run); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$BENCH_DIR/profile/jit_windows.py" "$WORK/jit.jfr" "$WORK/windows.txt" | tee "$WORK/report.txt"
echo "(recording, windows and report in $WORK)"
