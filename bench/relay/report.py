#!/usr/bin/env python3
"""Turns RelayBench's 'result ...' lines into the relay table. Per level and relay: CPU per relayed stream, loss,
added latency (the relayed streams' percentile minus that of the direct calls measured beside them in the same run),
each the median over the rounds (loss: the sum); then Tandem/rtpengine ratios. "cpu pressure" is the share of the
measured window in which some task on the machine waited for a CPU (Linux PSI): near 1, the latencies measure the
machine's other work more than the relay."""
import re, statistics, sys

rows, unavailable = [], []
for line in open(sys.argv[1]).read().splitlines():
    if line.endswith(" unavailable"):
        unavailable.append(line.split()[0])
    if line.startswith("result "):
        rows.append({k: v.strip('"') for k, v in re.findall(r'(\w+)=("[^"]*"|\S+)', line)})

def num(r, k):
    return float(r[k]) if k in r else float("nan")

def derived(r):
    """One run's figures: added latency against its own probes (the direct run: absolute), CPU per stream."""
    w, streams, sent, cpu = num(r, "window_s"), num(r, "streams"), num(r, "sent"), num(r, "relay_cpu_s")
    d = {"sent": sent, "lost": num(r, "lost"), "reordered": num(r, "reordered"),
         "core_pct_per_stream": cpu / w / streams * 100,
         # per packet relayed: what the kernel dropped at a full socket never cost the relay anything
         "cpu_s_per_1k": cpu / (num(r, "received") / 1000) if num(r, "received") else float("nan"),
         "relay_cores": cpu / w, "load_cores": num(r, "load_cpu_s") / w, "late_ms": num(r, "sender_late_max_ms"),
         "pressure": num(r, "cpu_pressure")}
    for p in ("p50", "p99", "max"):
        base = num(r, f"base_{p}_us")
        d[p] = num(r, f"{p}_us") - base if r["target"] != "direct" and base >= 0 else num(r, f"{p}_us")
    return d

groups = {}
for r in rows:
    groups.setdefault((int(r["calls"]), r["target"]), []).append(r)

print(f"{'calls':>5} {'relay':<10} {'rounds':>6} {'sent':>8} {'lost':>6} {'reord':>5} {'p50+us':>7} {'p99+us':>7} "
      f"{'(p99+ range)':>15} {'max+us':>7} {'%core/stream':>12} {'cpu-s/1k pkt':>12} {'relay cores':>11} {'load cores':>10}"
      f" {'cpu pressure':>12}")
summary, late = {}, []
RANK = {"direct": 0, "rtpengine": 1, "tandem": 2, "java-nio": 3}
for (calls, target), runs in sorted(groups.items(), key=lambda g: (g[0][0], RANK.get(g[0][1], 9), g[0][1])):
    errors = [r["error"] for r in runs if "error" in r]
    ok = [derived(r) for r in runs if "error" not in r]
    for e in errors:
        print(f"{calls:>5} {target:<10} error: {e}")
    if not ok:
        continue
    med = {k: statistics.median(d[k] for d in ok) for k in ok[0]}
    total_sent, total_lost = sum(d["sent"] for d in ok), sum(d["lost"] for d in ok)
    reord = sum(d["reordered"] for d in ok)
    p99s = [d["p99"] for d in ok]
    late += [f"{target} at {calls} calls ({d['late_ms']:.0f} ms)" for d in ok if d["late_ms"] > 20]
    if target == "direct":
        print(f"{calls:>5} {'(direct)':<10} {len(ok):>6} {total_sent:>8.0f} {total_lost:>6.0f} {reord:>5.0f} {med['p50']:>7.0f} "
              f"{med['p99']:>7.0f} {'':>15} {med['max']:>7.0f} {'(absolute one-way latency, no relay)':>37} {med['load_cores']:>10.2f} {med['pressure']:>12.2f}")
        continue
    summary[(target, calls)] = (med["core_pct_per_stream"], med["cpu_s_per_1k"], total_lost, med["p50"], med["p99"], med["max"])
    print(f"{calls:>5} {target:<10} {len(ok):>6} {total_sent:>8.0f} {total_lost:>6.0f} {reord:>5.0f} {med['p50']:>7.0f} "
          f"{med['p99']:>7.0f} {'(' + f'{min(p99s):.0f}..{max(p99s):.0f}' + ')':>15} {med['max']:>7.0f} "
          f"{med['core_pct_per_stream']:>12.4f} {med['cpu_s_per_1k']:>12.5f} {med['relay_cores']:>11.3f} {med['load_cores']:>10.2f} {med['pressure']:>12.2f}")

print()
if late:
    print("Careful: the load tool's senders ran more than 20 ms late in: " + ", ".join(late)
          + ". Those runs measured the machine (other processes, or this tool's own core), not only the relay.")
for t in unavailable:
    print(f"{t}: not measured (its relay did not start; see above)")
levels = sorted({c for (_, c) in summary})
names = ("%core per stream", "cpu-s per 1000 packets", "packets lost", "added p50 us", "added p99 us", "added max us")
if any(("tandem", c) in summary and ("rtpengine", c) in summary for c in levels):
    print(f"{'Tandem / rtpengine':<24}" + "".join(f"{str(c) + ' calls: T / R = ratio':>32}" for c in levels))
    for i, name in enumerate(names):
        cells = []
        for c in levels:
            t, k = summary.get(("tandem", c)), summary.get(("rtpengine", c))
            if not t or not k:
                cells.append(f"{'-':>32}")
                continue
            ratio = f"{t[i] / k[i]:.2f}" if k[i] > 0 else "-"
            cells.append(f"{t[i]:>12.4g} / {k[i]:<10.4g}= {ratio:>5}")
        print(f"{name:<24}" + "".join(cells))
else:
    print("No Tandem/rtpengine ratio: one of them was not measured.")
