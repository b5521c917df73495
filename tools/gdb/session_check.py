#!/usr/bin/env python3
"""tools/gdb/session_check.py - the checks of tools/gdb-session.sh's second
session (make debug PROG=/bin/gdb_target), run on the host afterwards.

Each helper's output in the GDB transcript is compared with a view that
does not come from the helper: the /proc text that gdb_target printed on
the serial line (kmaps, kbuddy, kvmstat), QEMU's own page-table dumps
(monitor info mem / info tlb: kpte, kkmap, kmaps), the ELF files (kprog),
x/wx through the stub (kpage's physical read), the kernel's fault ring
(kfaults against kpte and kpage), and the program's own addresses
(kexplain's cases). Prints TAP lines numbered from --first; the caller
counts them.
"""
import argparse
import re
import struct
import sys

PAGE_SHIFT = 12  # arch/page.h; the program's addresses are 4 KiB pages
ELF_ENTRY = struct.Struct("<16xHHII")  # e_ident, e_type, e_machine, ..., e_entry
DETAIL_LINES = 40


class Tap:
    def __init__(self, first):
        self.n = first - 1

    def check(self, what, ok, detail=""):
        """One TAP line; then the first line of detail, or on a failure
        up to DETAIL_LINES of it."""
        self.n += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", self.n, what))
        lines = str(detail).strip().splitlines()
        for line in lines[:1 if ok else DETAIL_LINES]:
            print("# " + line)

    def skip(self, what, why):
        self.n += 1
        print("ok %d - %s # SKIP %s" % (self.n, what, why))


def sections(text):
    """{name: lines} of the transcript's "@@name" sections; "setup" is what
    came before the first one (kernel.gdb's own output)."""
    out, name = {"setup": []}, "setup"
    for line in text.splitlines():
        if line.startswith("@@"):
            name = line[2:]
            out[name] = []
        else:
            out[name].append(line)
    return out


def serial_block(lines, path):
    """The lines gdb_target printed between its begin/end PATH markers."""
    try:
        start = lines.index("gdb_target: begin " + path)
        end = lines.index("gdb_target: end " + path, start)
    except ValueError:
        return None
    return lines[start + 1:end]


def first(pattern, lines, group=1):
    """The first match of pattern in lines (a group of it), or None."""
    for line in lines:
        m = re.search(pattern, line)
        if m:
            return m.group(group) if group is not None else m
    return None


def elf_entry(path):
    with open(path, "rb") as f:
        return ELF_ENTRY.unpack(f.read(ELF_ENTRY.size))[3]


def buddy_frames(lines):
    """Free frames in a buddyinfo table: blocks of order k are 2^k frames."""
    total = 0
    for line in lines:
        m = re.match(r"^Node 0, zone +\S+ +((?:\d+ +)+)$", line)
        if m:
            total += sum(int(c) << k for k, c in
                         enumerate(m.group(1).split()))
    return total


def vmstat(lines):
    return {m.group(1): int(m.group(2)) for m in
            (re.match(r"^(\w+) (\d+)$", l) for l in lines) if m}


def show(lines):
    return "\n".join(lines if lines is not None else ["(missing)"])


