"""tools/gdb/kmm.py - address spaces: the VMAs of a task (`kmaps`) and the
two-level page-table walk of one address (`kpte`).

The walk is the CPU's (SDM vol. 3A, 4.3, "32-bit paging"): CR3 (or the
mm's pgd) -> page-directory entry pgd_index(addr) -> page table -> page-table
entry pte_index(addr) -> frame. Page directories and tables are read by
physical address (kcore.read_phys), as the CPU reads them.
"""
import gdb

from kconst import C
from kcore import (WORD, cr3, cstr, current, find_task, ktype, parse_int,
                   read_phys, task_mm, task_name, u32)


# --- VMAs ------------------------------------------------------------------

def vmas(mm):
    """mm's VMAs in address order (the mm->mmap list)."""
    vma = mm["mmap"]
    while int(vma) != 0:
        yield vma
        vma = vma["vm_next"]


def find_vma(mm, addr):
    """mm/vma.c's find_vma(): the first VMA with vm_end > addr (it may
    start above addr), or None."""
    for vma in vmas(mm):
        if u32(vma["vm_end"]) > addr:
            return vma
    return None


def flags_perms(f):
    """vm_flags as the rwxp/rwxs column of /proc/PID/maps."""
    return "".join([
        "r" if f & C("VM_READ") else "-",
        "w" if f & C("VM_WRITE") else "-",
        "x" if f & C("VM_EXEC") else "-",
        "s" if f & C("VM_MAYSHARE") else "p"])


def vma_perms(vma):
    return flags_perms(u32(vma["vm_flags"]))


def maps_line(mm, vma):
    """One line of /proc/PID/maps, byte for byte as kernel/proc_task_mmu.c's
    show_map_vma() prints it (without the newline)."""
    start, end = u32(vma["vm_start"]), u32(vma["vm_end"])
    name, ino, minor, pgoff = None, 0, 0, 0
    f = vma["vm_file"]
    if int(f) != 0:
        name = cstr(f["f_path"])
        ino = u32(f["f_ino"])
        minor = C("INITRD_DEV_MINOR") if ino else C("SHMEM_DEV_MINOR")
        pgoff = u32(vma["vm_pgoff"]) << C("PAGE_SHIFT")
    elif start <= u32(mm["brk"]) and end >= u32(mm["start_brk"]):
        name = "[heap]"
    elif start <= u32(mm["start_stack"]) and end >= u32(mm["start_stack"]):
        name = "[stack]"
    line = "%08x-%08x %s %08x %02x:%02x %d " % (start, end, vma_perms(vma),
                                                pgoff, 0, minor, ino)
    if name is not None:
        line = line.ljust(C("MAPS_NAME_COLUMN")) + " " + name
    return line


# --- page tables -----------------------------------------------------------

# Entry bits as mm/pgtable.h names them, in bit order.
ENTRY_FLAGS = [("_PAGE_PRESENT", "P"), ("_PAGE_RW", "RW"),
               ("_PAGE_USER", "US"), ("_PAGE_PWT", "PWT"),
               ("_PAGE_PCD", "PCD"), ("_PAGE_ACCESSED", "A"),
               ("_PAGE_DIRTY", "D"), ("_PAGE_PSE", "PS"),
               ("_PAGE_GLOBAL", "G")]


def entry_flags(value, pde):
    """The set bits of a PDE or PTE by name. PS only means "4 MiB page" in
    a PDE (the kernel never sets bit 7 in a PTE); in an entry that is not
    present, the kernel's _PAGE_PROTNONE (the G bit) means a frame kept
    under PROT_NONE."""
    names = []
    for macro, short in ENTRY_FLAGS:
        if not value & C(macro) or (short == "PS" and not pde):
            continue
        if short == "G" and not value & C("_PAGE_PRESENT"):
            short = "PROTNONE"
        names.append(short)
    return " ".join(names) if names else "-"


def entry_bytes():
    """sizeof(pte_t): 4, the two-level (non-PAE) entries that read_phys
    reads as words."""
    size = ktype("pte_t").sizeof
    if size != WORD:
        raise gdb.GdbError("pte_t is %d bytes: not the two-level i386 "
                           "tables these helpers walk" % size)
    return size


def pgd_paddr(mm):
    """The physical address of mm's page directory (__pa: it is lowmem)."""
    return u32(mm["pgd"]) - C("PAGE_OFFSET")


