/*
 * kernel/vmcheck.c - the memory manager's consistency check, over all the
 * tasks' address spaces (mm/debug_vm.c knows the invariants; this file
 * knows the tasks). Slow on purpose: every frame and every user PTE.
 */
#include "kernel/cmdline.h"
#include "kernel/sched.h"
#include "kernel/vmcheck.h"
#include "lib/printk.h"
#include "mm/debug_vm.h"

int vmcheck_every;

void vmcheck_init(void)
{
	const char *v = cmdline_get("vmcheck");

	vmcheck_every = v && *v == '1';
	if (vmcheck_every)
		pr_info("vmcheck: checking the memory manager after every "
			"page fault and system call\n");
}

/* Has a task listed before t the same mm (vfork, CLONE_VM)? */
static bool mm_seen_before(const struct task_struct *t)
{
	const struct task_struct *u;

	for_each_task(u)
	{
		if (u == t)
			return false;
		if (u->mm == t->mm)
			return true;
	}
	return false;
}

int vmcheck(const char *event, unsigned long arg, bool verbose)
{
	struct vm_check c;
	struct task_struct *t;
	int errors;

	if (vm_check_begin(&c)) {
		pr_err("vmcheck: no memory for the check after %s %lu\n", event,
		       arg);
		return 0;
	}
	for_each_task(t)
	{
		if (t->mm && !mm_seen_before(t))
			vm_check_mm(&c, t->mm, t->pid, t->comm);
	}
	errors = vm_check_end(&c);
	if (errors || verbose)
		pr_info("vmcheck: %d problems after %s %lu in %s[%d] (%lu mms, "
			"%lu PTEs, %lu frames)\n",
			errors, event, arg, current->comm, current->pid, c.mms,
			c.ptes, c.nr_frames);
	return errors;
}
