#!/usr/bin/env python3
"""Turns bench/run.sh's raw result lines into the summary with Tandem/Kamailio ratios."""
import re, sys
path, reg_rate, call_rate = sys.argv[1], sys.argv[2], sys.argv[3]
lines = open(path).read().splitlines()
fixed, sustained = {}, {}
for l in lines:
    m = re.match(r"(\w+) (reg|call) fixed ok=(\d+) failed=(\d+) cpu_ms=(\d+)", l)
    if m:
        fixed[(m[1], m[2])] = (int(m[3]), int(m[4]), int(m[5]))
    m = re.match(r"(\w+) (reg|call) sustained=(\d+)", l)
    if m:
        sustained[(m[1], m[2])] = int(m[3])
print("\n".join(l for l in lines if " rtt " in l or "ramp stopped" in l))
print()
print(f"{'':34}{'Tandem':>12}{'Kamailio':>12}{'ratio':>8}")
for kind, label, rate in (("reg", "REGISTER+auth", reg_rate), ("call", "call (proxy+auth)", call_rate)):
    t, k = fixed.get(("tandem", kind)), fixed.get(("kamailio", kind))
    def per_op(x):
        return x[2] / x[0] if x and x[0] else float("nan")
    tp, kp = per_op(t), per_op(k)
    print(f"{label + ' CPU ms/op @' + rate + '/s':34}{tp:12.3f}{kp:12.3f}{tp / kp if kp else float('nan'):8.2f}")
    print(f"{label + ' ok/failed @' + rate + '/s':34}{(str(t[0]) + '/' + str(t[1])) if t else '-':>12}{(str(k[0]) + '/' + str(k[1])) if k else '-':>12}")
    ts, ks = sustained.get(("tandem", kind), 0), sustained.get(("kamailio", kind), 0)
    print(f"{label + ' sustained rate /s':34}{ts:12}{ks:12}{(ts / ks if ks else float('nan')):8.2f}")
