"""tools/gdb/kfaults.py - page faults: the kernel's ring of recent faults
(`kfaults`) and a breakpoint on the fault handler (`kbreakfault`);
kexplain.py says what the kernel does with one."""
import gdb

from kconst import C, c_eval
from kcore import cstr, ksym, u32
from kmm import flags_perms
from ktasks import TaskBreakpoint


# --- error codes and resolutions -------------------------------------------

def describe_error(error):
    """"user write, not present": kernel/fault_trace.c's words for the
    X86_PF_* bits (SDM vol. 3A, 4.7)."""
    access = "exec" if error & C("X86_PF_INSTR") else \
        "write" if error & C("X86_PF_WRITE") else "read"
    return "%s %s, %s" % (
        "user" if error & C("X86_PF_USER") else "kernel", access,
        "protection" if error & C("X86_PF_PROT") else "not present")


def resolution_name(enumerator):
    """The kernel's own name for a resolution: fault_resolution_names[]
    at the enum fault_resolution value (FAULT_ZERO_FILL -> "zero-fill")."""
    return cstr(ksym("fault_resolution_names")[int(c_eval(enumerator))])


# --- kfaults ---------------------------------------------------------------

def record_line(r):
    """One ring record as kernel/fault_trace.c's trace line prints it."""
    line = "%s[%d] addr %08x ip %08x error %x (%s)" % (
        cstr(r["comm"]), int(r["pid"]), u32(r["address"]), u32(r["ip"]),
        u32(r["error_code"]), describe_error(u32(r["error_code"])))
    if u32(r["vm_end"]):
        line += " vma %08x-%08x %s" % (u32(r["vm_start"]), u32(r["vm_end"]),
                                       flags_perms(u32(r["vm_flags"])))
    else:
        line += " vma none"
    names = ksym("fault_resolution_names")
    line += " -> %s%s" % ("stack growth, " if int(r["stack_grew"]) else "",
                          cstr(names[int(r["resolution"])]))
    if u32(r["pfn"]):
        line += " pfn %x" % u32(r["pfn"])
    return line


class KFaults(gdb.Command):
    """kfaults [N]: the last N page faults (default 10), oldest first.
From the kernel's fault ring (kernel/fault_trace.h, the last
FAULT_RING_SIZE faults): "#SEQ COMM[PID] addr ADDR ip IP error E (user
write, not present) vma START-END rw-p -> RESOLUTION pfn PFN", the line
that trace=faults prints at each fault. The resolution is the path of
mm/memory.c that handled it: zero-fill, file read-in, COW copy, COW
reuse, spurious, SIGSEGV, SIGBUS, out of memory, -EFAULT (fixup)."""

    def __init__(self):
        super().__init__("kfaults", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        n = int(c_eval(arg)) if arg.strip() else 10
        ring = ksym("fault_ring")
        lo, hi = ring.type.strip_typedefs().range()
        size = hi - lo + 1
        newest = u32(ksym("fault_ring_seq"))
        first = max(1, newest - n + 1, newest - size + 1)
        if newest == 0:
            gdb.write("kfaults: no page fault yet\n")
        for seq in range(first, newest + 1):
            r = ring[(seq - 1) % size]  # fault_trace.h: slot (seq-1) % SIZE
            gdb.write("#%d %s\n" % (u32(r["seq"]), record_line(r)))


class KBreakFault(gdb.Command):
    """kbreakfault [COMM]: break in the page-fault handler.
A breakpoint in kernel/fault.c's do_page_fault, which stops for every
page fault, or with
COMM only for faults while current->comm is COMM (`kbreakfault
gdb_target`). At the stop: kexplain (what will happen, and why), kpte $cr2,
then `finish` and kfaults 1 (what did happen). `delete N` removes it."""

    def __init__(self):
        super().__init__("kbreakfault", gdb.COMMAND_BREAKPOINTS)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        comm = argv[0] if argv else None
        bp = TaskBreakpoint("do_page_fault", comm)
        gdb.write("kbreakfault: breakpoint %d in do_page_fault%s\n" %
                  (bp.number, " when current->comm is \"%s\"" % comm
                   if comm else ", for every fault"))


def register():
    KFaults()
    KBreakFault()
