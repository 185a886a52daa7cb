#!/usr/bin/env bash
# Media relay benchmark: N concurrent relayed G.711 calls (both phones streaming 20 ms PCMU at 50 packets/s) through
# Tandem's relay and through rtpengine from Debian (userspace forwarding, --table=-1), same load, same invocation,
# both driven by rtpengine's ng protocol (offer/answer/delete). Baseline in the same run: the same calls phone to
# phone with no relay; "added" latency is a relay's percentile minus the baseline's. Reference: java-nio, the least a
# JVM must do to relay (bench/relay/PlainRelay.java). Relays are pinned to CPU 0, the load tool to CPU 1 (taskset).
# Reports, per relay and level: CPU per relayed stream, CPU-seconds per 1000 packets, loss, reordering, added
# latency p50/p99/max, and Tandem/rtpengine ratios. Never fails on a timing: this is a measurement, not a test.
#
# Usage: bench/relay/run.sh [--quick] [--calls N] [--seconds S] [--rounds R]
#   --calls N    top level (default 500); the ramp is N/5, N/2, N
#   --seconds S  measured window per level and relay (default 10; 2 s of warm-up come first)
#   --rounds R   each level R times, relays in rotating order; the table shows medians (default 3)
#   --quick    20 and 50 calls, 3 s each (for checking the script itself)
#   RELAY_THREADS=1 forwarding threads of each relay; PIN=0 to run unpinned; TARGETS="rtpengine tandem java-nio"
#   NICE=-10 runs the relays and the load tool ahead of other work on a shared machine (root; in a session of its
#            own whose autogroup gets that nice value); default 0
set -euo pipefail
DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$DIR/../.." && pwd)
source "$DIR/../lib.sh"

NICE=${NICE:-0}
# Linux schedules sessions against each other (autogroup) before it looks at nice values, so a plain nice does not
# put the relays ahead of other people's builds: run in a session of our own and give that session the nice value
if [ "$NICE" != 0 ] && [ -z "${RELAY_BENCH_SESSION:-}" ] && [ -e /proc/self/autogroup ]; then
  RELAY_BENCH_SESSION=1 exec setsid --wait "$0" "$@"
fi
if [ -n "${RELAY_BENCH_SESSION:-}" ]; then echo "$NICE" > /proc/$$/autogroup; fi

CALLS=500; SECONDS_PER_LEVEL=10; WARMUP=2; ROUNDS=3; QUICK=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --calls) CALLS=$2; shift ;;
    --seconds) SECONDS_PER_LEVEL=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    *) echo "usage: $0 [--quick] [--calls N] [--seconds S] [--rounds R]"; exit 2 ;;
  esac
  shift
done
LEVELS="$((CALLS / 5)),$((CALLS / 2)),$CALLS"
if [ $QUICK = 1 ]; then LEVELS="20,50"; SECONDS_PER_LEVEL=3; WARMUP=1; ROUNDS=1; fi
RELAY_THREADS=${RELAY_THREADS:-1}
TARGETS=${TARGETS:-"rtpengine tandem java-nio"}
PIN=${PIN:-1}
PIN0=(nice -n "$NICE"); PIN1=(nice -n "$NICE")
[ "$PIN" = 1 ] && { PIN0+=(taskset -c 0); PIN1+=(taskset -c 1); }

# rtpengine's userspace part only: the metapackage would also build its kernel module (dkms), not used here
if ! command -v rtpengine >/dev/null; then
  echo "Installing rtpengine-daemon ..."
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq rtpengine-daemon >/dev/null
fi

# ---------- build: media's classes (the relay contract and implementation) and the bench's own sources ----------
cd "$ROOT"
mkdir -p "$DIR/target"
./mvnw -q -o -pl media -DskipTests compile
# offline: fall back to a dependency plugin version that the local repository has in full
./mvnw -q -o -pl media dependency:build-classpath -Dmdep.outputFile="$DIR/target/cp.txt" >/dev/null 2>&1 \
  || ./mvnw -q -o -pl media org.apache.maven.plugins:maven-dependency-plugin:3.7.0:build-classpath \
       -Dmdep.outputFile="$DIR/target/cp.txt" >/dev/null
CP="$ROOT/media/target/classes:$(cat "$DIR/target/cp.txt")"
rm -rf "$DIR/target/classes"
javac -d "$DIR/target/classes" -cp "$CP" "$DIR"/*.java
CP="$DIR/target/classes:$CP"
JAVA="java -XX:+UseParallelGC -Xms256m -Xmx512m"
MAX_SECONDS=3600   # every relay process ends by itself after this, whatever happens to this script

WORK=$(mktemp -d /tmp/tandem-relay-bench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

ng_ping() { # port -> 0 when something answers an ng ping on 127.0.0.1:port
  python3 - "$1" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(0.5)
s.sendto(b"1 d7:command4:pinge", ("127.0.0.1", int(sys.argv[1])))
try:
    sys.exit(0 if b"pong" in s.recv(1000) else 1)
except OSError:
    sys.exit(1)
PY
}
wait_ng() { # port pid seconds
  local deadline=$((SECONDS + $3))
  while [ $SECONDS -lt $deadline ]; do
    kill -0 "$2" 2>/dev/null || return 1
    ng_ping "$1" && return 0
    sleep 0.3
  done
  return 1
}

LOAD_TARGETS=(--target direct)
for t in $TARGETS; do
  port=$(free_port)
  case $t in
    rtpengine)
      "${PIN0[@]}" rtpengine --config-file=none --table=-1 --interface=127.0.0.1 --listen-ng="127.0.0.1:$port" \
          --foreground --log-stderr -L 4 --port-min=22000 --port-max=26999 --delete-delay=0 \
          --num-threads="$RELAY_THREADS" --timeout=60 >"$WORK/rtpengine.log" 2>&1 &
      ;;
    tandem)
      "${PIN0[@]}" $JAVA -Dtandem.media.relay-threads="$RELAY_THREADS" -cp "$CP" RelayNgServer tandem "$port" 27000 31999 \
          $MAX_SECONDS >"$WORK/tandem.log" 2>&1 &
      ;;
    java-nio)
      "${PIN0[@]}" $JAVA -cp "$CP" RelayNgServer plain "$port" 0 0 $MAX_SECONDS >"$WORK/java-nio.log" 2>&1 &
      ;;
  esac
  pid=$!; PIDS+=("$pid")
  if wait_ng "$port" "$pid" 30; then
    LOAD_TARGETS+=(--target "$t=127.0.0.1:$port@$pid")
  else
    echo "$t: not measured, its relay did not start: $(grep -m1 -E 'Exception|rror' "$WORK/$t.log" || tail -1 "$WORK/$t.log")"
    echo "$t unavailable" >> "$WORK/results.txt"
  fi
done

echo "# relay benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
     "$(java -version 2>&1 | head -1), $(rtpengine --version 2>&1 | head -1); nice $NICE, pinned $PIN," \
     "relay threads $RELAY_THREADS, $ROUNDS round(s) of ${SECONDS_PER_LEVEL}s per level"
"${PIN1[@]}" $JAVA -cp "$CP" RelayBench --calls "$LEVELS" --seconds $SECONDS_PER_LEVEL --warmup $WARMUP --rounds $ROUNDS \
    --clock-ticks "$(getconf CLK_TCK)" "${LOAD_TARGETS[@]}" | tee -a "$WORK/results.txt" || true
echo "# load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo
python3 "$DIR/report.py" "$WORK/results.txt"
echo "(relay logs and raw results kept in $WORK)"
