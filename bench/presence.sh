#!/usr/bin/env bash
# Busy-lamp (BLF) NOTIFY fan-out benchmark (issue 15): W watching phones each SUBSCRIBE (Event: dialog) to K of
# N watched extensions, then SIPp places calls to the watched extensions at a steady rate for a bounded time.
# Measured per server: NOTIFYs delivered, server CPU ms per NOTIFY, NOTIFY latency (from the watched phone's own
# 180 / 200 / received BYE to the watcher getting the NOTIFY that shows it: one process, one clock —
# bench/presence/watchers.py), failed subscriptions and calls. Tandem and Kamailio (presence, presence_dialoginfo,
# pua, pua_dialoginfo, dialog from Debian; SQLite) take the same load in the same invocation; a ratio is printed.
# Never fails on a timing: a measurement, not a test. Everything on 127.0.0.1, every load bounded.
#
# Usage: bench/presence.sh [--quick]     (--quick: 40 watchers x 10, 20 s of calls)
#        BENCH_ONLY=tandem|kamailio bench/presence.sh
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
source "$BENCH_DIR/lib.sh"

WATCHERS=200; PER_WATCHER=20; WATCHED=200; CALL_RATE=5; CALL_SECONDS=60
[ "${1:-}" = "--quick" ] && { WATCHERS=40; PER_WATCHER=10; WATCHED=40; CALL_RATE=5; CALL_SECONDS=20; }
DOMAIN=bench.local
ADMIN_PASSWORD=bench-admin-$$
CALLS=$((CALL_RATE * CALL_SECONDS))

need() { command -v "$1" >/dev/null 2>&1; }
install_missing() {
  local pkgs=()
  need sipp || pkgs+=(sip-tester)
  need kamailio || pkgs+=(kamailio)
  [ -e /usr/lib/x86_64-linux-gnu/kamailio/modules/presence.so ] || pkgs+=(kamailio-presence-modules)
  [ -e /usr/lib/x86_64-linux-gnu/kamailio/modules/db_sqlite.so ] || pkgs+=(kamailio-sqlite-modules)
  need sqlite3 || pkgs+=(sqlite3)
  need python3 || pkgs+=(python3)
  [ ${#pkgs[@]} -eq 0 ] && return 0
  echo "Installing ${pkgs[*]} ..."
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${pkgs[@]}" >/dev/null
}
install_missing
JAR="$ROOT/appliance/target/tandem.jar"
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q -DskipTests package)

WORK=$(mktemp -d /tmp/tandem-bench-presence.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -f "$WORK/k/k.pid" ]; then kill "$(cat "$WORK/k/k.pid")" 2>/dev/null || true; fi
  pkill -f "sipp.*$WORK" 2>/dev/null || true
}
trap cleanup EXIT

ALL_USERS="2001 $(seq -s ' ' 4000 $((4000 + WATCHED - 1))) $(seq -s ' ' 5000 $((5000 + WATCHERS - 1)))"
# the caller 2001 calls the watched extensions in turn
{ echo SEQUENTIAL; for i in $(seq 4000 $((4000 + WATCHED - 1))); do
    echo "2001;[authentication username=2001 password=secret-2001];$DOMAIN;$i"; done; } > "$WORK/calls.csv"

