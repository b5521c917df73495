/*
 * kernel/sys.c - what a static glibc program asks for before main():
 * a TLS segment for %gs, a tid address and resource limits, answered
 * as Linux answers them (signal actions: kernel/signal.c).
 */
#include "arch/desc.h"
#include "arch/segment.h"
#include "arch/uaccess.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/sys.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/memory.h"

/* Resource limits (Linux's include/uapi/asm-generic/resource.h). */
#define RLIMIT_NPROC 6
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_NOFILE 7
#define RLIM_NLIMITS 16
#define RLIM_INFINITY (~0UL)

struct rlimit {
	unsigned long rlim_cur, rlim_max;
};

/* All zeros but the entry number: what programs pass to mean "no segment"
 * (Linux's LDT_zero; the documented way is the "empty" description). */
static bool ldt_zero(const struct user_desc *info)
{
	return !info->base_addr && !info->limit && !info->contents &&
	       !info->read_exec_only && !info->seg_32bit &&
	       !info->limit_in_pages && !info->seg_not_present &&
	       !info->useable;
}

/*
 * Linux's tls_desc_okay(): a TLS slot holds a present 32-bit data segment,
 * or nothing. A code segment, a 16-bit one or one marked not present is
 * -EINVAL: loaded into %gs, a not-present one would fault in the kernel's
 * own return to user mode.
 */
static bool tls_desc_okay(const struct user_desc *info)
{
	if (!tls_desc_from_user(info) || ldt_zero(info))
		return true;
	return info->seg_32bit && info->contents <= 1 && !info->seg_not_present;
}

/*
 * The slot entry was just emptied. A user segment register naming it (in
 * the registers saved on entry) would fault when the return to user mode
 * reloads it: Linux reloads ds, es, fs and gs with the null selector (the
 * fixup of its loadsegment), and a stack segment makes its iret fail,
 * which it answers with SIGILL.
 */
static void forget_emptied_tls(unsigned int entry)
{
	struct pt_regs *regs = task_pt_regs(current);
	unsigned long *segs[] = { &regs->ds, &regs->es, &regs->fs, &regs->gs };
	unsigned long sel = entry * 8; /* in the GDT, with any RPL */

	for (unsigned int i = 0; i < ARRAY_SIZE(segs); i++)
		if ((*segs[i] & ~SEGMENT_RPL_MASK) == sel)
			*segs[i] = 0;
	if ((regs->ss & ~SEGMENT_RPL_MASK) == sel) {
		regs->ss = __USER_DS;
		force_sig(SIGILL);
	}
}

long sys_set_thread_area(unsigned long u_info, unsigned long a2,
			 unsigned long a3, unsigned long a4, unsigned long a5,
			 unsigned long a6)
{
	struct user_desc info;
	int idx;

	if (copy_from_user(&info, (void *)u_info, sizeof(info)))
		return -EFAULT;
	if (!tls_desc_okay(&info))
		return -EINVAL;
	if (info.entry_number == ~0U) { /* "any free slot", written back */
		for (idx = 0; idx < GDT_ENTRY_TLS_ENTRIES; idx++)
			if (!current->tls[idx])
				break;
		if (idx == GDT_ENTRY_TLS_ENTRIES)
			return -ESRCH;
		info.entry_number = GDT_ENTRY_TLS_MIN + (unsigned int)idx;
		if (copy_to_user((void *)u_info, &info.entry_number,
				 sizeof(info.entry_number)))
			return -EFAULT;
	}
	if (info.entry_number < GDT_ENTRY_TLS_MIN ||
	    info.entry_number >= GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES)
		return -EINVAL;
	idx = (int)(info.entry_number - GDT_ENTRY_TLS_MIN);
	current->tls[idx] = ldt_zero(&info) ? 0 : tls_desc_from_user(&info);
	load_tls(current->tls);
	if (!current->tls[idx])
		forget_emptied_tls(info.entry_number);
	return 0;
}

long sys_set_tid_address(unsigned long tidptr, unsigned long a2,
			 unsigned long a3, unsigned long a4, unsigned long a5,
			 unsigned long a6)
{
	current->clear_child_tid = tidptr;
	return current->pid; /* one thread per process: the tid is the pid */
}

long sys_ugetrlimit(unsigned long resource, unsigned long rlim,
		    unsigned long a3, unsigned long a4, unsigned long a5,
		    unsigned long a6)
{
	struct rlimit r = { RLIM_INFINITY, RLIM_INFINITY };

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (resource == RLIMIT_STACK)
		r.rlim_cur = STACK_LIMIT; /* the limit expand_stack applies */
	else if (resource == RLIMIT_CORE)
		r.rlim_cur = 0; /* no core dumps */
	else if (resource == RLIMIT_NOFILE)
		r.rlim_cur = r.rlim_max = 64; /* NR_OPEN */
	else if (resource == RLIMIT_NPROC)
		r.rlim_cur = r.rlim_max = MAX_TASKS;
	return copy_to_user((void *)rlim, &r, sizeof(r)) ? -EFAULT : 0;
}
