"""tools/gdb/khighmem.py - the kernel's temporary mappings of highmem frames
(mm/highmem.c): pkmap slots (kmap) and kmap_atomic's fixmap slots
(`kkmap`)."""
import gdb

from kconst import C, c_eval
from kcore import ksym, u32
from kmm import Walk


def swapper_pgd():
    """The physical address of the kernel's page directory."""
    return u32(ksym("swapper_pg_dir").address) - C("PAGE_OFFSET")


def pkmap_slots():
    """(slot, vaddr, pkmap_count, pte) for every pkmap slot still mapped
    (count 1: unused but not yet flushed; n > 1: n - 1 kmaps)."""
    counts = ksym("pkmap_count")
    table = ksym("pkmap_page_table")
    lo, hi = counts.type.strip_typedefs().range()
    slots = []
    for nr in range(lo, hi + 1):
        count = int(counts[nr])
        if count:
            vaddr = C("PKMAP_BASE") + (nr << C("PAGE_SHIFT"))
            slots.append((nr, vaddr, count, u32(table[nr])))
    return slots


def atomic_slots():
    """(idx, vaddr, pte) for each kmap_atomic slot in use, the oldest
    first: slots 0 .. kmap_atomic_idx of the fixmap from FIX_KMAP_BEGIN."""
    top = int(ksym("kmap_atomic_idx"))
    begin = int(c_eval("FIX_KMAP_BEGIN"))
    slots = []
    for idx in range(top + 1):
        vaddr = C("FIXADDR_TOP") - ((begin + idx) << C("PAGE_SHIFT"))
        w = Walk(swapper_pgd(), vaddr)
        slots.append((idx, vaddr, w.pte if w.pte is not None else 0))
    return slots


def kmapped_at(pfn):
    """The kernel addresses where a frame is kmapped now."""
    out = []
    for _, vaddr, count, pte in pkmap_slots():
        if pte & C("_PAGE_PRESENT") and pte >> C("PAGE_SHIFT") == pfn:
            out.append("kmap at %#010x (pkmap_count %d)" % (vaddr, count))
    for idx, vaddr, pte in atomic_slots():
        if pte & C("_PAGE_PRESENT") and pte >> C("PAGE_SHIFT") == pfn:
            out.append("kmap_atomic at %#010x (slot %d)" % (vaddr, idx))
    return out


class KKmap(gdb.Command):
    """kkmap: the highmem frames the kernel has mapped for itself now.
pkmap (kmap) slots in use, at PKMAP_BASE: slot, virtual address,
pkmap_count (n > 1: used by n - 1 kmaps; 1: no longer used, left mapped
until the next flush_all_zero_pkmaps), the struct page and its pfn. Then
the kmap_atomic slots in use (a stack in the fixmap, from FIX_KMAP_BEGIN):
slot, virtual address, pfn."""

    def __init__(self):
        super().__init__("kkmap", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        maps = ksym("page_address_maps")
        slots = pkmap_slots()
        used = [s for s in slots if s[2] > 1]
        gdb.write("pkmap slots in use: %d (window %#010x, %d slots)\n" %
                  (len(used), C("PKMAP_BASE"), C("LAST_PKMAP")))
        for nr, vaddr, count, pte in used:
            gdb.write("  slot %4d  %#010x  count %d (%d kmap%s)  page %#010x"
                      "  pfn %#x\n" % (nr, vaddr, count, count - 1,
                                       "" if count == 2 else "s",
                                       u32(maps[nr]["page"]),
                                       pte >> C("PAGE_SHIFT")))
        lazy = len(slots) - len(used)
        if lazy:
            gdb.write("  (and %d slot%s at count 1: unused, still mapped "
                      "until the next flush)\n" % (lazy,
                                                   "" if lazy == 1 else "s"))
        atomic = atomic_slots()
        gdb.write("kmap_atomic slots in use: %d (of KM_MAX_IDX %d)\n" %
                  (len(atomic), C("KM_MAX_IDX")))
        for idx, vaddr, pte in atomic:
            gdb.write("  slot %d  %#010x  pte %#010x  pfn %#x\n" %
                      (idx, vaddr, pte, pte >> C("PAGE_SHIFT")))


def register():
    KKmap()
