#!/usr/bin/env bash
# Benchmark: Tandem against Kamailio (Debian package), same load, same invocation, on loopback.
#  1. REGISTER with digest auth (401 + REGISTER with credentials + 200)
#  2. calls through the stateful proxy with digest auth: UAC -> server -> UAS
#     (INVITE, 407, ACK, INVITE+credentials, 180, 200, ACK, BYE, 200)
# The servers run side by side: server CPU ms per operation at a fixed, moderate rate (the fair figure on 2 cores,
# where SIPp saturates before the servers do), measured in alternating rounds (see rounds below); then, one server at
# a time, the highest rate sustained with <= 0.5 % failures (ramped, bounded); response-time percentiles and failure
# counts. Prints Tandem/Kamailio ratios, per round and their median.
# Never fails on a timing: this is a measurement, not a test.
#
# Two Kamailio references: "kamailio", usrloc in memory only (db_mode 0), for both tests; and, for REGISTER,
# "kamailio_db", usrloc write-through (db_mode 1) on the bench's own MariaDB, as durable as Tandem's registrar
# (a binding is committed before its 200 OK). Its CPU is Kamailio's processes plus mariadbd's.
# Tandem runs through the packaged start script (installer/src/deb/lib/start), so with the JVM options and the
# class-data archive the systemd unit gets; TANDEM_JAVA_OPTS adds options after them, as in a unit drop-in.
#
# Usage: bench/run.sh [--quick]     (--quick: shorter runs, for checking the script itself)
# Environment: BENCH_ROUNDS (measured rounds, default 3), BENCH_ONLY="kamailio kamailio_db tandem" (a subset), BENCH_JAR (the jar to run,
# default appliance/target/tandem.jar), BENCH_CDS_DIR (where the start script keeps the extracted jar and its
# archive across runs, default appliance/target/bench-cds), TANDEM_JAVA_OPTS.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

QUICK=0; [ "${1:-}" = "--quick" ] && QUICK=1
FIXED_REG_RATE=300;  FIXED_REG_COUNT=3000
FIXED_CALL_RATE=150; FIXED_CALL_COUNT=1500
RAMP_SECONDS=6; RAMP_RATES="250 500 1000 2000 4000"
# The warm-up, the same for every server, not measured: 12,000 REGISTERs and 6,000 calls, run at the same time (the
# two loads interleaved). A JVM compiles its hot code in the first ~15,000 REGISTERs (measured: its JIT compiler
# threads took 1.0 ms per REGISTER in the first 3,000 after a 3,000 warm-up, 0.06 ms after 15,000); a shorter
# warm-up measures the compiler, not the steady state. REGISTERs first and calls after left the JIT recompiling the
# shared parser and transaction code while REGISTERs were measured (0.6 ms per REGISTER, run of 2026-11-26 09:59):
# with both loads at once the compiler sees both paths before either is measured. The report shows the JIT's share
# of the measured run too, so a warm-up that was not enough is seen.
WARM_REG_COUNT=12000; WARM_CALL_COUNT=6000
ROUNDS=${BENCH_ROUNDS:-3}
TX_END_SECONDS=34   # 64*T1 = 32 s: the last transaction of a measured run has ended (Timer J/K), and 2 s for its timer
if [ $QUICK = 1 ]; then FIXED_REG_COUNT=600; FIXED_CALL_COUNT=300; RAMP_SECONDS=2; RAMP_RATES="250 500"
  WARM_REG_COUNT=2000; WARM_CALL_COUNT=1000; TX_END_SECONDS=2; ROUNDS=2; fi
DOMAIN=bench.local
USERS=500                      # registration users 3000..3499; caller 2001, callee 2002
ADMIN_PASSWORD=bench-admin-$$
ONLY=" ${BENCH_ONLY:-kamailio kamailio_db tandem} "
runs() { [[ "$ONLY" == *" $1 "* ]]; }
MODULES=/usr/lib/x86_64-linux-gnu/kamailio/modules   # the mpath of kamailio.cfg.in

