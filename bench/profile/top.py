#!/usr/bin/env python3
"""Top frames of an async-profiler collapsed-stack file, per operation.

  top.py FILE cpu|alloc OPERATIONS

cpu: samples (interval 200 us, so ms = samples / 5) per thread group, then the leaf frames, then the nearest frame
outside the JDK (jain-sip, H2, ours...), then the nearest of Tandem's own code (org.tandem): what it does itself or
calls into. alloc: bytes instead. With async-profiler's `ann` option (bench/profile/run.sh with TIERS=1) the Java
frames carry their compilation tier, and a table per tier is printed: where the samples' leaf Java frame ran
(interpreter, C1, C2)."""
import collections, re, sys

path, event, ops = sys.argv[1], sys.argv[2], max(1, int(sys.argv[3]))
unit = "ms" if event == "cpu" else "bytes"
scale = 0.2 if event == "cpu" else 1.0   # a cpu sample is 200 us
threads, leaves, ours, libs, tiers = (collections.Counter() for _ in range(5))
TIER = {"_[0]": "interpreted", "_[1]": "C1-compiled", "_[j]": "JIT-compiled (C2)", "_[i]": "inlined"}
ANNOTATION = re.compile(r"_\[[01ji]\]$")
total = 0
JDK = ("java", "jdk", "sun", "[", "Interpreter", "I2C", "C2I")
with open(path) as f:
    for line in f:
        stack, n = line.rstrip("\n").rsplit(" ", 1)
        n = int(n)
        frames = stack.split(";")
        total += n
        if event == "cpu" and "CompilerThre" not in frames[0]:   # the compiler threads' own frames say nothing here
            java = next((fr for fr in reversed(frames) if ANNOTATION.search(fr)), None)
            if java is not None:
                tiers[TIER[java[-4:]]] += n
        frames = [ANNOTATION.sub("", fr) for fr in frames]
        if event == "cpu" and frames[0].startswith("["):   # threads option: [name tid=N] first
            threads[re.sub(r"\d+", "#", frames[0].split(" tid=")[0].strip("["))] += n
        leaves[frames[-1]] += n
        own = next((fr for fr in reversed(frames) if fr.startswith(("org/tandem", "org.tandem"))), "(no Tandem frame)")
        ours[own] += n
        lib = next((fr for fr in reversed(frames) if not fr.startswith(JDK) and "_[" not in fr), "(JDK only)")
        libs[lib] += n


def show(title, counter, limit):
    print(f"\n## {title}")
    for name, n in counter.most_common(limit):
        per_op = f"{n * scale / ops:10.3f}" if event == "cpu" else f"{n / ops:10.0f}"
        print(f"{100 * n / total:6.1f} %  {per_op} {unit}/op  {name}")


print(f"total: {total * scale / ops:.3f} {unit} per operation ({ops} operations)")
if threads:
    show("threads", threads, 15)
if tiers:
    show("tier of the innermost Java frame (threads other than the compilers)", tiers, 4)
show("leaf frames", leaves, 25)
show("nearest frame outside the JDK (a library's or ours)", libs, 25)
show("nearest Tandem frame (our code, or what it called)", ours, 25)
