"""tools/gdb/helpers.py - the helper commands of DESIGN.md's "Debugging
contract", loaded by tools/gdb/kernel.gdb (docs/gdb.md describes each).

    kmaps kpte          kmm.py       VMAs and the page-table walk
    kbuddy kpage kvmstat kbuddy.py   free lists, struct page, /proc/vmstat
    kkmap               khighmem.py  pkmap and kmap_atomic slots
    kps kprog kbreakuser ktasks.py   tasks, per-program breakpoints
    kfaults kbreakfault kfaults.py   the fault ring, a breakpoint on faults
    kexplain            kexplain.py  what the kernel does with a fault
    (kconst.py: the kernel's #defines; kcore.py: symbols, memory, lists)

`source tools/gdb/helpers.py` again reloads every module: edit, re-source,
retry, without leaving the session.
"""
import importlib

import kbuddy
import kconst
import kcore
import kexplain
import kfaults
import khighmem
import kmm
import ktasks

# Dependency order: a module is reloaded after those it imports from.
for _m in (kconst, kcore, kmm, ktasks, khighmem, kbuddy, kfaults,
           kexplain):
    importlib.reload(_m)
    if hasattr(_m, "register"):
        _m.register()
