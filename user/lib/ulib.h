/* user/lib/ulib.h - the small libc of the project's user programs. */
#ifndef USER_ULIB_H
#define USER_ULIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Only the system-call ABI is known here: every call below is Linux i386's,
 * so a program built on this library runs unchanged on real Linux.
 */

typedef __PTRDIFF_TYPE__ ssize_t;
typedef int pid_t;
typedef long off_t; /* i386's: lseek (19) takes and returns 32 bits */
typedef long time_t;
typedef unsigned int mode_t;

struct iovec {
	void *iov_base;
	size_t iov_len;
};

#define EOF (-1)

/* errno values, Linux's asm-generic/errno-base.h and errno.h. */
#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EIO 5
#define ENXIO 6
#define E2BIG 7
#define ENOEXEC 8
#define EBADF 9
#define ECHILD 10
#define EAGAIN 11
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define EEXIST 17
#define ENODEV 19
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define EMFILE 24
#define ENOTTY 25
#define ETXTBSY 26
#define ESPIPE 29
#define EROFS 30
#define ENAMETOOLONG 36
#define ENOSYS 38
#define EOVERFLOW 75
#define EOPNOTSUPP 95

/* Signal numbers, Linux i386's (asm/signal.h). */
#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15

/* The last failed call's error number; never reset by a success. */
extern int errno;
/* The environment, as execve passed it (set before main). */
extern char **environ;

/* System calls: -1 and errno on failure. */
ssize_t read(int fd, void *buf, size_t count);
ssize_t write(int fd, const void *buf, size_t count);
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);
pid_t getpid(void);
/* The parent's pid: 1 (init) once the parent has exited. */
pid_t getppid(void);
/* Set the program break to addr: 0, or -1 with errno ENOMEM. */
int brk(void *addr);
/* Move the break by increment: the old break, or (void *)-1 with ENOMEM. */
void *sbrk(intptr_t increment);

/* End the process (every thread) with status & 0xff. */
__attribute__((noreturn)) void _exit(int status);
/* As _exit: this library has no buffered output or atexit to run first. */
__attribute__((noreturn)) void exit(int status);
/* Die of SIGABRT, as a C library's abort does. */
__attribute__((noreturn)) void abort(void);

/*
 * Processes. fork returns twice: 0 in the child, the child's pid in the
 * parent. vfork (user/lib/vfork.asm) shares the parent's memory and stack
 * and suspends the parent until the child calls execve or _exit, which are
 * the only things the child may do. execve returns only on failure.
 */
pid_t fork(void);
__attribute__((returns_twice)) pid_t vfork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
/* execve with this process's environ. */
int execv(const char *path, char *const argv[]);
int kill(pid_t pid, int sig);
int sched_yield(void);

/*
 * Waiting for children. pid -1 is any child; options WNOHANG makes the call
 * return 0 at once when no child has exited yet. The status word is Linux's:
 * exit code in bits 8-15, or the killing signal in bits 0-6.
 */
#define WNOHANG 1
#define WIFEXITED(s) (((s)&0x7f) == 0)
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WIFSIGNALED(s) (((s)&0x7f) != 0 && ((s)&0x7f) != 0x7f)
#define WTERMSIG(s) ((s)&0x7f)

struct rusage; /* not defined here: pass NULL */
pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru);
/* waitpid(-1, status, 0) */
pid_t wait(int *status);

/* Time: i386's 32-bit timespec, as nanosleep (162) and clock_gettime (265). */
struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1

/* Sleep for *req; if a signal interrupts it, -1 EINTR and the rest in *rem. */
int nanosleep(const struct timespec *req, struct timespec *rem);
/* Sleep for seconds: 0, or the seconds left if interrupted. */
unsigned int sleep(unsigned int seconds);
int clock_gettime(int clock, struct timespec *tp);

/* Files. open's flags and lseek's whence are Linux's (asm-generic/fcntl.h). */
#define O_RDONLY 00
#define O_WRONLY 01
#define O_RDWR 02
#define O_CREAT 0100
#define O_TRUNC 01000
#define O_DIRECTORY 0200000 /* fail with ENOTDIR unless a directory */
#define O_NONBLOCK 04000
#define O_CLOEXEC 02000000 /* closed by execve (FD_CLOEXEC) */

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3 /* the next data at or after the offset */
#define SEEK_HOLE 4 /* the next hole (a file's end counts as one) */

/* ioctl requests any file answers (Linux's do_vfs_ioctl(): include/uapi/
 * linux/fs.h and asm-generic/ioctls.h), and two of a terminal's. */
