#!/usr/bin/env python3
"""The report of bench/profile/jit-windows.sh: the JFR recording's compilations, deoptimisations and class loads
placed in the measured windows.

  jit_windows.py RECORDING.jfr WINDOWS.txt

WINDOWS.txt: one line per window, "KIND ROUND START END cpu=MS jit=MS" (epoch seconds; the process's and the compiler
threads' CPU over it). Compile times are JFR's, wall clock: on a busy machine they are longer than the CPU they took."""
import collections
import datetime
import json
import subprocess
import sys


def events(recording, kind):
    out = subprocess.run(["jfr", "print", "--json", "--events", kind, recording],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]


def at(stamp):
    """epoch seconds of JFR's "2026-11-30T07:30:01.123456789Z" """
    base, frac = (stamp.rstrip("Z").split(".") + ["0"])[:2]
    return datetime.datetime.fromisoformat(base).replace(tzinfo=datetime.timezone.utc).timestamp() + float("0." + frac)


def seconds(duration):
    """JFR's "PT0.0123S" """
    return float(duration[2:-1]) if duration.startswith("PT") and duration.endswith("S") else 0.0


def method(m):
    return m["type"]["name"].split(".")[-1].replace("/", ".") + "." + m["name"] if m else "?"


def package(m):
    return ".".join(m["type"]["name"].replace("/", ".").split(".")[:3])


def unique(items, key):
    """JFR repeats events across its chunks"""
    seen, out = set(), []
    for e in items:
        k = key(e)
        if k not in seen:
            seen.add(k)
            out.append(e)
    return out


def main(recording, windows_file):
    windows = []
    for line in open(windows_file):
        kind, rnd, start, end, *rest = line.split()
        windows.append((kind + rnd, float(start), float(end), " ".join(rest)))
    compilations = sorted(unique(events(recording, "jdk.Compilation"), lambda e: e["values"]["compileId"]),
                          key=lambda e: at(e["values"]["startTime"]))
    deopts = unique(events(recording, "jdk.Deoptimization"),
                    lambda e: (e["values"]["startTime"], e["values"]["bci"], method(e["values"]["method"])))
    loads = unique(events(recording, "jdk.ClassLoad"),
                   lambda e: (e["values"]["startTime"], e["values"]["loadedClass"]["name"]))
    first = set()
    for e in compilations:   # AGAIN: the same method, signature, tier and kind compiled before (a recompilation)
        v = e["values"]
        key = (method(v["method"]), v["method"]["descriptor"], v["compileLevel"], v["isOsr"])
        e["again"] = key in first
        first.add(key)
    for name, start, end, cpu in windows:
        inside = [e for e in compilations if start <= at(e["values"]["startTime"]) <= end]
        c2 = [e for e in inside if e["values"]["compileLevel"] == 4]
        again = [e for e in inside if e["again"]]
        total = sum(seconds(e["values"]["duration"]) for e in inside)
        print(f"== {name} ({cpu}): {len(inside)} compilations {total * 1000:.0f} ms, C2 {len(c2)} "
              f"{sum(seconds(e['values']['duration']) for e in c2) * 1000:.0f} ms, recompiled {len(again)} "
              f"{sum(seconds(e['values']['duration']) for e in again) * 1000:.0f} ms")
        by_package = collections.Counter()
        for e in inside:
            by_package[package(e["values"]["method"])] += seconds(e["values"]["duration"])
        print("   by package (ms):", ", ".join(f"{k} {v * 1000:.0f}" for k, v in by_package.most_common(6)))
        for e in sorted(inside, key=lambda e: -seconds(e["values"]["duration"]))[:12]:
            v = e["values"]
            print(f"   {seconds(v['duration']) * 1000:6.1f} ms L{v['compileLevel']}{' OSR' if v['isOsr'] else ''}"
                  f"{' AGAIN' if e['again'] else ''} {method(v['method'])}")
        reasons = collections.Counter()
        for e in deopts:
            v = e["values"]
            if start <= at(v["startTime"]) <= end:
                reasons[(method(v["method"]), v["reason"], v["action"])] += 1
        print(f"   deoptimisations {sum(reasons.values())}:",
              "; ".join(f"{m} {r}/{a} x{n}" for (m, r, a), n in reasons.most_common(10)))
        loaded = [e["values"]["loadedClass"]["name"].split("/")[-1] for e in loads
                  if start <= at(e["values"]["startTime"]) <= end]
        print(f"   class loads {len(loaded)}:", ", ".join(loaded[:15]))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
