"""tools/gdb/kexplain.py - what the kernel does with a page fault, and why
(`kexplain`).

It follows kernel/fault.c's do_page_fault() and mm/memory.c's
__handle_mm_fault() step by step, reading the same structures (find_vma,
vm_flags, the PTE, the struct page); when those files change, this must
follow (tools/gdb-session.sh checks that it names what the kernel does, on
ten cases of the table).
"""
import re

import gdb

from kconst import C, c_eval
from kcore import ksym, ktype, u32
from kfaults import describe_error, resolution_name
from kmm import Walk, address_space, find_vma, maps_line, vma_perms


def symbolize(addr):
    """"func+0x12" for a code address (GDB's `info symbol`, which knows
    the NASM routines too), or the address in hex."""
    out = gdb.execute("info symbol %#x" % addr, to_string=True).strip()
    m = re.match(r"^(\S+)(?: \+ (\d+))? in section", out)
    if not m:
        return "%08x" % addr
    return "%s+%#x" % (m.group(1), int(m.group(2) or 0))


class Explanation:
    """The steps of do_page_fault for one access, and the outcome."""

    def __init__(self):
        self.steps = []
        self.resolved = False  # __handle_mm_fault returned VM_FAULT_OK
        self.resolution = "FAULT_SIGSEGV"
        self.stack_grew = False
        self.why = ""

    def step(self, text):
        self.steps.append(text)

    def end(self, resolution, why, resolved=True):
        self.resolution, self.why, self.resolved = resolution, why, resolved
        return self


def stack_growth_refusal(vma, addr):
    """Why mm/mmap.c's expand_stack() would refuse to grow vma down to
    addr, or None if it would grow it."""
    start = addr & C("PAGE_MASK")
    prev = vma["vm_prev"]
    if u32(vma["vm_end"]) - start > C("STACK_LIMIT"):
        return "the stack would exceed STACK_LIMIT (%d MiB)" % (
            C("STACK_LIMIT") >> 20)
    if int(prev) != 0:
        pflags = u32(prev["vm_flags"])
        if not pflags & C("VM_GROWSDOWN") and \
                pflags & C("VM_ACCESS_FLAGS") and \
                start - u32(prev["vm_end"]) < C("STACK_GUARD_GAP"):
            return "it would come within STACK_GUARD_GAP of the VMA below"
        if u32(prev["vm_end"]) > start:
            return "the VMA below is in the way"
    if start < C("mmap_min_addr"):
        return "it would go below mmap_min_addr"
    return None


def explain_pte(ex, mm, vma, addr, write, walk):
    """mm/memory.c's handle_pte_fault() and the do_* it picks."""
    pte = walk.pte
    if walk.table is None and not walk.large:
        ex.step("no page table covers it yet: pte_alloc() adds one")
        pte = 0
    present = pte & C("_PAGE_PRESENT")
    if not present:
        if int(vma["vm_file"]) == 0:
            return ex.end("FAULT_ZERO_FILL",
                          "PTE not present, anonymous VMA: do_anonymous_page "
                          "maps a new zeroed frame%s" %
                          (", writable at once (the VMA allows writes)"
                           if u32(vma["vm_flags"]) & C("VM_WRITE") else ""))
        index = u32(vma["vm_pgoff"]) + \
            ((addr - u32(vma["vm_start"])) >> C("PAGE_SHIFT"))
        mapping = vma["vm_file"]["f_mapping"]
        if index >= u32(mapping["nr_pages"]):
            return ex.end("FAULT_SIGBUS", "file page %d is past the end of "
                          "the file (%d pages)" %
                          (index, u32(mapping["nr_pages"])), resolved=False)
        if write and not u32(vma["vm_flags"]) & C("VM_SHARED"):
            return ex.end("FAULT_COW_COPY",
                          "PTE not present, private file VMA, write: "
                          "do_cow_fault copies file page %d into a private "
                          "frame" % index)
        return ex.end("FAULT_FILE_READ",
                      "PTE not present, file VMA: do_read_fault maps the "
                      "page-cache frame of file page %d%s" %
                      (index, " writable (shared)" if write else
                       " read-only"))
    if write and not pte & C("_PAGE_RW"):
        pfn = pte >> C("PAGE_SHIFT")
        page = ksym("mem_map") + pfn
        count, mapping = int(page["_count"]), u32(page["mapping"])
        ex.step("PTE present but read-only, and a write: do_wp_page (pfn "
                "%#x, page_count %d, %s)" %
                (pfn, count, "page-cache page" if mapping else "anonymous"))
        if not mapping and count == 1:
            return ex.end("FAULT_COW_REUSE", "the frame is anonymous and "
                          "page_count is 1: nobody shares it, so the PTE "
                          "is made writable, no copy")
        return ex.end("FAULT_COW_COPY", "%s: copy it into a new frame" %
                      ("a page-cache page is never written through a "
                       "private mapping" if mapping else
                       "page_count %d: the frame is shared" % count))
    return ex.end("FAULT_SPURIOUS", "the PTE already allows this access: "
                  "another path mapped it first, or the TLB held a stale "
                  "entry; flush it and return")


