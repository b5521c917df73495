/*
 * kernel/oom_kill.c - when a page fault finds no free frame, kill the
 * process using the most memory (its resident pages), as Linux's OOM
 * killer does by default, and say so in Linux's words. init is never
 * chosen while anyone else can be.
 */
#include "kernel/oom_kill.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "lib/printk.h"
#include "mm/memory.h"

#define KB_PER_PAGE (PAGE_SIZE / 1024)

static struct task_struct *select_bad_process(void)
{
	struct task_struct *t, *victim = NULL;

	for_each_task(t)
	{
		if (!t->mm || t->state == EXIT_ZOMBIE || t->pid == 1 ||
		    t->sigpending == SIGKILL)
			continue;
		if (!victim || t->mm->rss > victim->mm->rss)
			victim = t;
	}
	return victim;
}

void out_of_memory(void)
{
	struct task_struct *victim = select_bad_process();
	struct mm_struct *mm;

	if (!victim)
		victim = current; /* only init is left: it must go */
	mm = victim->mm;
	printk(KERN_ERR "Out of memory: Killed process %d (%s) total-vm:%lukB, "
			"anon-rss:%lukB, file-rss:%lukB, shmem-rss:0kB, UID:0 "
			"pgtables:%lukB oom_score_adj:0\n",
	       victim->pid, victim->comm, mm->total_vm * KB_PER_PAGE,
	       (mm->rss - mm->rss_file) * KB_PER_PAGE,
	       mm->rss_file * KB_PER_PAGE, KB_PER_PAGE);
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