#define FIBMAP 1
#define FIGETBSZ 2
#define TCGETS 0x5401
#define TIOCGWINSZ 0x5413
#define FIONREAD 0x541B
#define FIONBIO 0x5421
#define FIONCLEX 0x5450
#define FIOCLEX 0x5451
#define FIOASYNC 0x5452
#define FIOQSIZE 0x5460

/* open(path, flags) or, with O_CREAT, open(path, flags, mode). */
int open(const char *path, int flags, ...);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);

/*
 * Linux i386's struct stat64 (arch/x86/include/uapi/asm/stat.h), 96 bytes:
 * the 64-bit fields are only 4-byte aligned on i386, so there is no padding
 * but the explicit one. The inode number is there twice: __st_ino, 32 bits,
 * from before stat64, and st_ino, 64 bits, at the end.
 */
struct stat64 {
	uint64_t st_dev;
	unsigned char __pad0[4];
	uint32_t __st_ino;
	uint32_t st_mode;
	uint32_t st_nlink;
	uint32_t st_uid;
	uint32_t st_gid;
	uint64_t st_rdev;
	unsigned char __pad3[4];
	int64_t st_size;
	uint32_t st_blksize;
	uint64_t st_blocks; /* 512-byte blocks */
	uint32_t st_atime;
	uint32_t st_atime_nsec;
	uint32_t st_mtime;
	uint32_t st_mtime_nsec;
	uint32_t st_ctime;
	uint32_t st_ctime_nsec;
	uint64_t st_ino;
};

/* File types in st_mode (Linux's include/uapi/linux/stat.h). */
#define S_IFMT 0170000
#define S_IFSOCK 0140000
#define S_IFLNK 0120000
#define S_IFREG 0100000
#define S_IFBLK 0060000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFIFO 0010000
#define S_ISREG(m) (((m)&S_IFMT) == S_IFREG)
#define S_ISDIR(m) (((m)&S_IFMT) == S_IFDIR)

/* fstatat64's "the current directory" and "do not follow a link"
 * (Linux's include/uapi/linux/fcntl.h). */
#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EMPTY_PATH 0x1000 /* an empty path names dirfd itself */

int fstat64(int fd, struct stat64 *st);
/* The file at path, relative to the directory open at dirfd (or AT_FDCWD). */
int fstatat64(int dirfd, const char *path, struct stat64 *st, int flags);
/* fstatat64(AT_FDCWD, path, st, 0), as C libraries define it. */
int stat64(const char *path, struct stat64 *st);

/*
 * The whole of a small file (a /proc file, say) into buf, NUL-terminated:
 * its length, or -1 with errno. What does not fit in size - 1 bytes is cut.
 */
ssize_t read_file(const char *path, char *buf, size_t size);

/*
 * Directories. getdents64 (220) fills buf with whole records, one per
 * entry, each d_reclen bytes long: the number of bytes filled, 0 at the
 * end of the directory, or -1 with errno. The record is Linux's struct
 * linux_dirent64 (include/linux/dirent.h), which is also glibc's struct
 * dirent64: d_name is NUL-terminated, d_type one of the DT_ values.
 */
struct dirent {
	uint64_t d_ino;
	int64_t d_off; /* where the next entry is, for the kernel */
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* d_type (Linux's include/linux/fs_types.h): the file type, st_mode >> 12. */
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12

ssize_t getdents64(int fd, void *buf, size_t count);

/*
 * opendir/readdir/closedir over getdents64, as in C: readdir gives the next
 * entry (valid until the next call), or NULL at the end or on an error
 * (errno then says which: it is left alone at the end).
 */
typedef struct dir_stream DIR;
DIR *opendir(const char *path);
struct dirent *readdir(DIR *dir);
int closedir(DIR *dir);
/* The file descriptor under dir (for fstatat64). */
int dirfd(DIR *dir);

/* The value of the environment variable name, or NULL. */
char *getenv(const char *name);

/* The longest path, its NUL included (Linux's include/uapi/linux/limits.h). */
#define PATH_MAX 4096

/*
 * Find the program name as a shell does: a name with a '/' is a path, any
 * other is looked for in each directory of $PATH (default /bin:/usr/bin).
 * 0 and its path in path[PATH_MAX], or -1 with errno (ENOENT: not found).
 */
int find_program(const char *name, char *path);

/*
 * Run the program at path with argv in a child and wait for it: the wait
 * status, or -1 with errno when no child could be made. If execve fails,
 * the child exits with SPAWN_FAILED (127, as shells use). The child is
 * made with vfork: it costs no page faults of its own.
 */
#define SPAWN_FAILED 127
int spawn_wait(const char *path, char *const argv[]);

/* Numbers from text, as in C: base 0 takes 0x for hex and 0 for octal. */
unsigned long strtoul(const char *s, char **end, int base);
long strtol(const char *s, char **end, int base);
int atoi(const char *s);

/* Sort n elements of size bytes at base, in cmp's order. */
void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *));

