/*
 * kernel/fs.h - open files and the file-descriptor table: a tiny VFS over
 * the initrd (read-only regular files and directories) and the console.
 */
#ifndef KERNEL_FS_H
#define KERNEL_FS_H

#include "mm/filemap.h"

struct task_struct;

/* The longest path a system call takes (Linux's PATH_MAX). */
#define PATH_MAX 4096

/* Per-task open files (Linux's default RLIMIT_NOFILE is 1024). */
#define NR_OPEN 64

/* Linux i386's struct stat64 (arch/x86/include/uapi/asm/stat.h): 96
 * bytes; 64-bit members are 4-byte aligned on i386. */
struct stat64 {
	unsigned long long st_dev;
	unsigned char __pad0[4];
	unsigned long __st_ino;
	unsigned int st_mode;
	unsigned int st_nlink;
	unsigned long st_uid;
	unsigned long st_gid;
	unsigned long long st_rdev;
	unsigned char __pad3[4];
	long long st_size;
	unsigned long st_blksize;
	unsigned long long st_blocks;
	unsigned long st_atime, st_atime_nsec;
	unsigned long st_mtime, st_mtime_nsec;
	unsigned long st_ctime, st_ctime_nsec;
	unsigned long long st_ino;
};
_Static_assert(sizeof(struct stat64) == 96, "the i386 ABI's size");

struct file_operations {
	/* Copy up to count bytes to the user buffer; bytes, 0 at EOF, -errno. */
	long (*read)(struct file *f, char *ubuf, unsigned long count);
	/* From a user buffer; bytes written or -errno. */
	long (*write)(struct file *f, const char *ubuf, unsigned long count);
	/* A device's own requests; -ENOTTY for everything else. */
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	/* Fill st (kernel memory). */
	void (*stat)(struct file *f, struct stat64 *st);
	bool seekable;
};

/* The current task's open file at fd, or NULL (no reference taken). */
struct file *fget(unsigned long fd);
/* The cache of file objects (boot, before the first process). */
void files_init(void);
/* fds 0, 1 and 2 of the first process: the console. */
void open_console_fds(void);
/* Copy the fd table into a forked child (each file gains a reference). */
void copy_files(struct task_struct *child);
/* Close every fd of the current task (exit). */
void exit_files(void);

/* The file system calls, Linux's semantics and errors. */
long sys_read(unsigned long fd, unsigned long buf, unsigned long count,
	      unsigned long a4, unsigned long a5, unsigned long a6);
long sys_write(unsigned long fd, unsigned long buf, unsigned long count,
	       unsigned long a4, unsigned long a5, unsigned long a6);
long sys_writev(unsigned long fd, unsigned long uvec, unsigned long vlen,
		unsigned long a4, unsigned long a5, unsigned long a6);
long sys_open(unsigned long path, unsigned long flags, unsigned long mode,
	      unsigned long a4, unsigned long a5, unsigned long a6);
long sys_close(unsigned long fd, unsigned long a2, unsigned long a3,
	       unsigned long a4, unsigned long a5, unsigned long a6);
long sys_lseek(unsigned long fd, unsigned long offset, unsigned long whence,
	       unsigned long a4, unsigned long a5, unsigned long a6);
long sys_ioctl(unsigned long fd, unsigned long cmd, unsigned long arg,
	       unsigned long a4, unsigned long a5, unsigned long a6);
long sys_fstatat64(unsigned long dirfd, unsigned long path,
		   unsigned long statbuf, unsigned long flags, unsigned long a5,
		   unsigned long a6);
long sys_fstat64(unsigned long fd, unsigned long statbuf, unsigned long a3,
		 unsigned long a4, unsigned long a5, unsigned long a6);

#endif
