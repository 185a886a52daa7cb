#!/usr/bin/env bash
# Idle TLS phones (issue 23): 2,000 phones each on their own TLS connection, registered, then idle.
# Shows what the appliance holds per connection (threads, fds, memory) on the default I/O (nio),
# and, with IO=blocking, on jain-sip's blocking I/O for comparison. A measurement, never a test.
# Usage: bench/tls/run.sh [N]        (default 2000; IO=blocking bench/tls/run.sh for the old I/O)
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")/.." && pwd); ROOT=$(cd "$BENCH_DIR/.." && pwd)
source "$BENCH_DIR/lib.sh"
N=${1:-2000}; USERS=500; DOMAIN=bench.local; ADMIN_PASSWORD=bench-admin-x
JAR=${JAR:-$ROOT/appliance/target/tandem.jar}
WORK=$(mktemp -d /tmp/tandem-tls-bench.XXXX); PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
[ -f "$JAR" ] || { echo "build first: ./mvnw -DskipTests package"; exit 1; }
ulimit -n "$(ulimit -Hn)"  # 2,000 connections need more than the usual 1024 descriptors
sip=$(free_port); tls=$(free_port); http=$(free_port); https=$(free_port)
java -XX:+UseParallelGC -Xms256m -Xmx1g -jar "$JAR" --tandem.data-dir="$WORK/data" --tandem.domain=$DOMAIN \
  --tandem.sip.bind-address=127.0.0.1 --tandem.sip.port="$sip" --tandem.sip.tls-port="$tls" \
  --tandem.sip.connections.io="${IO:-nio}" --tandem.sip.connections.max-total=$((N + 100)) \
  --tandem.sip.connections.max-per-source=$((N + 100)) \
  --server.address=127.0.0.1 --server.port="$http" --tandem.https-port="$https" \
  --tandem.provisioning.tftp-port=0 --tandem.stun.port=0 \
  --tandem.admin.initial-password="$ADMIN_PASSWORD" --tandem.security.max-failures=1000000 >"$WORK/out.log" 2>&1 &
TP=$!; PIDS+=("$TP")
await_health "$TP" "$http" "$WORK/out.log"
# shellcheck disable=SC2046 # one extension per word
create_users "$http" "$ADMIN_PASSWORD" $(seq 3000 $((3000 + USERS - 1)))
echo "Tandem $(java -version 2>&1 | head -1), io=${IO:-nio}, $N phones as $USERS users, TLS on 127.0.0.1:$tls"
timeout 900 python3 "$BENCH_DIR/tls/phones.py" "$TP" "$tls" "$DOMAIN" "$USERS" secret- "$N"
