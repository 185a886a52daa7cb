#!/usr/bin/env bash
# The call rates one Tandem jar sustains alone: bench/run.sh's warm-up, then authenticated calls through the proxy at
# each of RAMP_CALL_RATES for 6 s (bounded: rate × 6 calls, SIPp stopped after 300 s), one after the other. Per step:
# SIPp's successful and failed calls, the elapsed ms, the kernel's UDP receive-buffer drops on this host during the
# step (UdpRcvbufErrors: Tandem's sockets and SIPp's), the CPU of Tandem's thread groups so far, and the response
# times. For comparing two jars' top rates (run.sh ramps only the one it measures against Kamailio). A measurement,
# never a test.
#
# Usage: bench/ramp.sh [JAR]   (default appliance/target/tandem.jar; its class-data archive in a cds folder beside it)
# Environment: RAMP_CALL_RATES (default "500 750 1000"), TANDEM_JAVA_OPTS.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

JAR=$(realpath "${1:-$BENCH_DIR/../appliance/target/tandem.jar}")
[ "$(basename "$JAR")" = tandem.jar ] || { echo "not a tandem.jar: $JAR" >&2; exit 2; }
command -v sipp >/dev/null || { echo "needs SIPp: apt-get install sip-tester" >&2; exit 2; }
command -v nstat >/dev/null || { echo "needs nstat: apt-get install iproute2" >&2; exit 2; }
rcvbuf_errors() { nstat -az | awk '/UdpRcvbufErrors/ {print $2}'; }
thread_cpu() { # PID: CPU ms per thread group, the six largest
  python3 - "$1" <<'PY'
import collections, os, re, sys
pid, cpu = sys.argv[1], collections.Counter()
for t in os.listdir(f"/proc/{pid}/task"):
    try:
        st = open(f"/proc/{pid}/task/{t}/stat").read()
    except OSError:
        continue
    fields = st[st.rindex(")") + 2:].split()
    cpu[re.sub(r"\d+", "#", st[st.index("(") + 1:st.rindex(")")])] += int(fields[11]) + int(fields[12])
tick = os.sysconf("SC_CLK_TCK")
print("  threads:", " ".join(f"{k}={v * 1000 // tick}ms" for k, v in cpu.most_common(6)))
PY
}

single_tandem ramp "$JAR"
warm_up tandem "$PORT" 12000 6000
echo "# $(basename "$(dirname "$JAR")")/tandem.jar, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
thread_cpu "$TANDEM_PID"
for r in ${RAMP_CALL_RATES:-500 750 1000}; do
  settle "$TANDEM_PID"
  drops=$(rcvbuf_errors)
  read -r ok failed elapsed _ achieved <<<"$(run_sipp "ramp-call-$r" "127.0.0.1:$PORT" \
      -sf "$BENCH_DIR/sipp/uac_call_auth.xml" -inf "$WORK/caller.csv" -i 127.0.0.1 -p "$(free_port)" \
      -m $((r * 6)) -r "$r" -timeout 24s)"
  echo "calls @$r/s: ok=$ok failed=$failed elapsed_ms=$elapsed achieved=$achieved/s rcvbuf_drops=$(( $(rcvbuf_errors) - drops ))"
  thread_cpu "$TANDEM_PID"
  python3 "$BENCH_DIR/percentiles.py" "$WORK/ramp-call-$r" "  calls @$r/s"
done