/*
 * A number in a /proc file of "name value" or "Name:  value kB" lines
 * (/proc/meminfo, /proc/vmstat, /proc/PID/status, smaps): 0 and *value
 * set when text has a line that starts with name followed by ':' or a
 * blank, and a decimal number after the blanks; -1 if there is none.
 */
int proc_field(const char *text, const char *name, unsigned long *value);
/* The rest of that line, without the leading blanks, into out (cut to
 * size - 1 characters): 0, or -1 and "" if there is no such line. */
int proc_string(const char *text, const char *name, char *out, size_t size);
/* A short English description of an errno value. */
const char *strerror(int errnum);

/* Memory and strings, as in C. */
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strcpy(char *dst, const char *src);

/*
 * Formatted output: conversions d i u o x X p s c %, flags '-' and '0', a
 * field width, length modifiers l and ll. snprintf and vsnprintf return the
 * length the whole output would have had, as C99 says.
 */
__attribute__((format(printf, 1, 2))) int printf(const char *fmt, ...);
/* printf to fd: dprintf(2, ...) for error messages. */
__attribute__((format(printf, 2, 3))) int dprintf(int fd, const char *fmt, ...);
__attribute__((format(printf, 3, 4))) int snprintf(char *buf, size_t size,
						   const char *fmt, ...);
__attribute__((format(printf, 3, 0))) int
vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
/* s and a newline on stdout, in one write. */
int puts(const char *s);

/*
 * Memory mappings, Linux i386's (asm-generic/mman-common.h, asm/mman.h).
 * mmap goes through mmap2 (192), whose offset counts pages: a byte offset
 * that is negative or not a multiple of the page size is refused here with
 * EINVAL, before any system call, as glibc does. Failure is MAP_FAILED.
 */
#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE 0x0f
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_GROWSDOWN 0x0100
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000
#define MAP_FIXED_NOREPLACE 0x100000
#define MAP_FAILED ((void *)-1)

#define MADV_NORMAL 0
#define MADV_RANDOM 1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED 3
#define MADV_DONTNEED 4
#define MADV_FREE 8
#define MADV_REMOVE 9
#define MADV_DONTFORK 10
#define MADV_DOFORK 11
#define MADV_MERGEABLE 12
#define MADV_UNMERGEABLE 13
#define MADV_HUGEPAGE 14
#define MADV_NOHUGEPAGE 15
#define MADV_DONTDUMP 16
#define MADV_DODUMP 17
#define MADV_WIPEONFORK 18
#define MADV_KEEPONFORK 19
#define MADV_COLD 20
#define MADV_PAGEOUT 21
#define MADV_POPULATE_READ 22
#define MADV_POPULATE_WRITE 23
#define MADV_DONTNEED_LOCKED 24
#define MADV_COLLAPSE 25
#define MADV_HWPOISON 100
#define MADV_SOFT_OFFLINE 101

#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2

void *mmap(void *addr, size_t length, int prot, int flags, int fd,
	   off_t offset);
int munmap(void *addr, size_t length);
int mprotect(void *addr, size_t length, int prot);
int madvise(void *addr, size_t length, int advice);
/* One byte per page of [addr, addr + length) in vec: bit 0 set if resident. */
int mincore(void *addr, size_t length, unsigned char *vec);
/* With MREMAP_FIXED, a fifth argument: the new address. */
void *mremap(void *old_address, size_t old_size, size_t new_size, int flags,
	     ...);

/*
 * The old mmap (90), which takes its six arguments in a block in memory
 * and its offset in bytes. Nothing calls it any more but tests of the
 * system call itself.
 */
struct mmap_arg_struct {
	unsigned long addr;
	unsigned long len;
	unsigned long prot;
	unsigned long flags;
	unsigned long fd;
	unsigned long offset;
};

void *old_mmap(const struct mmap_arg_struct *args);

/* The heap, over brk: NULL with errno ENOMEM when the break cannot move. */
void *malloc(size_t size);
void free(void *ptr);
void *calloc(size_t nmemb, size_t size);
void *realloc(void *ptr, size_t size);

/* A named test case: run returns 1 when it passed. */
struct ktap_case {
	const char *name;
	int (*run)(void);
};

/* Run the cases in order, printing KTAP ("ok N name" / "not ok N name")
 * and a summary line; what main returns: 0 when every case passed. */
int ktap_run(const char *suite, const struct ktap_case *cases, int n);

#endif
