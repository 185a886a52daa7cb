#!/usr/bin/env bash
# Long run (issue 23): MINUTES of steady load — authenticated calls through the proxy at CALL_RATE/s and
# authenticated REGISTERs at REG_RATE/s — on the systemd unit's JVM flags (read from the packaged start
# script). Every minute: heap in use, resident memory, threads, file descriptors and the minute's SIPp response
# times; every 5 minutes the live heap after a full GC (a leak shows as a rising live heap). A measurement,
# never a test; bounded in time (MINUTES) and to 127.0.0.1.
# Usage: MINUTES=30 CALL_RATE=500 REG_RATE=300 bench/longrun/run.sh
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")/.." && pwd); ROOT=$(cd "$BENCH_DIR/.." && pwd)
source "$BENCH_DIR/lib.sh"
MINUTES=${MINUTES:-30}; CALL_RATE=${CALL_RATE:-500}; REG_RATE=${REG_RATE:-300}
DOMAIN=bench.local; ADMIN_PASSWORD=bench-admin-x
JAR=${JAR:-$ROOT/appliance/target/tandem.jar}
WORK=$(mktemp -d /tmp/tandem-longrun.XXXX); PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
[ -f "$JAR" ] || { echo "build first: ./mvnw -DskipTests package"; exit 1; }
# the unit's JVM defaults, as the start script passes them (its 'defaults=' line)
unit_flags=$(sed -n 's/^defaults="\(.*\)"$/\1/p' "$ROOT/installer/src/deb/lib/start")
[ -n "$unit_flags" ] || { echo "cannot read the start script's JVM defaults"; exit 1; }
echo "JVM flags (the unit's): -XX:+ExitOnOutOfMemoryError $unit_flags; load: $CALL_RATE calls/s + $REG_RATE REGISTER/s for $MINUTES min"

sip=$(free_port); http=$(free_port); https=$(free_port)
# shellcheck disable=SC2086 # the flags are split on blanks on purpose
java -XX:+ExitOnOutOfMemoryError $unit_flags -jar "$JAR" --tandem.data-dir="$WORK/data" --tandem.domain=$DOMAIN \
  --tandem.sip.bind-address=127.0.0.1 --tandem.sip.port="$sip" --tandem.sip.tls-port=0 \
  --server.address=127.0.0.1 --server.port="$http" --tandem.https-port="$https" \
  --tandem.provisioning.tftp-port=0 --tandem.stun.port=0 \
  --tandem.admin.initial-password="$ADMIN_PASSWORD" --tandem.security.max-failures=100000000 >"$WORK/out.log" 2>&1 &
TP=$!; PIDS+=("$TP")
await_health "$TP" "$http" "$WORK/out.log"
# shellcheck disable=SC2046 # one extension per word
create_users "$http" "$ADMIN_PASSWORD" 2001 2002 $(seq 3000 3499)
printf 'SEQUENTIAL\n2002;[authentication username=2002 password=secret-2002];%s\n' $DOMAIN > "$WORK/callee.csv"
printf 'SEQUENTIAL\n2001;[authentication username=2001 password=secret-2001];%s;2002\n' $DOMAIN > "$WORK/caller.csv"
{ echo SEQUENTIAL; for i in $(seq 3000 3499); do echo "$i;[authentication username=$i password=secret-$i];$DOMAIN"; done; } > "$WORK/reg.csv"
uas=$(free_port)
sipp "127.0.0.1:$sip" -sf "$BENCH_DIR/sipp/register_auth.xml" -inf "$WORK/callee.csv" -m 1 -i 127.0.0.1 -p "$uas" \
  -nostdin -timeout 10s -timeout_error >/dev/null 2>&1
