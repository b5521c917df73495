/* kernel/fork.h - creating a process as a copy of the current one. */
#ifndef KERNEL_FORK_H
#define KERNEL_FORK_H

#include "arch/traps.h"

/*
 * A child that is a copy of the current task: the same registers (with 0
 * as its fork result), a copy-on-write copy of the address space. Returns
 * the child's pid, -EAGAIN past MAX_TASKS, or -ENOMEM.
 */
long do_fork(const struct pt_regs *regs);
/*
 * vfork: the child borrows the parent's address space, not a copy, and the
 * parent sleeps until the child calls execve or exits (Linux's
 * CLONE_VM | CLONE_VFORK). Returns as do_fork.
 */
long do_vfork(const struct pt_regs *regs);

#endif
