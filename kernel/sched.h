/*
 * kernel/sched.h - tasks and the scheduler: a task_struct per process, a
 * kernel stack each (vmalloc'd, with a guard page), round-robin switching
 * on the timer tick when returning to user mode.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include "arch/traps.h"
#include "lib/list.h"
#include "mm/mm_types.h"

/* Linux i386's THREAD_SIZE: the kernel stack of a task. */
#define THREAD_SIZE (2 * PAGE_SIZE)
#define TASK_COMM_LEN 16
/* Timer ticks a task runs before another gets the CPU. */
#define SCHED_TIMESLICE_TICKS 5

enum task_state {
	TASK_RUNNING,
	EXIT_ZOMBIE, /* exited; its parent has not reaped it */
};

struct task_struct {
	int pid;
	char comm[TASK_COMM_LEN]; /* the program's name, for messages */
	enum task_state state;
	struct mm_struct *mm; /* NULL for kernel threads */
	void *stack; /* THREAD_SIZE bytes, vmalloc'd */
	unsigned long sp; /* saved kernel stack pointer while switched out */
	int exit_code; /* the wait status, once a zombie */
	int slice; /* ticks left in this time slice */
	int sigpending; /* a fatal signal to act on before user mode, or 0 */
	struct list_head tasks; /* every task, in creation order */
};

/* The task running now. */
extern struct task_struct *current;

/* Make the boot context the idle task (pid 0) and start time slicing. */
void sched_init(void);
/*
 * A new task whose kernel stack starts in fn(arg); its user registers are
 * the pt_regs at the top of that stack (task_pt_regs). NULL if out of
 * memory.
 */
struct task_struct *kernel_thread(void (*fn)(void *arg), void *arg,
				  const char *name);
/* The user registers of a task, saved at the top of its kernel stack. */
struct pt_regs *task_pt_regs(struct task_struct *tsk);
/* Free a zombie's kernel stack and task_struct. */
void release_task(struct task_struct *tsk);
/* Give the CPU to the next runnable task (if any). */
void schedule(void);
/* Called on every timer tick. */
void scheduler_tick(void);

#endif
