/*
 * kernel/proc.h - /proc: directories of processes and of the machine, and
 * files whose contents the kernel makes when asked, in Linux's formats
 * (maps, smaps, status, pagemap, meminfo, vmstat, buddyinfo, slabinfo)
 * and its sysctl /proc/sys/vm/trace_faults.
 */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include "kernel/fs.h"

/* The inode number of /proc itself (Linux's PROC_ROOT_INO). */
#define PROC_ROOT_INO 1

/* Is path (absolute, canonical) /proc or below it? */
bool is_proc_path(const char *path);
/*
 * Open the /proc file or directory at path (absolute, canonical) with
 * open()'s flags; dir_only: it must be a directory. A new file object in
 * *out, or -errno: -ENOENT, -ENOTDIR, -EISDIR for a directory opened for
 * writing, -EACCES for writing a read-only file.
 */
long proc_open(const char *path, unsigned int flags, bool dir_only,
	       struct file **out);
/* stat() of a /proc path; nofollow: /proc/self as the link it is. */
long proc_stat(const char *path, bool dir_only, bool nofollow,
	       struct stat64 *st);

#endif
