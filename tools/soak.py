#!/usr/bin/env python3
"""tools/soak.py - the system-call fuzzer for as long as asked (make soak).

Boots the kernel again and again, each time with the shell as init, and
types one sys_fuzz command line with fresh seeds (user/tests/sys_fuzz.c);
after each boot it checks what a user test is checked for and more: no
oops or panic, no hang (a time limit per boot), every seed finished, the
fuzzer's exit status 0, no frame leaked (mmstat) and the memory manager's
books clean (vmcheck). With --peer linux each boot's seeds run on Linux
i386 too (tools/peer/run.sh --args), and their per-seed hashes must match.
It stops at the first failure and prints the seed to reproduce it:

    tools/soak.py --seconds 300 [--peer linux] [--calls N] [--seed BASE]
    tools/soak.py --diff SEED [--calls N]   # one seed traced on both
                                            # kernels: the first difference
"""
import argparse
import importlib.util
import os
import random
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location(
    "run_tests", os.path.join(ROOT, "tools", "run-tests.py"))
rt = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rt)

MEM = "256M"  # the same on both kernels: brk and mmap refuse more than RAM
SEEDS_PER_BOOT = 8  # the shell takes 31 words a line
SEED_LINE = re.compile(r"^# seed ([0-9a-f]{8}): (\d+) calls, hash ([0-9a-f]{8})$")
# An oops, a panic, a BUG(), a double fault: never, whatever is asked.
TROUBLE = re.compile(r"Oops:|Kernel panic|BUG:|kernel BUG|double fault")
CALL = re.compile(r"^(c?\d+) (-?\d+)\((.*?)\)( = .*)?$")


def seed_lines(lines):
    """{seed: (calls, hash)} from the fuzzer's per-seed lines."""
    out = {}
    for line in lines:
        m = SEED_LINE.match(line.strip())
        if m:
            out[m.group(1)] = (int(m.group(2)), m.group(3))
    return out


def fuzz_command(seeds, calls, trace=False):
    return " ".join(["sys_fuzz"] + (["-v"] if trace else []) +
                    ["-n", str(calls)] + [f"{s:08x}" for s in seeds])


def boot_ours(name, seeds, calls, trace=False):
    """One boot, the shell as init, one fuzzer command: (status, lines, log)."""
    cmd = fuzz_command(seeds, calls, trace)
    timeout = 60 + calls * len(seeds) // 200  # about 4000 calls a second
    status, lines, _, log = rt.boot(
        name, mem=MEM, cmdline="mmstat=1", timeout=timeout,
        until=r"---\[ end Kernel panic",
        typing=[(r"Run /bin/init as init process", cmd + "\n"),
                (r"^# sys_fuzz: \d+ calls in", "exit $?\n")])
    return status, rt.strip(lines), log


def check_boot(status, out, seeds):
    """What is wrong with a boot, as a list of lines (empty: nothing)."""
    bad = [l for l in out if TROUBLE.search(l)]
    if status in ("timeout", "until"):
        bad.append(f"the boot {'hung' if status == 'timeout' else 'panicked'}")
    elif status != rt.qemu_status(0):
        bad.append(f"QEMU status {status}, expected {rt.qemu_status(0)}")
    got = seed_lines(out)
    missing = [f"{s:08x}" for s in seeds if f"{s:08x}" not in got]
    if missing:
        bad.append("seeds without a result: " + " ".join(missing))
    bad += [l for l in out if l.startswith("not ok")]
    machine = rt.mmstat(out, "machine")
    if machine.get("leaked") != 0:
        bad.append(f"frames leaked: {machine.get('leaked', 'no mmstat line')}")
    vm = [l for l in out if l.startswith("vmcheck: ")]
    if not any(l.startswith("vmcheck: 0 problems after init's exit")
               for l in vm) or any(re.match(r"vmcheck: [1-9]", l) for l in vm):
        bad.append("vmcheck: " + ("; ".join(vm[-3:]) or "no line"))
    return bad


def run_peer(args, timeout=900):
    """sys_fuzz on Linux i386 with these arguments: (exit status, lines)."""
    p = subprocess.run(["tools/peer/run.sh", "--mem", MEM, "--timeout",
                        str(timeout), "--args", args,
                        "build/root/bin/sys_fuzz"], cwd=ROOT,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, errors="replace")
    return p.returncode, p.stdout.splitlines()


def build():
    p = subprocess.run(["make", "-s", "-j2", "build/kernel.elf",
                        "build/initrd.cpio"], cwd=ROOT)
    if p.returncode:
        sys.exit("soak: the build failed")