secs=$((MINUTES * 60))
mkdir -p "$WORK/uas" "$WORK/calls" "$WORK/regs"
(cd "$WORK/uas" && exec timeout $((secs + 120)) sipp -sf "$BENCH_DIR/sipp/uas.xml" -i 127.0.0.1 -p "$uas" -nostdin >/dev/null 2>&1) &
PIDS+=($!)
sleep 1
(cd "$WORK/calls" && exec timeout $((secs + 60)) sipp "127.0.0.1:$sip" -sf "$BENCH_DIR/sipp/uac_call_auth.xml" \
  -inf "$WORK/caller.csv" -i 127.0.0.1 -p "$(free_port)" -r "$CALL_RATE" -m $((CALL_RATE * secs)) -nostdin \
  -trace_stat -stf stat.csv -fd 60 -trace_rtt -rtt_freq 1 >/dev/null 2>&1) &
CP=$!; PIDS+=("$CP")
(cd "$WORK/regs" && exec timeout $((secs + 60)) sipp "127.0.0.1:$sip" -sf "$BENCH_DIR/sipp/register_auth.xml" \
  -inf "$WORK/reg.csv" -i 127.0.0.1 -p "$(free_port)" -r "$REG_RATE" -m $((REG_RATE * secs)) -nostdin \
  -trace_stat -stf stat.csv -fd 60 -trace_rtt -rtt_freq 1 >/dev/null 2>&1) &
RP=$!; PIDS+=("$RP")

printf '%4s %9s %9s %8s %7s %6s %9s %9s %9s  %s\n' min heap_MB live_MB rss_MB threads fds calls_ok calls_fail cpu_ms 'p99 ms (calls | REGISTER)'
c_prev=$(cpu_ms "$TP")
for m in $(seq 1 "$MINUTES"); do
  sleep 60
  kill -0 "$TP" || { echo "Tandem died"; tail -30 "$WORK/out.log"; exit 1; }
  live=-
  if [ $((m % 5)) -eq 0 ]; then
    jcmd "$TP" GC.run >/dev/null
    live=$(jcmd "$TP" GC.heap_info | awk '/garbage-first heap/{for(i=1;i<=NF;i++) if($i=="used"){v=$(i+1); sub("K,?","",v); printf "%.1f", v/1024}}')
  fi
  heap=$(jcmd "$TP" GC.heap_info | awk '/garbage-first heap/{for(i=1;i<=NF;i++) if($i=="used"){v=$(i+1); sub("K,?","",v); printf "%.1f", v/1024}}')
  rss=$(awk '/^VmRSS:/{printf "%.1f", $2/1024}' "/proc/$TP/status")
  threads=$(awk '/^Threads:/{print $2}' "/proc/$TP/status")
  fds=$(find "/proc/$TP/fd" -mindepth 1 | wc -l)
  ok=$(tail -n 1 "$WORK/calls/stat.csv" 2>/dev/null | awk -F';' '{print $16}')
  failed=$(tail -n 1 "$WORK/calls/stat.csv" 2>/dev/null | awk -F';' '{print $18}')
  c_now=$(cpu_ms "$TP")
  p99="$(python3 "$BENCH_DIR/longrun/window.py" "$WORK/calls" $(((m - 1) * 60)) $((m * 60))) | $(python3 "$BENCH_DIR/longrun/window.py" "$WORK/regs" $(((m - 1) * 60)) $((m * 60)))"
  printf '%4s %9s %9s %8s %7s %6s %9s %9s %9s  %s\n' "$m" "$heap" "$live" "$rss" "$threads" "$fds" "${ok:-0}" "${failed:-0}" $((c_now - c_prev)) "$p99"
  c_prev=$c_now
done
kill "$CP" "$RP" 2>/dev/null || true
wait "$CP" "$RP" 2>/dev/null || true
echo "response times over the whole run (SIPp rtt, ms):"
for f in "$WORK"/calls/*_rtt.csv; do [ -f "$f" ] && python3 "$BENCH_DIR/percentiles.py" "$WORK/calls" "tandem call"; break; done
for f in "$WORK"/regs/*_rtt.csv; do [ -f "$f" ] && python3 "$BENCH_DIR/percentiles.py" "$WORK/regs" "tandem reg"; break; done
echo "REGISTER totals: $(tail -n 1 "$WORK/regs/stat.csv" | awk -F';' '{print "ok=" $16 " failed=" $18}')"
echo "work dir kept: $WORK"