def explain_mm(ex, mm, addr, error, walk):
    """mm/memory.c's __handle_mm_fault()."""
    write = bool(error & C("X86_PF_WRITE"))
    vma = find_vma(mm, addr)
    if vma is None:
        ex.step("find_vma: no VMA ends above the address")
        return ex.end("FAULT_SIGSEGV", "no VMA", resolved=False)
    ex.step("find_vma (the first VMA with vm_end > address): %s" %
            maps_line(mm, vma).rstrip())
    if u32(vma["vm_start"]) > addr:
        if not u32(vma["vm_flags"]) & C("VM_GROWSDOWN"):
            return ex.end("FAULT_SIGSEGV", "no VMA covers the address (the "
                          "next one starts above it and is not a stack)",
                          resolved=False)
        refusal = stack_growth_refusal(vma, addr)
        if refusal:
            return ex.end("FAULT_SIGSEGV", "below the stack, but "
                          "expand_stack refuses: " + refusal, resolved=False)
        ex.stack_grew = True
        ex.step("below the stack VMA (VM_GROWSDOWN): expand_stack grows it "
                "down to %08x" % (addr & C("PAGE_MASK")))
    flags = u32(vma["vm_flags"])
    if write and not flags & C("VM_WRITE"):
        return ex.end("FAULT_SIGSEGV", "access not allowed: a write to a "
                      "VMA without VM_WRITE (%s)" % vma_perms(vma),
                      resolved=False)
    if not write and not flags & C("VM_ACCESS_FLAGS"):
        return ex.end("FAULT_SIGSEGV", "access not allowed: the VMA allows "
                      "nothing (PROT_NONE)", resolved=False)
    ex.step("the VMA allows the access (%s)" % vma_perms(vma))
    return explain_pte(ex, mm, vma, addr, write, walk)


