#!/usr/bin/env python3
"""p99 per response-time measure of SIPp -trace_rtt rows whose time (Date_ms: ms since SIPp started) lies in [FROM, TO) s:
prints 'rtd=p99' pairs, e.g. '1=4 call=8 bye=4'. Usage: window.py FOLDER FROM TO"""
import glob, sys
folder, lo, hi = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
by_rtd = {}
for f in glob.glob(folder + "/*_rtt.csv"):
    with open(f) as fh:
        for line in fh:
            parts = line.strip().split(";")
            try:
                t, v = float(parts[0]), float(parts[1])
            except (ValueError, IndexError):
                continue
            if lo * 1000 <= t < hi * 1000:
                by_rtd.setdefault(parts[2], []).append(v)
out = []
for rtd, values in sorted(by_rtd.items()):
    values.sort()
    out.append(f"{rtd}={values[min(len(values) - 1, int(0.99 * len(values)))]:.0f}")
print(" ".join(out) or "-")
