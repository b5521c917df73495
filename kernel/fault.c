/*
 * kernel/fault.c - what the kernel does with a page fault (vector 14) and
 * the other exceptions a user program can raise: ask mm/ to resolve the
 * fault, and when it cannot, kill the task with Linux's signal and its
 * report line. A kernel-mode fault on a user address goes the same way,
 * and when it cannot be resolved the exception table's fixup makes the
 * copy fail with -EFAULT; any other kernel fault is an oops.
 */
#include "arch/cpu.h"
#include "arch/uaccess.h"
#include "kernel/exit.h"
#include "kernel/fault.h"
#include "kernel/fault_trace.h"
#include "kernel/oom_kill.h"
#include "kernel/sched.h"
#include "kernel/vmcheck.h"
#include "kernel/signal.h"
#include "lib/printk.h"
#include "lib/string.h"
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/vma.h"

/* Linux's print_vma_addr(): " in NAME[START+SIZE]" for the VMA of ip. */
static void print_vma_addr(struct mm_struct *mm, unsigned long ip)
{
	struct vm_area_struct *vma = mm ? find_vma(mm, ip) : NULL;
	const char *name;

	if (!vma || vma->vm_start > ip || !vma->vm_file)
		return;
	name = strrchr(vma->vm_file->f_path, '/');
	name = name ? name + 1 : vma->vm_file->f_path;
	printk(KERN_CONT " in %s[%lx+%lx]", name, vma->vm_start,
	       vma->vm_end - vma->vm_start);
}

/* Linux's show_signal_msg(): the segfault line. */
static void show_signal_msg(struct pt_regs *regs, unsigned long address)
{
	printk(KERN_INFO "%s[%d]: segfault at %lx ip %08lx sp %08lx error %lx",
	       current->comm, current->pid, address, regs->ip, regs->sp,
	       regs->error_code);
	print_vma_addr(current->mm, regs->ip);
	printk(KERN_CONT "\n");
}

/* Keep what happened in the fault ring (and print it when tracing). */
static void record_fault(const struct pt_regs *regs, unsigned long ip,
			 unsigned long address, const struct vm_fault *vmf)
{
	struct fault_record *rec = fault_trace_next();
	const struct vm_area_struct *vma = vmf->vma;

	rec->pid = current->pid;
	__builtin_memcpy(rec->comm, current->comm, sizeof(rec->comm));
	rec->address = address;
	rec->error_code = regs->error_code;
	rec->ip = ip;
	rec->resolution = vmf->resolution;
	rec->stack_grew = vmf->stack_grew;
	rec->vm_start = vma ? vma->vm_start : 0;
	rec->vm_end = vma ? vma->vm_end : 0;
	rec->vm_flags = vma ? vma->vm_flags : 0;
	rec->pfn = vmf->pte && pte_present(*vmf->pte) ? pte_pfn(*vmf->pte) : 0;
	fault_trace_commit(rec);
}

static void do_page_fault(struct pt_regs *regs)
{
	unsigned long address = read_cr2();
	unsigned long ip = regs->ip; /* before a fixup moves it */
	struct vm_fault vmf = { .address = address,
				.resolution = FAULT_SIGSEGV };
	vm_fault_t fault = VM_FAULT_SIGSEGV;

	if (regs->error_code & X86_PF_WRITE)
		vmf.flags |= FAULT_FLAG_WRITE;
	if (regs->error_code & X86_PF_USER)
		vmf.flags |= FAULT_FLAG_USER;
	if (regs->error_code & X86_PF_INSTR)
		vmf.flags |= FAULT_FLAG_INSTRUCTION;
	/* Only user addresses of a task with an mm can be resolved; a
	 * reserved bit is a corrupt page table, never the program's doing. */
	if (address < TASK_SIZE && current->mm &&
	    !(regs->error_code & X86_PF_RSVD))
		fault = __handle_mm_fault(current->mm, &vmf);
	if (fault == VM_FAULT_OK) {
		record_fault(regs, ip, address, &vmf);
		if (user_mode(regs)) /* not in the middle of a system call */
			vmcheck_after("page fault at", address);
		return;
	}
	if (!user_mode(regs)) {
		/* A user copy: it returns -EFAULT. */
		if (address < TASK_SIZE && fixup_exception(regs)) {
			vmf.resolution = FAULT_FIXUP;
			record_fault(regs, ip, address, &vmf);
			return;
		}
		record_fault(regs, ip, address, &vmf);
		die("page fault", regs);
	}
	record_fault(regs, ip, address, &vmf);
	if (fault & VM_FAULT_OOM) {
		out_of_memory(); /* the access is retried on return */
		return;
	}
	show_signal_msg(regs, address);
	force_sig(fault & VM_FAULT_SIGBUS ? SIGBUS : SIGSEGV);
}

/* Exceptions a program can cause, and the signal Linux answers with. */
static const struct {
	unsigned int vector;
	int sig;
	const char *what;
} user_traps[] = {
	{ X86_TRAP_DE, SIGFPE, "divide error" },
	/* A program may set EFLAGS.TF itself (popf): single-stepping. */
	{ X86_TRAP_DB, SIGTRAP, "debug" },
	{ X86_TRAP_BP, SIGTRAP, "int3" },
	{ X86_TRAP_OF, SIGSEGV, "overflow" },
	{ X86_TRAP_BR, SIGSEGV, "bounds" },
	{ X86_TRAP_UD, SIGILL, "invalid opcode" },
	{ X86_TRAP_NP, SIGBUS, "segment not present" },
	{ X86_TRAP_SS, SIGBUS, "stack segment" },
	{ X86_TRAP_GP, SIGSEGV, "general protection fault" },
	{ X86_TRAP_MF, SIGFPE, "coprocessor error" },
	{ X86_TRAP_AC, SIGBUS, "alignment check" },
	{ X86_TRAP_XF, SIGFPE, "simd exception" },
};

static void do_user_trap(struct pt_regs *regs)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(user_traps); i++) {
		if (user_traps[i].vector != regs->trapno)
			continue;
		if (!user_mode(regs))
			break;
		/* Linux's do_trap() report. */
		printk(KERN_INFO
		       "traps: %s[%d] trap %s ip:%lx sp:%lx error:%lx",
		       current->comm, current->pid, user_traps[i].what,
		       regs->ip, regs->sp, regs->error_code);
		print_vma_addr(current->mm, regs->ip);
		printk(KERN_CONT "\n");
		force_sig(user_traps[i].sig);
		return;
	}
	die(trap_name(regs->trapno), regs);
}

/*
 * A double fault (arch/doublefault.c brings it here on a stack of its own).
 * In this kernel it means, nearly always, that a kernel stack overflowed
 * into the guard page below it: say so, as Linux does, then oops.
 */
static void do_double_fault(struct pt_regs *regs)
{
	unsigned long address = read_cr2();
	unsigned long lo = (unsigned long)current->stack;

	if (lo && address >= lo - PAGE_SIZE && address < lo) {
		printk(KERN_EMERG "BUG: stack guard page was hit at %08lx "
				  "(stack is %08lx..%08lx)\n",
		       address, lo, lo + THREAD_SIZE - 1);
		die("kernel stack overflow (double-fault)", regs);
	}
	die("double fault", regs);
}

void fault_init(void)
{
	set_trap_handler(X86_TRAP_DF, do_double_fault);
	set_trap_handler(X86_TRAP_PF, do_page_fault);
	for (unsigned int i = 0; i < ARRAY_SIZE(user_traps); i++)
		set_trap_handler(user_traps[i].vector, do_user_trap);
}
