#!/usr/bin/env bash
# How long C2's queue is while one Tandem jar starts, makes bench/run.sh's users and takes its warm-up, and how much of
# our code and jain-sip's has reached C2 when the warm-up is over (issue 23: the first measured round paid for the
# compilations the warm-up left over). Every task in C2's queue raises every other method's tier-4 thresholds
# (-XX:Tier4LoadFeedback), so a long queue keeps the hot paths in C1's profiling code. A measurement, never a test.
#
# Usage: bench/profile/jit-queue.sh [JAR]      (default appliance/target/tandem.jar)
# Environment: TANDEM_JAVA_OPTS, TANDEM_JIT_DIRECTIVES, TANDEM_JIT_NICE (as the start script), WARM_REG / WARM_CALL
#   (default 12000 / 6000 as bench/run.sh), SAMPLE (seconds between two looks at the queue, default 2; each is a jcmd,
#   ~0.2 s of CPU).
# Output: one line per sample (time, tasks in C2's queue), then the queue when the warm-up began, its peak, the seconds
#   from the warm-up's start until it held under 50 tasks, and per package group the methods whose newest code is tier
#   3 (C1 with profiling: still waiting for C2) or tier 4 (C2) once the warm-up's work has settled; files in a fresh
#   /tmp/tandem-jitqueue.* directory.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

JAR=$(realpath "${1:-$BENCH_DIR/../appliance/target/tandem.jar}")
SAMPLE=${SAMPLE:-2}
[ "$(basename "$JAR")" = tandem.jar ] || { echo "not a tandem.jar: $JAR" >&2; exit 2; }
command -v sipp >/dev/null || { echo "needs SIPp: apt-get install sip-tester" >&2; exit 2; }

OUT=$(mktemp -d /tmp/tandem-jitqueue.XXXXXX)
# c2_queue PID TIME: the tasks in C2's queue ("Compiler.queue" lists C1's and C2's; the compiling ones are not
# counted); the listing itself is kept as queue-TIME.txt, so the report can say whose code was waiting
c2_queue() {
  jcmd "$1" Compiler.queue 2>/dev/null | tee "$OUT/queue-$2.txt" |
    awk '/C2 compile queue/ {c = 1; next} /C1 compile queue/ {c = 0} c && NF > 0 && !/Empty/ {n++} END {print n + 0}'
}
# the sampler looks for the newest JVM of this jar (the bench starts it up to three times for its class-data archive)
(
  end=$((SECONDS + 900))
  while [ $SECONDS -lt $end ]; do
    pid=$(pgrep -n -f "$(dirname "$JAR")/cds/app/tandem.jar" || true)
    now=$(date +%s)
    [ -z "$pid" ] || echo "$now $(c2_queue "$pid" "$now")" >>"$OUT/queue.txt"
    sleep "$SAMPLE"
  done
) &
SAMPLER=$!
single_tandem jitqueue "$JAR"
PIDS+=("$SAMPLER") # single_tandem's exit trap stops it too, should the warm-up fail
echo "warm-up $(date +%s)" >>"$OUT/marks.txt"
warm_up tandem "$PORT" "${WARM_REG:-12000}" "${WARM_CALL:-6000}"
echo "warmed $(date +%s)" >>"$OUT/marks.txt"
settle "$TANDEM_PID"
kill "$SAMPLER" 2>/dev/null || true
jcmd "$TANDEM_PID" Compiler.codelist >"$OUT/codelist.txt"
echo "# C2's queue over the start, the users and the warm-up; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$OUT" <<'PY' | tee "$OUT/report.txt"
import collections, sys
out = sys.argv[1]
marks = dict(l.split() for l in open(f"{out}/marks.txt"))
start, end = int(marks["warm-up"]), int(marks["warmed"])
queue = [tuple(map(int, l.split())) for l in open(f"{out}/queue.txt") if len(l.split()) == 2]
print(" ".join(f"{t - start:+d}s:{q}" for t, q in queue))
at, at_start = min(queue, key=lambda s: abs(s[0] - start))
drained = next((t - start for t, q in queue if t > start and q < 50), None)
print(f"queue when the warm-up began {at_start}, peak {max(q for _, q in queue)}, under 50 tasks {drained} s into "
      f"the warm-up (which took {end - start} s)")
# whose code waited in C2's queue when the warm-up began: the listing's lines are "compile_id attributes level
# method (bytes)"; grouped by the method's first three package names
waiting = collections.Counter()
c2 = False
for line in open(f"{out}/queue-{at}.txt"):
    if "C2 compile queue" in line:
        c2 = True
    elif "C1 compile queue" in line:
        c2 = False
    elif c2:
        method = next((w for w in line.split() if "::" in w), None)
        if method:
            waiting[".".join(method.split("::")[0].split(".")[:3])] += 1
print("waiting for C2 when the warm-up began, by package: " +
      ", ".join(f"{pkg} {n}" for pkg, n in waiting.most_common(25)))
# Compiler.codelist: "compile_id level state method ...", state 0 = in use; the newest code of a method counts
newest = {}
for line in open(f"{out}/codelist.txt"):
    p = line.split()
    if len(p) < 4 or not p[0].isdigit() or p[2] != "0":
        continue
    method = p[3].split("(")[0]
    newest[method] = max(newest.get(method, 0), int(p[1]))
groups = collections.Counter()
for method, level in newest.items():
    group = next((g for prefix, g in (("org.tandem.", "tandem"), ("gov.nist.", "jain-sip"), ("org.h2.", "h2"))
                  if method.startswith(prefix)), "other")
    groups[group, level] += 1
print("methods at tier 3 / tier 4 after the warm-up: " + ", ".join(
    f"{g} {groups[g, 3]} / {groups[g, 4]}" for g in ("tandem", "jain-sip", "h2", "other")))
PY
echo "(samples, code list and report in $OUT)"
