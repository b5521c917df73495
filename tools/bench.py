#!/usr/bin/env python3
"""tools/bench.py - run the kernel's benchmarks and print a table (make bench).

Each benchmark boots the kernel with bench=NAME under
  qemu-system-i386 -icount shift=0,sleep=off -rtc base=2024-01-01T00:00:00,clock=vm
where the guest TSC counts guest instructions: the figures are instruction
counts, identical from run to run, not times.
"""
import re
import subprocess
import sys

QEMU_FLAGS = ["-icount", "shift=0,sleep=off",
              "-rtc", "base=2024-01-01T00:00:00,clock=vm"]
RUNS = [  # (benchmark, memory size, kernel command line)
    ("buddy", "3G", "bench=buddy"),           # in the kernel (kernel/bench.c)
    ("fork", "256M", "init=/bin/fork_bench"),  # a user program (user/bench/)
    ("mm", "256M", "init=/bin/mm_bench"),
    ("mm", "2G", "init=/bin/mm_bench"),        # user pages in highmem
]
DESCRIPTIONS = {
    "order0_kernel": "order-0 alloc+free pair, GFP_KERNEL (instructions)",
    "order0_highuser": "order-0 alloc+free pair, GFP_HIGHUSER (instructions)",
    "order3_kernel": "order-3 alloc+free pair, GFP_KERNEL (instructions)",
    "boot_free_all": "memblock_free_all at boot (instructions)",
    "boot_free_frames": "free frames once the memory manager is up",
    "fork_exit_wait_1mib": "fork + exit + wait, 1 MiB touched (instructions)",
    "fork_exit_wait_16mib": "fork + exit + wait, 16 MiB touched",
    "fork_exit_wait_64mib": "fork + exit + wait, 64 MiB touched",
    "cow_fault": "one copy-on-write fault, child writing (instructions)",
    "demand_zero_fault": "first write to a page of a 64 MiB mmap",
    "retouch": "a write to a page already mapped (no kernel work)",
    "munmap_per_page": "munmap of the 64 MiB, per page",
    "mmap_munmap_pair": "mmap + touch one page + munmap",
    "brk_step": "brk up 4 KiB and touch the new page",
}


def run(name, mem, cmdline, kernel="build/kernel.elf",
        initrd="build/initrd.cpio"):
    cmd = ["qemu-system-i386", "-m", mem, "-display", "none", "-monitor",
           "none", "-serial", "stdio", "-no-reboot", "-net", "none",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
           *QEMU_FLAGS, "-kernel", kernel, "-initrd", initrd,
           "-append", cmdline]
    out = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                         text=True, timeout=300).stdout
    m = re.search(rf"bench: {name} (.*)", out)
    if not m:
        sys.exit(f"bench {name}: no result; serial output:\n{out[-2000:]}")
    return dict(kv.split("=") for kv in m.group(1).split())


def main():
    print(f"QEMU flags: {' '.join(QEMU_FLAGS)}")
    print(f"{'benchmark':10s} {'-m':5s} {'figure':18s} {'value':>14s}  meaning")
    for name, mem, cmdline in RUNS:
        for key, value in run(name, mem, cmdline).items():
            print(f"{name:10s} {mem:5s} {key:18s} {int(value):14,d}  "
                  f"{DESCRIPTIONS.get(key, '')}")


if __name__ == "__main__":
    main()
