#!/usr/bin/env bash
# Benchmark: Tandem against Kamailio (Debian package), same load, same invocation, on loopback.
#  1. REGISTER with digest auth (401 + REGISTER with credentials + 200)
#  2. calls through the stateful proxy with digest auth: UAC -> server -> UAS
#     (INVITE, 407, ACK, INVITE+credentials, 180, 200, ACK, BYE, 200)
# For each server: server CPU ms per operation at a fixed, moderate rate (the fair figure on 2 cores,
# where SIPp saturates before the servers do), then the highest rate sustained with <= 0.5 % failures
# (ramped, bounded), response-time percentiles, and failure counts. Prints Tandem/Kamailio ratios.
# Never fails on a timing: this is a measurement, not a test.
#
# Two Kamailio references: "kamailio", usrloc in memory only (db_mode 0), for both tests; and, for REGISTER,
# "kamailio_db", usrloc write-through (db_mode 1) on the bench's own MariaDB, as durable as Tandem's registrar
# (a binding is committed before its 200 OK). Its CPU is Kamailio's processes plus mariadbd's.
# Tandem runs through the packaged start script (installer/src/deb/lib/start), so with the JVM options and the
# class-data archive the systemd unit gets; TANDEM_JAVA_OPTS adds options after them, as in a unit drop-in.
#
# Usage: bench/run.sh [--quick]     (--quick: shorter runs, for checking the script itself)
# Environment: BENCH_ONLY="kamailio kamailio_db tandem" (a subset, in that order), BENCH_JAR (the jar to run,
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
TX_END_SECONDS=34   # 64*T1 = 32 s: the last transaction of a measured run has ended (Timer J/K), and 2 s for its timer
if [ $QUICK = 1 ]; then FIXED_REG_COUNT=600; FIXED_CALL_COUNT=300; RAMP_SECONDS=2; RAMP_RATES="250 500"
  WARM_REG_COUNT=2000; WARM_CALL_COUNT=1000; TX_END_SECONDS=2; fi
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

