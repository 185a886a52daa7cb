#!/usr/bin/env bash
# The machine's state before a benchmark (bench/RESULTS.md, session 49): microseconds to touch a 4 KB page again after
# the process left it alone for 0, 100 ms, 1 s and 2 s, on 4 KB pages and on transparent huge pages. About 0.1 or less
# after 1 s is a host that leaves its guests' memory alone; 4-8 us (sessions 47-49) makes every JVM background task and
# young generation cycle cost many times more, and the CPU ratios of bench/run.sh measure that more than the code.
# Usage: bench/machine.sh. Never fails on a timing; ~10 s, 1 GB of heap.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
echo "4 KB pages: $(java -Xms1g -Xmx1g -XX:-UseTransparentHugePages "$BENCH_DIR/machine/PageTouch.java" 256)"
echo "huge pages: $(java -Xms1g -Xmx1g -XX:+UseTransparentHugePages "$BENCH_DIR/machine/PageTouch.java" 256 2>&1)"
