#!/usr/bin/env python3
"""tools/bench.py - the benchmarks, as a table (make bench; PEER=linux too).

Every figure is read from the guest's TSC under
  qemu-system-i386 -icount shift=0,sleep=off -rtc base=2024-01-01T00:00:00,clock=vm
where it counts guest instructions: figures are instruction counts that
repeat exactly from run to run, not times. The user programs of user/bench/
print one "bench: NAME key=value ..." line each; they are plain static
Linux i386 binaries, so with PEER=linux (--peer) the very same files run on
Debian's Linux i386 kernel under the same QEMU and flags
(tools/peer/run.sh --icount), and the table gets a ratio column:
this kernel / Linux, with the issue's target next to it.
"""
import argparse
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QEMU_FLAGS = ["-icount", "shift=0,sleep=off",
              "-rtc", "base=2024-01-01T00:00:00,clock=vm"]
PROGS = ["fork_bench", "mm_bench", "exec_bench"]
SIZES = ["256M", "2G"]  # 2G: user pages come from highmem
# (figure, meaning, target ratio to Linux or None)
FIGURES = [
    ("demand_zero_fault", "first write to a page of a 64 MiB mmap", 0.6),
    ("retouch", "a write to a page already mapped (no kernel work)", None),
    ("munmap_per_page", "munmap of the 64 MiB, per page", 0.7),
    ("brk_step", "brk up 4 KiB and touch the new page", 0.5),
    ("mmap_munmap_pair", "mmap + touch one page + munmap", None),
    ("maps_before_churn", "mappings before 10,000 mmap/munmap pairs", None),
    ("maps_after_churn", "... and after (flat)", None),
    ("fork_exit_wait_1mib", "fork + exit + wait, 1 MiB touched", None),
    ("fork_exit_wait_16mib", "fork + exit + wait, 16 MiB touched", None),
    ("fork_exit_wait_32mib", "fork + exit + wait, 32 MiB touched", 0.7),
    ("fork_exit_wait_64mib", "fork + exit + wait, 64 MiB touched", None),
    ("fork_return_32mib", "fork's return in the parent, 32 MiB", 0.7),
    ("cow_fault", "child writes a shared page: COW copy, per page", 0.7),
    ("cow_reuse", "parent rewrites once the child is gone, per page", 0.7),
    ("fork_exec_wait", "fork + execve /bin/true + wait", None),
]
BUDDY = [
    ("order0_kernel", "order-0 alloc+free pair, GFP_KERNEL"),
    ("order0_highuser", "order-0 alloc+free pair, GFP_HIGHUSER"),
    ("order3_kernel", "order-3 alloc+free pair, GFP_KERNEL"),
    ("boot_free_all", "memblock_free_all at boot, 3 GiB"),
]
BOOT_LINE = re.compile(r"Boot: init's first instruction (\d+) TSC ticks")
BENCH_LINE = re.compile(r"bench: (\w+) (.*)")


def qemu_cmd(mem, cmdline, icount=True):
    return ["qemu-system-i386", "-m", mem, "-display", "none", "-monitor",
            "none", "-serial", "stdio", "-no-reboot", "-net", "none",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            *(QEMU_FLAGS if icount else []), "-kernel", "build/kernel.elf",
            "-initrd", "build/initrd.cpio", "-append", cmdline]


def qemu(mem, cmdline):
    return subprocess.run(qemu_cmd(mem, cmdline), cwd=ROOT, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=600).stdout


def figures(out, what):
    """Every key=value of the bench lines in out, as integers."""
    got = {}
    for m in BENCH_LINE.finditer(out):
        got.update({k: int(v) for k, v in
                    (kv.split("=") for kv in m.group(2).split())})
    if not got:
        sys.exit(f"bench: no figures from {what}; output:\n{out[-2000:]}")
    return got


def ours(mem):
    got = {}
    for prog in PROGS:
        got.update(figures(qemu(mem, f"init=/bin/{prog}"), f"{prog}@{mem}"))
    return got


def linux(mem, progs):
    """The same binaries on Linux i386 (tools/peer/run.sh --icount)."""
    cmd = ["tools/peer/run.sh", "--icount", "--mem", mem] + \
        [f"build/root/bin/{p}" for p in progs]
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                       timeout=1800)
    if p.returncode == 3:
        sys.exit("bench: PEER=linux: " + p.stderr.strip().splitlines()[-1])
    if p.returncode != 0:
        sys.exit(f"bench: the Linux peer failed:\n{p.stdout[-2000:]}"
                 f"{p.stderr[-2000:]}")
    return figures(p.stdout, f"Linux@{mem}")


