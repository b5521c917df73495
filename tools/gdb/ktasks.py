"""tools/gdb/ktasks.py - tasks (`kps`) and breakpoints that stop only in
one program (`kprog`, `kbreakuser`; kfaults.py's `kbreakfault` too).

Every user program is linked at 0x08048000 (user/user.mk), so init, the
shell and the program being debugged run code at the same virtual
addresses, each in its own address space. QEMU's GDB stub (TCG) matches
breakpoints on the virtual address of the instruction, whatever CR3 is:
a breakpoint on a user address is hit by every program that runs code
there. The breakpoints here check current->comm when hit, and stop only in
the program asked for; tools/gdb-session.sh checks that init passes over
the same address first.
"""
import os
import struct

import gdb

from kconst import C
from kcore import cstr, current, kaddr, ksym, tasks, u32
from kmm import Walk, pgd_paddr

# ELF32 header: e_ident[EI_NIDENT = 16], e_type, e_machine, e_version,
# e_entry (the System V ABI's gABI, "ELF Header"; kernel/elf.h).
ELF_MAGIC = b"\x7fELF"
ELF_ENTRY = struct.Struct("<16xHHII")


def after_prologue(name):
    """A breakpoint location for function NAME one line-table row after its
    first byte, or NAME itself.

    For optimised GCC code (-Og included) GDB does not skip the prologue:
    `break f` stops at f's first byte, before `push ebp; mov ebp, esp`.
    Without CFI (linker.ld discards .eh_frame; there is no .debug_frame)
    GDB's i386 unwinder then has only EBP, the caller's: the arguments and
    `bt` are wrong (at kernel_main, where boot.asm has just cleared EBP, GDB
    sees the outermost frame). One row further on, the frame is set up.
    """
    try:
        start = kaddr(name)
        block = gdb.block_for_pc(start)
        while block is not None and block.function is None:
            block = block.superblock
        sal = gdb.find_pc_line(start)
        after = sal.last + 1 if sal.last is not None else None
        if (block is not None and after is not None
                and start < after < block.end
                and gdb.find_pc_line(after).symtab is not None):
            return "*%#x" % after
    except (gdb.error, gdb.GdbError):
        pass
    return name


def page_present(t, addr):
    """Is addr mapped by a present PTE of task t's address space?"""
    if int(t["mm"]) == 0:
        return True  # a kernel thread: its code is the kernel's
    return Walk(pgd_paddr(t["mm"]), addr).paddr is not None


class TaskBreakpoint(gdb.Breakpoint):
    """A breakpoint that stops only while current->comm is comm (any task
    if comm is None); it counts the hits it passed over, by task.

    At a user address it also waits until the code's page is present: QEMU
    reports a breakpoint before the instruction is fetched, so the first
    instruction of a page not yet faulted in is "hit" twice, before the
    fetch faults and again once the fault is resolved. The first would stop
    where the code cannot even be read (x/i $pc), and `continue` would
    come back to the same place."""

    def __init__(self, spec, comm):
        super().__init__(spec)
        self.comm = comm
        self.passed = {}  # "COMM (pid N)" -> hits passed over

    def _pass(self, why):
        self.passed[why] = self.passed.get(why, 0) + 1
        return False

    def stop(self):
        t = current()
        comm = cstr(t["comm"])
        who = "%s (pid %d)" % (comm, int(t["pid"]))
        if self.comm is not None and comm != self.comm:
            return self._pass(who)
        pc = u32(gdb.parse_and_eval("$pc"))
        if pc < C("TASK_SIZE") and not page_present(t, pc):
            return self._pass(who + " before its page was mapped")
        if self.passed:
            gdb.write("breakpoint %d: stopping in %s; passed over %s\n" % (
                self.number, who, ", ".join("%s x%d" % kv for kv in
                                            self.passed.items())))
            self.passed = {}
        return True


def comm_of(path):
    """current->comm after exec of path (kernel/exec.c: the base name, cut
    to TASK_COMM_LEN - 1 characters)."""
    return os.path.basename(path)[:C("TASK_COMM_LEN") - 1]


