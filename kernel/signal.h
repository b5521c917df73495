/*
 * kernel/signal.h - signals, default actions only: a fatal signal ends the
 * task, reported in its wait status. Actions set by rt_sigaction are kept
 * whole, as Linux keeps them, but a handler is recorded, not run (its
 * signal takes the default action; docs/decisions.md).
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include "lib/types.h"

struct task_struct;

/* Linux's numbers (include/uapi/asm-generic/signal.h). */
#define SIGINT 2
#define SIGILL 4
#define SIGTRAP 5
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGSEGV 11
#define SIGTERM 15
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGWINCH 28
#define _NSIG 64
/* sa_handler values with a meaning of their own. */
#define SIG_DFL 0UL
#define SIG_IGN 1UL

/* sa_flags (arch/x86/include/uapi/asm/signal.h and asm-generic). */
#define SA_NOCLDSTOP 0x00000001U
#define SA_NOCLDWAIT 0x00000002U
#define SA_SIGINFO 0x00000004U
#define SA_EXPOSE_TAGBITS 0x00000800U
#define SA_RESTORER 0x04000000U
#define SA_ONSTACK 0x08000000U
#define SA_RESTART 0x10000000U
#define SA_NODEFER 0x40000000U
#define SA_RESETHAND 0x80000000U
/* The flags Linux keeps; it clears the others, so that a program can tell
 * which it knows (include/linux/signal_types.h, x86's SA_RESTORER). */
#define UAPI_SA_FLAGS                                                         \
	(SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK | SA_RESTART | \
	 SA_NODEFER | SA_RESETHAND | SA_EXPOSE_TAGBITS | SA_RESTORER)

/* A set of the 64 signals, signal n at bit n - 1: the same bytes as
 * Linux's i386 sigset_t (two longs, little-endian). */
typedef u64 sigset_t;
#define sigmask(sig) (1ULL << ((sig)-1)) /* Linux's linux/signal.h */

/* The i386 kernel's struct sigaction, as rt_sigaction reads and writes
 * it (arch/x86/include/asm/signal.h; not the C library's). */
struct sigaction {
	unsigned long sa_handler;
	unsigned long sa_flags;
	unsigned long sa_restorer;
	sigset_t sa_mask;
};

struct k_sigaction {
	struct sigaction sa;
};

/* A process's signal actions, by signal - 1 (one thread per process:
 * never shared). An object of its own, as in Linux: too big for the
 * task_struct's slab. */
struct sighand_struct {
	struct k_sigaction action[_NSIG];
};

/* Mark sig pending for the current task; it acts on the way to user mode. */
void force_sig(int sig);
/*
 * Send sig to tsk with its default action: terminate (most signals,
 * waking it if it sleeps), or nothing for those Linux ignores by default
 * (SIGCHLD, SIGCONT, SIGURG, SIGWINCH), for those tsk set to SIG_IGN, and
 * for the stop signals, which this kernel does not implement.
 */
void send_sig(int sig, struct task_struct *tsk);
/* kill(2): 0, -EINVAL, -ESRCH or -EPERM, as Linux answers. */
long do_kill(int pid, int sig);
/*
 * tsk has exited: wake its parent, which may be in wait4. True if the
 * parent wants no zombies (SIGCHLD set to SIG_IGN, or SA_NOCLDWAIT): then
 * tsk is reaped at once. (Linux's do_notify_parent(tsk, sig): the exit
 * signal is always SIGCHLD here, as clone takes no other.)
 */
bool do_notify_parent(struct task_struct *tsk);
/* At exec: every action back to the default but SIG_IGN, which stays;
 * no flags, no mask (Linux's flush_signal_handlers(t, 0)). */
void flush_signal_handlers(struct task_struct *t);
/* Deliver a pending signal: for now every one is fatal (default action). */
void handle_pending_signal(void);

long sys_rt_sigaction(unsigned long sig, unsigned long act, unsigned long oact,
		      unsigned long sigsetsize, unsigned long a5,
		      unsigned long a6);
long sys_rt_sigprocmask(unsigned long how, unsigned long set,
			unsigned long oset, unsigned long sigsetsize,
			unsigned long a5, unsigned long a6);

#endif
