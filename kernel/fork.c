/*
 * kernel/fork.c - fork: a new task whose address space is a copy-on-write
 * copy of its parent's (mm/mmap.c dup_mm). Nothing is copied but the VMAs
 * and the page tables; the cost grows with the pages mapped, never with
 * their bytes.
 */
#include "arch/cpu.h"
#include "kernel/fork.h"
#include "kernel/fs.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/gfp.h"
#include "mm/mmap.h"

/* The child's first code: back to user mode with the parent's registers. */
static void ret_from_fork(void *unused)
{
	return_to_user(task_pt_regs(current));
}

/* A new task with the caller's registers (0 as its result) and files;
 * mm is its address space. Left not yet runnable. */
static struct task_struct *copy_process(const struct pt_regs *regs)
{
	struct task_struct *child;
	struct pt_regs *child_regs;

	if (nr_tasks() >= MAX_TASKS)
		return NULL;
	child = kernel_thread(ret_from_fork, NULL, current->comm);
	if (!child)
		return NULL;
	child->state = TASK_INTERRUPTIBLE;
	child_regs = task_pt_regs(child);
	*child_regs = *regs;
	child_regs->ax = 0; /* fork returns 0 in the child */
	child->parent = current;
	memcpy(child->tls, current->tls, sizeof(child->tls));
	fpu_save(&current->fpu); /* the child starts with our registers */
	child->fpu = current->fpu;
	*child->sighand = *current->sighand; /* Linux's copy_sighand() */
	child->blocked = current->blocked; /* POSIX: fork keeps the mask */
	return child;
}

long do_vfork(const struct pt_regs *regs)
{
	struct task_struct *child;
	bool vfork_done = false;
	int pid;

	if (nr_tasks() >= MAX_TASKS)
		return -EAGAIN;
	child = copy_process(regs);
	if (!child)
		return -ENOMEM;
	child->mm = current->mm;
	child->mm->mm_users++;
	copy_files(child);
	child->vfork_done = &vfork_done;
	pid = child->pid;
	child->state = TASK_RUNNING;
	/*
	 * The child runs on our user stack: we must not, until it is done.
	 * But SIGKILL ends the wait, as in Linux's killable
	 * wait_for_vfork_done(): this task then dies before it touches user
	 * memory again, and the child must not wake it afterwards. Else an
	 * OOM victim could never exit, and the killer would wait for it.
	 * The flag is ours: once it is set the child may be gone already
	 * (reaped at its exit, when we ignore SIGCHLD); until then it has
	 * not exited.
	 */
	while (!vfork_done) {
		if (current->sigpending == SIGKILL) {
			child->vfork_done = NULL;
			break;
		}
		schedule_sleep();
	}
	return pid;
}

long do_fork(const struct pt_regs *regs)
{
	struct task_struct *child;
	unsigned long before;

	if (nr_tasks() >= MAX_TASKS)
		return -EAGAIN;
	child = copy_process(regs);
	if (!child)
		return -ENOMEM;
	before = nr_free_pages();
	child->mm = dup_mm(current->mm);
	if (!child->mm) {
		release_task(child);
		return -ENOMEM;
	}
	/* Page tables and the VMAs' slab pages: never the data itself. */
	child->mm->stat.fork_frames = before - nr_free_pages();
	/* The parent's PTEs lost their write bit: drop its stale TLB entries. */
	__flush_tlb();
	copy_files(child);
	child->state = TASK_RUNNING;
	return child->pid;
}
