#!/usr/bin/env python3
"""Report of bench/mix.sh: per mixed round, the process's CPU, its JIT threads', the rest, and the thread groups.

  mix_report.py DIR ROUNDS [REG_MS CALL_MS]

With REG_MS and CALL_MS (CPU per operation without the JIT from bench/run.sh's separate runs), each round's CPU without
the JIT is compared with what they predict for its REGISTERs and calls."""
import json, statistics, sys


def groups_delta(before, after):
    return {g: after["groups"].get(g, 0) - before["groups"].get(g, 0) for g in after["groups"]}


def main(folder, rounds, predict):
    nojit_per_round = []
    print("round  REGISTER ok  calls ok  CPU ms  JIT ms  without JIT  " + ("predicted  ratio" if predict else ""))
    for r in range(1, rounds + 1):
        before = json.load(open(f"{folder}/round{r}-0.json"))
        after = json.load(open(f"{folder}/round{r}-1.json"))
        reg_ok = int(open(f"{folder}/round{r}-reg.txt").read().split()[0])
        call_ok = int(open(f"{folder}/round{r}-call.txt").read().split()[0])
        delta = groups_delta(before, after)
        process = after["process"] - before["process"]
        jit = sum(v for g, v in delta.items() if g.startswith("C# CompilerThre"))
        line = f"{r:5}  {reg_ok:11}  {call_ok:8}  {process:6}  {jit:6}  {process - jit:11}"
        if predict:
            expected = reg_ok * predict[0] + call_ok * predict[1]
            line += f"  {expected:9.0f}  {(process - jit) / expected:5.2f}"
        nojit_per_round.append(process - jit)
        print(line)
        top = sorted(delta.items(), key=lambda kv: -kv[1])[:8]
        print("       " + ", ".join(f"{g} {v}" for g, v in top))
    print(f"median CPU without the JIT per round: {statistics.median(nojit_per_round):.0f} ms")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0], int(args[1]), [float(x) for x in args[2:4]] if len(args) >= 4 else None)
