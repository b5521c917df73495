/* arch/traps.c - exception dispatch, and the oops report for the unhandled. */
#include "arch/cpu.h"
#include "arch/page.h"
#include "arch/panic.h"
#include "arch/segment.h"
#include "arch/traps.h"
#include "lib/kallsyms.h"
#include "lib/printk.h"
#include "lib/string.h"

/* How many return addresses an oops prints at most. */
#define CALL_TRACE_DEPTH 16

static trap_handler_t trap_handlers[NR_VECTORS];
static void (*trap_exit_hook)(struct pt_regs *regs);

void set_trap_exit_hook(void (*hook)(struct pt_regs *regs))
{
	trap_exit_hook = hook;
}

/* SDM vol. 3A, table 6-1. */
static const char *const exception_names[NR_EXCEPTION_VECTORS] = {
	[X86_TRAP_DE] = "divide error",
	[X86_TRAP_DB] = "debug",
	[X86_TRAP_NMI] = "non-maskable interrupt",
	[X86_TRAP_BP] = "breakpoint",
	[X86_TRAP_OF] = "overflow",
	[X86_TRAP_BR] = "bound range exceeded",
	[X86_TRAP_UD] = "invalid opcode",
	[X86_TRAP_NM] = "device not available",
	[X86_TRAP_DF] = "double fault",
	[9] = "coprocessor segment overrun",
	[X86_TRAP_TS] = "invalid TSS",
	[X86_TRAP_NP] = "segment not present",
	[X86_TRAP_SS] = "stack segment",
	[X86_TRAP_GP] = "general protection",
	[X86_TRAP_PF] = "page fault",
	[15] = "reserved",
	[X86_TRAP_MF] = "coprocessor error",
	[X86_TRAP_AC] = "alignment check",
	[X86_TRAP_MC] = "machine check",
	[X86_TRAP_XF] = "SIMD floating-point exception",
	[20] = "virtualization exception",
	[21] = "control protection",
};

const char *trap_name(unsigned int vector)
{
	if (vector < NR_EXCEPTION_VECTORS)
		return exception_names[vector] ? exception_names[vector] :
						 "reserved";
	return vector == IA32_SYSCALL_VECTOR ? "system call" : "interrupt";
}

trap_handler_t set_trap_handler(unsigned int vector, trap_handler_t handler)
{
	trap_handler_t old = trap_handlers[vector];

	trap_handlers[vector] = handler;
	return old;
}

void do_trap(struct pt_regs *regs)
{
	trap_handler_t handler = trap_handlers[regs->trapno];

	if (!handler)
		die(trap_name(regs->trapno), regs);
	handler(regs);
	if (trap_exit_hook)
		trap_exit_hook(regs);
}

/*
 * Follow the saved frame pointers (every function starts with push %ebp;
 * mov %esp,%ebp, since the kernel is built with -fno-omit-frame-pointer):
 * [ebp] is the caller's ebp and [ebp + 4] the return address. Stop at the
 * zero that boot.asm put at the bottom, or at anything that does not look
 * like a kernel stack frame.
 */
static void show_call_trace(unsigned long bp)
{
	for (int depth = 0; depth < CALL_TRACE_DEPTH; depth++) {
		const unsigned long *frame = (const unsigned long *)bp;

		if (bp < PAGE_OFFSET || bp & 3 || bp > ~0UL - 8)
			break;
		if (!frame[1])
			break;
		printk(KERN_EMERG " %pS\n", (void *)frame[1]);
		if (frame[0] <= bp)
			break;
		bp = frame[0];
	}
}

/* The prologue of a function with a frame: push %ebp; mov %esp,%ebp. */
static const u8 frame_prologue[] = { 0x55, 0x89, 0xe5 };

/*
 * A function that faults before its prologue ran, or a leaf that gcc built
 * without a frame, is missing from the frame-pointer chain. Its return
 * address is then likely the word on top of its stack; like Linux, print
 * that with a "?", since the guess can be wrong (a leaf may have pushed a
 * register first).
 */
static void show_frameless_caller(const struct pt_regs *regs, unsigned long sp)
{
	unsigned long offset;
	const u8 *start;
	unsigned long ret;

	if (!kallsyms_lookup(regs->ip, NULL, &offset))
		return;
	start = (const u8 *)(regs->ip - offset);
	if (memcmp(start, frame_prologue, sizeof(frame_prologue)) == 0 &&
	    offset >= sizeof(frame_prologue))
		return; /* the frame is set up: the chain has the caller */
	/* After "push %ebp" alone, the return address is one word up. */
	ret = ((const unsigned long *)sp)[offset == 1 ? 1 : 0];
	if (kallsyms_lookup(ret, NULL, NULL))
		printk(KERN_EMERG " ? %pS\n", (void *)ret);
}

void show_regs(const struct pt_regs *regs)
{
	/* Without a ring change the CPU pushed no ss:sp: the stack the
	 * kernel was on continues just above the saved flags. */
	unsigned long sp = user_mode(regs) || regs->trapno == X86_TRAP_DF ?
				   regs->sp :
				   (unsigned long)&regs->sp;
	unsigned long ss = user_mode(regs) ? regs->ss : __KERNEL_DS;

	printk(KERN_EMERG "EIP: %pS\n", (void *)regs->ip);
	printk(KERN_EMERG "EAX: %08lx EBX: %08lx ECX: %08lx EDX: %08lx\n",
	       regs->ax, regs->bx, regs->cx, regs->dx);
	printk(KERN_EMERG "ESI: %08lx EDI: %08lx EBP: %08lx ESP: %08lx\n",
	       regs->si, regs->di, regs->bp, sp);
	printk(KERN_EMERG
	       "DS: %04lx ES: %04lx FS: %04lx GS: %04lx SS: %04lx EFLAGS: %08lx\n",
	       regs->ds & 0xffff, regs->es & 0xffff, regs->fs & 0xffff,
	       regs->gs & 0xffff, ss & 0xffff, regs->flags);
	printk(KERN_EMERG "CR0: %08lx CR2: %08lx CR3: %08lx CR4: %08lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
	if (!user_mode(regs)) {
		printk(KERN_EMERG "Call Trace:\n");
		show_frameless_caller(regs, sp);
		show_call_trace(regs->bp);
	}
}

/* Linux's show_fault_oops(): the page-fault error code in words. */
static void show_fault_oops(const struct pt_regs *regs, unsigned long address)
{
	unsigned long ec = regs->error_code;

	printk(KERN_EMERG
	       "BUG: unable to handle page fault for address: %08lx\n",
	       address);
	printk(KERN_EMERG "#PF: %s %s in %s mode\n",
	       (ec & X86_PF_USER) ? "user" : "supervisor",
	       (ec & X86_PF_INSTR) ? "instruction fetch" :
	       (ec & X86_PF_WRITE) ? "write access" :
				     "read access",
	       user_mode(regs) ? "user" : "kernel");
	printk(KERN_EMERG "#PF: error_code(0x%04lx) - %s%s\n", ec,
	       (ec & X86_PF_PROT) ? "permissions violation" :
				    "not-present page",
	       (ec & X86_PF_RSVD) ? ", reserved bit set in a paging entry" :
				    "");
}

void die(const char *str, struct pt_regs *regs)
{
	static int die_counter;

	local_irq_disable();
	if (regs->trapno == X86_TRAP_PF)
		show_fault_oops(regs, read_cr2());
	printk(KERN_EMERG "Oops: %s, vector %lu, error_code 0x%04lx [#%d]\n",
	       str, regs->trapno, regs->error_code, ++die_counter);
	show_regs(regs);
	panic("Fatal exception");
}
