# tools/gdb/kernel.gdb - the GDB set-up for `make debug` (and tools/gdb-session.sh).
#
# Usage:  gdb -q -ex 'set $gdbport = PORT' -x tools/gdb/kernel.gdb build/debug/kernel.elf
# with QEMU already started halted: qemu-system-i386 ... -S -gdb tcp::PORT
# ($gdbport defaults to 1234 when it is not set.)  Run from the top of the tree.
#
# Order: settings, helpers and breakpoints first, the connection last, so that
# a failure to connect (which ends this script) is the last thing printed and
# everything else is already in place for a later `target remote` by hand.

# --- Settings ---------------------------------------------------------------
# No "--Type <RET> for more--" in the middle of a backtrace, and no prompts
# (`quit` must not ask whether to detach: make debug kills QEMU afterwards,
# and tools/gdb-session.sh runs GDB with -batch where a prompt would hang).
set pagination off
set confirm off
# Intel syntax: the hand-written assembly (boot/*.asm) is NASM, and the SDM
# that the comments cite uses Intel syntax, so `x/i $pc` and `disassemble`
# read like the source next to them.  (`set disassembly-flavor att` for GCC's
# -S output.)
set disassembly-flavor intel
# Structs (struct page, struct multiboot_info, ...) one field a line.
set print pretty on
# The kernel is a 32-bit x86 image; say so before connecting rather than
# relying on what the stub reports while the CPU is still in real mode at
# reset (0xfff0).  i386 covers real mode and protected mode alike here.
set architecture i386

# --- Python helper commands ------------------------------------------------
# HELPERS GO HERE.  tools/gdb/helpers.py is the single entry point for the
# helper commands of DESIGN.md's "Debugging contract" (kmaps, kpte, kbuddy,
# kpage, kkmap, kps, kfaults, kexplain, kvmstat).  It is sourced only if it
# exists; tools/gdb/ is put on sys.path first so that helpers.py can
# `import` the other tools/gdb/*.py modules.  The directory is tools/gdb under
# the current directory or, failing that, found by walking up from the
# kernel ELF's directory (GDB run from elsewhere).
python
import os, sys
def _kernel_gdb_dir():
    cands = [os.path.join(os.getcwd(), "tools", "gdb")]
    elf = gdb.current_progspace().filename
    if elf:
        d = os.path.dirname(os.path.abspath(elf))
        while d != os.path.dirname(d):
            cands.append(os.path.join(d, "tools", "gdb"))
            d = os.path.dirname(d)
    for c in cands:
        if os.path.isfile(os.path.join(c, "kernel.gdb")):
            return c
    return None
_d = _kernel_gdb_dir()
if _d is not None:
    if _d not in sys.path:
        sys.path.insert(0, _d)
    _h = os.path.join(_d, "helpers.py")
    if os.path.exists(_h):
        gdb.execute("source " + _h)
del _d
end

# --- Help ------------------------------------------------------------------
define khelp
  echo \n
  echo Kernel debugging (make debug starts QEMU halted at the reset vector; `khelp' shows this again):\n
  echo \   continue (c)          run to the next breakpoint: first stop is kernel_main\n
  echo \   next (n) / step (s)   one source line, over / into calls\n
  echo \   bt                    backtrace;  info locals, p VAR, p/x VAR\n
  echo \   info registers        all registers;  p/x $cr0, p/x $cr3\n
  echo \   p/x $cr2              the address of the last page fault\n
  echo \   monitor info mem      the page tables as QEMU sees them (virtual ranges and rights)\n
  echo \   monitor info tlb      every virtual -> physical mapping\n
  echo \   Ctrl-C                stop a running kernel;  quit (q) leaves GDB and QEMU\n
  echo Before paging is on (boot/boot.asm's _start), code runs at its physical address\n
  echo (link address - 0xC0000000), where the symbols do not match:\n
  echo \   break *0x100010                                       (_start, physical)\n
  echo \   add-symbol-file build/debug/kernel.elf -o 0xffffffff40000000\n
  echo \                                                         (symbols/source at physical addresses)\n
  echo \n
end
document khelp
Print the short list of commands for debugging the kernel under QEMU.
end

# --- Breakpoints -----------------------------------------------------------
# `break kernel_main`, placed after kernel_main's prologue.  A higher-half
# breakpoint set at reset is simply hit later, once boot.asm has turned
# paging on and jumped to kernel_main.
#
# Why not a plain `break kernel_main`: for optimised GCC code (-Og included)
# GDB does not skip the prologue, it breaks at the function's first byte.
# There, boot.asm has just cleared EBP (to end backtraces), and GDB's i386
# unwinder, which is all it has when the ELF carries no CFI (.eh_frame is
# discarded by linker.ld, and there is no .debug_frame), takes EBP == 0 as
# "outermost frame": magic and mbi_phys show as <unavailable> and `bt` is
# empty.  One line-table row further on, `push ebp; mov ebp, esp` has run
# and everything works; that is also the first statement (gdt_init();),
# a better first stop for a student than the opening brace.  Falls back to
# a plain `break kernel_main` if the line table does not help.
python
def _kbreak_after_prologue(name):
    try:
        start = int(gdb.lookup_global_symbol(name).value().address)
        block = gdb.block_for_pc(start)
        while block is not None and block.function is None:
            block = block.superblock
        sal = gdb.find_pc_line(start)
        after = sal.last + 1 if sal.last is not None else None
        if (block is not None and after is not None
                and start < after < block.end
                and gdb.find_pc_line(after).symtab is not None):
            return gdb.Breakpoint("*0x%x" % after)
    except Exception:
        pass
    return gdb.Breakpoint(name)
_kbreak_after_prologue("kernel_main")
end

# --- Connect ---------------------------------------------------------------
if $_isvoid($gdbport)
  set $gdbport = 1234
end
eval "target remote localhost:%d", $gdbport
# (GDB says "Remote debugging using ..." only for a command typed at the prompt.)
eval "echo Connected to QEMU's GDB stub at localhost:%d.\\n", $gdbport

khelp
