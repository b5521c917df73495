"""tools/gdb/kbuddy.py - physical memory: the buddy allocator's free lists
(`kbuddy`), one frame's struct page and who maps it (`kpage`), and the
/proc/vmstat counters (`kvmstat`)."""
import gdb

from kconst import C, c_eval
from kcore import (cstr, ksym, ktype, list_for_each_entry, parse_int,
                   read_phys, tasks, task_name, u32)
from khighmem import kmapped_at
from kmm import Walk, address_space, user_page_tables

# How much of a frame's contents kpage shows.
CONTENT_WORDS = 4


# --- zones and free lists --------------------------------------------------

def zones():
    """(index, struct zone) for each zone of zones[]."""
    z = ksym("zones")
    lo, hi = z.type.strip_typedefs().range()
    return [(i, z[i]) for i in range(lo, hi + 1)]


def free_blocks(zone, order):
    """The free blocks of one order, counted on the list itself."""
    area = zone["free_area"][order]
    return sum(1 for _ in list_for_each_entry(
        area["free_list"], "struct page", "lru",
        limit=u32(area["nr_free"]) + 1))


class KBuddy(gdb.Command):
    """kbuddy: the free blocks of each zone by order, as /proc/buddyinfo.
"Node 0, zone   Normal      3      1 ..." : for each populated zone, the
number of free blocks of 2^0, 2^1, ... 2^(MAX_ORDER-1) frames. Counted by
walking each zone's free_area[order].free_list; a count that differs from
the list's nr_free is reported after the table (a broken free list)."""

    def __init__(self):
        super().__init__("kbuddy", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        problems = []
        for _, zone in zones():
            if u32(zone["present_pages"]) == 0:  # Linux's populated_zone()
                continue
            name = cstr(zone["name"])
            line = "Node 0, zone %8s " % name
            for order in range(C("MAX_ORDER")):
                n = free_blocks(zone, order)
                nr_free = u32(zone["free_area"][order]["nr_free"])
                if n != nr_free:
                    problems.append("zone %s order %d: %d blocks on the "
                                    "list, nr_free says %d" %
                                    (name, order, n, nr_free))
                line += "%6d " % n
            gdb.write(line + "\n")
        for p in problems:
            gdb.write("kbuddy: " + p + "\n")


# --- struct page -----------------------------------------------------------

def mem_map():
    return ksym("mem_map")


def max_pfn():
    return u32(ksym("max_pfn"))


def pfn_to_page(pfn):
    return mem_map() + pfn


def arg_to_pfn(value):
    """kpage's argument: a struct page pointer into mem_map[], a pfn (a
    number below max_pfn), a direct-map address, or any other address
    mapped in the current address space (user, vmalloc, kmap)."""
    size = ktype("struct page").sizeof
    base = u32(mem_map())
    if base == 0:
        raise gdb.GdbError("kpage: no mem_map yet (mm_init has not run)")
    if base <= value < base + max_pfn() * size:
        return (value - base) // size
    if value < max_pfn():
        return value
    high = u32(ksym("high_memory"))
    if C("PAGE_OFFSET") <= value < high:
        return (value - C("PAGE_OFFSET")) >> C("PAGE_SHIFT")
    pgd, who, _ = address_space(None)
    w = Walk(pgd, value)
    if w.pfn is None:
        raise gdb.GdbError("kpage: %#x is not mapped (%s)" % (value, who))
    return w.pfn


def page_flag_names(flags):
    """The PG_* bits set in flags, by the names of enum pageflags."""
    names = []
    for f in ktype("enum pageflags").fields():
        if f.name.startswith("PG_") and flags & (1 << f.enumval):
            names.append(f.name[3:])
    return names


def page_zone(page):
    zonenum = u32(page["flags"]) >> C("ZONES_PGSHIFT")
    return cstr(ksym("zones")[zonenum]["name"])


def mappers(pfn):
    """(task, vaddr, pte) for every user PTE of every task that maps pfn
    (present, or kept under PROT_NONE)."""
    found = []
    mapped = C("_PAGE_PRESENT") | C("_PAGE_PROTNONE")
    for t in tasks():
        if int(t["mm"]) == 0:
            continue
        for i, _, ptes in user_page_tables(t["mm"]):
            for j, pte in enumerate(ptes):
                if pte & mapped and pte >> C("PAGE_SHIFT") == pfn:
                    vaddr = (i << C("PGDIR_SHIFT")) | (j << C("PAGE_SHIFT"))
                    found.append((t, vaddr, pte))
    return found


class KPage(gdb.Command):
    """kpage PFN|ADDR: one frame's struct page, and who maps it.
The argument is a pfn (a number below max_pfn), a struct page pointer, a
direct-map address, or any address mapped in the current address space.
Shows the zone, _count (references), _mapcount and the map count Linux
shows (_mapcount + 1: the PTEs that map it), the PG_ flags, the free
block's order for a buddy page, mapping/index (a page-cache page), the
first words of the frame (read by physical address: QEMU's monitor for
highmem), where the kernel maps it (direct map, kmap), and, by walking
every task's page tables, each PTE that maps the frame: "pid N COMM
VADDR"."""

    def __init__(self):
        super().__init__("kpage", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            raise gdb.GdbError("usage: kpage PFN|ADDR")
        pfn = arg_to_pfn(parse_int(arg))
        if pfn >= max_pfn():
            raise gdb.GdbError("kpage: pfn %#x is beyond max_pfn %#x" %
                               (pfn, max_pfn()))
        page = pfn_to_page(pfn)
        flags = u32(page["flags"])
        zone = page_zone(page)
        gdb.write("struct page %#010x: pfn %#x phys %#010x zone %s\n" %
                  (u32(page), pfn, pfn << C("PAGE_SHIFT"), zone))
        names = page_flag_names(flags)
        gdb.write("  flags %#010x: %s (zone %s in the top bits)\n" %
                  (flags, " ".join(names) if names else "no PG_ bits", zone))
        count, mapcount = int(page["_count"]), int(page["_mapcount"])
        gdb.write("  _count %d  _mapcount %d (map count %d)\n" %
                  (count, mapcount, mapcount + 1))
        if "buddy" in names:
            gdb.write("  free: the head of a block of order %d\n" %
                      u32(page["private"]))
        elif "slab" in names:
            gdb.write("  slab of cache %s, %d objects in use\n" %
                      (cstr(page["slab_cache"]["name"]), int(page["inuse"])))
        else:
            mapping = u32(page["mapping"])
            gdb.write("  mapping %#010x (%s)  index %d\n" %
                      (mapping, "page cache" if mapping else "anonymous",
                       u32(page["index"])))
        paddr = pfn << C("PAGE_SHIFT")
        gdb.write("  first words: %s\n" % " ".join(
            "%08x" % w for w in read_phys(paddr, CONTENT_WORDS)))
        if pfn < u32(ksym("max_low_pfn")):
            gdb.write("  kernel: direct map at %#010x\n" %
                      (C("PAGE_OFFSET") + paddr))
        for where in kmapped_at(pfn):
            gdb.write("  kernel: %s\n" % where)
        found = mappers(pfn)
        for t, vaddr, pte in found:
            gdb.write("  mapped by %s %08x (pte %#010x)\n" %
                      (task_name(t), vaddr, pte))
        if not found:
            gdb.write("  mapped by no user page table\n")


# --- /proc/vmstat ------------------------------------------------------------

class KVmstat(gdb.Command):
    """kvmstat: the counters of /proc/vmstat, in its format.
nr_free_pages, pgalloc_* per zone, pgfree, then the vm_events counters
(pgfault, pgmajfault, and this kernel's zero_fill, cow_copy, cow_reuse),
as kernel/proc_meminfo.c's show_vmstat() prints them."""

    def __init__(self):
        super().__init__("kvmstat", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        zs = zones()
        names = c_eval("show_vmstat::pgalloc_names")
        gdb.write("nr_free_pages %d\n" %
                  sum(u32(z["free_pages"]) for _, z in zs))
        for i, z in zs:
            gdb.write("%s %d\n" % (cstr(names[i]), u32(z["pgalloc"])))
        gdb.write("pgfree %d\n" % u32(ksym("pgfree_count")))
        events = ksym("vm_events")
        for f in events.type.strip_typedefs().fields():
            gdb.write("%s %d\n" % (f.name, u32(events[f.name])))


def register():
    KBuddy()
    KPage()
    KVmstat()