# ---------- one server's measurements ----------
# measure NAME PORT "KINDS" PIDS_FUNCTION...
#   KINDS: "reg call", or "reg" alone (the warm-up then skips the calls too). The CPU counted is the sum over all
#   the PIDS_FUNCTIONs' processes; with more than one, each one's share is recorded as well (NAME_pids -> NAME).
#   Hooks, called when defined: NAME_before_fixed KIND, before the measured run's settle; NAME_after_fixed KIND
#   COUNT OK, after it.
measure() {
  local name=$1 port=$2 kinds=$3 r
  shift 3
  local pidsfs=("$@")
  all_pids() { local f; for f in "${pidsfs[@]}"; do $f; echo; done | tr '\n' ' '; }
  local uas_pid=""
  if [[ " $kinds " == *" call "* ]]; then
    start_callee "$port" || { echo "$name: callee registration failed"; return 1; }
    uas_pid=$UAS_PID
  fi
  # warm-up (JIT for Tandem, caches for both), not measured: REGISTERs and calls at the same time, both over the
  # same ~40 s (300 REGISTER/s, 150 calls/s), so the two paths are compiled together
  warm_up "$name" "$port" "$WARM_REG_COUNT" "$([ -n "$uas_pid" ] && echo "$WARM_CALL_COUNT" || echo 0)"

  local c0 c1 j0 j1 res ok failed f parts
  local -a p0
  for kind in $kinds; do
    local sf inf rate count
    if [ "$kind" = reg ]; then sf=register_auth.xml; inf=reg-users.csv; rate=$FIXED_REG_RATE; count=$FIXED_REG_COUNT
    else sf=uac_call_auth.xml; inf=caller.csv; rate=$FIXED_CALL_RATE; count=$FIXED_CALL_COUNT; fi
    if declare -F "${name}_before_fixed" >/dev/null; then "${name}_before_fixed" "$kind"; fi
    sleep "$TX_END_SECONDS"   # the transactions of what ran before (warm-up, ramps) have ended, see below
    # shellcheck disable=SC2046 # pid lists are split on blanks on purpose
    settle $(all_pids)
    # shellcheck disable=SC2046
    c0=$(cpu_ms $(all_pids)); j0=0
    # shellcheck disable=SC2046
    for f in $(all_pids); do j0=$((j0 + $(jit_cpu_ms "$f"))); done
    p0=()
    # shellcheck disable=SC2046
    for f in "${pidsfs[@]}"; do p0+=("$(cpu_ms $($f))"); done
    res=$(run_sipp "$name-fixed-$kind" "127.0.0.1:$port" -sf "$BENCH_DIR/sipp/$sf" -inf "$WORK/$inf" \
        -i 127.0.0.1 -p "$(free_port)" -m "$count" -r "$rate" -timeout 120s)
    # The run's transactions end up to 32 s after their last response (Timer J/K, RFC 3261 §17.2.2, 64*T1), and
    # ending one is work too: Tandem's SIP stack paid 0.145 ms of its timer thread per REGISTER then, 32 s after
    # the run, which the figure left out (issue 23). So the CPU is read once they have all ended, for every server.
    sleep "$TX_END_SECONDS"
    # shellcheck disable=SC2046
    settle $(all_pids)
    # shellcheck disable=SC2046
    c1=$(cpu_ms $(all_pids)); j1=0
    # shellcheck disable=SC2046
    for f in $(all_pids); do j1=$((j1 + $(jit_cpu_ms "$f"))); done
    parts=""
    if [ ${#pidsfs[@]} -gt 1 ]; then
      local i=0
      # shellcheck disable=SC2046
      for f in "${pidsfs[@]}"; do parts+=" ${f%_pids}_cpu_ms=$(( $(cpu_ms $($f)) - p0[i] ))"; i=$((i + 1)); done
    fi
    read -r ok failed _ _ _ <<<"$res"
    echo "$name $kind fixed ok=$ok failed=$failed cpu_ms=$((c1 - c0))$parts jit_ms=$((j1 - j0))" >> "$WORK/results.txt"
    python3 "$BENCH_DIR/percentiles.py" "$WORK/$name-fixed-$kind" "$name $kind" >> "$WORK/results.txt"
    if declare -F "${name}_after_fixed" >/dev/null; then "${name}_after_fixed" "$kind" "$count" "$ok"; fi

    local best=0
    for r in $RAMP_RATES; do
      # shellcheck disable=SC2046
      settle $(all_pids)
      res=$(run_sipp "$name-ramp-$kind-$r" "127.0.0.1:$port" -sf "$BENCH_DIR/sipp/$sf" -inf "$WORK/$inf" \
          -i 127.0.0.1 -p "$(free_port)" -m $((r * RAMP_SECONDS)) -r "$r" -timeout $((RAMP_SECONDS * 4))s)
      read -r ok failed elapsed _ achieved <<<"$res"
      local total=$((ok + failed))
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
  if [ -n "$uas_pid" ]; then stop_process "$uas_pid" 10; forget_pid "$uas_pid"; fi
}

K_PORT=$(free_port); KDB_PORT=$(free_port); MDB_PORT=$(free_port); T_PORT=$(free_port); T_HTTP=$(free_port)
header="# Tandem vs Kamailio, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1), kamailio $(kamailio -v | head -1 | awk '{print $3}')"
runs kamailio_db && header+=", $(mariadbd --version | awk '{print $3}')"
[ $QUICK = 1 ] && header+=" (--quick: checks the script, not a measurement)"
echo "$header"
: > "$WORK/results.txt"
if runs kamailio; then
  start_kamailio "$WORK/k" "$K_PORT"
  measure kamailio "$K_PORT" "reg call" kamailio_pids
  stop_kamailio "$WORK/k"
fi
if runs kamailio_db; then
  start_mariadb "$MDB_PORT"
  start_kamailio "$WORK/kdb" "$KDB_PORT" -A WITH_USRLOC_DB
  usrloc_db_check_write_through "$KDB_PORT" "$WORK/caller.csv" 2001
  measure kamailio_db "$KDB_PORT" reg kamailio_db_pids mariadbd_pids
  usrloc_db_check_users $((USERS + 1))
  stop_kamailio "$WORK/kdb"
  stop_mariadb
fi
if runs tandem; then
  start_tandem_measured "$T_PORT" "$T_HTTP"
  tandem_pids() { echo "$TANDEM_PID"; }
  measure tandem "$T_PORT" "reg call" tandem_pids
fi
python3 "$BENCH_DIR/report.py" "$WORK/results.txt" $FIXED_REG_RATE $FIXED_CALL_RATE
echo "(raw SIPp output kept in $WORK)"
trap - EXIT; cleanup
if grep -q '^kamailio_db invalid' "$WORK/results.txt"; then echo "the write-through reference is INVALID (see above)" >&2; exit 1; fi
