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
/* If init has exited: reap it, print the machine's mmstat line and leave
 * QEMU with its status (DESIGN.md). Called from the idle loop. */
void check_init_exited(void);
/* Take the free-frame baseline that leak checks compare against. */
void mmstat_baseline(void);

#endif
