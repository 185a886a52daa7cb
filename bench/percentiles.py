#!/usr/bin/env python3
"""Prints response-time percentiles from SIPp -trace_rtt files in a folder: '<label> rtt <rtd> p50=.. p95=.. p99=..'."""
import glob, sys
folder, label = sys.argv[1], sys.argv[2]
by_rtd = {}
for f in glob.glob(folder + "/*_rtt.csv"):
    with open(f) as fh:
        for line in fh:
            parts = line.strip().split(";")
            if len(parts) < 3 or not parts[1].replace(".", "").isdigit():
                continue
            by_rtd.setdefault(parts[2], []).append(float(parts[1]))
for rtd, values in sorted(by_rtd.items()):
    values.sort()
    pick = lambda p: values[min(len(values) - 1, int(p / 100.0 * len(values)))]
    print(f"{label} rtt {rtd} n={len(values)} p50={pick(50):.0f}ms p95={pick(95):.0f}ms p99={pick(99):.0f}ms max={values[-1]:.0f}ms")