class Walk:
    """The walk of one address from one page directory."""

    def __init__(self, pgd, addr):
        self.pgd, self.addr = pgd, addr
        self.pde_index = addr >> C("PGDIR_SHIFT")
        self.esize = entry_bytes()
        self.pde = read_phys(pgd + self.esize * self.pde_index, 1)[0]
        self.large = False
        self.table = self.pte_index = self.pte = self.paddr = None
        if not self.pde & C("_PAGE_PRESENT"):
            return
        if self.pde & C("_PAGE_PSE"):
            self.large = True
            mask = C("PGDIR_MASK")
            self.paddr = (self.pde & mask) | (addr & ~mask & 0xffffffff)
            return
        self.table = self.pde & C("PTE_PFN_MASK")
        self.pte_index = (addr >> C("PAGE_SHIFT")) & (C("PTRS_PER_PTE") - 1)
        self.pte = read_phys(self.table + self.esize * self.pte_index, 1)[0]
        if self.pte & C("_PAGE_PRESENT"):
            self.paddr = (self.pte & C("PTE_PFN_MASK")) | \
                (addr & ~C("PAGE_MASK") & 0xffffffff)

    @property
    def pfn(self):
        return None if self.paddr is None else self.paddr >> C("PAGE_SHIFT")

    def lines(self):
        """The walk, one line per level."""
        out = ["PDE #%-4d at phys %#010x = %#010x  %s" % (
            self.pde_index, self.pgd + self.esize * self.pde_index, self.pde,
            entry_flags(self.pde, True))]
        if not self.pde & C("_PAGE_PRESENT"):
            out.append("    no page table: nothing is mapped in this 4 MiB")
            return out
        if self.large:
            out.append("    a 4 MiB page at phys %#010x: pfn %#x phys %#010x" %
                       (self.pde & C("PGDIR_MASK"), self.pfn, self.paddr))
            return out
        out[-1] += "  -> page table at phys %#010x" % self.table
        line = "PTE #%-4d at phys %#010x = %#010x  %s" % (
            self.pte_index, self.table + self.esize * self.pte_index, self.pte,
            entry_flags(self.pte, False))
        if self.paddr is not None:
            line += "  -> pfn %#x phys %#010x" % (self.pfn, self.paddr)
        elif self.pte & C("_PAGE_PROTNONE"):
            line += "  (not present: PROT_NONE keeps pfn %#x)" % (
                self.pte >> C("PAGE_SHIFT"))
        elif self.pte == 0:
            line += "  (not present: never mapped, or unmapped)"
        out.append(line)
        return out


def address_space(pid_arg):
    """(page directory phys, description, mm or None) for a command's
    optional PID argument: that task's mm; else the current task's mm;
    else the live CR3 (a kernel thread or idle)."""
    if pid_arg is not None:
        t = find_task(int(parse_int(pid_arg)))
        mm = task_mm(t)
        return pgd_paddr(mm), "%s, mm->pgd %#010x" % (
            task_name(t), u32(mm["pgd"])), mm
    t = current()
    if int(t["mm"]) != 0:
        mm = t["mm"]
        return pgd_paddr(mm), "current: %s, mm->pgd %#010x" % (
            task_name(t), u32(mm["pgd"])), mm
    return cr3() & C("PAGE_MASK"), "live CR3 (current is %s, no mm)" % \
        task_name(t), None


def user_page_tables(mm):
    """(pde index, page-table phys, its PTEs) for each page table of mm's
    user half (below KERNEL_PGD_BOUNDARY)."""
    entry_bytes()
    pgd = pgd_paddr(mm)
    pdes = read_phys(pgd, C("KERNEL_PGD_BOUNDARY"))
    for i, pde in enumerate(pdes):
        if pde & C("_PAGE_PRESENT") and not pde & C("_PAGE_PSE"):
            table = pde & C("PTE_PFN_MASK")
            yield i, table, read_phys(table, C("PTRS_PER_PTE"))


# --- commands --------------------------------------------------------------

class KMaps(gdb.Command):
    """kmaps [PID]: a task's VMAs as /proc/PID/maps shows them.
Default: the current task. The text is kernel/proc_task_mmu.c's show_map_vma(),
byte for byte: range, rwxp (s for shared), file offset, device (00:02 for
the initrd, 00:01 for shared anonymous memory), inode, and from column 49
the file path, [heap] or [stack]."""

    def __init__(self):
        super().__init__("kmaps", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        t = find_task(int(parse_int(argv[0]))) if argv else current()
        mm = task_mm(t)
        for vma in vmas(mm):
            gdb.write(maps_line(mm, vma) + "\n")


class KPte(gdb.Command):
    """kpte ADDR [PID]: the page-table walk of one virtual address.
From the page directory of task PID, or by default of the current task,
or (a kernel thread, idle) of the live CR3: the PDE (index, where it is,
value, flags), the PTE likewise, and the frame (pfn and physical address)
it maps, or why there is none. Flags as mm/pgtable.h names them: P RW US
PWT PCD A D PS G, and PROTNONE (_PAGE_PROTNONE) in a PTE that is not
present. Then the VMA that covers ADDR, or "no VMA"."""

    def __init__(self):
        super().__init__("kpte", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if not argv or len(argv) > 2:
            raise gdb.GdbError("usage: kpte ADDR [PID]")
        addr = parse_int(argv[0])
        pgd, who, mm = address_space(argv[1] if len(argv) > 1 else None)
        gdb.write("kpte %08x (%s, page directory at phys %#010x)\n" %
                  (addr, who, pgd))
        for line in Walk(pgd, addr).lines():
            gdb.write(line + "\n")
        if mm is None:
            return
        vma = find_vma(mm, addr)
        if vma is not None and u32(vma["vm_start"]) <= addr:
            gdb.write("VMA %s\n" % maps_line(mm, vma))
        else:
            gdb.write("no VMA\n")


def register():
    KMaps()
    KPte()
