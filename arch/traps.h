/* arch/traps.h - exceptions and interrupts: the saved registers and dispatch. */
#ifndef ARCH_TRAPS_H
#define ARCH_TRAPS_H

#include "lib/compiler.h"
#include "lib/types.h"

/*
 * The registers an entry stub of arch/entry.asm saves, lowest address first.
 * The CPU pushes ip, cs and flags, and sp and ss only when it came from ring
 * 3 (SDM vol. 3A, 6.12.1); the stub pushes the rest.
 */
struct pt_regs {
	unsigned long bx, cx, dx, si, di, bp, ax;
	unsigned long ds, es, fs, gs;
	unsigned long trapno; /* the vector */
	unsigned long error_code; /* the CPU's, or 0 */
	unsigned long ip, cs, flags;
	unsigned long sp, ss; /* valid only if user_mode(regs) */
};

/* Exception vectors (SDM vol. 3A, table 6-1; names of Linux's asm/trapnr.h). */
#define X86_TRAP_DE 0 /* divide error */
#define X86_TRAP_DB 1 /* debug */
#define X86_TRAP_NMI 2
#define X86_TRAP_BP 3 /* breakpoint (int3) */
#define X86_TRAP_OF 4 /* overflow (into) */
#define X86_TRAP_BR 5 /* bound range exceeded */
#define X86_TRAP_UD 6 /* invalid opcode */
#define X86_TRAP_NM 7 /* device not available */
#define X86_TRAP_DF 8 /* double fault */
#define X86_TRAP_TS 10 /* invalid TSS */
#define X86_TRAP_NP 11 /* segment not present */
#define X86_TRAP_SS 12 /* stack-segment fault */
#define X86_TRAP_GP 13 /* general protection */
#define X86_TRAP_PF 14 /* page fault */
#define X86_TRAP_MF 16 /* x87 floating-point error */
#define X86_TRAP_AC 17 /* alignment check */
#define X86_TRAP_MC 18 /* machine check */
#define X86_TRAP_XF 19 /* SIMD floating-point */
#define NR_EXCEPTION_VECTORS 32
/* The 8259 PICs are remapped to the vectors just above the exceptions. */
#define FIRST_EXTERNAL_VECTOR 0x20
/* Linux i386's system-call gate, open to ring 3. */
#define IA32_SYSCALL_VECTOR 0x80
#define NR_VECTORS 256

/* Page-fault error code bits (SDM vol. 3A, 4.7; Linux's enum x86_pf_error_code). */
#define X86_PF_PROT (1 << 0) /* 0: page not present, 1: protection */
#define X86_PF_WRITE (1 << 1) /* 0: read, 1: write */
#define X86_PF_USER (1 << 2) /* 0: kernel mode, 1: user mode */
#define X86_PF_RSVD (1 << 3) /* a reserved bit was set in a paging entry */
#define X86_PF_INSTR (1 << 4) /* instruction fetch */

static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) == 3;
}

typedef void (*trap_handler_t)(struct pt_regs *regs);

/* Dispatch a trap to its handler (die() if none): called by arch/entry.asm
 * for every vector with interrupts off, and by the double-fault task. */
void do_trap(struct pt_regs *regs);

/*
 * Route a vector to a handler (NULL: back to the default, which is die()
 * for an exception). Returns the handler it replaces, so that a caller can
 * put it back.
 */
trap_handler_t set_trap_handler(unsigned int vector, trap_handler_t handler);

/* The exception's name as the SDM gives it, e.g. "page fault". */
const char *trap_name(unsigned int vector);

/*
 * A function called at the end of every trap, interrupt and system call,
 * just before the return to the interrupted code: the kernel's chance to
 * switch tasks or deliver a signal there (Linux's exit_to_user_mode).
 */
void set_trap_exit_hook(void (*hook)(struct pt_regs *regs));

/* Switch kernel stacks: save this one's top in *prev_sp, resume next_sp. */
void __switch_to(unsigned long *prev_sp, unsigned long next_sp);
/* Leave the kernel with every register taken from regs (ring 3 or 0). */
__noreturn void return_to_user(struct pt_regs *regs);

/* Print the registers, a call trace and the code location of regs. */
void show_regs(const struct pt_regs *regs);
/*
 * An exception the kernel cannot handle: print an oops (what happened,
 * decoded, and the registers) and panic. Never returns.
 */
__noreturn void die(const char *str, struct pt_regs *regs);

#endif
