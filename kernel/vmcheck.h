/*
 * kernel/vmcheck.h - run mm/debug_vm.c's consistency check over every
 * address space: on demand, at init's exit (with mmstat=1), and with
 * vmcheck=1 after every user page fault and every system call.
 */
#ifndef KERNEL_VMCHECK_H
#define KERNEL_VMCHECK_H

/* Set by vmcheck=1 on the command line. */
extern int vmcheck_every;

/* Read vmcheck= from the command line. */
void vmcheck_init(void);
/*
 * Check every task's mm and every frame; print each problem and, when there
 * are any (or verbose), a summary naming the event ("system call", 45).
 * Returns the number of problems.
 */
int vmcheck(const char *event, unsigned long arg, bool verbose);

/* The debug switch: check after the event if vmcheck=1. */
static inline void vmcheck_after(const char *event, unsigned long arg)
{
	if (vmcheck_every)
		vmcheck(event, arg, false);
}

#endif
