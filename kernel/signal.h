/*
 * kernel/signal.h - signals, default actions only (user handlers come
 * later): a fatal signal ends the task, reported in its wait status.
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

/* Linux's numbers (include/uapi/asm-generic/signal.h). */
#define SIGILL 4
#define SIGTRAP 5
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGSEGV 11

/* Mark sig pending for the current task; it acts on the way to user mode. */
void force_sig(int sig);
/* Deliver a pending signal: for now every one is fatal (default action). */
void handle_pending_signal(void);

#endif
