/* kernel/signal.c - pending signals and their default action. */
#include "kernel/exit.h"
#include "kernel/sched.h"
#include "kernel/signal.h"

void force_sig(int sig)
{
	/* The first one wins: the task dies of what happened first. */
	if (!current->sigpending)
		current->sigpending = sig;
}

void handle_pending_signal(void)
{
	int sig = current->sigpending;

	/* Every signal here has a fatal default action (no handlers yet). */
	if (sig)
		do_exit(W_EXITCODE(0, sig));
}
