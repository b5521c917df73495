/*
 * kernel/fs.h - open files and the file-descriptor table: a tiny VFS over
 * the initrd (read-only regular files and directories), /proc and the
 * console.
 */
#ifndef KERNEL_FS_H
#define KERNEL_FS_H

#include "mm/filemap.h"

struct initrd_file;
struct task_struct;

/* The longest path a system call takes (Linux's PATH_MAX). */
#define PATH_MAX 4096

/* Per-task open files (Linux's default RLIMIT_NOFILE is 1024). */
#define NR_OPEN 64

/* File types and permission bits (Linux's include/uapi/linux/stat.h). */
#define S_IFMT 0170000
#define S_IFLNK 0120000
#define S_IFREG 0100000
#define S_IFDIR 0040000
#define S_IWUSR 00200
#define S_ISDIR(m) (((m)&S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m)&S_IFMT) == S_IFREG)
/* What st_blocks counts (stat(2)): 512-byte units. */
#define STAT_BLOCK_SIZE 512
/* getdents64's d_type of a mode: DT_DIR 4, DT_REG 8, DT_LNK 10 (Linux's
 * include/linux/fs_types.h S_DT: the file type bits, shifted down). */
#define S_DT(m) (((m)&S_IFMT) >> 12)
#define DT_DIR S_DT(S_IFDIR)

/* open() flags (Linux's include/uapi/asm-generic/fcntl.h). */
#define O_ACCMODE 00000003
#define O_RDONLY 00000000
#define O_WRONLY 00000001
#define O_RDWR 00000002
#define O_CREAT 00000100
#define O_TRUNC 00001000
#define O_APPEND 00002000
#define O_NONBLOCK 00004000
#define O_DIRECTORY 00200000
#define O_CLOEXEC 02000000

/* The "current directory" of the *at() calls (Linux's fcntl.h). */
#define AT_FDCWD (-100)

/* A file position (Linux's loff_t). */
typedef long long loff_t;

/* lseek() whence (Linux's include/uapi/linux/fs.h). */
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3
#define SEEK_HOLE 4
#define SEEK_MAX SEEK_HOLE
/* The largest position of a file on a 32-bit kernel (Linux's
 * include/linux/fs.h MAX_LFS_FILESIZE), and of one on a file system
 * that keeps below 2 GiB, as /proc does (MAX_NON_LFS). */
#define MAX_LFS_FILESIZE ((loff_t)0xffffffffUL << PAGE_SHIFT)
#define MAX_NON_LFS ((loff_t)0x7fffffff)
/* The largest loff_t (Linux's OFFSET_MAX): no limit but the type's. */
#define OFFSET_MAX ((loff_t)0x7fffffffffffffffLL)

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

/*
 * A directory being listed (Linux's struct dir_context): pos is the
 * position of the next entry, and each entry goes to actor, which says
 * false when there is no room for it; the listing then stops, and pos stays
 * at that entry for the next call.
 */
struct dir_context {
	bool (*actor)(struct dir_context *ctx, const char *name, u64 ino,
		      unsigned int type);
	long long pos;
};

/* Hand one entry (d_type from S_DT) to the listing at ctx->pos; false
 * when it did not fit. */
static inline bool dir_emit(struct dir_context *ctx, const char *name, u64 ino,
			    unsigned int type)
{
	return ctx->actor(ctx, name, ino, type);
}

/* "." and "..", positions 0 and 1 of every directory: false when they did
 * not fit (ctx->pos is then where to go on). */
bool dir_emit_dots(struct dir_context *ctx, u64 ino, u64 parent_ino);

struct file_operations {
	/* Copy up to count bytes to the user buffer; bytes, 0 at EOF, -errno. */
	long (*read)(struct file *f, char *ubuf, unsigned long count);
	/* From a user buffer; bytes written or -errno. */
	long (*write)(struct file *f, const char *ubuf, unsigned long count);
	/* A device's own requests; -ENOTTY for everything else. */
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	/* Fill st (kernel memory). */
	void (*stat)(struct file *f, struct stat64 *st);
	/* Directories: list the entries from ctx->pos on; 0 or -errno. */
	int (*iterate)(struct file *f, struct dir_context *ctx);
	/* Move f_pos (whence SEEK_SET...SEEK_HOLE): the new position or
	 * -errno. NULL: not seekable (ESPIPE), as a terminal. */
	loff_t (*llseek)(struct file *f, loff_t offset, int whence);
};

/* Set f_pos to offset unless it is negative or past maxsize (EINVAL);
 * the position or -errno (Linux's vfs_setpos()). */
loff_t vfs_setpos(struct file *f, loff_t offset, loff_t maxsize);
/*
 * The llseek of a file of eof bytes that is all data, positions up to
 * maxsize (Linux's generic_file_llseek_size()): SEEK_DATA finds offset
 * itself, SEEK_HOLE the end; either past the end is -ENXIO.
 */
loff_t generic_file_llseek_size(struct file *f, loff_t offset, int whence,
				loff_t maxsize, loff_t eof);
/* As Linux's default_llseek(): the whence of generic_file_llseek_size()
 * with the size stat gives, and no limit but a negative position. */
loff_t default_llseek(struct file *f, loff_t offset, int whence);
/* SEEK_SET and SEEK_CUR to any position that is not negative; every
 * other whence is -EINVAL (Linux's seq_lseek(); tmpfs's directories,
 * dcache_dir_lseek(), answer alike). */
loff_t seq_lseek(struct file *f, loff_t offset, int whence);

/*
 * Copy a user path into buf (PATH_MAX bytes): its length (0 for ""), or
 * -EFAULT or -ENAMETOOLONG.
 */
long getname(unsigned long upath, char *buf);
/*
 * Make the path in buf (from getname, not empty) absolute and canonical in
 * place: relative to the directory open at dirfd, or to "/" for AT_FDCWD
 * (everyone's working directory); no "//", "." or ".." left. *dir_only is
 * set when the name must be a directory ("a/", "a/."). 0 or -errno: what
 * ".." leaves must be a directory (-ENOENT, -ENOTDIR), and a name longer
 * than NAME_MAX in a directory is -ENAMETOOLONG, as Linux walks a path.
 */
long path_at(int dirfd, char *buf, bool *dir_only);
/* Does the canonical path name a directory? 0, -ENOENT or -ENOTDIR. */
long path_is_dir(const char *path);
/*
 * The initrd file execve runs, its name found as open() finds it
 * (Linux's open_exec()): 0 and *out, or -errno (-EACCES for what is not a
 * regular file of the initrd: nothing else here may be executed).
 */
long open_exec(const char *name, struct initrd_file **out);

/* The current task's open file at fd, or NULL (no reference taken). */
struct file *fget(unsigned long fd);
/* Close fd (an open one) at execve or not (FD_CLOEXEC). */
void set_close_on_exec(unsigned int fd, bool on);
/* execve's point of no return: close the fds marked close-on-exec. */
void do_close_on_exec(void);
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
long sys_getdents64(unsigned long fd, unsigned long dirent, unsigned long count,
		    unsigned long a4, unsigned long a5, unsigned long a6);

#endif
