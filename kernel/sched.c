/*
 * kernel/sched.c - round-robin scheduling. The kernel is not preemptive:
 * a task switch happens in schedule() when a task blocks or exits, or on
 * the way back to user mode after its time slice ran out (the trap exit
 * hook), never in the middle of kernel code.
 */
#include "arch/cpu.h"
#include "arch/desc.h"
#include "arch/panic.h"
#include "kernel/exit.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "mm/memory.h"
#include "mm/slab.h"
#include "mm/vmalloc.h"

static struct task_struct idle_task = { .pid = 0, .comm = "swapper" };
struct task_struct *current = &idle_task;
LIST_HEAD(task_list);
static struct kmem_cache *task_cachep, *sighand_cachep;
static int next_pid = 1;
static bool need_resched;
/* The boot code is the idle task, but it may be switched away from only
 * once it sits in the idle loop: never in the middle of kernel_main. */
static bool in_idle_loop;

struct pt_regs *task_pt_regs(struct task_struct *tsk)
{
	return (struct pt_regs *)((char *)tsk->stack + THREAD_SIZE) - 1;
}

/* The stack a new task's first __switch_to() pops: four registers, then
 * the address it "returns" to, which calls fn(arg). */
struct switch_frame {
	unsigned long edi, esi, ebx, ebp;
	unsigned long ret;
	unsigned long unused_ret; /* thread_start's own return address */
	void (*fn)(void *arg);
	void *arg;
};

/*
 * The task schedule() last switched away from. The task switched to reads
 * it on its own stack, where schedule()'s locals are from its own earlier
 * switch (Linux's switch_to() returns it as "last").
 */
static struct task_struct *last;

/* After a switch, on the new task's stack: a task that exited reaped
 * could not free the stack it was running on; now it can. */
static void finish_task_switch(struct task_struct *prev)
{
	if (prev->state == EXIT_DEAD)
		release_task(prev);
}

/* The first code a new task runs, on its own stack. */
static void thread_start(void (*fn)(void *arg), void *arg)
{
	finish_task_switch(last);
	fn(arg);
	panic("kernel_thread: %s returned", current->comm);
}

struct task_struct *kernel_thread(void (*fn)(void *arg), void *arg,
				  const char *name)
{
	struct task_struct *tsk;
	struct switch_frame *frame;

	tsk = kmem_cache_alloc(task_cachep, __GFP_ZERO);
	if (!tsk)
		return NULL;
	/* Zeroed: every action SIG_DFL. */
	tsk->sighand = kmem_cache_alloc(sighand_cachep, __GFP_ZERO);
	if (!tsk->sighand)
		goto out_task;
	tsk->stack = vmalloc(THREAD_SIZE);
	if (!tsk->stack)
		goto out_sighand;
	memset(task_pt_regs(tsk), 0, sizeof(struct pt_regs));
	frame = (struct switch_frame *)task_pt_regs(tsk) - 1;
	*frame = (struct switch_frame){ .ret = (unsigned long)thread_start,
					.fn = fn,
					.arg = arg };
	tsk->sp = (unsigned long)frame;
	tsk->pid = next_pid++;
	strlcpy(tsk->comm, name, sizeof(tsk->comm));
	tsk->state = TASK_RUNNING;
	tsk->slice = SCHED_TIMESLICE_TICKS;
	fpu_init_state(&tsk->fpu);
	list_add_tail(&tsk->tasks, &task_list);
	return tsk;
out_sighand:
	kmem_cache_free(sighand_cachep, tsk->sighand);
out_task:
	kmem_cache_free(task_cachep, tsk);
	return NULL;
}

struct task_struct *find_task_by_pid(int pid)
{
	struct task_struct *t;

	for_each_task(t) if (t->pid == pid) return t;
	return NULL;
}

int nr_tasks(void)
{
	struct task_struct *t;
	int n = 0;

	for_each_task(t) n++;
	return n;
}