def ex_table():
    """(insn, fixup) of every __ex_table entry (arch/uaccess.c): the array
    between the linker's __start___ex_table and __stop___ex_table."""
    t = ktype("struct exception_table_entry")
    start = u32(c_eval("(unsigned long)&__start___ex_table"))
    stop = u32(c_eval("(unsigned long)&__stop___ex_table"))
    table = gdb.Value(start).cast(t.pointer())
    return [(u32(table[i]["insn"]), u32(table[i]["fixup"]))
            for i in range((stop - start) // t.sizeof)]


def explain_unresolved(ex, addr, error, ip):
    """do_page_fault after __handle_mm_fault gave up."""
    if error & C("X86_PF_USER"):
        sig = "SIGBUS" if ex.resolution == "FAULT_SIGBUS" else "SIGSEGV"
        ex.step("a user access: the segfault line, then force_sig(%s)" % sig)
        return
    if addr >= C("TASK_SIZE"):
        ex.resolution = None
        ex.why += "; a kernel-mode fault on a kernel address: die(), an oops"
        return
    table = ex_table()
    if ip is not None:
        fixups = [f for i, f in table if i == ip]
        if fixups:
            ex.resolution = "FAULT_FIXUP"
            ex.why += "; kernel mode, and ip %s has an __ex_table entry: " \
                "fixup_exception moves ip to %s, the user copy returns " \
                "-EFAULT" % (symbolize(ip), symbolize(fixups[0]))
        else:
            ex.resolution = None
            ex.why += "; kernel mode, and ip %s is not in __ex_table: " \
                "die(), an oops" % symbolize(ip)
        return
    ex.resolution = "FAULT_FIXUP"
    ex.why += "; kernel mode: if the access is one of the user-copy " \
        "instructions of __ex_table (%s), fixup_exception makes the copy " \
        "return -EFAULT; any other kernel access is an oops" % \
        ", ".join(symbolize(i) for i, _ in table)


def explain(addr, error, ip, mm, walk):
    """do_page_fault() for this access, as an Explanation."""
    ex = Explanation()
    if addr >= C("TASK_SIZE"):
        ex.end("FAULT_SIGSEGV", "a kernel address (>= TASK_SIZE %#x): mm "
               "never resolves it" % C("TASK_SIZE"), resolved=False)
    elif mm is None:
        ex.end("FAULT_SIGSEGV", "the task has no mm (a kernel thread)",
               resolved=False)
    elif error & C("X86_PF_RSVD"):
        ex.end("FAULT_SIGSEGV", "a reserved bit in a paging entry: a "
               "corrupt page table, never the program's doing",
               resolved=False)
    else:
        explain_mm(ex, mm, addr, error, walk)
    if not ex.resolved:
        explain_unresolved(ex, addr, error, ip)
    return ex


def handled_fault():
    """(address, error code, ip, frame) of the fault being handled: the
    do_page_fault frame at or above the selected one, or None."""
    frame = gdb.selected_frame()
    while frame is not None:
        if frame.name() == "do_page_fault":
            regs = frame.read_var("regs")
            return (u32(c_eval("(unsigned long)$cr2")),
                    u32(regs["error_code"]), u32(regs["ip"]), frame)
        frame = frame.older()
    return None


def hypothetical_error(walk, access, mode):
    """The error code the CPU would give for this access, or None if it
    would not fault (the PTE allows it)."""
    error = 0
    if access == "write":
        error |= C("X86_PF_WRITE")
    elif access == "exec":
        error |= C("X86_PF_INSTR")
    if mode == "user":
        error |= C("X86_PF_USER")
    entry = walk.pde if walk.large else walk.pte
    if walk.paddr is None:
        return error, True  # not present
    error |= C("X86_PF_PROT")
    # With CR0.WP, kernel writes obey RW too (SDM vol. 3A, 4.6); rights
    # are those of the PDE and the PTE together.
    wp = u32(c_eval("(unsigned long)$cr0")) & C("X86_CR0_WP")
    faults = (mode == "user" and not (walk.pde & entry & C("_PAGE_USER"))) \
        or (access == "write" and (mode == "user" or wp) and
            not (walk.pde & entry & C("_PAGE_RW")))
    return error, faults


class KExplain(gdb.Command):
    """kexplain [ADDR [read|write|exec] [user|kernel]]: what the kernel
does with a page fault, and why.
Without arguments, the fault being handled: stopped in do_page_fault or
below (kbreakfault), it takes CR2 and the error code of the pt_regs that
do_page_fault got. With ADDR, a hypothetical access by the current task
(default: a user read). Prints the error code decoded, the PTE (before the
handler changes it), the VMA (find_vma: the first with vm_end > ADDR), the
steps of kernel/fault.c's do_page_fault and mm/memory.c's decision table,
and the outcome by the kernel's own name ("=> zero-fill", "=> COW reuse",
"=> SIGSEGV", "=> -EFAULT (fixup)", ...)."""

    def __init__(self):
        super().__init__("kexplain", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        pgd, who, mm = address_space(None)
        if not argv:
            fault = handled_fault()
            if fault is None:
                raise gdb.GdbError(
                    "kexplain: not stopped in a page fault (no do_page_fault "
                    "frame); give an address: kexplain ADDR "
                    "[read|write|exec] [user|kernel]")
            addr, error, ip, _ = fault
            walk = Walk(pgd, addr)
            gdb.write("the fault being handled: address %08x (CR2), ip %s, "
                      "%s\n" % (addr, symbolize(ip), who))
            when = "before"
        else:
            addr = u32(c_eval(argv[0]))
            access = argv[1] if len(argv) > 1 else "read"
            mode = argv[2] if len(argv) > 2 else "user"
            if access not in ("read", "write", "exec") or \
                    mode not in ("user", "kernel"):
                raise gdb.GdbError("usage: kexplain [ADDR [read|write|exec]"
                                   " [user|kernel]]")
            walk = Walk(pgd, addr)
            error, faults = hypothetical_error(walk, access, mode)
            ip = None
            gdb.write("a %s %s of %08x by %s\n" % (mode, access, addr, who))
            when = "now"
            if not faults:
                gdb.write("the PTE allows it: the CPU would not fault (if it "
                          "did, from a stale TLB entry, the kernel would "
                          "find it spurious)\n")
        gdb.write("error %x: %s\n" % (error, describe_error(error)))
        gdb.write("PTE %s:\n" % when)
        for line in walk.lines():
            gdb.write("  " + line + "\n")
        ex = explain(addr, error, ip, mm, walk)
        for s in ex.steps:
            gdb.write("- " + s + "\n")
        if ex.resolution is None:
            gdb.write("=> oops: %s\n" % ex.why)
            return
        gdb.write("=> %s%s: %s\n" % ("stack growth, " if ex.stack_grew else
                                     "", resolution_name(ex.resolution),
                                     ex.why))


def register():
    KExplain()
