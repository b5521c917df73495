/* kernel/signal.c - sending signals, and their default actions. */
#include "kernel/exit.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "lib/errno.h"

#define INT_MIN (-0x7fffffff - 1) /* as C's <limits.h> */

void force_sig(int sig)
{
	/* The first one wins: the task dies of what happened first. */
	if (!current->sigpending)
		current->sigpending = sig;
}

/* Signals whose default action is to do nothing (Linux's SIG_KERNEL_IGNORE
 * set), and the stop signals, which are not implemented here. */
static bool sig_ignored(int sig)
{
	switch (sig) {
	case SIGCHLD:
	case SIGCONT:
	case SIGURG:
	case SIGWINCH:
	case SIGSTOP:
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
		return true;
	default:
		return false;
	}
}

void send_sig(int sig, struct task_struct *tsk)
{
	/* Like Linux, init gets only the signals it asks for: none, here. */
	if (sig_ignored(sig) || tsk->state == EXIT_ZOMBIE || tsk->pid == 1)
		return;
	/* SIG_IGN is honoured; a handler cannot be run yet, so the default
	 * action happens (the handler is only recorded, by rt_sigaction). */
	if (sig != SIGKILL && tsk->sig_handler[sig - 1] == SIG_IGN)
		return;
	if (!tsk->sigpending)
		tsk->sigpending = sig;
	wake_up_process(tsk); /* a sleeping system call returns -EINTR */
}

long do_kill(int pid, int sig)
{
	struct task_struct *t;
	bool found = false;

	/* Every process is alone in its process group (no setpgid yet):
	 * kill(0) is the caller, kill(-n) is process n. -INT_MIN is no
	 * number: no such process (Linux's kill_something_info). */
	if (pid == 0)
		pid = current->pid;
	if (pid == INT_MIN)
		return -ESRCH;
	if (pid < -1)
		pid = -pid;
	for_each_task(t)
	{
		/* kill(-1) reaches everyone but init and the caller. */
		if (pid == -1 ? (t->pid == 1 || t == current) : t->pid != pid)
			continue;
		found = true;
		/* Linux checks the signal once it has found a target: a
		 * bad signal to no one is -ESRCH, to someone -EINVAL. */
		if (sig < 0 || sig > _NSIG)
			return -EINVAL;
		if (t->state == EXIT_ZOMBIE && pid != -1)
			return 0; /* Linux: a zombie still "exists" */
		if (sig)
			send_sig(sig, t);
	}
	return found ? 0 : -ESRCH;
}

void handle_pending_signal(void)
{
	int sig = current->sigpending;

	/* Every pending signal here has a fatal default action. */
	if (sig)
		do_exit(W_EXITCODE(0, sig));
}