void wake_up_process(struct task_struct *tsk)
{
	if (tsk->state == TASK_INTERRUPTIBLE) {
		tsk->state = TASK_RUNNING;
		tsk->wakeup_jiffies = 0;
	}
}

void schedule_sleep(void)
{
	current->state = TASK_INTERRUPTIBLE;
	schedule();
}

void vfork_release(struct task_struct *child)
{
	if (!child->vfork_done)
		return;
	/* The parent sleeps in vfork, so it is still the child's parent. */
	*child->vfork_done = true;
	child->vfork_done = NULL;
	wake_up_process(child->parent);
}

void release_task(struct task_struct *tsk)
{
	list_del(&tsk->tasks);
	vfree(tsk->stack);
	kmem_cache_free(sighand_cachep, tsk->sighand);
	kmem_cache_free(task_cachep, tsk);
}

/* The next runnable task after current in the list, else idle. */
static struct task_struct *pick_next_task(void)
{
	struct list_head *start = current == &idle_task ? &task_list :
							  &current->tasks;

	for (struct list_head *p = start->next; p != start; p = p->next) {
		struct task_struct *t;

		if (p == &task_list)
			continue;
		t = list_entry(p, struct task_struct, tasks);
		if (t->state == TASK_RUNNING)
			return t;
	}
	if (current != &idle_task && current->state == TASK_RUNNING)
		return current;
	return &idle_task;
}

void schedule(void)
{
	unsigned long flags = local_irq_save();
	struct task_struct *prev = current, *next = pick_next_task();

	need_resched = false;
	next->slice = SCHED_TIMESLICE_TICKS;
	if (next != prev) {
		if (next->mm)
			switch_mm(next->mm);
		/* Interrupts from ring 3 arrive on the top of next's stack. */
		if (next->stack)
			tss_set_sp0((unsigned long)next->stack + THREAD_SIZE);
		load_tls(
			next->tls); /* %gs is reloaded from pt_regs on return */
		fpu_save(&prev->fpu);
		fpu_restore(&next->fpu);
		current = next;
		last = prev;
		__switch_to(&prev->sp, next->sp);
		finish_task_switch(last);
	}
	local_irq_restore(flags);
}

void scheduler_tick(void)
{
	struct task_struct *t;

	/* Wake the sleepers whose time has come (nanosleep). */
	for_each_task(t)
	{
		if (t->state == TASK_INTERRUPTIBLE && t->wakeup_jiffies &&
		    time_after_eq(jiffies, t->wakeup_jiffies)) {
			wake_up_process(t);
			need_resched = true;
		}
	}
	if (--current->slice <= 0 || current == &idle_task)
		need_resched = true;
}

/* On the way out of every trap: switch tasks only where no kernel code is
 * interrupted (a return to user mode, or the idle loop), then deliver a
 * pending fatal signal. */
static void trap_exit(struct pt_regs *regs)
{
	if (need_resched &&
	    (user_mode(regs) || (current == &idle_task && in_idle_loop)))
		schedule();
	if (user_mode(regs))
		handle_pending_signal();
}

void cpu_idle(void)
{
	in_idle_loop = true;
	for (;;) {
		check_init_exited();
		/* A task made runnable outside an interrupt (init, at boot)
		 * runs now, not at the next tick, 10 ms away. Interrupts are
		 * off from the test to the halt: a wake-up in between would
		 * otherwise be slept through. */
		local_irq_disable();
		if (pick_next_task() != &idle_task) {
			local_irq_enable();
			schedule();
			continue;
		}
		safe_halt(); /* the trap exit hook switches to whoever is ready */
	}
}

void sched_init(void)
{
	task_cachep = kmem_cache_create("task_struct",
					sizeof(struct task_struct),
					__alignof__(struct task_struct));
	sighand_cachep = kmem_cache_create("sighand_cache",
					   sizeof(struct sighand_struct),
					   __alignof__(struct sighand_struct));
	if (!task_cachep || !sighand_cachep)
		panic("sched_init: no memory for the task caches");
	set_trap_exit_hook(trap_exit);
}