start_tandem() {
  local port=$1 http=$2 d="$WORK/t"
  mkdir -p "$d"
  java -XX:+UseParallelGC -Xms512m -Xmx1g -jar "$JAR" --tandem.data-dir="$d/data" --tandem.domain=$DOMAIN \
      --tandem.sip.bind-address=127.0.0.1 --tandem.sip.port="$port" --tandem.sip.tls-port=0 \
      --server.address=127.0.0.1 --server.port="$http" --tandem.admin.initial-password="$ADMIN_PASSWORD" \
      --tandem.auth.algorithms=MD5 --tandem.security.max-failures=1000000 --tandem.security.allow-list=127.0.0.1 \
      --tandem.presence.subscribe-limit=1000000 --tandem.presence.max-subscriptions-per-user=1000 \
      --tandem.stun.port=0 >"$d/out.log" 2>&1 &
  TANDEM_PID=$!; PIDS+=("$TANDEM_PID")
  local deadline=$((SECONDS + 90))
  until curl -sf "http://127.0.0.1:$http/actuator/health" >/dev/null; do
    [ $SECONDS -lt $deadline ] || { echo "Tandem did not start"; tail -50 "$d/out.log"; exit 1; }
    kill -0 "$TANDEM_PID" 2>/dev/null || { echo "Tandem exited"; tail -50 "$d/out.log"; exit 1; }
    sleep 0.5
  done
  for u in $ALL_USERS; do
    printf '{"extension":"%s","displayName":"Bench %s","password":"secret-%s"}\n' "$u" "$u" "$u"
  done | xargs -P 4 -d '\n' -I{} curl -sf -o /dev/null -u "admin:$ADMIN_PASSWORD" \
      -H 'Content-Type: application/json' -d {} "http://127.0.0.1:$http/api/v1/users" \
      || { echo "user creation through the API failed"; exit 1; }
}

start_kamailio() {
  local port=$1 d="$WORK/k"
  mkdir -p "$d"
  sqlite3 "$d/kamailio.db" < /usr/share/kamailio/db_sqlite/standard-create.sql
  for schema in presence auth_db usrloc dialog; do
    [ -f "/usr/share/kamailio/db_sqlite/$schema-create.sql" ] && sqlite3 "$d/kamailio.db" < "/usr/share/kamailio/db_sqlite/$schema-create.sql"
  done
  { echo "BEGIN;"; for u in $ALL_USERS; do
      echo "INSERT INTO subscriber (username, domain, password, ha1, ha1b) VALUES ('$u', '$DOMAIN', 'secret-$u', '', '');"
    done; echo "COMMIT;"; } | sqlite3 "$d/kamailio.db"
  sed -e "s#@PORT@#$port#g; s#@DOMAIN@#$DOMAIN#g; s#@DB@#$d/kamailio.db#g" \
      "$BENCH_DIR/kamailio/presence.cfg.in" > "$d/kamailio.cfg"
  kamailio -f "$d/kamailio.cfg" -P "$d/k.pid" -m 512 -M 32 -Y "$d" -w "$d" >"$d/out.log" 2>&1
  wait_for_udp_sip 127.0.0.1 "$port" 15 || { echo "Kamailio did not start"; cat "$d/out.log"; exit 1; }
}
kamailio_pids() { pgrep -f "kamailio -f $WORK/k/kamailio.cfg" | tr '\n' ' '; }

# measure NAME PORT PIDS_FUNCTION: subscribe everyone, then the calls; the summary lands in $WORK/NAME.json
measure() {
  local name=$1 port=$2 pidsf=$3
  local fifo="$WORK/$name.ready"
  python3 "$BENCH_DIR/presence/watchers.py" --port "$port" --domain "$DOMAIN" --watched "$WATCHED" \
      --watchers "$WATCHERS" --per-watcher "$PER_WATCHER" --max-seconds $((CALL_SECONDS * 4 + 300)) \
      --out "$WORK/$name.json" > "$fifo" 2>"$WORK/$name.watchers.log" &
  local load_pid=$!; PIDS+=("$load_pid")
  local deadline=$((SECONDS + 240))
  until grep -q READY "$fifo"; do
    [ $SECONDS -lt $deadline ] || { echo "$name: subscriptions not ready in 240 s"; cat "$WORK/$name.watchers.log"; return 1; }
    kill -0 "$load_pid" 2>/dev/null || { echo "$name: the load tool exited"; cat "$WORK/$name.watchers.log"; return 1; }
    sleep 1
  done
  echo "$name: $(cat "$fifo")"
  settle $($pidsf)
  local c0 c1 res ok failed
  c0=$(cpu_ms $($pidsf))
  res=$(run_sipp "$name-calls" "127.0.0.1:$port" -sf "$BENCH_DIR/sipp/uac_call_auth.xml" -inf "$WORK/calls.csv" \
      -i 127.0.0.1 -p "$(free_port)" -m "$CALLS" -r "$CALL_RATE" -timeout $((CALL_SECONDS * 3))s)
  sleep 3   # the last calls' NOTIFYs
  c1=$(cpu_ms $($pidsf))
  read -r ok failed _ _ _ <<<"$res"
  kill -TERM "$load_pid"; wait "$load_pid" 2>/dev/null || true
  python3 - "$WORK/$name.json" "$name" "$ok" "$failed" "$((c1 - c0))" >> "$WORK/results.txt" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1])); name, ok, failed, cpu = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
