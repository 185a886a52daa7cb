#!/usr/bin/env bash
# Browser-to-phone calls through Tandem's relay (issue 16): CPU of the relay's own threads per call with a WebRTC
# party (DTLS-SRTP handshake, then SRTP decrypted and encrypted by the relay) against the same calls between two plain
# RTP phones, in the same run; loss; the DTLS handshake's time and CPU per call. The load runs in the same JVM on
# other threads and is not counted. Never fails on a timing: a measurement, not a test.
#
# Usage: bench/webrtc/run.sh [--quick] [--calls N,M] [--seconds S]
#   --calls N,M  levels (default 50,100,200), each plain then WebRTC
#   --seconds S  measured window per level and mode (default 10, after 2 s of warm-up)
#   --quick      10 and 20 calls, 3 s each (for checking the script itself)
set -euo pipefail
DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$DIR/../.." && pwd)

CALLS=50,100,200; SECONDS_PER_LEVEL=10; WARMUP=2
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) CALLS=10,20; SECONDS_PER_LEVEL=3; WARMUP=1 ;;
    --calls) CALLS=$2; shift ;;
    --seconds) SECONDS_PER_LEVEL=$2; shift ;;
    *) echo "usage: $0 [--quick] [--calls N,M] [--seconds S]"; exit 2 ;;
  esac
  shift
done

# ---------- build: media's classes and its test helpers (a browser's DTLS side, jitsi-srtp), then the bench ----------
cd "$ROOT"
mkdir -p "$DIR/target"
./mvnw -q -o -pl media -DskipTests test-compile
./mvnw -q -o -pl media dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$DIR/target/cp.txt" \
    >/dev/null 2>&1 \
  || ./mvnw -q -pl media dependency:build-classpath -Dmdep.includeScope=test \
       -Dmdep.outputFile="$DIR/target/cp.txt" >/dev/null   # online once: Maven Central has the plugin
CP="$ROOT/media/target/classes:$ROOT/media/target/test-classes:$(cat "$DIR/target/cp.txt")"
rm -rf "$DIR/target/classes"
javac -d "$DIR/target/classes" -cp "$CP" "$DIR"/*.java
echo "Tandem relay, browser (DTLS-SRTP) to phone (RTP) against phone to phone; $(nproc) cores, $(java -version 2>&1 | head -1)"
timeout 1800 java -XX:+UseParallelGC -Xms256m -Xmx1g -cp "$DIR/target/classes:$CP" WebRtcBench \
  --calls "$CALLS" --seconds "$SECONDS_PER_LEVEL" --warmup "$WARMUP"