def soak(args):
    build()
    base = args.seed if args.seed is not None else random.SystemRandom(
    ).getrandbits(32)
    rng = random.Random(base)
    print(f"soak: {args.seconds} s, {args.calls} calls a seed, "
          f"{SEEDS_PER_BOOT} seeds a boot, seed base {base:08x}"
          f"{', compared with Linux' if args.peer else ''}", flush=True)
    t0 = time.monotonic()
    boots = calls = nseeds = peer_seeds = 0
    longest = 0.0
    failure = None
    while time.monotonic() - t0 < args.seconds:
        seeds = [rng.getrandbits(32) for _ in range(SEEDS_PER_BOOT)]
        tb = time.monotonic()
        status, out, log = boot_ours("soak", seeds, args.calls)
        boots += 1
        longest = max(longest, time.monotonic() - tb)
        got = seed_lines(out)
        calls += sum(c for c, _ in got.values())
        nseeds += len(got)
        bad = check_boot(status, out, seeds)
        if not bad and args.peer:
            rc, peer = run_peer(fuzz_command(seeds, args.calls)[9:])
            theirs = seed_lines(peer)
            peer_seeds += len(theirs)
            for s, v in got.items():
                if theirs.get(s) != v:
                    bad.append(f"seed {s}: ours {v}, Linux "
                               f"{theirs.get(s, 'no result')}")
            if rc != 0:
                bad.append(f"tools/peer/run.sh exit {rc}")
        if bad:
            failure = (seeds, got, bad, log)
            break
        print(f"soak: boot {boots}: {len(got)} seeds, {calls} calls so far "
              f"({time.monotonic() - t0:.0f} s)", flush=True)
    elapsed = time.monotonic() - t0
    print(f"soak: {boots} boots, {nseeds} seeds, {calls} system calls "
          f"fuzzed in {elapsed:.0f} s (longest boot {longest:.1f} s)"
          + (f", {peer_seeds} seeds compared with Linux" if args.peer else ""))
    if not failure:
        print("soak: 0 oopses, 0 hangs, 0 frames leaked, vmcheck clean")
        return 0
    seeds, got, bad, log = failure
    first = next((f"{s:08x}" for s in seeds if f"{s:08x}" not in got),
                 None)
    print("soak: FAILED")
    for line in bad[:20]:
        print(f"    {line}")
    print(f"    serial log: {os.path.relpath(log, ROOT)}")
    print(f"    the boot's seeds: {' '.join(f'{s:08x}' for s in seeds)}")
    if first:
        print(f"    first seed without a result: {first}; reproduce with "
              f"`make run` and, at the prompt: sys_fuzz -n {args.calls} "
              f"{first}")
    mism = [l.split()[1].rstrip(":") for l in bad if l.startswith("seed ")]
    if mism:
        print(f"    first seed that differs from Linux: {mism[0]}; see "
              f"tools/soak.py --diff {mism[0]} --calls {args.calls}")
    return 1


def calls_of(lines):
    """The traced calls of one run: [(number, call, outcome, notes)]."""
    out, cur = [], None
    for line in lines:
        line = line.rstrip()
        m = CALL.match(line)
        if m:
            cur = [m.group(1), f"{m.group(2)}({m.group(3)})",
                   (m.group(4) or "").strip(), []]
            out.append(cur)
        elif line.startswith("   ") and cur is not None:
            if not line.strip().startswith(("path", "maps")):
                cur[3].append(line.strip())
    return out


def diff(args):
    """Trace one seed on both kernels and print where they part."""
    build()
    seed = int(args.diff, 16)
    _, out, log = boot_ours("sys_fuzz-diff", [seed], args.calls, trace=True)
    # The kernel's own lines may cut a traced line in two: drop them.
    with open(log, errors="replace") as f:
        text = f.read().replace("\r", "")
    ours = calls_of(re.sub(r"\[ *\d+\.\d+\] [^\n]*\n", "", text).split("\n"))
    rc, peer = run_peer(fuzz_command([seed], args.calls, True)[9:])
    with open(os.path.join(rt.LOGS, "sys_fuzz-diff-linux.log"), "w") as f:
        f.write("\n".join(peer) + "\n")
    theirs = calls_of(peer)
    print(f"diff: seed {seed:08x}: {len(ours)} calls traced here, "
          f"{len(theirs)} on Linux (logs: {os.path.relpath(log, ROOT)}, "
          f"build/test-logs/sys_fuzz-diff-linux.log)")
    for i, (a, b) in enumerate(zip(ours, theirs)):
        if a[1:] != b[1:] and not (a[1] != b[1] and a[2] == b[2]):
            for c in ours[max(0, i - 5):i]:
                print(f"    {c[0]} {c[1]} {c[2]}")
            print(f"  ours:  {a[0]} {a[1]} {a[2]} {' '.join(a[3])}")
            print(f"  Linux: {b[0]} {b[1]} {b[2]} {' '.join(b[3])}")
            return 1
    if len(ours) != len(theirs):
        print("diff: the traces have different lengths")
        return 1
    print("diff: no difference")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--calls", type=int, default=3000,
                    help="system calls a seed (default 3000)")
    ap.add_argument("--peer", choices=["linux"],
                    help="run every seed on Linux i386 too and compare")
    ap.add_argument("--seed", type=lambda s: int(s, 16),
                    help="the base the seeds are drawn from (hex)")
    ap.add_argument("--diff", metavar="SEED",
                    help="trace SEED on both kernels, show the first "
                    "difference")
    args = ap.parse_args()
    return diff(args) if args.diff else soak(args)


if __name__ == "__main__":
    sys.exit(main())
