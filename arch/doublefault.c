/*
 * arch/doublefault.c - a double fault (#DF, vector 8) runs as a task of its
 * own, with its own stack, as on Linux i386 (arch/x86/kernel/doublefault_32.c).
 *
 * Why: the commonest double fault is a kernel stack overflow. The stack runs
 * into the unmapped guard page below it (mm/vmalloc.c), the CPU raises a
 * page fault, and then cannot push the page fault's frame onto that same
 * stack: a fault while delivering a fault is a double fault (SDM vol. 3A,
 * 6.15, "Interrupt 8"). An ordinary handler would need the broken stack
 * too, and the CPU would give up (triple fault: a reset, no message). A
 * task gate instead makes the CPU save every register into the kernel's
 * TSS and load a fresh set from doublefault_tss, stack pointer included.
 */
#include "arch/cpu.h"
#include "arch/desc.h"
#include "arch/page.h"
#include "arch/panic.h"
#include "arch/segment.h"
#include "arch/traps.h"
#include "lib/compiler.h"

/* EFLAGS bit 1 is always 1 (SDM vol. 1, 3.4.3); IF stays clear. */
#define X86_EFLAGS_FIXED 0x2UL
#define DOUBLEFAULT_STACK_SIZE PAGE_SIZE

static u8 doublefault_stack[DOUBLEFAULT_STACK_SIZE] __aligned(16);
static struct x86_hw_tss doublefault_tss __aligned(16);

/*
 * Where the double-fault task starts, on doublefault_stack, with the CPU's
 * error code (always 0 for #DF) pushed on it instead of a return address.
 * The registers of the code that faulted are in the kernel's TSS: make
 * them the pt_regs that the trap handlers and the oops report expect.
 */
static __noreturn __used void doublefault_shim(void)
{
	const struct x86_hw_tss *t = cpu_tss();
	struct pt_regs regs = {
		.ax = t->ax,
		.bx = t->bx,
		.cx = t->cx,
		.dx = t->dx,
		.si = t->si,
		.di = t->di,
		.bp = t->bp,
		.sp = t->sp,
		.ds = t->ds,
		.es = t->es,
		.fs = t->fs,
		.gs = t->gs,
		.ss = t->ss,
		.cs = t->cs,
		.ip = t->ip,
		.flags = t->flags,
		.trapno = X86_TRAP_DF,
	};

	do_trap(&regs);
	panic("double fault"); /* a double fault cannot be returned from */
}

void doublefault_init(void)
{
	doublefault_tss.ip = (u32)doublefault_shim;
	doublefault_tss.sp = (u32)doublefault_stack + DOUBLEFAULT_STACK_SIZE;
	doublefault_tss.sp0 = doublefault_tss.sp;
	doublefault_tss.ss0 = __KERNEL_DS;
	doublefault_tss.flags = X86_EFLAGS_FIXED;
	doublefault_tss.cs = __KERNEL_CS;
	doublefault_tss.ss = doublefault_tss.ds = doublefault_tss.es =
		__KERNEL_DS;
	/* The kernel half is the same in every page directory: whichever is
	 * live now will do (the task switch loads CR3 from here). */
	doublefault_tss.cr3 = read_cr3();
	doublefault_tss.io_bitmap_base = sizeof(doublefault_tss);
	set_tss_desc(GDT_ENTRY_DOUBLEFAULT_TSS, &doublefault_tss);
	set_task_gate(X86_TRAP_DF, __DOUBLEFAULT_TSS);
}
