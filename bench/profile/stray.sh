#!/usr/bin/env bash
# What stray datagrams, unauthenticated and matching no transaction, cost beside a full transaction table: one Tandem,
# a short warm-up, a call load that leaves its BYEs' server transactions for Timer J (32 s), then PROBES of one kind
# at 20/s (each its own Call-ID), async-profiler over them; prints the process's CPU over the probes and the threads'
# and the transaction walks' share of the samples. A measurement, never a test.
#   PROBE=rfc2543  OPTIONS whose Via branch lacks "z9hG4bK" (RFC 2543 style; jain-sip patch 0027)
#   PROBE=cancel   CANCELs of a branch no INVITE had (RFC 3261 §9.2, never challenged: §22.1; jain-sip patch 0028)
#
# Usage: bench/profile/stray.sh [JAR]      (default appliance/target/tandem.jar)
# Environment: PROBE (default rfc2543), CALLS (the load before the probes, default 4500 at 150/s), PROBES (default
# 100), PROFILER (as run.sh).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

JAR=$(realpath "${1:-$BENCH_DIR/../appliance/target/tandem.jar}")
PROFILER=${PROFILER:-$HOME/.cache/tandem-bench/async-profiler-4.2/libasyncProfiler.so}
[ -f "$PROFILER" ] || { echo "run bench/profile/run.sh once first (it fetches async-profiler)" >&2; exit 2; }
command -v sipp >/dev/null || { echo "needs SIPp: apt-get install sip-tester" >&2; exit 2; }

PROBE=${PROBE:-rfc2543}
case "$PROBE" in
    rfc2543) WALK=isMessagePartOfTransaction ;;
    cancel) WALK=findCancelTransaction ;;
    *) echo "PROBE is rfc2543 or cancel" >&2; exit 2 ;;
esac
single_tandem "stray-$PROBE" "$JAR"
warm_up tandem "$PORT" 3000 1500
settle "$TANDEM_PID"
run_sipp fill "127.0.0.1:$PORT" -sf "$BENCH_DIR/sipp/uac_call_auth.xml" -inf "$WORK/caller.csv" \
    -i 127.0.0.1 -p "$(free_port)" -m "${CALLS:-4500}" -r 150 -timeout 120s >/dev/null
sleep 1   # the last calls' BYEs answered: their transactions now wait out Timer J

jcmd "$TANDEM_PID" JVMTI.agent_load "$PROFILER" "\"start,event=cpu,interval=200us,threads\"" >/dev/null
before=$(cpu_ms "$TANDEM_PID")
python3 - "$PORT" "${PROBES:-100}" "$PROBE" <<'PY'
import socket, sys, time
port, n, kind = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); s.settimeout(0.001)
local, answers = s.getsockname()[1], 0
for i in range(n):
    method, branch = ("OPTIONS", "rfc2543") if kind == "rfc2543" else ("CANCEL", "z9hG4bK-gone")
    s.sendto((f"{method} sip:probe@127.0.0.1:{port} SIP/2.0\r\n"
              f"Via: SIP/2.0/UDP 127.0.0.1:{local};branch={branch}-{i}-{time.time_ns()}\r\n"
              f"Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=p{i}\r\nTo: <sip:probe@127.0.0.1>\r\n"
              f"Call-ID: probe-{i}-{time.time_ns()}@127.0.0.1\r\nCSeq: 1 {method}\r\nContent-Length: 0\r\n\r\n").encode(),
             ("127.0.0.1", port))
    until = time.time() + 0.05
    while time.time() < until:
        try:
            s.recvfrom(65535); answers += 1
        except socket.timeout:
            pass
print(f"# {n} probes, {answers} answered")
PY
after=$(cpu_ms "$TANDEM_PID")
jcmd "$TANDEM_PID" JVMTI.agent_load "$PROFILER" "\"stop,file=$WORK/$PROBE.collapsed,collapsed\"" >/dev/null
echo "# the process over the probes: $((after - before)) ms of CPU (C2 may still be compiling the call path)"
python3 - "$WORK/$PROBE.collapsed" "$WALK" <<'PY'
import collections, re, sys
walk_frame = sys.argv[2]
threads, walk, receive = collections.Counter(), 0, 0
for line in open(sys.argv[1]):
    stack, n = line.rsplit(" ", 1); n = int(n); frames = stack.split(";")
    name = re.sub(r"[0-9]+", "#", frames[0].strip("[]").split(" tid")[0])
    threads[name] += n
    if name.startswith("MessageProcessorThread"):
        receive += n
        if any(walk_frame in f for f in frames): walk += n
for name, n in threads.most_common(6): print(f"{n * 0.2:8.1f} ms  {name}")
print(f"UDP receive thread {receive * 0.2:.1f} ms, of which the transaction walk ({sys.argv[2]}) {walk * 0.2:.1f} ms")
PY
echo "(stacks in $WORK)"
