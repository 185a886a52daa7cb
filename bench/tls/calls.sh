#!/usr/bin/env bash
# Calls between TLS phones at rate (issue 23): Tandem against Kamailio (Debian's kamailio + kamailio-tls-modules),
# the same load in the same invocation, CPU per call of the server only. A measurement, never a test.
#
# Debian's SIPp has no TLS, so each SIPp speaks TCP into a local stunnel (client mode) which holds one TLS
# connection to the server, as a desk phone does: the caller places all its calls over one connection; the callee
# registers over its own connection and receives the calls on it (bench/tls/callee.xml, answers with
# bench/sipp/uas.xml). Both servers use an ECDSA P-256 certificate (Tandem its own, Kamailio one made here) and
# reach the callee over its registration's connection (Tandem always does; Kamailio with nathelper's
# fix_nated_register and contact aliases, bench/kamailio/kamailio.cfg.in's WITH_TLS blocks). stunnel's and SIPp's
# CPU is not counted. SIPp answers challenges with the digest-uri of the address it sends to (here stunnel's), so
# -auth_uri names the Request-URI (RFC 3261 §22.4: Tandem checks it; over UDP the bench's address is Tandem's own). Warm-up: WARM calls for both servers (not measured), then COUNT calls at RATE per second.
#
# Usage: bench/tls/calls.sh [--quick]   (BENCH_ONLY="kamailio tandem" picks servers; JAR= the jar to run;
#        KEEP_WORK=1 keeps the logs)
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")/.." && pwd); ROOT=$(cd "$BENCH_DIR/.." && pwd)
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"
DOMAIN=bench.local; ADMIN_PASSWORD=bench-admin-x
WARM=${WARM:-6000}; COUNT=${COUNT:-6000}; RATE=${RATE:-200}
if [ "${1:-}" = --quick ]; then WARM=200; COUNT=300; RATE=100; fi
ONLY=" ${BENCH_ONLY:-kamailio tandem} "
runs() { [[ "$ONLY" == *" $1 "* ]]; }
JAR=${JAR:-$ROOT/appliance/target/tandem.jar}

need() { command -v "$1" >/dev/null 2>&1; }
pkgs=()
need sipp || pkgs+=(sip-tester)
need stunnel4 || pkgs+=(stunnel4)
need openssl || pkgs+=(openssl)
if runs kamailio; then
  need kamailio || pkgs+=(kamailio)
  [ -f /usr/lib/x86_64-linux-gnu/kamailio/modules/tls.so ] || pkgs+=(kamailio-tls-modules)