def diff(got, want):
    return "helper:\n%s\nkernel:\n%s" % (show(got), show(want))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--first", type=int, required=True)
    ap.add_argument("--gdb", required=True)
    ap.add_argument("--serial", required=True)
    ap.add_argument("--prog", required=True)
    ap.add_argument("--init", required=True)
    ap.add_argument("--fault-line", type=int, required=True)
    ap.add_argument("--done-line", type=int, required=True)
    ap.add_argument("--pagemap", default="0")
    args = ap.parse_args()

    with open(args.gdb, errors="replace") as f:
        s = sections(f.read())
    with open(args.serial, errors="replace") as f:
        serial = [l.rstrip("\r") for l in f.read().splitlines()]
    sec = lambda name: s.get(name, [])
    t = Tap(args.first)

    entry = elf_entry(args.prog)
    layout = first(r"^gdb_target: map ([0-9a-f]{8}) untouched ([0-9a-f]{8}) "
                   r"reuse ([0-9a-f]{8}) cow ([0-9a-f]{8}) ", serial, None)
    addr = first(r"^gdb_target: first write to ([0-9a-f]{8})$", serial)
    maps = serial_block(serial, "/proc/self/maps")
    buddy = serial_block(serial, "/proc/buddyinfo")
    vm = serial_block(serial, "/proc/vmstat")

    # kprog, as kernel.gdb runs it for make debug PROG=.
    setup = sec("setup")
    t.check("kernel.gdb with $prog loads gdb_target's symbols and breaks at "
            "its ELF entry",
            first(r"^kprog: symbols of /bin/gdb_target from \S+/bin/"
                  r"gdb_target; breakpoint 1 at its entry 0x%x," % entry,
                  setup, None) is not None and
            first(r"^Breakpoint 1 at 0x%x: file user/lib/crt0\.asm, line "
                  r"\d+\.$" % entry, setup, None) is not None,
            "ELF entry %#x\n%s" % (entry, show(setup[:3])))
    pid = first(r"^\$2 = (\d+)$", sec("entry-where"))
    t.check("continue stops at gdb_target's first instruction, in "
            "gdb_target (pid > 1)",
            first(r"^Breakpoint 1, _start \(\) at user/lib/crt0\.asm:\d+$",
                  sec("entry"), None) is not None and
            first(r"^\$1 = (0x[0-9a-f]+)$", sec("entry-where")) ==
            "%#x" % entry and pid is not None and int(pid) > 1 and
            first(r"stopping in gdb_target \(pid %s\)" % pid, sec("entry"),
                  None) is not None,
            show(sec("entry") + sec("entry-where")))
    init_entry = elf_entry(args.init)
    t.check("the entry breakpoint passed over init at the same address "
            "(QEMU's breakpoints are by virtual address)",
            init_entry == entry and
            first(r"passed over .*init \(pid 1\) x\d+", sec("entry"),
                  None) is not None,
            "init's entry %#x, gdb_target's %#x\n%s" %
            (init_entry, entry, show(sec("entry")[:2])))

    # The /proc texts, at the moment the kernel makes them.
    t.check("kvmstat equals /proc/vmstat as the kernel makes it",
            first(r"^Breakpoint \d+, show_vmstat ", sec("at-vmstat"),
                  None) is not None and sec("kvmstat-at-open") == vm,
            diff(sec("kvmstat-at-open"), vm))
    t.check("kmaps equals /proc/self/maps as the kernel makes it",
            first(r"^Breakpoint \d+, show_maps ", sec("at-maps"),
                  None) is not None and sec("kmaps-at-open") == maps,
            diff(sec("kmaps-at-open"), maps))
    t.check("kbuddy equals /proc/buddyinfo as the kernel makes it",
            first(r"^Breakpoint \d+, buddyinfo_show ", sec("at-buddy"),
                  None) is not None and sec("kbuddy-at-open") == buddy,
            diff(sec("kbuddy-at-open"), buddy))
    sums = [(buddy_frames(sec(b)), vmstat(sec(v)).get("nr_free_pages"))
            for b, v in (("kbuddy-at-open", "kvmstat-at-buddy"),
                         ("kbuddy", "kvmstat-before"))]
    t.check("kbuddy's free blocks add up to kvmstat's nr_free_pages",
            all(a == b and a > 0 for a, b in sums),
            "free lists / nr_free_pages: %s" % sums)

    # The stops.
    t.check("kbreakuser stops gdb_target at the line of its fault",
            first(r"^Breakpoint \d+, main \(.*\) at user/tests/gdb_target\."
                  r"c:%d$" % args.fault_line, sec("line"), None) is not None,
            show(sec("line")))
    t.check("kbreakfault stops in do_page_fault for gdb_target",
            first(r"^Breakpoint \d+, do_page_fault \(regs=0x[0-9a-f]+\) at "
                  r"kernel/fault\.c:\d+$", sec("fault"), None) is not None,
            show(sec("fault")))

    # The fault, before it is handled.
    ex = sec("kexplain")
    t.check("kexplain at the stop: the announced address, a user write, "
            "not present, demand-zero",
            addr is not None and
            first(r"^the fault being handled: address %s \(CR2\), ip main\+"
                  % addr, ex, None) is not None and
            "error 6: user write, not present" in ex and
            first(r"^=> zero-fill: ", ex, None) is not None,
            "announced %s\n%s" % (addr, show(ex)))
    kp = sec("kpte-before")
    a = int(addr, 16) if addr else 0
    vma = first(r"^(%s-[0-9a-f]{8} rw-p 00000000 00:00 0 )$" % addr,
                maps or [])
    t.check("kpte before the fault: indexes of the address, PTE not "
            "present, the mmap's VMA",
            addr is not None and vma is not None and
            first(r"^PDE #%-4d " % (a >> 22), kp, None) is not None and
            first(r"^PTE #%-4d at phys 0x[0-9a-f]{8} = 0x00000000 " %
                  ((a >> PAGE_SHIFT) & 1023), kp, None) is not None and
            "VMA " + vma in kp,
            show(kp))
    t.check("kmaps at the fault equals /proc/self/maps",
            sec("kmaps") == maps, diff(sec("kmaps"), maps))
    rows = [r.split() for r in sec("kps")[1:]]
    cur = [r for r in rows if r[0] == "*"]
    init = [r for r in rows if r[0] != "*" and len(r) > 4 and r[4] == "init"]
    t.check("kps lists gdb_target as current, a child of init (pid 1)",
            len(cur) == 1 and cur[0][1] == pid and cur[0][2] == "1" and
            cur[0][5] == "gdb_target" and len(init) == 1 and
            init[0][0] == "1",
            show(sec("kps")))
    t.check("monitor info mem's user mappings lie in kmaps' VMAs, "
            "writable only where the VMA is",
            *check_info_mem(sec("info-mem"), sec("kmaps")))

    # kmap_atomic while the new frame is zeroed.
    kk = sec("kkmap")
    slot = first(r"^  slot 0  (0x[0-9a-f]{8})  pte 0x[0-9a-f]{8}  pfn "
                 r"(0x[0-9a-f]+)$", kk, None)
    zeroed = int(slot.group(2), 16) if slot else None
    t.check("kkmap shows the kmap_atomic slot zeroing the frame, as monitor "
            "info tlb maps it",
            slot is not None and
            first(r"^Temporary breakpoint \d+, kunmap_atomic ", kk,
                  None) is not None and
            "kmap_atomic slots in use: 1 (of KM_MAX_IDX 16)" in kk and
            "%016x: %016x ---DA---W" % (int(slot.group(1), 16),
                                         zeroed << PAGE_SHIFT)
            in sec("tlb-kmap"),
            show(kk))

    # After the fault.
    rec = first(r"^#\d+ gdb_target\[%s\] addr %s ip [0-9a-f]{8} error 6 "
                r"\(user write, not present\) vma %s rw-p -> zero-fill pfn "
                r"([0-9a-f]+)$" % (pid, addr, vma.split()[0] if vma else "?"),
                sec("kfaults"))
    pfn = int(rec, 16) if rec else None
    t.check("kfaults 1: the fault, resolved as zero-fill, and its pfn",
            pfn is not None, show(sec("kfaults")))
    pte = first(r"^PTE #\d+ +at phys 0x[0-9a-f]{8} = (0x[0-9a-f]{8})  "
                r"([A-Z ]+)  -> pfn (0x[0-9a-f]+) phys (0x[0-9a-f]{8})$",
                sec("kpte-after"), None)
    flags = pte.group(2).split() if pte else []
    t.check("kpte after the fault: present, P RW US, the pfn kfaults shows",
            pte is not None and pfn is not None and
            {"P", "RW", "US"} <= set(flags) and
            int(pte.group(3), 16) == pfn,
            show(sec("kpte-after")))
    tlb = first(r"^%016x: ([0-9a-f]{16}) ([-A-Z]{9})$" % a, sec("tlb"), None)
    want = None
    if pte:
        want = "---%s%s--%s%s" % ("D" if "D" in flags else "-",
                                  "A" if "A" in flags else "-",
                                  "U" if "US" in flags else "-",
                                  "W" if "RW" in flags else "-")
    t.check("kpte agrees with monitor info tlb: the frame and the D A U W "
            "bits",
            tlb is not None and pte is not None and
            int(tlb.group(1), 16) == int(pte.group(4), 16) and
            tlb.group(2) == want,
            "info tlb: %s\nkpte: %s (want %s)" %
            (tlb.group(0) if tlb else None, pte.group(0) if pte else None,
             want))
    t.check("the frame kmap_atomic zeroed is the frame mapped",
            zeroed is not None and zeroed == pfn,
            "kkmap pfn %s, kfaults pfn %s" % (zeroed, pfn))
    kg = sec("kpage")
    t.check("kpage: a zeroed anonymous highmem frame, _count 1, map count "
            "1, mapped by gdb_target at the address",
            pfn is not None and
            first(r"^struct page 0x[0-9a-f]{8}: pfn %#x phys 0x[0-9a-f]{8} "
                  r"zone HighMem$" % pfn, kg, None) is not None and
            "  _count 1  _mapcount 0 (map count 1)" in kg and
            "  mapping 0x00000000 (anonymous)  index 0" in kg and
            "  first words: 00000000 00000000 00000000 00000000" in kg and
            first(r"^  mapped by pid %s gdb_target %s \(pte " % (pid, addr),
                  kg, None) is not None and
            len([l for l in kg if "mapped by" in l]) == 1,
            show(kg))
    before, after = vmstat(sec("kvmstat-before")), vmstat(sec("kvmstat-after"))
    grew = {k: after.get(k, 0) - before.get(k, 0)
            for k in ("pgfault", "zero_fill")}
    t.check("kvmstat: pgfault and zero_fill grew by one over the fault",
            grew == {"pgfault": 1, "zero_fill": 1} and
            [l.split()[0] for l in sec("kvmstat-after")] ==
            [l.split()[0] for l in vm or []],
            "grew by %s; names %s" % (grew, [l.split()[0] for l in
                                             sec("kvmstat-after")]))

    # kexplain on the other cases of mm/memory.c's table.
    lay = layout.groups() if layout else ("?",) * 4
    stack = first(r"^([0-9a-f]{8})-[0-9a-f]{8} rw-p .* \[stack\]$",
                  maps or [])
    below = "%08x" % (int(stack, 16) - 1) if stack else "?"
    cases = [
        ("ex-untouched", "a read of the untouched page is demand-zero",
         r"^a user read of %s " % lay[1], r"^=> zero-fill: "),
        ("ex-reuse", "a write to the read-only anonymous page reuses it",
         r"^a user write of %s " % lay[2],
         r"^=> COW reuse: the frame is anonymous and page_count is 1"),
        ("ex-cow", "a write to the read-only .data page copies it",
         r"^a user write of %s " % lay[3],
         r"^=> COW copy: a page-cache page "),
        ("ex-spurious", "a write to the page just mapped is spurious",
         r"^a user write of %s " % addr, r"^=> spurious: "),
        ("ex-novma", "address 0 has no VMA: SIGSEGV",
         r"^a user read of 00000000 ", r"^=> SIGSEGV: no VMA covers "),
        ("ex-notallowed", "a write to the text is not allowed: SIGSEGV",
         r"^a user write of 080", r"^=> SIGSEGV: access not allowed: a "
         r"write to a VMA without VM_WRITE \(r-xp\)"),
        ("ex-kernel", "a user read of a kernel address: SIGSEGV",
         r"^a user read of c0000000 ", r"^=> SIGSEGV: a kernel address "),
        ("ex-stack", "a read below the stack grows it, then zero-fills",
         r"^a user read of %s " % below, r"^=> stack growth, zero-fill: "),
        ("ex-fixup", "a kernel read of a user address without VMA: the "
         "exception-table fixup",
         r"^a kernel read of 00010000 ", r"^=> -EFAULT \(fixup\): .*"
         r"__copy_user"),
    ]
    for name, what, head, verdict in cases:
        lines = sec(name)
        t.check("kexplain: " + what,
                first(head, lines, None) is not None and
                first(verdict, lines, None) is not None,
                show(lines))

    # The frame's contents, read by physical address.
    t.check("kpage reads the frame by physical address: the word the "
            "program wrote, as x/wx reads it",
            first(r"^Breakpoint \d+, main \(.*\) at user/tests/gdb_target\."
                  r"c:%d$" % args.done_line, sec("done"), None) is not None
            and "  first words: 00000001 00000000 00000000 00000000" in
            sec("kpage-done") and
            "0x%s:\t0x00000001" % addr in sec("x-done"),
            show(sec("kpage-done") + sec("x-done")))
    # The ring against the trace=faults lines printed as the faults happened:
    # fault number seq (from 1, every fault traced) is the seq-th line.
    trace = [re.sub(r"^\[ *\d+\.\d+\] fault: ", "", l) for l in serial
             if re.match(r"^\[ *\d+\.\d+\] fault: ", l)]
    ring = [re.match(r"^#(\d+) (.*)$", l) for l in sec("kfaults-done")]
    bad = [m.group(0) if m else "?" for m in ring
           if not m or not 0 < int(m.group(1)) <= len(trace) or
           trace[int(m.group(1)) - 1] != m.group(2)]
    t.check("kfaults shows the last faults as trace=faults printed them",
            len(ring) >= 10 and not bad and
            first(r"gdb_target\[%s\] addr %s " % (pid, addr),
                  sec("kfaults-done"), None) is not None,
            "%d records, %d trace lines; differ: %s" %
            (len(ring), len(trace), "\n".join(bad)))
    # TODO(pagemap): on by default once /proc/PID/pagemap is merged (see
    # tools/gdb-session.sh, GDB_SESSION_PAGEMAP).
    what = "kpage's frame is the one /proc/self/pagemap gives"
    if args.pagemap != "1":
        t.skip(what, "/proc/PID/pagemap not merged yet "
               "(GDB_SESSION_PAGEMAP=1 enables)")
    else:
        pm = first(r"^gdb_target: pagemap %s pfn ([0-9a-f]+)$" % addr,
                   serial)
        t.check(what, pm is not None and pfn is not None and
                int(pm, 16) == pfn,
                "pagemap %s, kpage %s\n%s" % (pm, pfn, show(
                    [l for l in serial if "pagemap" in l])))
    return 0


