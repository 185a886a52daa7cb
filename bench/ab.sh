#!/usr/bin/env bash
# A/B of two Tandem jars on this machine: CPU per authenticated REGISTER and per authenticated call through the
# proxy, with and without the JIT compiler threads, per thread group. The two run side by side and are measured in
# alternating rounds (A first in odd rounds, B first in even ones), so a machine whose load drifts (other builds)
# affects both alike: only the ratio B/A is meant to be read, not the absolute figures (bench/run.sh measures those,
# against Kamailio, on a quiet machine). Never fails on a timing.
#
# Usage: bench/ab.sh [--quick] A/tandem.jar B/tandem.jar
#   Each jar must be named tandem.jar (the start script runs it from its extracted copy); each gets its class-data
#   archive in a cds folder beside it, recorded on its first start as the unit does.
# Environment: AB_ROUNDS (default 5), AB_REG (REGISTERs per round, default 3000 at 300/s), AB_CALL (calls per round,
#   default 1500 at 150/s), AB_WARM_REG and AB_WARM_CALL (the warm-up, default 12000 and 6000), TANDEM_JAVA_OPTS
#   (default: the same fixed heap for both jars, see below; set it, even empty, for the unit's own sizing),
#   AB_JAVA_OPTS_A / AB_JAVA_OPTS_B (options for one jar only, after TANDEM_JAVA_OPTS: an A/B of JVM options, with
#   the same jar given twice).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

QUICK=0; if [ "${1:-}" = "--quick" ]; then QUICK=1; shift; fi
[ $# -eq 2 ] || { sed -n '8,16p' "$0"; exit 2; }
JARS=("$(realpath "$1")" "$(realpath "$2")")
for j in "${JARS[@]}"; do
  if [ ! -f "$j" ] || [ "$(basename "$j")" != tandem.jar ]; then echo "not a tandem.jar: $j" >&2; exit 2; fi
done
ROUNDS=${AB_ROUNDS:-5}; REG=${AB_REG:-3000}; CALL=${AB_CALL:-1500}
WARM_REG=${AB_WARM_REG:-12000}; WARM_CALL=${AB_WARM_CALL:-6000}   # as bench/run.sh, same reasons
TX_END_SECONDS=34                # as bench/run.sh: the CPU is read once the run's transactions have ended (64*T1)
if [ $QUICK = 1 ]; then ROUNDS=2; REG=300; CALL=150; WARM_REG=600; WARM_CALL=300; TX_END_SECONDS=2; fi
command -v sipp >/dev/null || { echo "needs SIPp: apt-get install sip-tester" >&2; exit 2; }
DOMAIN=bench.local; USERS=500; ADMIN_PASSWORD=bench-admin-$$
# Both jars on one fixed heap, no periodic GC: with the unit's own sizing G1 grew each to ~160 MB committed for ~107 MB
# live, and whether a round happened to start concurrent marking decided ~0.3 ms per call (session 29: B's GC threads
# 350-370 ms per round against A's 80-100, the whole difference between the jars). An A/B compares code; the unit's
# sizing is what bench/run.sh measures.
export TANDEM_JAVA_OPTS=${TANDEM_JAVA_OPTS-"-Xms512m -Xmx512m -XX:G1PeriodicGCInterval=0"}

WORK=$(mktemp -d /tmp/tandem-ab.XXXXXX)
PIDS=()
cleanup() { local p; for p in "${PIDS[@]}"; do stop_process "$p" 60; done; pkill -f "sipp.*$WORK" 2>/dev/null || true; }
trap cleanup EXIT
write_user_files "$WORK"

quiet_machine   # before the two JVMs start: their own start is not what it waits for
declare -A PID PORT
for i in 0 1; do
  name=$([ $i = 0 ] && echo A || echo B)
  PORT[$name]=$(free_port)
  opts_var=AB_JAVA_OPTS_$name
  TANDEM_JAVA_OPTS="$TANDEM_JAVA_OPTS ${!opts_var:-}" \
    start_tandem "$WORK/$name" "${JARS[$i]}" "$(dirname "${JARS[$i]}")/cds" "${PORT[$name]}" "$(free_port)"
  PID[$name]=$TANDEM_PID
  start_callee "${PORT[$name]}"
done
echo "# A/B, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); A=${JARS[0]} B=${JARS[1]}; extra JVM options: ${TANDEM_JAVA_OPTS:-none}${AB_JAVA_OPTS_A:+; A only: $AB_JAVA_OPTS_A}${AB_JAVA_OPTS_B:+; B only: $AB_JAVA_OPTS_B}"
echo "# $ROUNDS rounds of $REG REGISTERs @300/s and $CALL calls @150/s each, after $WARM_REG + $WARM_CALL of warm-up"
for name in A B; do warm_up "$name" "${PORT[$name]}" "$WARM_REG" "$WARM_CALL"; done

for round in $(seq 1 "$ROUNDS"); do
  order="A B"; [ $((round % 2)) = 0 ] && order="B A"
  for kind in reg call; do
    if [ $kind = reg ]; then sf=register_auth.xml; inf=reg-users.csv; rate=300; count=$REG
    else sf=uac_call_auth.xml; inf=caller.csv; rate=150; count=$CALL; fi
    settle "${PID[A]}" "${PID[B]}"
    for name in $order; do python3 "$BENCH_DIR/ab/threads.py" snap "${PID[$name]}" "$WORK/round$round-$kind-$name-0.json"; done
    for name in $order; do
      read -r ok failed _ <<<"$(run_sipp "$name-$round-$kind" "127.0.0.1:${PORT[$name]}" -sf "$BENCH_DIR/sipp/$sf" \
          -inf "$WORK/$inf" -i 127.0.0.1 -p "$(sipp_port "$name" $kind)" -m "$count" -r "$rate" -timeout 120s)"
      printf '{"round": %d, "kind": "%s", "jar": "%s", "ok": %d, "failed": %d}\n' "$round" $kind "$name" "$ok" "$failed" \
        > "$WORK/round$round-$kind-$name.json.meta"
    done
    sleep "$TX_END_SECONDS"
    settle "${PID[A]}" "${PID[B]}"
    for name in $order; do python3 "$BENCH_DIR/ab/threads.py" snap "${PID[$name]}" "$WORK/round$round-$kind-$name-1.json"; done
  done
  echo "# round $round done, load $(cut -d' ' -f1-3 /proc/loadavg)"
done
python3 "$BENCH_DIR/ab/threads.py" report "$WORK"
echo "(raw files in $WORK)"