n = s["notifies_in_window"]
print(f"{name} subscriptions={s['subscriptions']} failed_subscriptions={s['failed_subscriptions']} calls_ok={ok} "
      f"calls_failed={failed} notifies={n} cpu_ms={cpu} cpu_ms_per_notify={cpu / n if n else float('nan'):.4f} "
      f"cpu_ms_per_call={cpu / ok if ok else float('nan'):.2f}")
for state in ("early", "confirmed", "terminated"):
    l = s["latency_" + state]
    print(f"{name} latency {state} n={l['n']} p50={l['p50']}ms p95={l['p95']}ms p99={l['p99']}ms max={l['max']}ms")
EOF
}

K_PORT=$(free_port); T_PORT=$(free_port); T_HTTP=$(free_port)
echo "# BLF fan-out, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $WATCHERS watchers x $PER_WATCHER of $WATCHED extensions, $CALL_RATE calls/s for $CALL_SECONDS s"
if [ "${BENCH_ONLY:-}" != tandem ]; then
  start_kamailio "$K_PORT"
  measure kamailio "$K_PORT" kamailio_pids || echo "kamailio: no result (see $WORK)"
  if [ -f "$WORK/k/k.pid" ]; then kill "$(cat "$WORK/k/k.pid")" 2>/dev/null || true; rm -f "$WORK/k/k.pid"; fi
fi
if [ "${BENCH_ONLY:-}" != kamailio ]; then
  start_tandem "$T_PORT" "$T_HTTP"
  tandem_pids() { echo "$TANDEM_PID"; }
  measure tandem "$T_PORT" tandem_pids
fi
cat "$WORK/results.txt"
python3 - "$WORK/results.txt" <<'EOF'
import re, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\w+) subscriptions=.*notifies=(\d+) cpu_ms=(\d+) cpu_ms_per_notify=([\d.na]+) cpu_ms_per_call=([\d.na]+)", line)
    if m: rows.setdefault(m.group(1), {}).update(notifies=int(m.group(2)), cpu=float(m.group(4)), call=float(m.group(5)))
    m = re.match(r"(\w+) latency (\w+) .*p99=([\d.]+|None)ms", line)
    if m and m.group(3) != "None": rows.setdefault(m.group(1), {})["p99_" + m.group(2)] = float(m.group(3))
t, k = rows.get("tandem", {}), rows.get("kamailio", {})
print()
print(f"{'':32}{'Tandem':>10}{'Kamailio':>10}{'ratio':>8}")
for key, label in (("notifies", "NOTIFYs delivered"), ("cpu", "CPU ms per NOTIFY"), ("call", "CPU ms per call (all lamps)"), ("p99_early", "p99 ms, ringing lamp"),
                   ("p99_confirmed", "p99 ms, busy lamp"), ("p99_terminated", "p99 ms, lamp off")):
    a, b = t.get(key), k.get(key)
    ratio = f"{a / b:8.2f}" if a is not None and b else "       -"
    print(f"{label:32}{(f'{a:10.3f}' if isinstance(a, float) else f'{a:>10}') if a is not None else '         -'}"
          f"{(f'{b:10.3f}' if isinstance(b, float) else f'{b:>10}') if b is not None else '         -'}{ratio}")
EOF
echo "(raw output kept in $WORK)"
trap - EXIT; cleanup
