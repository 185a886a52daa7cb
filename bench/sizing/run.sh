#!/usr/bin/env bash
# Sizing (issue 23): what the appliance holds per concurrent call. SIPp places authenticated calls
# through the proxy (media anchored by the relay, as in production) that stay up for HOLD seconds, so
# CALLS of them are up at once (held under the relay's 30 s rtp-timeout: SIPp sends no RTP); the heap after a full GC, threads and file descriptors are read with
# none, then with all of them up. A measurement, never a test. Bounded: CALLS calls, 127.0.0.1 only.
# Usage: bench/sizing/run.sh [CALLS]     (default 1000; RELAY=auto for calls whose media goes phone to phone)
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")/.." && pwd); ROOT=$(cd "$BENCH_DIR/.." && pwd)
source "$BENCH_DIR/lib.sh"
CALLS=${1:-1000}; RELAY=${RELAY:-always}; RATE=100; HOLD=$((CALLS / RATE + 12)); DOMAIN=bench.local; ADMIN_PASSWORD=bench-admin-x
JAR=${JAR:-$ROOT/appliance/target/tandem.jar}
WORK=$(mktemp -d /tmp/tandem-sizing.XXXX); PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
[ -f "$JAR" ] || { echo "build first: ./mvnw -DskipTests package"; exit 1; }
ulimit -n "$(ulimit -Hn)"

figures() { # label: heap after a full GC, threads, fds of the server
  jcmd "$TP" GC.run >/dev/null; sleep 1
  local heap threads fds
  heap=$(jcmd "$TP" GC.heap_info | awk '/^ *(PSYoungGen|ParOldGen|garbage-first heap) /{for(i=1;i<=NF;i++) if($i=="used"){v=$(i+1); sub("K,?","",v); s+=v}} END{printf "%.1f", s/1024}')
  threads=$(awk '/^Threads:/{print $2}' "/proc/$TP/status")
  fds=$(find "/proc/$TP/fd" -mindepth 1 | wc -l)
  printf '%-26s heap_after_gc=%7s MB threads=%5s fds=%6s\n' "$1" "$heap" "$threads" "$fds"
  echo "$heap $threads $fds" > "$WORK/$2"
}

sip=$(free_port); http=$(free_port); https=$(free_port)
java -XX:+UseParallelGC -Xms256m -Xmx1g -jar "$JAR" --tandem.data-dir="$WORK/data" --tandem.domain=$DOMAIN \
  --tandem.sip.bind-address=127.0.0.1 --tandem.sip.port="$sip" --tandem.sip.tls-port=0 \
  --server.address=127.0.0.1 --server.port="$http" --tandem.https-port="$https" \
  --tandem.provisioning.tftp-port=0 --tandem.stun.port=0 --tandem.media.relay="$RELAY" \
  --tandem.admin.initial-password="$ADMIN_PASSWORD" --tandem.security.max-failures=1000000 >"$WORK/out.log" 2>&1 &
TP=$!; PIDS+=("$TP")
await_health "$TP" "$http" "$WORK/out.log"
create_users "$http" "$ADMIN_PASSWORD" 2001 2002
printf 'SEQUENTIAL\n2002;[authentication username=2002 password=secret-2002];%s\n' $DOMAIN > "$WORK/callee.csv"
printf 'SEQUENTIAL\n2001;[authentication username=2001 password=secret-2001];%s;2002\n' $DOMAIN > "$WORK/caller.csv"
uas=$(free_port)
sipp "127.0.0.1:$sip" -sf "$BENCH_DIR/sipp/register_auth.xml" -inf "$WORK/callee.csv" -m 1 -i 127.0.0.1 -p "$uas" \
  -nostdin -timeout 10s -timeout_error >/dev/null 2>&1
(cd "$WORK" && exec timeout 900 sipp -sf "$BENCH_DIR/sipp/uas.xml" -i 127.0.0.1 -p "$uas" -nostdin >/dev/null 2>&1) &
PIDS+=($!)
# the bench's call scenario with the call held for -d ms between ACK and BYE
sed 's|^  <send retrans="500" start_rtd="bye">|  <pause/>\n&|' "$BENCH_DIR/sipp/uac_call_auth.xml" > "$WORK/held_call.xml"
grep -q '<pause/>' "$WORK/held_call.xml" || { echo "could not make the held-call scenario"; exit 1; }
# warm-up: short calls, so the figures below are not the JIT's or the first call's
run_sipp warm "127.0.0.1:$sip" -sf "$BENCH_DIR/sipp/uac_call_auth.xml" -inf "$WORK/caller.csv" -i 127.0.0.1 \
  -p "$(free_port)" -m 500 -r 100 -timeout 120s >/dev/null
settle "$TP"
figures "no calls" idle
(cd "$WORK" && exec timeout $((HOLD + 120)) sipp "127.0.0.1:$sip" -sf "$WORK/held_call.xml" -inf "$WORK/caller.csv" \
  -i 127.0.0.1 -p "$(free_port)" -m "$CALLS" -r $RATE -d $((HOLD * 1000)) -l "$CALLS" -nostdin \
  -trace_stat -stf held.csv >/dev/null 2>&1) &
SP=$!; PIDS+=("$SP")
sleep $((CALLS / RATE + 8))
up=$(curl -sf -u "admin:$ADMIN_PASSWORD" "http://127.0.0.1:$http/actuator/prometheus" \
  | awk '/^tandem_media_relay_(calls|streams)/{print $1"="$2}' | tr '\n' ' ')
figures "$CALLS calls up" held
echo "relay=$RELAY; the server's relay gauges: ${up:-none found}"
wait "$SP" || true
ok=$(tail -n 1 "$WORK/held.csv" | awk -F';' '{print $16}'); failed=$(tail -n 1 "$WORK/held.csv" | awk -F';' '{print $18}')
echo "held calls: ${ok:-0} completed, ${failed:-0} failed"
read -r h0 t0 f0 < "$WORK/idle"; read -r h1 t1 f1 < "$WORK/held"
awk -v h0="$h0" -v h1="$h1" -v t0="$t0" -v t1="$t1" -v f0="$f0" -v f1="$f1" -v n="$CALLS" \
  'BEGIN{printf "per concurrent call: heap %+.1f KB, threads %+.3f, fds %+.2f\n", (h1-h0)*1024/n, (t1-t0)/n, (f1-f0)/n}'
