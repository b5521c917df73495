"""tools/gdb/kcore.py - what every helper needs: the kernel's symbols and
types, memory (virtual and physical), lists, tasks and strings.

Everything is read through the C structures of the kernel's debug
information (field names, never offsets) and the constants of its headers
(kconst.py). Symbols and types are looked up in the kernel's own objfile
first: a user program loaded with add-symbol-file (kprog) has symbols of
its own, at the same time.
"""
import re
import struct

import gdb

from kconst import C, c_eval

WORD = 4  # read_words and read_phys read 32-bit words


# --- symbols and types ----------------------------------------------------

def kernel_objfile():
    """The kernel ELF's objfile (the program GDB was started with)."""
    name = gdb.current_progspace().filename
    for o in gdb.objfiles():
        if o.filename == name:
            return o
    raise gdb.GdbError("no kernel symbols: start GDB with the kernel ELF")


def _ksymbol(name):
    o = kernel_objfile()
    s = o.lookup_global_symbol(name) or o.lookup_static_symbol(name)
    if s is None:
        raise gdb.GdbError("the kernel has no symbol %s" % name)
    return s


def ksym(name):
    """The kernel's global or file-static variable NAME, as a gdb.Value."""
    return _ksymbol(name).value()


def kaddr(name):
    """The address of the kernel symbol NAME (a function or variable)."""
    return int(_ksymbol(name).value().address)


def _kernel_block():
    o = kernel_objfile()
    s = o.lookup_global_symbol("kernel_main")
    return s.symtab.global_block() if s is not None else None


def ktype(name):
    """A kernel type by its C name: "struct page", "pte_t"."""
    try:
        return gdb.lookup_type(name, _kernel_block())
    except RuntimeError:
        return gdb.lookup_type(name)


def field_offset(t, name):
    """offsetof(t, name), looking into anonymous structs and unions."""
    t = t.strip_typedefs()
    for f in t.fields():
        if f.name == name:
            return f.bitpos // 8
        if f.name is None:
            sub = field_offset(f.type, name)
            if sub is not None:
                return f.bitpos // 8 + sub
    return None


def container_of(ptr, typename, member):
    """The struct typename * whose member is at ptr (Linux's container_of)."""
    t = ktype(typename)
    off = field_offset(t, member)
    if off is None:
        raise gdb.GdbError("%s has no member %s" % (typename, member))
    return gdb.Value(int(ptr) - off).cast(t.pointer())


def list_for_each_entry(head, typename, member, limit=1 << 20):
    """The entries of a struct list_head list (head is a list_head Value or
    its address). Stops after limit entries: a corrupt list must not hang
    GDB."""
    if isinstance(head, gdb.Value) and \
            head.type.strip_typedefs().code != gdb.TYPE_CODE_PTR:
        head = head.address
    head = int(head)
    lh = ktype("struct list_head").pointer()
    node = gdb.Value(head).cast(lh)["next"]
    n = 0
    while int(node) != head:
        if n == limit:
            raise gdb.GdbError("list at %#x: more than %d entries" %
                               (head, limit))
        yield container_of(node, typename, member)
        node = node["next"]
        n += 1


def u32(v):
    """An integer Value (or int) as an unsigned 32-bit Python int."""
    return int(v) & 0xffffffff


def cstr(v):
    """A char array or char * as a Python str, up to its NUL."""
    t = v.type.strip_typedefs()
    if t.code == gdb.TYPE_CODE_ARRAY:
        n = t.sizeof
        raw = bytes(gdb.selected_inferior().read_memory(v.address, n))
        return raw.split(b"\0", 1)[0].decode(errors="replace")
    if int(v) == 0:
        return ""
    return v.string(errors="replace")


def parse_int(arg):
    """A command argument: a number or any C expression (a symbol,
    $cr2, &var)."""
    return u32(c_eval(arg))


# --- memory ----------------------------------------------------------------

def read_words(vaddr, n):
    """n 32-bit words of kernel virtual memory."""
    raw = bytes(gdb.selected_inferior().read_memory(vaddr, WORD * n))
    return list(struct.unpack("<%dI" % n, raw))


def lowmem_end():
    """The first physical address after the direct map."""
    return u32(ksym("max_low_pfn")) << C("PAGE_SHIFT")


_XP_LINE = re.compile(r"^\s*([0-9a-fA-F]+):((?:\s+0x[0-9a-fA-F]+)+)\s*$")


def read_phys(paddr, n):
    """n 32-bit words of physical memory at paddr. Lowmem is read through
    the direct map; anything else (highmem frames, which no kernel mapping
    need cover) through QEMU's monitor: `monitor xp /Nwx PADDR`."""
    if paddr + WORD * n <= lowmem_end():
        return read_words(C("PAGE_OFFSET") + paddr, n)
    out = gdb.execute("monitor xp /%dwx %#x" % (n, paddr), to_string=True)
    words = []
    for line in out.splitlines():
        m = _XP_LINE.match(line)
        if m:
            words += [int(w, 16) for w in m.group(2).split()]
    if len(words) != n:
        raise gdb.GdbError("monitor xp at %#x: %d words of %d: %s" %
                           (paddr, len(words), n, out.strip()[:200]))
    return words


def cr3():
    """The live CR3 (the physical address of the page directory in use)."""
    return u32(c_eval("(unsigned long)$cr3"))


# --- tasks -----------------------------------------------------------------

def current():
    return ksym("current")


def tasks():
    """Every task but idle, in creation order (kernel/sched.h's
    for_each_task)."""
    return list_for_each_entry(ksym("task_list"), "struct task_struct",
                               "tasks")


def find_task(pid):
    for t in tasks():
        if int(t["pid"]) == pid:
            return t
    raise gdb.GdbError("no task with pid %d" % pid)


def task_name(t):
    return "pid %d %s" % (int(t["pid"]), cstr(t["comm"]))


def task_mm(t):
    mm = t["mm"]
    if int(mm) == 0:
        raise gdb.GdbError("%s has no mm (a kernel thread, or a zombie)" %
                           task_name(t))
    return mm
