/* kernel/oom_kill.h - the out-of-memory killer. */
#ifndef KERNEL_OOM_KILL_H
#define KERNEL_OOM_KILL_H

/*
 * No frame for a page fault: kill the process with the most resident pages
 * and page tables (SIGKILL), printing Linux's "Out of memory: Killed
 * process" line, and let it run to its end before the faulting task tries
 * again; while an earlier victim has not exited, only wait for it.
 */
void out_of_memory(void);

#endif
