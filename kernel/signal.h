/*
 * kernel/signal.h - signals, default actions only (user handlers come
 * later): a fatal signal ends the task, reported in its wait status.
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

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

/* Mark sig pending for the current task; it acts on the way to user mode. */
void force_sig(int sig);
/*
 * Send sig to tsk with its default action: terminate (most signals,
 * waking it if it sleeps), or nothing for those Linux ignores by default
 * (SIGCHLD, SIGCONT, SIGURG, SIGWINCH) and for the stop signals, which
 * this kernel does not implement.
 */
void send_sig(int sig, struct task_struct *tsk);
/* kill(2): 0, -EINVAL, -ESRCH or -EPERM, as Linux answers. */
long do_kill(int pid, int sig);
/* Deliver a pending signal: for now every one is fatal (default action). */
void handle_pending_signal(void);

#endif
