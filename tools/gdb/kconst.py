"""tools/gdb/kconst.py - the kernel's #define constants, read from its headers.

The helpers need PAGE_OFFSET, _PAGE_PRESENT, VM_WRITE, X86_PF_USER and the
like. The ELF's debug information has no macros (-g, not -g3), and copying
the values here would let them drift from the C. So they are read from the
sources, where the kernel itself takes them: each object-like `#define NAME
BODY` of HEADERS is expanded (other macros in BODY first, recursively) and
the result is evaluated by GDB as a C expression, with the kernel's types
and enumerators (sizeof(unsigned long), __end_of_fixed_addresses): the
value the compiler computed for this i386 image.

    C("TASK_SIZE")   -> 3221225472
"""
import os
import re

import gdb

# Where the constants the helpers use are defined.
HEADERS = [
    "arch/cpu.h",
    "arch/page.h",
    "arch/traps.h",
    "arch/uaccess.h",
    "mm/pgtable.h",
    "mm/mm_types.h",
    "mm/mmzone.h",
    "mm/mmap.h",
    "mm/memory.h",
    "mm/mmap.c",  # STACK_GUARD_GAP
    "kernel/sched.h",
    "kernel/fault_trace.h",
    "kernel/proc_task_mmu.c",  # MAPS_NAME_COLUMN, the maps device numbers
]

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))

_DEFINE = re.compile(r"^\s*#\s*define\s+([A-Za-z_]\w*)(\(?)(.*)$")
# A number (its suffixes included) or an identifier.
_TOKEN = re.compile(r"(\d\w*)|([A-Za-z_]\w*)")
_macros = None
_values = {}


def _strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def _read_macros():
    macros = {}
    for rel in HEADERS:
        with open(os.path.join(ROOT, rel)) as f:
            text = _strip_comments(f.read().replace("\\\n", " "))
        for line in text.splitlines():
            m = _DEFINE.match(line)
            # Function-like macros (NAME immediately followed by "(") are
            # not constants; the first definition of a name wins.
            if m and not m.group(2) and m.group(1) not in macros:
                macros[m.group(1)] = m.group(3).strip()
    return macros


def _expand(name, seen=()):
    global _macros
    if _macros is None:
        _macros = _read_macros()
    if name in seen:
        raise gdb.GdbError("kconst: %s is defined in terms of itself" % name)
    body = _macros[name]

    def sub(m):
        word = m.group(2)
        if word in _macros:
            return "(" + _expand(word, seen + (name,)) + ")"
        return m.group(0)
    return _TOKEN.sub(sub, body)


def c_eval(expr):
    """expr evaluated as C, whatever language the selected frame is in
    (user/lib/crt0.asm is "asm")."""
    lang = gdb.parameter("language")
    try:
        gdb.execute("set language c", to_string=True)
        return gdb.parse_and_eval(expr)
    finally:
        gdb.execute("set language " + lang, to_string=True)


def C(name):
    """The value of the kernel macro NAME (an int)."""
    if name not in _values:
        try:
            expr = _expand(name)
        except KeyError:
            raise gdb.GdbError("kconst: no #define %s in %s" %
                               (name, ", ".join(HEADERS)))
        _values[name] = int(c_eval(expr))
    return _values[name]


def reset():
    """Forget what was read (after editing a header, with `ksource`)."""
    global _macros
    _macros = None
    _values.clear()
