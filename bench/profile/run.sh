#!/usr/bin/env bash
# Where one Tandem jar spends its CPU (or allocates) per authenticated call or REGISTER: async-profiler attached to
# the running JVM for one measured run, after bench/run.sh's warm-up; prints the top frames, our code's and the
# libraries' (issue 23: "profile with JFR / async-profiler and show the top frames"). A measurement, never a test.
#
# Usage: bench/profile/run.sh [cpu|alloc] [call|register] [JAR]      (defaults: cpu call appliance/target/tandem.jar)
# Environment: PROFILER (libasyncProfiler.so; default: fetched once from Maven Central, tools.profiler:async-profiler
#   4.2, into ~/.cache/tandem-bench), COUNT (operations measured, default 1500 calls / 3000 REGISTERs),
#   WARM_REG / WARM_CALL (the warm-up, default 12000 / 6000 as bench/run.sh), TANDEM_JAVA_OPTS, TIERS=1 (each Java
#   frame annotated with where it ran: interpreter, C1 or C2, and a table of it in the report).
# Output: the collapsed stacks (flame-graph input) and the report, in a fresh /tmp/tandem-profile.* directory.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

EVENT=${1:-cpu}; KIND=${2:-call}; JAR=$(realpath "${3:-$BENCH_DIR/../appliance/target/tandem.jar}")
# alloc: the stop's "total" makes the collapsed counts bytes (without it they are samples, and top.py's bytes/op 0)
case "$EVENT" in cpu) OPTS="event=cpu,interval=200us,threads"; TOTAL="" ;; alloc) OPTS="event=alloc"; TOTAL=",total" ;;
  *) sed -n 6,10p "$0"; exit 2 ;; esac
case "$KIND" in call) COUNT=${COUNT:-1500} ;; register) COUNT=${COUNT:-3000} ;; *) sed -n 6,10p "$0"; exit 2 ;; esac
[ "$(basename "$JAR")" = tandem.jar ] || { echo "not a tandem.jar: $JAR" >&2; exit 2; }
command -v sipp >/dev/null || { echo "needs SIPp: apt-get install sip-tester" >&2; exit 2; }

PROFILER=${PROFILER:-$HOME/.cache/tandem-bench/async-profiler-4.2/libasyncProfiler.so}
if [ ! -f "$PROFILER" ]; then
  AP_DIR=$(dirname "$PROFILER")
  mkdir -p "$AP_DIR"
  curl -sfL -o "$AP_DIR/ap.jar" \
    https://repo1.maven.org/maven2/tools/profiler/async-profiler/4.2/async-profiler-4.2-linux-x64.jar
  unzip -p "$AP_DIR/ap.jar" linux-x64/libasyncProfiler.so > "$AP_DIR/libasyncProfiler.so.part"
  mv "$AP_DIR/libasyncProfiler.so.part" "$PROFILER"
fi

single_tandem profile "$JAR"
warm_up tandem "$PORT" "${WARM_REG:-12000}" "${WARM_CALL:-6000}"
settle "$TANDEM_PID"

# jcmd reads a bare key=value as its own named argument: the agent's options go quoted
jcmd "$TANDEM_PID" JVMTI.agent_load "$PROFILER" "\"start,$OPTS\"" >/dev/null
if [ "$KIND" = call ]; then sf=uac_call_auth.xml; inf=caller.csv; rate=150; else sf=register_auth.xml; inf=reg-users.csv; rate=300; fi
read -r ok failed _ <<<"$(run_sipp measured "127.0.0.1:$PORT" -sf "$BENCH_DIR/sipp/$sf" -inf "$WORK/$inf" \
    -i 127.0.0.1 -p "$(sipp_port tandem "${KIND/register/reg}")" -m "$COUNT" -r "$rate" -timeout 120s)"
sleep 2   # the last answers' work on the stripes and the writers
jcmd "$TANDEM_PID" JVMTI.agent_load "$PROFILER" "\"stop,file=$WORK/$EVENT-$KIND.collapsed,collapsed$TOTAL${TIERS:+,ann}\"" >/dev/null
echo "# $EVENT profile of $COUNT ${KIND}s ($ok ok, $failed failed) after the warm-up; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$BENCH_DIR/profile/top.py" "$WORK/$EVENT-$KIND.collapsed" "$EVENT" "$ok" | tee "$WORK/report.txt"
echo "(stacks and report in $WORK)"
