#!/usr/bin/env python3
"""CPU by thread group of one process, and the A/B report of bench/ab.sh.

  threads.py snap PID OUT.json          CPU ms so far: the process, and its threads grouped by name (digits dropped:
                                        "sip-call-3" and "sip-call-7" are one group "sip-call-#")
  threads.py report DIR                 per round and kind, each jar's CPU per operation, then the medians and B/A

A thread that ended between two snapshots leaves its CPU in the process figure only ("(ended threads)")."""
import glob, json, os, re, statistics, sys

TICK = os.sysconf("SC_CLK_TCK")


def cpu_ms(stat_path):
    with open(stat_path) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 // TICK   # utime + stime


def snap(pid, out):
    groups = {}
    for task in glob.glob(f"/proc/{pid}/task/*"):
        try:
            with open(task + "/comm") as f:
                name = re.sub(r"\d+", "#", f.read().strip())
            groups[name] = groups.get(name, 0) + cpu_ms(task + "/stat")
        except (FileNotFoundError, ProcessLookupError, IndexError):
            pass   # the thread ended while it was read
    snapshot = {"process": cpu_ms(f"/proc/{pid}/stat"), "groups": groups}
    with open(out, "w") as f:
        json.dump(snapshot, f)


def per_op(before, after, count):
    """ms per operation: the process, without the JIT compiler threads, and per group"""
    groups = {g: (after["groups"].get(g, 0) - before["groups"].get(g, 0)) / count for g in after["groups"]}
    process = (after["process"] - before["process"]) / count
    # the JIT: "C1 CompilerThre"/"C2 CompilerThre" (comm is cut at 15 characters), digits dropped
    jit = sum(v for g, v in groups.items() if g.startswith("C# CompilerThre"))
    groups["(ended threads)"] = process - sum(groups.values())
    return process, process - jit, groups


def report(folder):
    rows = {}   # (kind, jar) -> list of (process, nojit, groups)
    for meta in sorted(glob.glob(folder + "/round*-*.json.meta")):
        m = json.load(open(meta))
        base = meta[:-len(".json.meta")]
        before, after = json.load(open(base + "-0.json")), json.load(open(base + "-1.json"))
        if m["ok"] == 0:
            continue
        p, nj, g = per_op(before, after, m["ok"])
        rows.setdefault((m["kind"], m["jar"]), []).append((p, nj, g))
        print(f"round {m['round']} {m['kind']:4} {m['jar']}: ok={m['ok']} failed={m['failed']} "
              f"{p:.3f} ms/op, {nj:.3f} without the JIT")
    print()
    for kind in ("reg", "call"):
        a, b = rows.get((kind, "A")), rows.get((kind, "B"))
        if not a or not b:
            continue
        print(f"{kind}: median ms/op over {len(a)}/{len(b)} rounds          A        B      B/A")
        for label, i in (("process", 0), ("without the JIT", 1)):
            ma, mb = statistics.median(r[i] for r in a), statistics.median(r[i] for r in b)
            print(f"  {label:30} {ma:8.3f} {mb:8.3f} {mb / ma if ma else float('nan'):8.2f}")
        names = set().union(*(r[2].keys() for r in a + b))
        med = {n: (statistics.median(r[2].get(n, 0) for r in a), statistics.median(r[2].get(n, 0) for r in b))
               for n in names}
        for n, (ma, mb) in sorted(med.items(), key=lambda kv: -max(kv[1]))[:10]:
            if max(ma, mb) >= 0.005:
                print(f"    {n:28} {ma:8.3f} {mb:8.3f}")
        print()


if __name__ == "__main__":
    if sys.argv[1] == "snap":
        snap(sys.argv[2], sys.argv[3])
    else:
        report(sys.argv[2])