def boot_figures():
    """Instructions from the kernel's first to init's first (icount), and
    the wall time from starting QEMU to that point (no icount)."""
    m = BOOT_LINE.search(qemu("256M", "init=/bin/true"))
    instructions = int(m.group(1)) if m else None
    cmd = qemu_cmd("256M", "init=/bin/true", icount=False)
    walls = []
    for _ in range(3):
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, text=True)
        for line in p.stdout:
            if BOOT_LINE.search(line):
                walls.append(time.monotonic() - t0)
                break
        p.wait(timeout=60)
    return instructions, min(walls) if walls else None


def row(name, meaning, a, b=None, target=None):
    cells = f"| {name} | {a:,} |" if a is not None else f"| {name} | - |"
    if b is not None:
        ratio = a / b if a is not None and b else None
        mark = ""
        if target and ratio is not None:
            mark = " ok" if ratio <= target else " MISSED"
        cells += (f" {b:,} | {ratio:.2f} | "
                  f"{'<= %.1f' % target if target else ''}{mark} |"
                  if ratio is not None else f" {b:,} | - | |")
    return cells + f" {meaning} |"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--peer", action="store_true",
                    help="also run the binaries on Linux i386 (PEER=linux)")
    args = ap.parse_args()

    print(f"QEMU: qemu-system-i386 {' '.join(QEMU_FLAGS)} -m SIZE; "
          "figures are guest instructions")
    for mem in SIZES:
        mine = ours(mem)
        peer = linux(mem, PROGS + ["true"]) if args.peer else None
        print(f"\n### -m {mem}\n")
        print("| figure | vmkern |" + (" Linux 6.1 | ratio | target |"
                                       if peer else "") + " meaning |")
        print("| --- | ---: |" + (" ---: | ---: | --- |" if peer else "") +
              " --- |")
        for name, meaning, target in FIGURES:
            print(row(name, meaning, mine.get(name),
                      peer.get(name) if peer else None,
                      target) if peer else
                  row(name, meaning, mine.get(name)))

    print("\n### The buddy allocator, in the kernel (bench=buddy, -m 3G)\n")
    print("| figure | vmkern | meaning |\n| --- | ---: | --- |")
    buddy = figures(qemu("3G", "bench=buddy"), "bench=buddy")
    for name, meaning in BUDDY:
        print(row(name, meaning, buddy.get(name)))

    print("\n### Boot and memory overhead\n")
    instructions, wall = boot_figures()
    mine = figures(qemu("64M", "init=/bin/mem_bench"), "mem_bench@64M")
    peer = linux("64M", ["mem_bench"]) if args.peer else {}
    size = subprocess.run(["size", "build/kernel.elf"], cwd=ROOT,
                          capture_output=True, text=True).stdout.split("\n")[1]
    text, data, bss = (int(x) for x in size.split()[:3])
    print("| figure | vmkern |" + (" Linux 6.1 |" if args.peer else "") +
          " meaning |")
    print("| --- | ---: |" + (" ---: |" if args.peer else "") + " --- |")
    extra = " - |" if args.peer else ""
    print(f"| boot_instructions | {instructions:,} |{extra} kernel's first "
          "instruction to init's first (target < 50,000,000) |")
    print(f"| boot_wall_ms | {wall * 1000:.0f} |{extra} QEMU started to "
          "init's first instruction, no -icount, best of 3 (target < 500) |")
    for key, meaning in (("mem_total_kb", "MemTotal at -m 64M: RAM less "
                          "what the kernel keeps"),
                         ("mem_free_kb", "MemFree at -m 64M, first program")):
        linux_cell = f" {peer[key]:,} |" if args.peer else ""
        print(f"| {key} | {mine[key]:,} |{linux_cell} {meaning} |")
    print(f"| struct_page_bytes | 32 |{extra} "
          "per 4 KiB frame (0.8%) |")
    print(f"| kernel_image_bytes | {text + data + bss:,} |{extra} text "
          f"{text:,} + data {data:,} + bss {bss:,} |")


if __name__ == "__main__":
    main()
