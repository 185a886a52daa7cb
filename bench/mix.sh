#!/usr/bin/env bash
# Tandem under the benchmark's mixed load as measured rounds: authenticated REGISTERs (300/s) and authenticated calls
# through the proxy (150/s) at the same time, as the warm-up runs them, for BENCH_MIX_ROUNDS rounds after that warm-up.
# Per round: the process's CPU, its JIT compiler threads' share and each thread group's, per "mix" of the round (its
# REGISTERs and calls). It answers one question of bench/run.sh's alternating rounds: whether the C2 compilations seen
# in every measured run (bench/RESULTS.md, session 31) come from alternating one load with the other after a mixed
# warm-up (the JIT then falls to ~0 here, where the load stays the warm-up's mix) or from the code itself. The CPU
# without the JIT is compared with what run.sh's per-operation medians predict for the same mix. Never fails on a
# timing.
#
# Usage: bench/mix.sh [JAR]   (default appliance/target/tandem.jar; its class-data archive in a cds folder beside it)
# Environment: BENCH_MIX_ROUNDS (default 4), MIX_REG and MIX_CALL (per round, default 3000 and 1500: 10 s each),
#   MIX_WARM_REG and MIX_WARM_CALL (default 12000 and 6000, bench/run.sh's), TANDEM_JAVA_OPTS (default: the unit's own
#   sizing, as run.sh), MIX_PREDICT="REG_MS CALL_MS" (per-operation CPU without the JIT to compare with, e.g. run.sh's
#   medians "0.653 2.042").
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

JAR=$(realpath "${1:-$BENCH_DIR/../appliance/target/tandem.jar}")
[ "$(basename "$JAR")" = tandem.jar ] || { echo "not a tandem.jar: $JAR" >&2; exit 2; }
ROUNDS=${BENCH_MIX_ROUNDS:-4}; REG=${MIX_REG:-3000}; CALL=${MIX_CALL:-1500}
WARM_REG=${MIX_WARM_REG:-12000}; WARM_CALL=${MIX_WARM_CALL:-6000}
TX_END_SECONDS=34   # as run.sh: the CPU is read once the round's transactions have ended (64*T1)
command -v sipp >/dev/null || { echo "needs SIPp: apt-get install sip-tester" >&2; exit 2; }

single_tandem mix "$JAR"
echo "# mixed load, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $JAR; JVM options: $(tandem_jvm_options "$TANDEM_PID")"
echo "# $ROUNDS rounds of $REG REGISTERs @300/s and $CALL calls @150/s at once, after $WARM_REG + $WARM_CALL of the same mix"
warm_up tandem "$PORT" "$WARM_REG" "$WARM_CALL"

for round in $(seq 1 "$ROUNDS"); do
  settle "$TANDEM_PID"
  python3 "$BENCH_DIR/ab/threads.py" snap "$TANDEM_PID" "$WORK/round$round-0.json"
  reg_port=$(sipp_port tandem reg); call_port=$(free_port)
  while [ "$call_port" = "$reg_port" ]; do call_port=$(free_port); done
  run_sipp "call-$round" "127.0.0.1:$PORT" -sf "$BENCH_DIR/sipp/uac_call_auth.xml" -inf "$WORK/caller.csv" \
      -i 127.0.0.1 -p "$call_port" -m "$CALL" -r 150 -timeout 120s > "$WORK/round$round-call.txt" &
  call_pid=$!
  run_sipp "reg-$round" "127.0.0.1:$PORT" -sf "$BENCH_DIR/sipp/register_auth.xml" -inf "$WORK/reg-users.csv" \
      -i 127.0.0.1 -p "$reg_port" -m "$REG" -r 300 -timeout 120s > "$WORK/round$round-reg.txt"
  wait "$call_pid" || true
  sleep "$TX_END_SECONDS"
  settle "$TANDEM_PID"
  python3 "$BENCH_DIR/ab/threads.py" snap "$TANDEM_PID" "$WORK/round$round-1.json"
  echo "# round $round done: REGISTER ok/failed $(cut -d' ' -f1-2 "$WORK/round$round-reg.txt"), calls $(cut -d' ' -f1-2 "$WORK/round$round-call.txt"), load $(cut -d' ' -f1-3 /proc/loadavg)"
done
# shellcheck disable=SC2086 # two numbers, split on purpose
python3 "$BENCH_DIR/mix_report.py" "$WORK" "$ROUNDS" ${MIX_PREDICT:-}
echo "(raw files in $WORK)"
