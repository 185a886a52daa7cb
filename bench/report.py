#!/usr/bin/env python3
"""Turns bench/run.sh's raw result lines into the summary with Tandem/Kamailio ratios.

Two Kamailio references: 'kamailio' (usrloc db_mode=0, bindings in memory only; REGISTER and calls) and
'kamailio_db' (usrloc db_mode=1, write-through to MariaDB; REGISTER only, its CPU counts mariadbd too)."""
import re, statistics, sys
path, reg_rate, call_rate = sys.argv[1], sys.argv[2], sys.argv[3]
lines = open(path).read().splitlines()
# fixed: (ok, failed, cpu_ms) summed over the rounds; by_round: round -> (ok, cpu_ms, jit_ms), for each round's ratio
fixed, sustained, parts, invalid, jit, by_round = {}, {}, {}, {}, {}, {}
for l in lines:
    m = re.match(r"(\w+) (reg|call) fixed (?:round=(\d+) )?ok=(\d+) failed=(\d+) cpu_ms=(\d+)(.*)", l)
    if m:
        key, ok, failed, cpu = (m[1], m[2]), int(m[4]), int(m[5]), int(m[6])
        before = fixed.get(key, (0, 0, 0))
        fixed[key] = (before[0] + ok, before[1] + failed, before[2] + cpu)
        summed = dict(parts.get(key, []))
        for name, ms in re.findall(r"(\w+)_cpu_ms=(-?\d+)", m[7]):
            summed[name] = summed.get(name, 0) + int(ms)
        parts[key] = list(summed.items())
        j = re.search(r"jit_ms=(-?\d+)", m[7])
        jit[key] = jit.get(key, 0) + (int(j[1]) if j else 0)
        by_round.setdefault(key, {})[int(m[3] or 1)] = (ok, cpu, int(j[1]) if j else 0)
    m = re.match(r"(\w+) (reg|call) sustained=(\d+)", l)
    if m:
        sustained[(m[1], m[2])] = int(m[3])
    m = re.match(r"(\w+) invalid: (.*)", l)
    if m:
        invalid.setdefault(m[1], []).append(m[2])
print("\n".join(l for l in lines
                if " rtt " in l or "ramp stopped" in l or " rows " in l or l.startswith("tandem jvm")
                or " idle after the warm-up" in l))


def per_op(x):
    return x[2] / x[0] if x and x[0] else float("nan")


def ratio(a, b):
    return a / b if b else float("nan")


def table(reference, column, heading, kinds):
    print()
    print(heading)
    for reason in invalid.get(reference, []):
        print(f"  INVALID: {reason}")
    bad = reference in invalid
    print(f"{'':34}{'Tandem':>12}{column:>12}{'ratio':>8}")
    for kind, label, rate in kinds:
        t, k = fixed.get(("tandem", kind)), fixed.get((reference, kind))
        tp, kp = per_op(t), per_op(k)
        shown = "invalid" if bad else f"{ratio(tp, kp):.2f}"
        print(f"{label + ' CPU ms/op @' + rate + '/s':34}{tp:12.3f}{kp:12.3f}{shown:>8}")
        rounds = sorted(set(by_round.get(("tandem", kind), {})) & set(by_round.get((reference, kind), {})))
        if len(rounds) > 1 and not bad:
            def per(name, r, no_jit):
                ok, cpu, jit_ms = by_round[(name, kind)][r]
                return (cpu - (jit_ms if no_jit else 0)) / max(ok, 1)
            for heading, no_jit in (("ratio per round, median", False), ("  the same without Tandem's JIT", True)):
                each = [ratio(per("tandem", r, no_jit), per(reference, r, False)) for r in rounds]
                print(f"{'  ' + heading:34}{' '.join(f'{x:.2f}' for x in each):>24}{statistics.median(each):>8.2f}")
        if t and t[0] and jit.get(("tandem", kind)):
            print(f"{'  Tandem ms/op of which JIT':34}{jit[('tandem', kind)] / t[0]:12.3f}")
        if len(parts.get((reference, kind), [])) > 1 and k and k[0]:
            split = " + ".join(f"{name.replace('kamailio_db', 'kamailio')} {int(ms) / k[0]:.3f}"
                              for name, ms in parts[(reference, kind)])
            print(f"{'  ' + column + ' ms/op of which':34}{split:>20}")
        print(f"{label + ' ok/failed @' + rate + '/s':34}{(str(t[0]) + '/' + str(t[1])) if t else '-':>12}"
              f"{(str(k[0]) + '/' + str(k[1])) if k else '-':>12}")
        ts, ks = sustained.get(("tandem", kind), 0), sustained.get((reference, kind), 0)
        shown = "invalid" if bad else f"{ratio(ts, ks):.2f}"
        print(f"{label + ' sustained rate /s':34}{ts:12}{ks:12}{shown:>8}")


reg = ("reg", "REGISTER+auth", reg_rate)
call = ("call", "call (proxy+auth)", call_rate)
if any(r in ("kamailio", "tandem") for r, _ in fixed):
    table("kamailio", "Kamailio", "Against Kamailio, usrloc db_mode=0 (bindings in memory only):", (reg, call))
if ("kamailio_db", "reg") in fixed or "kamailio_db" in invalid:
    table("kamailio_db", "Kamailio+DB", "REGISTER against Kamailio, usrloc db_mode=1 (write-through to MariaDB; "
                         "its CPU = kamailio + mariadbd):", (reg,))
