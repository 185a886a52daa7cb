# shellcheck shell=bash
# Shared functions for bench/run.sh (sourced). Everything binds to 127.0.0.1 and every load is bounded.

# SIPp's socket buffers (bytes; the kernel grants up to net.core.rmem_max / wmem_max, doubled)
SIPP_BUFFER=${SIPP_BUFFER:-4194304}

# CPU time (ms, user+system) used so far by a set of pids.
cpu_ms() {
  local total=0 pid t
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    # fields 14 and 15 after the ")" of the command name: utime stime (clock ticks)
    t=$(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')
    total=$((total + t))
  done
  echo $(( total * 1000 / $(getconf CLK_TCK) ))
}

# jit_cpu_ms PID: CPU milliseconds of a JVM's JIT compiler threads (C1/C2 CompilerThread), from each thread's
# /proc/PID/task/TID/stat; 0 for a process that has none (Kamailio, MariaDB)
jit_cpu_ms() {
  local total=0 task
  for task in /proc/"$1"/task/*; do
    grep -q '^C[12] CompilerThre' "$task/comm" 2>/dev/null || continue
    total=$((total + $(sed 's/^.*) //' "$task/stat" | awk '{print $12 + $13}')))
  done
  echo $(( total * 1000 / $(getconf CLK_TCK) ))
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# await_up HTTP_PORT PID SECONDS: waits until /actuator/health on 127.0.0.1:HTTP_PORT says UP, asking every 50 ms from
# one Python process; 0 when UP, 1 when PID ended or SECONDS passed. For timing a start: a shell loop of curl, grep
# and sleep starts three processes per try, ~60 a second, and on two cores that took the start's main thread
# 0.5-0.8 s of CPU it waited for (bench/RESULTS.md, session 40).
await_up() {
  python3 - "$1" "$2" "$3" <<'PY'
import os, sys, time, urllib.request
url, pid, deadline = f"http://127.0.0.1:{sys.argv[1]}/actuator/health", int(sys.argv[2]), time.monotonic() + float(sys.argv[3])
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(url, timeout=1) as answer:
            if b'"UP"' in answer.read():
                sys.exit(0)
    except OSError:  # refused before Tomcat listens, 503 while DOWN
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        sys.exit(1)
    time.sleep(0.05)
sys.exit(1)
PY
}

wait_for_udp_sip() { # host port seconds
  local deadline=$((SECONDS + $3))
  while [ $SECONDS -lt $deadline ]; do
    if sipp -m 1 -timeout 2s -timeout_error "$1:$2" -i 127.0.0.1 -p "$(free_port)" \
         -sf "$BENCH_DIR/sipp/options.xml" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  return 1
}

# run_sipp LABEL ARGS... : runs SIPp in the background-free way, writes stats, echoes "ok failed elapsed_ms"
run_sipp() {
  local label=$1; shift
  local out="$WORK/$label"
  mkdir -p "$out"
  local start end rc
  start=$(date +%s%3N)
  # -buff_size: SIPp's own socket at its default (64 KB asked, 128 KB granted) dropped answers that came in bursts
  # (a group commit's 200s) at 4,000 REGISTER/s, and SIPp retransmitted them after T1: 504 ms "response times" that
  # were the load generator's losses (ss: drops on SIPp's socket, none on the server's). Asked of every server alike.
  ( cd "$out" && timeout 300 sipp "$@" -buff_size "$SIPP_BUFFER" -nostdin -trace_stat -stf stat.csv -fd 1 -trace_rtt -rtt_freq 1 \
      -trace_err -error_file err.log >out.log 2>&1 ) && rc=0 || rc=$?
  end=$(date +%s%3N)
  local ok failed rate
  ok=$(tail -n 1 "$out/stat.csv" | awk -F';' '{print $16}')   # SuccessfulCall(C)
  failed=$(tail -n 1 "$out/stat.csv" | awk -F';' '{print $18}') # FailedCall(C)
  # achieved creation rate: calls created / seconds in which calls were created (periodic rows, -fd 1)
  rate=$(awk -F';' 'NR > 1 && $11 > 0 {n++} END {print n}' "$out/stat.csv")
  rate=$(( $(tail -n 1 "$out/stat.csv" | awk -F';' '{print $12}') / (${rate:-0} > 0 ? ${rate:-1} : 1) ))
  echo "${ok:-0} ${failed:-0} $((end - start)) $rc $rate"
}

# quiet_machine: before a run, waits (at most QUIET_WAIT seconds, default 300) until the 1-minute load average is
# under 1.0, so that a benchmark does not start on a machine still busy with a build or a test suite (session 42's
# run began at load 3.3 straight after the full suite: both servers' CPU per operation ~30 % above the quiet
# machine's). Says how long it waited, or that it gave up; never fails.
quiet_machine() {
  local waited=0 max=${QUIET_WAIT:-300}
  while awk '{ exit !($1 >= 1.0) }' /proc/loadavg && [ "$waited" -lt "$max" ]; do
    sleep 5; waited=$((waited + 5))
  done
  if awk '{ exit !($1 >= 1.0) }' /proc/loadavg; then
    echo "warning: the machine is still busy after ${max} s (load $(cut -d' ' -f1-3 /proc/loadavg)): figures may be high" >&2
  elif [ "$waited" -gt 0 ]; then
    echo "# waited ${waited} s for the machine to become quiet (1-minute load under 1.0)" >&2
  fi
}

# settle PIDS...: wait (at most 60 s) until the server uses < 2 % of a core, so that work left over from
# the previous phase (e.g. Tandem's location writer committing a REGISTER burst) is not billed to the next
settle() {
  local c0 c1
  for _ in $(seq 1 60); do
    c0=$(cpu_ms "$@"); sleep 1; c1=$(cpu_ms "$@")
    [ $((c1 - c0)) -lt 20 ] && return 0
  done
  echo "warning: server still busy after 60 s" >&2
}

# alive PID: the process runs (a child that exited but was not waited for yet is a zombie: not alive)
alive() {
  [ -r "/proc/$1/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# stop_process PID SECONDS: SIGTERM, then SIGKILL if it still runs after SECONDS; reaps it when it is our child
stop_process() {
  local pid=$1 deadline=$((SECONDS + $2))
  kill "$pid" 2>/dev/null || true
  while alive "$pid" && [ $SECONDS -lt "$deadline" ]; do sleep 0.5; done
  if alive "$pid"; then echo "warning: $pid still ran $2 s after SIGTERM; killed" >&2; kill -9 "$pid" 2>/dev/null || true; fi
  wait "$pid" 2>/dev/null || true
}

# await_health PID HTTP_PORT LOG: waits (10 min at most: a busy machine starts slowly) until Tandem's
# /actuator/health answers; if it dies or the time is up, prints the log's tail and exits.
await_health() {
  local pid=$1 http=$2 log=$3 deadline=$((SECONDS + 600))
  until curl -sf "http://127.0.0.1:$http/actuator/health" >/dev/null; do
    if [ $SECONDS -ge $deadline ] || ! alive "$pid"; then echo "Tandem did not start"; tail -30 "$log"; exit 1; fi
    sleep 0.5
  done
}

# create_users HTTP_PORT ADMIN_PASSWORD EXTENSION...: each user with web/SIP password secret-EXTENSION, through
# the REST API, four at a time.
create_users() {
  local http=$1 admin=$2 u; shift 2
  for u in "$@"; do
    printf '{"extension":"%s","displayName":"B %s","password":"secret-%s"}\n' "$u" "$u" "$u"
  done | xargs -P 4 -d '\n' -I{} curl -sf -o /dev/null -u "admin:$admin" -H 'Content-Type: application/json' \
    -d {} "http://127.0.0.1:$http/api/v1/users"
}

# start_kamailio DIR PORT [kamailio option ...]: the reference Kamailio (kamailio/kamailio.cfg.in) on 127.0.0.1:PORT,
# its subscribers 2001, 2002 and 3000..3000+USERS-1 (password secret-N) in DIR/db. -A WITH_USRLOC_DB: usrloc
# write-through to $USRLOC_DB_URL; -A WITH_TLS: TLS on $TLS_PORT with the tls.so configuration $TLS_CFG.
start_kamailio() {
  local d=$1 port=$2
  shift 2
  mkdir -p "$d/db"
  printf 'table_name(str) table_version(int)\nsubscriber:7\n' > "$d/db/version"
  { echo 'id(int,auto) username(str) domain(str) password(str) ha1(str,null) ha1b(str,null)'
    n=1; for u in 2001 2002 $(seq 3000 $((3000 + ${USERS:-0} - 1))); do echo "$n:$u:$DOMAIN:secret-$u::"; n=$((n+1)); done
  } > "$d/db/subscriber"
  sed -e "s#@PORT@#$port#g; s#@CHILDREN@#2#; s#@DOMAIN@#$DOMAIN#; s#@DBDIR@#$d/db#" \
      -e "s#@USRLOC_DB_URL@#${USRLOC_DB_URL:-}#; s#@TLS_PORT@#${TLS_PORT:-}#; s#@TLS_CFG@#${TLS_CFG:-}#" \
      "$BENCH_DIR/kamailio/kamailio.cfg.in" > "$d/kamailio.cfg"
  kamailio -f "$d/kamailio.cfg" -P "$d/k.pid" -m 256 -M 16 -Y "$d" -w "$d" "$@" >"$d/out.log" 2>&1
  wait_for_udp_sip 127.0.0.1 "$port" 15 || { echo "Kamailio did not start"; cat "$d/out.log"; exit 1; }
}

# forget_pid PID: take a stopped and reaped process out of PIDS, so that a cleanup does not signal it once the system
# reuses its number
forget_pid() {
  local kept=() p
  for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || kept+=("$p"); done
  PIDS=("${kept[@]}")
}

# launch_tandem DIR JAR CDS_DIR PORT HTTP: Tandem through the packaged start script (what tandem.service runs: the
# unit's JVM options and class-data archive), its data in DIR/data, SIP over UDP on 127.0.0.1:PORT, HTTP on HTTP;
# HTTPS, TLS, TFTP and STUN off (their fixed default ports may be taken by another instance on this host). Needs
# DOMAIN and ADMIN_PASSWORD; TANDEM_JAVA_OPTS adds JVM options as a unit drop-in would. Waits for its health (10 min
# at most: the unit allows minutes, a busy host is slow); sets TANDEM_PID (the script execs java: the same pid) and
# adds it to PIDS. A start script beside the jar (DIR/start, e.g. the one of the commit the jar was built from) is
# used for it, as bench/coldstart.sh does; else installer/src/deb/lib/start of this tree.
launch_tandem() {
  local d=$1 jar=$2 cds=$3 port=$4 http=$5 script=$BENCH_DIR/../installer/src/deb/lib/start
  [ -f "$(dirname "$jar")/start" ] && script=$(dirname "$jar")/start
  mkdir -p "$d"
  (cd "$d" && TANDEM_JAR="$jar" TANDEM_CDS_DIR="$cds" exec sh "$script" \
      --tandem.data-dir="$d/data" --tandem.domain="$DOMAIN" --tandem.sip.bind-address=127.0.0.1 \
      --tandem.sip.port="$port" --tandem.sip.tls-port=0 --server.address=127.0.0.1 --server.port="$http" \
      --tandem.admin.initial-password="$ADMIN_PASSWORD" --tandem.security.max-failures=1000000 \
      --tandem.https-port=0 --tandem.provisioning.tftp-port=0 --tandem.stun.port=0 >>"$d/out.log" 2>&1) &
  TANDEM_PID=$!; PIDS+=("$TANDEM_PID")
  await_health "$TANDEM_PID" "$http" "$d/out.log"
}

# tandem_jvm_options PID: the java command line up to -jar
tandem_jvm_options() { tr '\0' ' ' < "/proc/$1/cmdline" | sed 's/ -jar .*//'; }

# await_cds_archive CDS_DIR: waits (5 min at most) for the class-data archive the start script makes in the
# background from the first run's class list; 0 when it is there
await_cds_archive() {
  flock -w 300 "$1/dump.lock" true 2>/dev/null || true
  [ -s "$1/tandem.jsa" ] || { echo "no class-data archive in $1 (see $1/dump.log)" >&2; return 1; }
}

# start_tandem DIR JAR CDS_DIR PORT HTTP: launch_tandem, then the bench's users 2001, 2002 and 3000..3000+USERS-1.
# The first start of a jar writes its class list; the next makes the class-data archive from it in the background;
# the unit runs with the archive mapped from then on, so a bench measures that: stop, start again, wait for the
# archive, stop and start a third time.
start_tandem() {
  launch_tandem "$@"
  local first
  first=$(tandem_jvm_options "$TANDEM_PID")
  # (an older start script, beside an older jar, recorded a dynamic archive at the first run's exit instead)
  if [[ "$first" == *DumpLoadedClassList* || "$first" == *ArchiveClassesAtExit* ]]; then
    echo "Tandem: first start of $2, without a class-data archive in $3 yet; starting again until it maps one"
    stop_process "$TANDEM_PID" 120
    forget_pid "$TANDEM_PID"
    launch_tandem "$@"
  fi
  if [[ "$(tandem_jvm_options "$TANDEM_PID")" != *SharedArchiveFile* ]] && [ -s "$3/classes.lst" ]; then
    stop_process "$TANDEM_PID" 120
    forget_pid "$TANDEM_PID"
    await_cds_archive "$3" || exit 1
    launch_tandem "$@"
  fi
  # shellcheck disable=SC2046 # the extensions are split on blanks on purpose
  create_users "$5" "$ADMIN_PASSWORD" 2001 2002 $(seq 3000 $((3000 + ${USERS:-0} - 1))) \
    || { echo "user creation through the API failed"; exit 1; }
}

# write_user_files DIR: the SIPp injection files every server gets: DIR/reg-users.csv (3000..3000+USERS-1),
# DIR/callee.csv (2002) and DIR/caller.csv (2001 calling 2002); passwords secret-N
write_user_files() {
  { echo SEQUENTIAL; for i in $(seq 3000 $((3000 + USERS - 1))); do echo "$i;[authentication username=$i password=secret-$i];$DOMAIN"; done; } > "$1/reg-users.csv"
  printf 'SEQUENTIAL\n2002;[authentication username=2002 password=secret-2002];%s\n' "$DOMAIN" > "$1/callee.csv"
  printf 'SEQUENTIAL\n2001;[authentication username=2001 password=secret-2001];%s;2002\n' "$DOMAIN" > "$1/caller.csv"
}

# start_callee SERVER_PORT: registers 2002 at the server from a free port (three tries: a just-started JVM on a busy
# host may answer its first REGISTER late) and runs the answering UAS (sipp/uas.xml) on that port; sets UAS_PID and
# adds it to PIDS
start_callee() {
  local port=$1 uas_port try
  uas_port=$(free_port)
  for try in 1 2 3; do
    sipp "127.0.0.1:$port" -sf "$BENCH_DIR/sipp/register_auth.xml" -inf "$WORK/callee.csv" -m 1 \
        -i 127.0.0.1 -p "$uas_port" -nostdin -timeout 10s -timeout_error >/dev/null 2>&1 && break
    [ "$try" -lt 3 ] || { echo "callee registration at $port failed"; return 1; }
  done
  (cd "$WORK" && exec sipp -sf "$BENCH_DIR/sipp/uas.xml" -i 127.0.0.1 -p "$uas_port" -nostdin >/dev/null 2>&1) &
  UAS_PID=$!; PIDS+=("$UAS_PID")
}

# The port the bench's phones send REGISTERs from, one per server (REG_PORT_OF[NAME], chosen by warm_up) and kept for
# every REGISTER run against it: a phone refreshes its own binding, so after the warm-up each REGISTER measured is a
# refresh of its user's one binding. A new port per run was a new Contact per user per run: the bindings piled up (one
# more per user with each run, all listed in every 200 OK, RFC 3261 §10.3 step 8) and each measured run began with 500
# first registrations of a contact, a path the warm-up's refreshes had not trained the JIT on (issue 23, session 45).
declare -A REG_PORT_OF

# sipp_port NAME KIND: the local port of a SIPp run of KIND (reg or call) against server NAME: REG_PORT_OF[NAME] for
# REGISTERs once the warm-up has chosen it, any free port otherwise
sipp_port() {
  if [ "$2" = reg ] && [ -n "${REG_PORT_OF[$1]:-}" ]; then echo "${REG_PORT_OF[$1]}"; else free_port; fi
}

# warm_up NAME PORT REGISTERS CALLS: REGISTERs (300/s) and calls (150/s) at the same time, so a JVM compiles both
# paths before either is measured (a callee must be registered when CALLS > 0); sets REG_PORT_OF[NAME]
warm_up() {
  local name=$1 port=$2 regs=$3 calls=$4 reg_port call_port call_pid=""
  REG_PORT_OF[$name]=$(free_port); reg_port=${REG_PORT_OF[$name]}; call_port=$(free_port)
  while [ "$call_port" = "$reg_port" ]; do call_port=$(free_port); done
  if [ "$calls" -gt 0 ]; then
    run_sipp "$name-warm-call" "127.0.0.1:$port" -sf "$BENCH_DIR/sipp/uac_call_auth.xml" -inf "$WORK/caller.csv" \
        -i 127.0.0.1 -p "$call_port" -m "$calls" -r 150 -timeout 300s >/dev/null &
    call_pid=$!
  fi
  run_sipp "$name-warm-reg" "127.0.0.1:$port" -sf "$BENCH_DIR/sipp/register_auth.xml" -inf "$WORK/reg-users.csv" \
      -i 127.0.0.1 -p "$reg_port" -m "$regs" -r 300 -timeout 300s >/dev/null
  if [ -n "$call_pid" ]; then wait "$call_pid" || true; fi
}

# single_tandem NAME JAR: one Tandem for a tool that measures it alone (mix.sh, profile/run.sh): a work folder
# /tmp/tandem-NAME.*, everything started stopped on exit, the bench's users and SIPp files, JAR started with its
# class-data archive in a cds folder beside it, the callee registered. Sets DOMAIN, USERS, ADMIN_PASSWORD, WORK, PIDS,
# PORT and TANDEM_PID for the caller.
single_tandem() {
  DOMAIN=bench.local; USERS=500; ADMIN_PASSWORD=bench-admin-$$
  WORK=$(mktemp -d "/tmp/tandem-$1.XXXXXX")
  PIDS=()
  trap 'for p in "${PIDS[@]}"; do stop_process "$p" 60; done; pkill -f "sipp.*$WORK" 2>/dev/null || true' EXIT
  write_user_files "$WORK"
  PORT=$(free_port)
  start_tandem "$WORK/tandem" "$2" "$(dirname "$2")/cds" "$PORT" "$(free_port)"
  start_callee "$PORT"
}
