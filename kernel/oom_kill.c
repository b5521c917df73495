/*
 * kernel/oom_kill.c - when a page fault finds no free frame, kill the
 * process using the most memory (its resident pages and its page tables,
 * Linux's oom_badness() without swap), as Linux's OOM killer does by
 * default, and say so in Linux's words. init is never chosen while anyone
 * else can be.
 */
#include "kernel/oom_kill.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "lib/printk.h"
#include "mm/memory.h"

#define KB_PER_PAGE (PAGE_SIZE / 1024)

/* What killing the task gives back, in pages. A process that touches one
 * page per 4 MiB costs as much in page tables as in data. */
static unsigned long oom_badness(const struct mm_struct *mm)
{
	return mm->rss + mm->nr_ptes;
}

static struct task_struct *select_bad_process(void)
{
	struct task_struct *t, *victim = NULL;

	for_each_task(t)
	{
		if (!t->mm || t->state == EXIT_ZOMBIE || t->pid == 1 ||
		    t->sigpending == SIGKILL)
			continue;
		if (!victim || oom_badness(t->mm) > oom_badness(victim->mm))
			victim = t;
	}
	return victim;
}

/*
 * A victim killed earlier that has not exited yet: its memory is on its
 * way back. Choosing another now would kill two processes for one
 * shortage (several tasks can fault before the victim runs): Linux's
 * oom_evaluate_task() aborts the scan and waits for it too.
 */
static bool oom_victim_pending(void)
{
	struct task_struct *t;

	for_each_task(t)
	{
		if (t != current && t->mm && t->state != EXIT_ZOMBIE &&
		    t->sigpending == SIGKILL)
			return true;
	}
	return false;
}

void out_of_memory(void)
{
	struct task_struct *victim;
	struct mm_struct *mm;

	/* Killed already: it dies on its way back to user mode. */
	if (current->sigpending == SIGKILL)
		return;
	if (oom_victim_pending()) {
		schedule(); /* let the victim run to its exit */
		return;
	}
	victim = select_bad_process();
	if (!victim)
		victim = current; /* only init is left: it must go */
	mm = victim->mm;
	printk(KERN_ERR "Out of memory: Killed process %d (%s) total-vm:%lukB, "
			"anon-rss:%lukB, file-rss:%lukB, shmem-rss:0kB, UID:0 "
			"pgtables:%lukB oom_score_adj:0\n",
	       victim->pid, victim->comm, mm->total_vm * KB_PER_PAGE,
	       (mm->rss - mm->rss_file) * KB_PER_PAGE,
	       mm->rss_file * KB_PER_PAGE, mm->nr_ptes * KB_PER_PAGE);
	if (victim == current) {
		force_sig(SIGKILL);
		return;
	}
	/* Past send_sig's rules: the kernel, not a user, decides this. */
	victim->sigpending = SIGKILL;
	wake_up_process(victim);
	/* Let the victim run and give its memory back before we retry. */
	schedule();
}
