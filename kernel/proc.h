/*
 * kernel/proc.h - /proc: files whose text is generated when they are
 * opened, in the formats Linux prints (maps, meminfo, buddyinfo, slabinfo).
 */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include "mm/filemap.h"

/* Is path under /proc? */
bool is_proc_path(const char *path);
/* Open a /proc file: a new file object holding its text, or -errno. */
long proc_open(const char *path, struct file **out);

#endif