need() { command -v "$1" >/dev/null 2>&1; }
install_missing() {
  local pkgs=()
  need sipp || pkgs+=(sip-tester)
  need kamailio || pkgs+=(kamailio)
  need python3 || pkgs+=(python3)
  if runs kamailio_db; then
    [ -f $MODULES/db_mysql.so ] || pkgs+=(kamailio-mysql-modules)
    # the -core packages: the server and client binaries, without a system service that starts
    need mariadbd || pkgs+=(mariadb-server-core)
    need mariadb || pkgs+=(mariadb-client-core)
  fi
  [ ${#pkgs[@]} -eq 0 ] && return 0
  echo "Installing ${pkgs[*]} ..."
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${pkgs[@]}" >/dev/null
}
install_missing
# the Debian package may start its own instance; the benchmark runs a private one on other ports
JAR=${BENCH_JAR:-$ROOT/appliance/target/tandem.jar}
CDS_DIR=${BENCH_CDS_DIR:-$ROOT/appliance/target/bench-cds}
if runs tandem && [ ! -f "$JAR" ]; then (cd "$ROOT" && ./mvnw -B -q -DskipTests package); fi
# the start script runs the extracted copy as app/tandem.jar, and Spring Boot's extraction keeps the jar's name
if runs tandem && [ "$(basename "$JAR")" != tandem.jar ]; then echo "BENCH_JAR must be named tandem.jar: $JAR" >&2; exit 1; fi

WORK=$(mktemp -d /tmp/tandem-bench.XXXXXX)
PIDS=()
# shellcheck source=bench/kamailio/usrloc-db.sh
source "$BENCH_DIR/kamailio/usrloc-db.sh"
stop_kamailio() { # DIR
  if [ -f "$1/k.pid" ]; then kill "$(cat "$1/k.pid")" 2>/dev/null || true; rm -f "$1/k.pid"; fi
}
cleanup() {
  # Tandem and the UAS; waited for, so that no JVM outlives the bench (a starved one takes its time to stop)
  for p in "${PIDS[@]}"; do stop_process "$p" 60; done
  stop_kamailio "$WORK/k"; stop_kamailio "$WORK/kdb"
  stop_mariadb
  pkill -f "sipp.*$WORK" 2>/dev/null || true
}
trap cleanup EXIT

# ---------- users (same for both servers) ----------
write_user_files "$WORK"

# ---------- Kamailio ----------
kamailio_pids() { pgrep -f "kamailio -f $WORK/k/kamailio.cfg" | tr '\n' ' '; }
kamailio_db_pids() { pgrep -f "kamailio -f $WORK/kdb/kamailio.cfg" | tr '\n' ' '; }

# ---------- Tandem ----------
# start_tandem_measured PORT HTTP: lib.sh's start_tandem on the bench's jar and CDS dir; its JVM options are the report's
# first line
start_tandem_measured() {
  start_tandem "$WORK/t" "$JAR" "$CDS_DIR" "$1" "$2"
  TANDEM_JVM="$(tandem_jvm_options "$TANDEM_PID")"
  if command -v jcmd >/dev/null; then
    TANDEM_JVM="$TANDEM_JVM (in effect: $(jcmd "$TANDEM_PID" VM.flags 2>/dev/null | tr ' ' '\n' \
        | grep -E '^-XX:\+Use[A-Za-z0-9]+GC$|^-XX:MaxHeapSize=' | tr '\n' ' ' | sed 's/ $//'))"
  fi
  echo "tandem jvm: $TANDEM_JVM" >> "$WORK/results.txt"
}

# ---------- the servers ----------
# NAME -> SIP port, what it is measured on ("reg call" or "reg"), the functions that list its pids (its CPU is their
# sum; with more than one, each one's share is recorded as well: NAME_pids -> NAME). Hooks, called when defined:
# NAME_before_fixed KIND before a round's CPU is first read, NAME_after_fixed KIND COUNT OK after it is read again.
declare -A PORT_OF KINDS_OF PIDFS_OF
SERVERS=()
server_pids() { local f; for f in ${PIDFS_OF[$1]}; do $f; echo; done | tr '\n' ' '; }
servers_pids() { local s; for s in "$@"; do server_pids "$s"; done; }
tandem_pids() { echo "$TANDEM_PID"; }

# ---------- measured rounds ----------
# rounds: the servers measured side by side, in turn, ROUNDS times (the first server of a round is the next one
# each round). One round of a kind: each server's CPU read, each server's fixed run in turn, then the wait until their
# transactions have ended (64*T1, see TX_END_SECONDS), then each server's CPU read again. So every server's figure
# covers the same stretch of time, and a machine whose load drifts between rounds touches all of them alike: one run
# per server had Kamailio's reference move 13 % between two quiet runs (sessions 29-30), and Tandem's G1 sizing more.
# The report gives the ratio of each round and their median.
rounds() {
  local round kind s sf inf rate count res ok failed f i rotated order
  local -A c0 j0 ran
  local -a all
  for round in $(seq 1 "$ROUNDS"); do
    rotated=("${SERVERS[@]:$(( (round - 1) % ${#SERVERS[@]} ))}" "${SERVERS[@]:0:$(( (round - 1) % ${#SERVERS[@]} ))}")
    for kind in reg call; do
      order=()
      for s in "${rotated[@]}"; do [[ " ${KINDS_OF[$s]} " == *" $kind "* ]] && order+=("$s"); done
      [ ${#order[@]} -gt 0 ] || continue
      if [ "$kind" = reg ]; then sf=register_auth.xml; inf=reg-users.csv; rate=$FIXED_REG_RATE; count=$FIXED_REG_COUNT
      else sf=uac_call_auth.xml; inf=caller.csv; rate=$FIXED_CALL_RATE; count=$FIXED_CALL_COUNT; fi
      for s in "${order[@]}"; do
        if declare -F "${s}_before_fixed" >/dev/null; then "${s}_before_fixed" "$kind"; fi
      done
      # shellcheck disable=SC2046 # pid lists are split on blanks on purpose
      settle $(servers_pids "${order[@]}")
      for s in "${order[@]}"; do
        # shellcheck disable=SC2046
        c0[$s]=$(cpu_ms $(server_pids "$s")); j0[$s]=0
        # shellcheck disable=SC2046
        for f in $(server_pids "$s"); do j0[$s]=$((j0[$s] + $(jit_cpu_ms "$f"))); done
        i=0
        for f in ${PIDFS_OF[$s]}; do
          # shellcheck disable=SC2046
          c0[$s.$i]=$(cpu_ms $($f)); i=$((i + 1))
        done
      done
      for s in "${order[@]}"; do
        ran[$s]=$(run_sipp "$s-fixed-$kind-r$round" "127.0.0.1:${PORT_OF[$s]}" -sf "$BENCH_DIR/sipp/$sf" \
            -inf "$WORK/$inf" -i 127.0.0.1 -p "$(sipp_port "$s" "$kind")" -m "$count" -r "$rate" -timeout 120s)
      done
      # The run's transactions end up to 32 s after their last response (Timer J/K, RFC 3261 §17.2.2, 64*T1), and
      # ending one is work too: Tandem's SIP stack paid 0.145 ms of its timer thread per REGISTER then, 32 s after
      # the run, which the figure left out (issue 23). So the CPU is read once they have all ended, for every server.
      sleep "$TX_END_SECONDS"
      # shellcheck disable=SC2046
      settle $(servers_pids "${order[@]}")
      for s in "${order[@]}"; do
        local c1 j1=0 parts=""
        # shellcheck disable=SC2046
        c1=$(cpu_ms $(server_pids "$s"))
        # shellcheck disable=SC2046
        for f in $(server_pids "$s"); do j1=$((j1 + $(jit_cpu_ms "$f"))); done
        all=(${PIDFS_OF[$s]})
        if [ ${#all[@]} -gt 1 ]; then
          i=0
          for f in "${all[@]}"; do
            # shellcheck disable=SC2046
            parts+=" ${f%_pids}_cpu_ms=$(( $(cpu_ms $($f)) - c0[$s.$i] ))"; i=$((i + 1))
          done
        fi
        read -r ok failed _ _ _ <<<"${ran[$s]}"
        echo "$s $kind fixed round=$round ok=$ok failed=$failed cpu_ms=$((c1 - c0[$s]))$parts jit_ms=$((j1 - j0[$s]))" \
          >> "$WORK/results.txt"
        python3 "$BENCH_DIR/percentiles.py" "$WORK/$s-fixed-$kind-r$round" "$s $kind round $round" >> "$WORK/results.txt"
        if declare -F "${s}_after_fixed" >/dev/null; then "${s}_after_fixed" "$kind" "$count" "$ok"; fi
      done
    done
    echo "# round $round of $ROUNDS done, load $(cut -d' ' -f1-3 /proc/loadavg)"
  done
}

# ---------- the machine's check ----------
# idle_probe: every server's CPU over IDLE_PROBE_SECONDS with no load, after the warm-up. A round charges each
# server its background over the whole round (~80 s), so this is part of every figure. Tandem's is ~5 ms/s on a
# normal day (session 45); on the days this machine charges short bursts of work 20-30 times over (cold caches and
# TLBs after the host ran other guests: session 47, where session 45's own jar idled at 150 ms/s), it is 40-150 ms/s
# and the ratios measure the machine more than the code. Printed with the report; a warning above 20 ms/s.
IDLE_PROBE_SECONDS=20
idle_probe() {
  local s rate
  local -A c0
  # shellcheck disable=SC2046 # pid lists are split on blanks on purpose
  for s in "${SERVERS[@]}"; do c0[$s]=$(cpu_ms $(server_pids "$s")); done
  sleep "$IDLE_PROBE_SECONDS"
  for s in "${SERVERS[@]}"; do
    # shellcheck disable=SC2046
    rate=$(( ($(cpu_ms $(server_pids "$s")) - c0[$s]) / IDLE_PROBE_SECONDS ))
    echo "$s idle after the warm-up: ${rate} ms/s" >> "$WORK/results.txt"
    if [ "$s" = tandem ] && [ "$rate" -gt 20 ]; then
      echo "warning: Tandem's background after the warm-up is ${rate} ms/s (~5 on a normal day): this machine charges" \
        "background work heavily now, and the ratios will measure it (bench/RESULTS.md, session 47)" >&2
    fi
  done
}

# ---------- the highest rate each server sustains, one server at a time ----------
ramps() { # NAME
  local name=$1 kind sf inf r res ok failed elapsed achieved total best
  for kind in ${KINDS_OF[$name]}; do
    if [ "$kind" = reg ]; then sf=register_auth.xml; inf=reg-users.csv; else sf=uac_call_auth.xml; inf=caller.csv; fi
    best=0
    for r in $RAMP_RATES; do
      # shellcheck disable=SC2046 # pid lists are split on blanks on purpose
      settle $(server_pids "$name")
      res=$(run_sipp "$name-ramp-$kind-$r" "127.0.0.1:${PORT_OF[$name]}" -sf "$BENCH_DIR/sipp/$sf" -inf "$WORK/$inf" \
          -i 127.0.0.1 -p "$(sipp_port "$name" "$kind")" -m $((r * RAMP_SECONDS)) -r "$r" -timeout $((RAMP_SECONDS * 4))s)
      read -r ok failed elapsed _ achieved <<<"$res"
      total=$((ok + failed))
      # sustained: <= 0.5 % failures, and SIPp could create calls at >= 90 % of the asked rate
      # (below that the load generator, not the server, is the limit being measured)
      if [ "$total" -gt 0 ] && [ $((failed * 1000)) -le $((total * 5)) ] \
         && [ $((achieved * 10)) -ge $((r * 9)) ]; then best=$r; else
        echo "$name $kind ramp stopped at $r/s: ok=$ok failed=$failed achieved=${achieved}/s elapsed_ms=$elapsed" >> "$WORK/results.txt"; break; fi
    done
    echo "$name $kind sustained=$best" >> "$WORK/results.txt"
    # the response times at that top rate (the issue's p99 target holds there too)
    if [ "$best" -gt 0 ]; then
      python3 "$BENCH_DIR/percentiles.py" "$WORK/$name-ramp-$kind-$best" "$name $kind @${best}/s" >> "$WORK/results.txt"
    fi
  done
}

K_PORT=$(free_port); KDB_PORT=$(free_port); MDB_PORT=$(free_port); T_PORT=$(free_port); T_HTTP=$(free_port)
header="# Tandem vs Kamailio, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1), kamailio $(kamailio -v | head -1 | awk '{print $3}')"
runs kamailio_db && header+=", $(mariadbd --version | awk '{print $3}')"
[ $QUICK = 1 ] && header+=" (--quick: checks the script, not a measurement)"
echo "$header"
quiet_machine
echo "# $ROUNDS rounds of $FIXED_REG_COUNT REGISTERs @${FIXED_REG_RATE}/s and $FIXED_CALL_COUNT calls @${FIXED_CALL_RATE}/s per server, after $WARM_REG_COUNT + $WARM_CALL_COUNT of warm-up; load $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$WORK/results.txt"
# all servers up side by side, each warmed up the same way (the others idle meanwhile)
if runs kamailio; then
  start_kamailio "$WORK/k" "$K_PORT"
  SERVERS+=(kamailio); PORT_OF[kamailio]=$K_PORT; KINDS_OF[kamailio]="reg call"; PIDFS_OF[kamailio]=kamailio_pids
fi
if runs kamailio_db; then
  start_mariadb "$MDB_PORT"
  start_kamailio "$WORK/kdb" "$KDB_PORT" -A WITH_USRLOC_DB
  usrloc_db_check_write_through "$KDB_PORT" "$WORK/caller.csv" 2001
  SERVERS+=(kamailio_db); PORT_OF[kamailio_db]=$KDB_PORT; KINDS_OF[kamailio_db]=reg
  PIDFS_OF[kamailio_db]="kamailio_db_pids mariadbd_pids"
fi
if runs tandem; then
  start_tandem_measured "$T_PORT" "$T_HTTP"
  SERVERS+=(tandem); PORT_OF[tandem]=$T_PORT; KINDS_OF[tandem]="reg call"; PIDFS_OF[tandem]=tandem_pids
fi
UAS=()
for s in "${SERVERS[@]}"; do
  calls=0
  if [[ " ${KINDS_OF[$s]} " == *" call "* ]]; then
    start_callee "${PORT_OF[$s]}" || { echo "$s: callee registration failed"; exit 1; }
    UAS+=("$UAS_PID"); calls=$WARM_CALL_COUNT
  fi
  # warm-up (JIT for Tandem, caches for all), not measured: REGISTERs and calls at the same time, both over the
  # same ~40 s (300 REGISTER/s, 150 calls/s), so the two paths are compiled together
  warm_up "$s" "${PORT_OF[$s]}" "$WARM_REG_COUNT" "$calls"
done
sleep "$TX_END_SECONDS" # the warm-up's transactions have ended before the first round's CPU is read
idle_probe
rounds
for s in "${SERVERS[@]}"; do
  ramps "$s"
  # a reference is stopped once measured: the next server's ramps have the machine to themselves
  case $s in
    kamailio) stop_kamailio "$WORK/k" ;;
    kamailio_db) usrloc_db_check_users $((USERS + 1)); stop_kamailio "$WORK/kdb"; stop_mariadb ;;
  esac
done
for p in "${UAS[@]}"; do stop_process "$p" 10; forget_pid "$p"; done
python3 "$BENCH_DIR/report.py" "$WORK/results.txt" $FIXED_REG_RATE $FIXED_CALL_RATE
echo "(raw SIPp output kept in $WORK)"
trap - EXIT; cleanup
if grep -q '^kamailio_db invalid' "$WORK/results.txt"; then echo "the write-through reference is INVALID (see above)" >&2; exit 1; fi
