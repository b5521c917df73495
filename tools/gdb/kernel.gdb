# tools/gdb/kernel.gdb - the GDB set-up for `make debug` (and tools/gdb-session.sh).
#
# Usage:  gdb -q -ex 'set $gdbport = PORT' -x tools/gdb/kernel.gdb build/debug/kernel.elf
# with QEMU already started halted: qemu-system-i386 ... -S -gdb tcp::PORT
# ($gdbport defaults to 1234 when it is not set.)  Run from the top of the tree.
#
# To debug a user program instead of the boot (make debug PROG=/bin/NAME),
# add  -ex 'set $prog = "/bin/NAME"'  before -x, and boot QEMU with
# `-- /bin/NAME` at the end of the kernel command line (init runs it as its
# child). $progroot (default: root/ next to the kernel ELF) is where the
# program's ELF is, for its symbols.
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
# tools/gdb/helpers.py is the single entry point for the helper commands of
# DESIGN.md's "Debugging contract" (kmaps, kpte, kbuddy, kpage, kkmap, kps,
# kfaults, kexplain, kvmstat, and the breakpoints kbreakfault, kprog,
# kbreakuser; docs/gdb.md).  tools/gdb/ is put on sys.path first so that
# helpers.py can `import` the other tools/gdb/*.py modules.  The directory
# is tools/gdb under the current directory or, failing that, found by
# walking up from the kernel ELF's directory (GDB run from elsewhere).
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
  echo \                         (with make debug PROG=/bin/NAME: NAME's first instruction)\n
  echo \   next (n) / step (s)   one source line, over / into calls\n
  echo \   bt                    backtrace;  info locals, p VAR, p/x VAR\n
  echo \   info registers        all registers;  p/x $cr0, p/x $cr3\n
  echo \   p/x $cr2              the address of the last page fault\n
  echo \   monitor info mem      the page tables as QEMU sees them (virtual ranges and rights)\n
  echo \   monitor info tlb      every virtual -> physical mapping\n
  echo \   Ctrl-C                stop a running kernel;  quit (q) leaves GDB and QEMU\n
  echo Memory helpers (help NAME for each; docs/gdb.md):\n
  echo \   kps                   tasks: pid, ppid, state, comm, mm, VMAs, rss (* = current)\n
  echo \   kmaps [PID]           a task's VMAs, as /proc/PID/maps\n
  echo \   kpte ADDR [PID]       the page-table walk of ADDR: PDE, PTE, flags, frame, VMA\n
  echo \   kpage PFN|ADDR        a frame's struct page, and every PTE that maps it\n
  echo \   kbuddy                free blocks per zone and order, as /proc/buddyinfo\n
  echo \   kkmap                 pkmap and kmap_atomic slots in use\n
  echo \   kvmstat               the counters of /proc/vmstat\n
  echo \   kfaults [N]           the last N page faults and how each was resolved\n
  echo \   kexplain [ADDR [read|write|exec] [user|kernel]]\n
  echo \                         what the kernel does with this fault (or that access), and why\n
  echo \   kbreakfault [COMM]    break in do_page_fault (only while COMM runs, if given)\n
  echo \   kprog PATH            symbols of a user program, break at its entry (only in it)\n
  echo \   kbreakuser COMM LOC   break at LOC of a user program, only while COMM runs\n
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
# Without $prog: `break kernel_main`, placed after kernel_main's prologue
# (ktasks.after_prologue says why). A higher-half breakpoint set at reset is
# simply hit later, once boot.asm has turned paging on and jumped to
# kernel_main; the first statement (gdt_init();) is a good first stop.
#
# With $prog: the program's symbols, and a breakpoint at its ELF entry that
# stops only in it (kprog; init and the shell run code at the same
# addresses), instead of kernel_main.
python
import ktasks
_prog = gdb.convenience_variable("prog")
if _prog is not None:
    gdb.execute("kprog " + _prog.string())
else:
    gdb.Breakpoint(ktasks.after_prologue("kernel_main"))
del _prog
end

# --- Connect ---------------------------------------------------------------
if $_isvoid($gdbport)
  set $gdbport = 1234
end
eval "target remote localhost:%d", $gdbport
# (GDB says "Remote debugging using ..." only for a command typed at the prompt.)
eval "echo Connected to QEMU's GDB stub at localhost:%d.\\n", $gdbport

khelp
