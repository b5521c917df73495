/*
 * kernel/signal.c - sending signals, their default actions, and the
 * actions and mask a process sets (rt_sigaction, rt_sigprocmask).
 */
#include "arch/uaccess.h"
#include "kernel/exit.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "lib/errno.h"

#define INT_MIN (-0x7fffffff - 1) /* as C's <limits.h> */
/* rt_sigprocmask's how (include/uapi/asm-generic/signal-defs.h). */
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
/* Signals no action or mask can catch, ignore or block. */
#define SIG_KERNEL_ONLY_MASK (sigmask(SIGKILL) | sigmask(SIGSTOP))

/* rt_sigaction copies exactly this: the size the i386 ABI fixes. */
_Static_assert(sizeof(struct sigaction) == 20, "i386 struct sigaction");

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
	if (sig != SIGKILL &&
	    tsk->sighand->action[sig - 1].sa.sa_handler == SIG_IGN)
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

bool do_notify_parent(struct task_struct *tsk)
{
	const struct sigaction *sa =
		&tsk->parent->sighand->action[SIGCHLD - 1].sa;

	/*
	 * POSIX: a parent that sets SIGCHLD to SIG_IGN, or sets SA_NOCLDWAIT,
	 * leaves no zombies; Linux reaps such a child at its exit. The parent
	 * is woken all the same: a wait4 asleep there answers -ECHILD once
	 * its last child is gone. (SIGCHLD itself would do nothing: handlers
	 * are not run, and its default action is to ignore it.)
	 */
	wake_up_process(tsk->parent);
	return sa->sa_handler == SIG_IGN || (sa->sa_flags & SA_NOCLDWAIT);
}

void flush_signal_handlers(struct task_struct *t)
{
	for (int i = 0; i < _NSIG; i++) {
		struct sigaction *sa = &t->sighand->action[i].sa;

		/* The handlers were in the old program; SIG_IGN stays. */
		if (sa->sa_handler != SIG_IGN)
			sa->sa_handler = SIG_DFL;
		sa->sa_flags = 0;
		sa->sa_restorer = 0;
		sa->sa_mask = 0;
	}
}

/*
 * Linux's do_sigaction(): the old action out, the new one in. Flags Linux
 * does not know are cleared, and SIGKILL and SIGSTOP leave the mask, so
 * that reading the action back shows what is in force.
 */
static int do_sigaction(int sig, struct k_sigaction *act,
			struct k_sigaction *oact)
{
	struct k_sigaction *k;

	if (sig < 1 || sig > _NSIG ||
	    (act && (sigmask(sig) & SIG_KERNEL_ONLY_MASK)))
		return -EINVAL;
	k = &current->sighand->action[sig - 1];
	if (oact)
		*oact = *k;
	if (act) {
		act->sa.sa_flags &= UAPI_SA_FLAGS;
		act->sa.sa_mask &= ~SIG_KERNEL_ONLY_MASK;
		*k = *act;
	}
	return 0;
}

long sys_rt_sigaction(unsigned long sig, unsigned long act, unsigned long oact,
		      unsigned long sigsetsize, unsigned long a5,
		      unsigned long a6)
{
	struct k_sigaction new_sa, old_sa;
	int ret;

	/* Linux's order: the size, the new action read, then the signal;
	 * the new action is in force even if the old cannot be stored. */
	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (act && copy_from_user(&new_sa.sa, (void *)act, sizeof(new_sa.sa)))
		return -EFAULT;
	ret = do_sigaction((int)sig, act ? &new_sa : NULL,
			   oact ? &old_sa : NULL);
	if (ret)
		return ret;
	if (oact && copy_to_user((void *)oact, &old_sa.sa, sizeof(old_sa.sa)))
		return -EFAULT;
	return 0;
}

long sys_rt_sigprocmask(unsigned long how, unsigned long set,
			unsigned long oset, unsigned long sigsetsize,
			unsigned long a5, unsigned long a6)
{
	sigset_t new_set, old_set = current->blocked;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (set) {
		if (copy_from_user(&new_set, (void *)set, sizeof(new_set)))
			return -EFAULT;
		/* Never blocked: Linux drops them from every new mask,
		 * silently, as from every sa_mask. */
		new_set &= ~SIG_KERNEL_ONLY_MASK;
		if (how == SIG_BLOCK)
			current->blocked |= new_set;
		else if (how == SIG_UNBLOCK)
			current->blocked &= ~new_set;
		else if (how == SIG_SETMASK)
			current->blocked = new_set;
		else
			return -EINVAL;
	}
	if (oset && copy_to_user((void *)oset, &old_set, sizeof(old_set)))
		return -EFAULT;
	return 0;
}

void handle_pending_signal(void)
{
	int sig = current->sigpending;

	/* Every pending signal here has a fatal default action. */
	if (sig)
		do_exit(W_EXITCODE(0, sig));
}