def check_info_mem(info, kmaps):
    """Every user range QEMU finds present lies inside one VMA of kmaps,
    and is writable (w) only if that VMA is (private writable pages start
    read-only: the converse need not hold)."""
    vmas = []
    for line in kmaps:
        m = re.match(r"^([0-9a-f]{8})-([0-9a-f]{8}) (\S{4}) ", line)
        if m:
            vmas.append((int(m.group(1), 16), int(m.group(2), 16),
                         m.group(3)))
    bad, seen = [], 0
    for line in info:
        m = re.match(r"^([0-9a-f]{16})-([0-9a-f]{16}) [0-9a-f]{16} "
                     r"([u-])([r-])([w-])$", line)
        if not m or m.group(3) != "u":
            continue
        start, end = int(m.group(1), 16), int(m.group(2), 16)
        seen += 1
        # QEMU merges neighbouring pages with equal rights: check each page.
        for page in range(start, end, 1 << PAGE_SHIFT):
            v = [x for x in vmas if x[0] <= page < x[1]]
            if not v or (m.group(5) == "w" and v[0][2][1] != "w"):
                bad.append("%08x (%s): %s" % (page, line, v))
                break
    return (seen > 0 and not bad and len(vmas) > 0,
            "\n".join(bad) if bad else "%d user ranges, %d VMAs" %
            (seen, len(vmas)))


if __name__ == "__main__":
    sys.exit(main())