def elf_entry(path):
    with open(path, "rb") as f:
        head = f.read(ELF_ENTRY.size)
    if len(head) < ELF_ENTRY.size or head[:4] != ELF_MAGIC:
        raise gdb.GdbError("%s is not an ELF file" % path)
    return ELF_ENTRY.unpack(head)[3]


def program_root():
    """Where the initrd's files are built: $progroot, or root/ next to the
    kernel ELF (build/debug/root for build/debug/kernel.elf)."""
    v = gdb.convenience_variable("progroot")
    if v is not None:
        return v.string()
    return os.path.join(os.path.dirname(gdb.current_progspace().filename),
                        "root")


# --- commands --------------------------------------------------------------

class KPs(gdb.Command):
    """kps: the tasks, as ps would list them.
PID, PPID, STATE (as /proc/PID/status says it), COMM, and the mm: its
address, its number of VMAs (map_count) and its resident pages (rss).
The current task is marked with "*" (idle, pid 0, when no task runs)."""

    def __init__(self):
        super().__init__("kps", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        names = ksym("task_state_names")
        cur = u32(current())
        gdb.write("  %5s %5s %-13s %-16s %-10s %5s %5s\n" %
                  ("PID", "PPID", "STATE", "COMM", "MM", "VMAS", "RSS"))
        for t in tasks():
            parent = t["parent"]
            mm = t["mm"]
            if int(mm):
                mm_cols = "%#010x %5d %5d" % (u32(mm), int(mm["map_count"]),
                                              u32(mm["rss"]))
            else:
                mm_cols = "%-10s %5s %5s" % ("-", "-", "-")
            gdb.write("%s %5d %5d %-13s %-16s %s\n" % (
                "*" if u32(t) == cur else " ", int(t["pid"]),
                int(parent["pid"]) if int(parent) else 0,
                cstr(names[int(t["state"])]), cstr(t["comm"]), mm_cols))
        if cur == u32(ksym("idle_task").address):
            gdb.write("* the idle task (pid 0, swapper) is running\n")


class KProg(gdb.Command):
    """kprog PATH: debug the user program PATH (e.g. /bin/forkdemo).
Loads its symbols (add-symbol-file of PATH under $progroot, by default
root/ next to the kernel ELF: build/debug/root/bin/forkdemo) and sets a
breakpoint at its first instruction, its ELF entry, that stops only when
current->comm is the program's name: init and the shell run code at the
same addresses. `make debug PROG=/bin/forkdemo` does this, and boots
with `-- /bin/forkdemo` so that init runs the program."""

    def __init__(self):
        super().__init__("kprog", gdb.COMMAND_BREAKPOINTS)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if len(argv) != 1:
            raise gdb.GdbError("usage: kprog PATH")
        path = argv[0]
        elf = os.path.join(program_root(), path.lstrip("/"))
        if not os.path.isfile(elf):
            raise gdb.GdbError("kprog: no %s (is $progroot right?)" % elf)
        entry = elf_entry(elf)
        gdb.execute("add-symbol-file %s" % elf, to_string=True)
        comm = comm_of(path)
        bp = TaskBreakpoint("*%#x" % entry, comm)
        gdb.write("kprog: symbols of %s from %s; breakpoint %d at its entry "
                  "%#x, when current->comm is \"%s\"\n" %
                  (path, elf, bp.number, entry, comm))


class KBreakUser(gdb.Command):
    """kbreakuser COMM LOCATION: a breakpoint in a user program.
LOCATION as for `break` (file:line, function, *ADDRESS), stopping only
while current->comm is COMM: every program runs code at the same user
addresses. Load the program's symbols first (kprog)."""

    def __init__(self):
        super().__init__("kbreakuser", gdb.COMMAND_BREAKPOINTS)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if len(argv) != 2:
            raise gdb.GdbError("usage: kbreakuser COMM LOCATION")
        bp = TaskBreakpoint(argv[1], argv[0])
        gdb.write("kbreakuser: breakpoint %d at %s, when current->comm is "
                  "\"%s\"\n" % (bp.number, argv[1], argv[0]))


def register():
    KPs()
    KProg()
    KBreakUser()
