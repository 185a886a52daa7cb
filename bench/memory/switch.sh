#!/usr/bin/env bash
# Does an appliance give its memory back once the load is over (issue 23's idle memory, appliance memory.IdleMemoryReturn)?
# One Tandem through the packaged start script, optionally with a thread that costs HOST_COST of a core and allocates
# nothing (bench/memory/HostCost.java: a host where the idle JVM costs more, bench/RESULTS.md sessions 49-50); the
# bench's warm-up as load; then the idle CPU over a minute, the resident memory after QUIET_WAIT seconds (default 240)
# and the switch's log lines ("Under load", "Quiet for a minute"). A measurement, never a test.
# Usage: [HOST_COST=0.1] [QUIET_WAIT=240] bench/memory/switch.sh [JAR]   (default appliance/target/tandem.jar)
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"
JAR=$(realpath "${1:-$BENCH_DIR/../appliance/target/tandem.jar}")
single_tandem switch "$JAR"
rss() { awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$TANDEM_PID/status"; }
if [ -n "${HOST_COST:-}" ]; then
  mkdir -p "$WORK/agent/classes"
  javac -d "$WORK/agent/classes" "$BENCH_DIR/memory/HostCost.java"
  printf 'Agent-Class: HostCost\n' > "$WORK/agent/manifest.txt"
  jar cfm "$WORK/agent/host-cost.jar" "$WORK/agent/manifest.txt" -C "$WORK/agent/classes" .
  jcmd "$TANDEM_PID" JVMTI.agent_load "$WORK/agent/host-cost.jar" "$HOST_COST" >/dev/null
fi
warm_up tandem "$PORT" 6000 3000
echo "after the warm-up: $(rss)"
ticks() { awk '{print $14 + $15}' "/proc/$TANDEM_PID/stat"; }
t0=$(ticks); sleep 60; t1=$(ticks)
echo "idle CPU over the next minute: $(( (t1 - t0) * 1000 / $(getconf CLK_TCK) / 60 )) ms/s"
QUIET_WAIT=${QUIET_WAIT:-240}
sleep $(( QUIET_WAIT > 60 ? QUIET_WAIT - 60 : 0 ))   # the minute above counts
echo "after $(( QUIET_WAIT > 60 ? QUIET_WAIT : 60 )) s without load: $(rss)"
grep -E "Under load|Quiet for a minute" "$WORK/tandem/out.log" | sed 's/^.*\] //' || echo "(the switch logged nothing)"