fi
if [ ${#pkgs[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${pkgs[@]}" >/dev/null
fi
if runs tandem && [ ! -f "$JAR" ]; then echo "build first: ./mvnw -DskipTests package"; exit 1; fi

WORK=$(mktemp -d /tmp/tandem-tls-calls.XXXXXX); PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do stop_process "$p" 60; done
  if [ -f "$WORK/k/k.pid" ]; then kill "$(cat "$WORK/k/k.pid")" 2>/dev/null || true; fi
  pkill -f "sipp.*$WORK" 2>/dev/null || true
  if [ -n "${KEEP_WORK:-}" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

printf 'SEQUENTIAL\n2002;[authentication username=2002 password=secret-2002];%s\n' $DOMAIN > "$WORK/callee.csv"
printf 'SEQUENTIAL\n2001;[authentication username=2001 password=secret-2001];%s;2002\n' $DOMAIN > "$WORK/caller.csv"
# the caller's and the answering side's Via and Contact say TLS: that is what the server sees
sed 's/\[transport\]/TLS/g' "$BENCH_DIR/sipp/uac_call_auth.xml" > "$WORK/caller.xml"
sed 's/\[transport\]/TLS/g' "$BENCH_DIR/sipp/uas.xml" > "$WORK/uas.xml"

# stunnel_to TLS_PORT: one client-mode stunnel with two services (caller, callee) towards the server's TLS port;
# sets CALLER_PORT and CALLEE_PORT (where the SIPps connect over TCP)
stunnel_to() {
  CALLER_PORT=$(free_port); CALLEE_PORT=$(free_port)
  cat > "$WORK/stunnel.conf" <<EOF
foreground = yes
pid =
output = $WORK/stunnel.log
debug = 4
[caller]
client = yes
accept = 127.0.0.1:$CALLER_PORT
connect = 127.0.0.1:$1
verifyChain = no
[callee]
client = yes
accept = 127.0.0.1:$CALLEE_PORT
connect = 127.0.0.1:$1
verifyChain = no
EOF
  stunnel4 "$WORK/stunnel.conf" >/dev/null 2>&1 &
  STUNNEL_PID=$!; PIDS+=("$STUNNEL_PID")
  for _ in $(seq 1 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$CALLER_PORT") 2>/dev/null && return 0
    sleep 0.2
  done
  echo "stunnel did not start"; cat "$WORK/stunnel.log"; exit 1
}

# measure NAME PIDS_FUNCTION: callee registered over its connection, warm-up, then the measured calls
measure() {
  local name=$1 pidsf=$2 uas_port callee_pid res ok failed c0 c1 j0 j1 p
  uas_port=$(free_port)
  (cd "$WORK" && exec sipp "127.0.0.1:$CALLEE_PORT" -t t1 -sf "$BENCH_DIR/tls/callee.xml" -oocsf "$WORK/uas.xml" \
      -inf "$WORK/callee.csv" -auth_uri "$DOMAIN" -i 127.0.0.1 -p "$uas_port" -m 1 -d 3600000 -nostdin \
      -trace_err -error_file "$WORK/$name-callee-err.log" >/dev/null 2>&1) &
  callee_pid=$!; PIDS+=("$callee_pid")
  sleep 2   # the callee's REGISTER exchange; a failed one shows as failed calls below
  run_sipp "$name-warm" "127.0.0.1:$CALLER_PORT" -t t1 -sf "$WORK/caller.xml" -inf "$WORK/caller.csv" -auth_uri "2002@$DOMAIN" \
      -i 127.0.0.1 -p "$(free_port)" -m "$WARM" -r "$RATE" -timeout 300s >/dev/null
  # shellcheck disable=SC2046 # pid lists are split on blanks on purpose
  settle $($pidsf)
  # shellcheck disable=SC2046
  c0=$(cpu_ms $($pidsf)); j0=0
  for p in $($pidsf); do j0=$((j0 + $(jit_cpu_ms "$p"))); done
  res=$(run_sipp "$name-fixed" "127.0.0.1:$CALLER_PORT" -t t1 -sf "$WORK/caller.xml" -inf "$WORK/caller.csv" -auth_uri "2002@$DOMAIN" \
      -i 127.0.0.1 -p "$(free_port)" -m "$COUNT" -r "$RATE" -timeout 300s)
  # shellcheck disable=SC2046
  c1=$(cpu_ms $($pidsf)); j1=0
  for p in $($pidsf); do j1=$((j1 + $(jit_cpu_ms "$p"))); done
  read -r ok failed _ _ _ <<<"$res"
  echo "$name tls-call fixed ok=$ok failed=$failed cpu_ms=$((c1 - c0)) jit_ms=$((j1 - j0))" >> "$WORK/results.txt"
  python3 "$BENCH_DIR/percentiles.py" "$WORK/$name-fixed" "$name tls-call" >> "$WORK/results.txt"
  stop_process "$callee_pid" 10
  stop_process "$STUNNEL_PID" 10
}

echo "# TLS calls, Tandem vs Kamailio, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, warm-up $WARM calls, $COUNT calls at $RATE/s" \
  > "$WORK/results.txt"

if runs kamailio; then
  d=$WORK/k; mkdir -p "$d"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=$DOMAIN" \
    -keyout "$d/key.pem" -out "$d/cert.pem" >/dev/null 2>&1
  printf '[server:default]\nmethod = TLSv1.2+\nverify_certificate = no\nrequire_certificate = no\nprivate_key = %s\ncertificate = %s\n\n[client:default]\nverify_certificate = no\nrequire_certificate = no\n' \
    "$d/key.pem" "$d/cert.pem" > "$d/tls.cfg"
  TLS_PORT=$(free_port); TLS_CFG=$d/tls.cfg
  start_kamailio "$d" "$(free_port)" -A WITH_TLS
  kamailio_pids() { pgrep -f "kamailio -f $WORK/k/kamailio.cfg" | tr '\n' ' '; }
  stunnel_to "$TLS_PORT"
  measure kamailio kamailio_pids
  kill "$(cat "$d/k.pid")" 2>/dev/null || true; rm -f "$d/k.pid"
fi

if runs tandem; then
  sip=$(free_port); tls=$(free_port); http=$(free_port)
  java -jar "$JAR" --tandem.data-dir="$WORK/t" --tandem.domain=$DOMAIN \
    --tandem.sip.bind-address=127.0.0.1 --tandem.sip.port="$sip" --tandem.sip.tls-port="$tls" \
    --server.address=127.0.0.1 --server.port="$http" --tandem.https-port=0 \
    --tandem.provisioning.tftp-port=0 --tandem.stun.port=0 \
    --tandem.admin.initial-password="$ADMIN_PASSWORD" --tandem.security.max-failures=1000000 >"$WORK/t.log" 2>&1 &
  TP=$!; PIDS+=("$TP")
  await_health "$TP" "$http" "$WORK/t.log"
  create_users "$http" "$ADMIN_PASSWORD" 2001 2002
  tandem_pids() { echo "$TP"; }
  stunnel_to "$tls"
  measure tandem tandem_pids
fi

cat "$WORK/results.txt"
k=$(awk '/^kamailio tls-call fixed/ {for (i = 1; i <= NF; i++) if ($i ~ /^cpu_ms=/) print substr($i, 8)}' "$WORK/results.txt")
t=$(awk '/^tandem tls-call fixed/ {for (i = 1; i <= NF; i++) if ($i ~ /^cpu_ms=/) print substr($i, 8)}' "$WORK/results.txt")
tj=$(awk '/^tandem tls-call fixed/ {for (i = 1; i <= NF; i++) if ($i ~ /^jit_ms=/) print substr($i, 8)}' "$WORK/results.txt")
if [ -n "$k" ] && [ -n "$t" ] && [ "$k" -gt 0 ]; then
  awk -v k="$k" -v t="$t" -v j="$tj" -v n="$COUNT" 'BEGIN {
    printf "TLS call: Kamailio %.3f ms CPU per call, Tandem %.3f (of which JIT %.3f): %.2fx, %.2fx without the JIT\n",
      k / n, t / n, j / n, t / k, (t - j) / k }'
fi
