/* kernel/tty.h - the console as a terminal: fds 0, 1 and 2 of processes. */
#ifndef KERNEL_TTY_H
#define KERNEL_TTY_H

#include "mm/filemap.h"

/* Take over the serial line's input (canonical mode, as Linux's N_TTY). */
void tty_init(void);
/* The one console file object that fds 0-2 share. */
struct file *tty_console_file(void);

#endif
