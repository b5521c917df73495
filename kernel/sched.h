/*
 * kernel/sched.h - tasks and the scheduler: a task_struct per process, a
 * kernel stack each (vmalloc'd, with a guard page), round-robin switching
 * on the timer tick when returning to user mode.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include "arch/fpu.h"
#include "arch/traps.h"
#include "kernel/signal.h"
#include "lib/list.h"
#include "mm/mm_types.h"

/* Linux i386's THREAD_SIZE: the kernel stack of a task. */
#define THREAD_SIZE (2 * PAGE_SIZE)
#define TASK_COMM_LEN 16
/* Timer ticks a task runs before another gets the CPU. */
#define SCHED_TIMESLICE_TICKS 5

enum task_state {
	TASK_RUNNING,
	TASK_INTERRUPTIBLE, /* asleep until woken, or a signal arrives */
	EXIT_ZOMBIE, /* exited; its parent has not reaped it */
	/* Exited and reaped at once (its parent ignores SIGCHLD), but still
	 * on its own kernel stack until the switch away: the next task frees
	 * it (Linux's EXIT_DEAD and finish_task_switch). */
	EXIT_DEAD,
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
	struct task_struct *parent; /* who reaps it: its creator, or init */
	unsigned long wakeup_jiffies; /* asleep in nanosleep until then, or 0 */
	struct file *files[64]; /* open files by fd (kernel/fs.h NR_OPEN) */
	u64 close_on_exec; /* a bit per fd that execve closes (FD_CLOEXEC) */
	/* A vfork child: its parent's flag, set (and the parent, asleep
	 * until then, woken) when it execs or exits (Linux's vfork_done). */
	bool *vfork_done;
	u64 tls[3]; /* set_thread_area's GDT descriptors (GDT_ENTRY_TLS_*) */
	unsigned long clear_child_tid; /* zeroed at exit (CLONE_CHILD_CLEARTID) */
	struct sighand_struct *sighand; /* the signal actions (rt_sigaction) */
	sigset_t blocked; /* rt_sigprocmask's mask: kept, not yet acted on */
	struct fxregs_state fpu; /* the program's x87/SSE registers */
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
/* Most tasks alive or zombie at once; fork answers -EAGAIN beyond. */
#define MAX_TASKS 256

/* Iterate over every task but idle. */
#define for_each_task(t) list_for_each_entry(t, &task_list, tasks)
extern struct list_head task_list;

/* The task with this pid, or NULL. */
struct task_struct *find_task_by_pid(int pid);
/* Tasks that exist (alive or zombie), idle excluded. */
int nr_tasks(void);
/* Make a sleeping task runnable. */
void wake_up_process(struct task_struct *tsk);
/* Sleep until woken (wake_up_process, a signal, or wakeup_jiffies). */
void schedule_sleep(void);
/* A vfork child is done with its parent's memory (exec or exit): wake it. */
void vfork_release(struct task_struct *child);
/* Free a zombie's kernel stack and task_struct. */
void release_task(struct task_struct *tsk);
/* Give the CPU to the next runnable task (if any). */
void schedule(void);
/* Become the idle loop (the end of kernel_main): halt until an interrupt,
 * run whoever is ready, and end the machine when init has exited. */
__noreturn void cpu_idle(void);
/* Called on every timer tick. */
void scheduler_tick(void);

#endif
