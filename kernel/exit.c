/*
 * kernel/exit.c - the end of a task: its address space goes back at once,
 * the task stays a zombie with its wait status; when init ends, the
 * machine ends (DESIGN.md: QEMU exits with init's status).
 */
#include "arch/cpu.h"
#include "arch/panic.h"
#include "arch/uaccess.h"
#include "kernel/cmdline.h"
#include "kernel/exit.h"
#include "kernel/fs.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/vmcheck.h"
#include "lib/errno.h"
#include "lib/printk.h"
#include "mm/filemap.h"
#include "mm/gfp.h"
#include "mm/memory.h"
#include "mm/pgtable.h"
#include "mm/slab.h"

#define WIFSIGNALED(s) (((s)&0x7f) != 0)
#define WTERMSIG(s) ((s)&0x7f)
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
/* A shell reports death by signal n as status 128 + n. */
#define SIGNAL_EXIT_BASE 128

static unsigned long baseline_frames;
static struct task_struct *exited_init;

static bool mmstat_enabled(void)
{
	const char *v = cmdline_get("mmstat");

	return v && *v == '1';
}

/* Free frames, counting the reclaimable ones as free: empty slab pages and
 * page-cache pages (initrd files never change). */
static unsigned long free_frames(void)
{
	return nr_free_pages() + slab_empty_pages() + nr_pagecache_pages();
}

void mmstat_baseline(void)
{
	baseline_frames = free_frames();
}

static void mmstat_task(const struct task_struct *tsk,
			const struct mm_struct *mm)
{
	const struct mm_counters *c = &mm->stat;

	printk(KERN_INFO "mmstat: %s[%d] zero_fill=%lu file_read=%lu "
			 "cow_fault=%lu cow_copy=%lu cow_reuse=%lu "
			 "shared_at_fork=%lu fork_frames=%lu stack_grow=%lu "
			 "peak_rss=%lu rss=%lu highmem_rss=%lu\n",
	       tsk->comm, tsk->pid, c->zero_fill, c->file_read, c->cow_fault,
	       c->cow_copy, c->cow_reuse, c->shared_at_fork, c->fork_frames,
	       c->stack_grow, c->hiwater_rss, mm->rss, mm->rss_highmem);
}

/*
 * Hand the children of an exiting task to init, which reaps orphans. A
 * child that is a zombie already is news to init: reaped at once if init
 * wants no zombies (Linux's reparent_leader()).
 */
static void forget_original_parent(const struct task_struct *tsk)
{
	struct task_struct *init = find_task_by_pid(1), *t, *n;

	list_for_each_entry_safe(t, n, &task_list, tasks) {
		if (t->parent != tsk)
			continue;
		t->parent = init;
		if (t->state == EXIT_ZOMBIE && init && do_notify_parent(t))
			release_task(t);
	}
}

/*
 * Linux's exit_notify(): the children go to init, and the parent hears of
 * the exit. The task stays a zombie for wait4, or is reaped now if the
 * parent asked for no zombies (EXIT_DEAD: the task we switch to frees it,
 * as we are still on its stack).
 */
static void exit_notify(struct task_struct *tsk)
{
	forget_original_parent(tsk);
	tsk->state = EXIT_ZOMBIE;
	if (tsk->pid == 1)
		exited_init = tsk;
	else if (tsk->parent && do_notify_parent(tsk))
		tsk->state = EXIT_DEAD;
}

void do_exit(int status)
{
	struct task_struct *tsk = current;
	struct mm_struct *mm = tsk->mm;

	local_irq_disable();
	exit_files();
	if (mm && tsk->clear_child_tid) { /* CLONE_CHILD_CLEARTID */
		unsigned long zero = 0;

		copy_to_user((void *)tsk->clear_child_tid, &zero, sizeof(zero));
	}
	if (mm) {
		if (mmstat_enabled())
			mmstat_task(tsk, mm);
		/* Leave the address space before giving it back. */
		tsk->mm = NULL;
		write_cr3(__pa(swapper_pg_dir));
		mmput(mm);
	}
	vfork_release(tsk);
	tsk->exit_code = status;
	exit_notify(tsk);
	schedule();
	panic("do_exit: zombie %s[%d] ran again", tsk->comm, tsk->pid);
}

long do_wait(int pid, int *status, int options)
{
	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD |
			__WALL | __WCLONE))
		return -EINVAL;
	for (;;) {
		struct task_struct *t;
		bool have_child = false;

		for_each_task(t)
		{
			int child_pid;

			if (t->parent != current || (pid > 0 && t->pid != pid))
				continue;
			have_child = true;
			if (t->state != EXIT_ZOMBIE)
				continue;
			/* Linux reaps the child even when the status cannot be
			 * stored, and then reports -EFAULT. */
			child_pid = t->pid;
			*status = t->exit_code;
			release_task(t);
			return child_pid;
		}
		if (!have_child)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		schedule_sleep(); /* until a child exits, or a signal */
		if (current->sigpending)
			return -EINTR;
	}
}

void check_init_exited(void)
{
	struct task_struct *init = exited_init;
	int status, code;

	if (!init)
		return;
	status = init->exit_code;
	if (WIFSIGNALED(status)) {
		code = SIGNAL_EXIT_BASE + WTERMSIG(status);
		pr_notice("init: %s killed by signal %d\n", init->comm,
			  WTERMSIG(status));
	} else {
		code = WEXITSTATUS(status);
		pr_notice("init: %s exited with status %d\n", init->comm, code);
	}
	release_task(init);
	if (mmstat_enabled()) {
		long now = (long)free_frames();

		printk(KERN_INFO "mmstat: machine free_frames=%ld "
				 "baseline=%lu leaked=%ld\n",
		       now, baseline_frames, (long)baseline_frames - now);
		vmcheck("init's exit", (unsigned long)code, true);
	}
	qemu_debug_exit((u8)code);
	machine_halt();
}
