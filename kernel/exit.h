/* kernel/exit.h - ending a task: teardown, zombie, and the end of init. */
#ifndef KERNEL_EXIT_H
#define KERNEL_EXIT_H

#include "lib/compiler.h"

/* Wait-status encoding, as Linux's (WIFEXITED / WIFSIGNALED). */
#define W_EXITCODE(ret, sig) (((ret)&0xff) << 8 | ((sig)&0x7f))

/*
 * End the current task with a wait status: print its mmstat line if asked,
 * give its address space back, and leave it a zombie. Never returns.
 */
__noreturn void do_exit(int status);
/* wait4() options (Linux's include/uapi/linux/wait.h). */
#define WNOHANG 0x00000001
#define WUNTRACED 0x00000002
#define WCONTINUED 0x00000008
#define __WNOTHREAD 0x20000000
#define __WALL 0x40000000
#define __WCLONE 0x80000000

/*
 * Wait for a child (pid > 0: that one; -1 or any other value: any, as
 * every process is alone in its process group) to become a zombie, reap
 * it and store its status; the child's pid, 0 with WNOHANG when none is
 * ready, -ECHILD when there is no such child, -EINTR on a signal.
 */
long do_wait(int pid, int *status, int options);

/* If init has exited: reap it, print the machine's mmstat line and leave
 * QEMU with its status (DESIGN.md). Called from the idle loop. */
void check_init_exited(void);
/* Take the free-frame baseline that leak checks compare against. */
void mmstat_baseline(void);

#endif
