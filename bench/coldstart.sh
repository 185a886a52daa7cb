#!/usr/bin/env bash
# Cold start: time from exec of the packaged start script (installer/src/deb/lib/start: extracted jar, class-data
# archive, the unit's JVM options) to /actuator/health UP, and the CPU the JVM had used by then (utime+stime of the
# process; its children's, the start script's `java -version` checks, separately). On a busy machine wall time moves
# with the load; CPU time much less. Several jars are measured alternately (A B A B ...), so a change of load hits
# them alike; medians per jar and case. Every server binds to 127.0.0.1 on ports of its own.
#
# Usage: bench/coldstart.sh RUNS DIR/tandem.jar...
#   Each jar is named tandem.jar (the start script's extraction expects that name), in a directory that names it;
#   a start script beside the jar (DIR/start, e.g. the one of the commit the jar was built from) is used for it,
#   else installer/src/deb/lib/start of this tree.
#   For each jar: the first start writes its class list and the second makes the class-data archive from it in the
#   background (the packaged first boots, not counted; the archive awaited), then per
#   round and jar one start on a fresh data directory ("fresh": the first boot after an install) and one on a data
#   directory an earlier boot made ("existing": every later boot).
# Environment: COLDSTART_DIR (work directory, default /tmp/coldstart-$USER), COLDSTART_OPTS (extra JVM options for
# every start, e.g. -Xlog:startuptime), COLDSTART_KEEP_LOGS=1 keeps each start's log.
# Prints one line per start and a summary; never fails on a timing.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
source "$BENCH_DIR/lib.sh"

RUNS=${1:?usage: coldstart.sh RUNS JAR...}; shift
[ $# -ge 1 ] || { echo "usage: coldstart.sh RUNS JAR..." >&2; exit 2; }
WORK=${COLDSTART_DIR:-/tmp/coldstart-$(id -un)}
START_SCRIPT=$ROOT/installer/src/deb/lib/start
TICK=$(getconf CLK_TCK)
mkdir -p "$WORK"

# Field N (1-based, as in proc(5)) of /proc/PID/stat (or /proc/PID/task/TID/stat), counted after the command name.
stat_field() { sed 's/^.*) //' "/proc/$1/stat" | awk -v n="$2" '{print $(n - 2)}'; }

# boot LABEL JAR DATA_DIR: starts, waits for UP, prints "wall_ms cpu_ms child_cpu_ms main_cpu_ms", stops (SIGTERM, as
# systemd). main: Java's main thread alone (Spring's refresh runs there; the JIT compilers' threads are most of the
# rest).
boot() {
  local label=$1 jar=$2 data=$3 log=$WORK/$1.log
  local http sip tls https stun tftp t0 pid up=0 wall cpu child main
  local script=$START_SCRIPT
  [ -x "$(dirname "$jar")/start" ] && script=$(dirname "$jar")/start
  http=$(free_port); sip=$(free_port); tls=$(free_port); https=$(free_port); stun=$(free_port); tftp=$(free_port)
  t0=$(date +%s%N)
  TANDEM_JAR=$jar TANDEM_CDS_DIR=$WORK/cds-$(basename "$(dirname "$jar")") TANDEM_JAVA_OPTS="${COLDSTART_OPTS:-}" \
    setsid "$script" --tandem.data-dir="$data" --server.address=127.0.0.1 --server.port="$http" \
      --tandem.https-port="$https" --tandem.sip.bind-address=127.0.0.1 --tandem.sip.port="$sip" \
      --tandem.sip.tls-port="$tls" --tandem.stun.port="$stun" --tandem.provisioning.tftp-port="$tftp" \
      --tandem.media.bind-address=127.0.0.1 --tandem.media.rtp-port-min=41000 --tandem.media.rtp-port-max=41998 \
      >"$log" 2>&1 &
  pid=$!
  if await_up "$http" "$pid" 90; then up=1; fi
  wall=$(( ($(date +%s%N) - t0) / 1000000 ))
  if [ $up = 1 ]; then
    cpu=$(( ($(stat_field "$pid" 14) + $(stat_field "$pid" 15)) * 1000 / TICK ))
    child=$(( ($(stat_field "$pid" 16) + $(stat_field "$pid" 17)) * 1000 / TICK ))
    main=0
    for task in /proc/"$pid"/task/*; do
      # Java's "main" thread keeps the launcher's name, "java"; the launcher's own first thread (tid = pid) only waits
      [ "${task##*/}" != "$pid" ] && [ "$(cat "$task/comm" 2>/dev/null)" = java ] || continue
      main=$(( main + ($(stat_field "$pid/task/${task##*/}" 14) + $(stat_field "$pid/task/${task##*/}" 15)) * 1000 / TICK ))
    done
    echo "$wall $cpu $child $main"
  else
    echo "start failed ($label), see $log" >&2
    echo "- - - -"
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done  # at most 60 s
  kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid"; echo "had to kill $label" >&2; }
  [ "${COLDSTART_KEEP_LOGS:-0}" = 1 ] || rm -f "$log"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

results=$WORK/results.txt
: >"$results"
for jar in "$@"; do
  name=$(basename "$(dirname "$jar")")
  rm -rf "$WORK/cds-$name" "$WORK/template-$name" "$WORK/second-$name"
  # The first boot after an install writes the class list; its data directory is the "existing" one. The second
  # makes the archive from the list in the background.
  echo "$name: first boot (writes the class list): $(boot "$name-first" "$jar" "$WORK/template-$name")"
  echo "$name: second boot (makes the archive): $(boot "$name-second" "$jar" "$WORK/second-$name")"
  await_cds_archive "$WORK/cds-$name" || exit 1
done
for round in $(seq 1 "$RUNS"); do
  for jar in "$@"; do
    name=$(basename "$(dirname "$jar")")
    for kind in fresh existing; do
      data=$WORK/data-$name
      rm -rf "$data"
      [ $kind = existing ] && cp -a "$WORK/template-$name" "$data"
      read -r wall cpu child main < <(boot "$name-$kind-$round" "$jar" "$data")
      echo "round $round $name $kind wall_ms=$wall cpu_ms=$cpu children_cpu_ms=$child main_thread_cpu_ms=$main" \
        "load=$(cut -d' ' -f1 /proc/loadavg)"
      echo "$name $kind $wall $cpu $child $main" >>"$results"
    done
  done
done
echo
printf '%-28s %-9s %5s %12s %12s %14s %12s\n' jar case runs "wall ms p50" "cpu ms p50" "children ms" "main ms p50"
for jar in "$@"; do
  name=$(basename "$(dirname "$jar")")
  for kind in fresh existing; do
    sel() { awk -v n="$name" -v k="$kind" -v f="$1" '$1 == n && $2 == k && $3 != "-" {print $f}' "$results"; }
    printf '%-28s %-9s %5s %12s %12s %14s %12s\n' "$name" "$kind" "$(sel 3 | wc -l)" "$(sel 3 | median)" \
      "$(sel 4 | median)" "$(sel 5 | median)" "$(sel 6 | median)"
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
