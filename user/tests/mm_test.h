/* user/tests/mm_test.h - what the memory system-call tests share. */
#ifndef USER_TESTS_MM_TEST_H
#define USER_TESTS_MM_TEST_H

#include "syscall.h"
#include "ulib.h"

/*
 * The tests of mmap, munmap, mprotect, brk, madvise, mincore and mremap
 * (mmap_test.c, mmap_file_test.c, mprotect_test.c, brk_test.c,
 * madvise_test.c, mremap_test.c, and mm_fuzz.c) assert what Linux 6.1 i386
 * answers, errno by errno: real Linux is the oracle (tools/peer/run.sh),
 * and every check passes there.
 *
 * A fault is observed from outside: a forked child makes the access and
 * the parent reads how it ended (killed by SIGSEGV, by SIGBUS, or exited
 * 0). A test stops at its first failed check, prints why as a KTAP
 * diagnostic, and returns 0; it returns 1 when every check held.
 */

#define PAGE_SIZE 4096UL
#define PRIV_ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define SHARED_ANON (MAP_SHARED | MAP_ANONYMOUS)
#define PROT_RW (PROT_READ | PROT_WRITE)

/* The first address past the user half: TASK_SIZE, PAGE_OFFSET. */
#define KERNEL_HALF 0xc0000000UL
/* Linux's default vm.mmap_min_addr (CONFIG_DEFAULT_MMAP_MIN_ADDR). */
#define MMAP_MIN_ADDR 0x10000UL

#define CHECK(cond)                                                         \
	do {                                                                \
		if (!(cond)) {                                              \
			printf("# %s:%d: %s\n", __func__, __LINE__, #cond); \
			return 0;                                           \
		}                                                           \
	} while (0)

/* a == b, both as unsigned longs; on failure, both values are printed. */
#define CHECK_EQ(a, b)                                                \
	do {                                                          \
		unsigned long a_ = (unsigned long)(a);                \
		unsigned long b_ = (unsigned long)(b);                \
		if (a_ != b_) {                                       \
			printf("# %s:%d: %s == %s: 0x%lx != 0x%lx\n", \
			       __func__, __LINE__, #a, #b, a_, b_);   \
			return 0;                                     \
		}                                                     \
	} while (0)

/* The call fails, returning -1 (or MAP_FAILED) with errno err. */
#define CHECK_ERR(call, err)                                                 \
	do {                                                                 \
		long r_;                                                     \
		errno = 0;                                                   \
		r_ = (long)(call);                                           \
		if (r_ != -1 || errno != (err)) {                            \
			printf("# %s:%d: %s: 0x%lx errno %d, expected -1 "   \
			       "errno %d\n",                                 \
			       __func__, __LINE__, #call, (unsigned long)r_, \
			       r_ == -1 ? errno : 0, (err));                 \
			return 0;                                            \
		}                                                            \
	} while (0)

/* The call succeeds, returning 0. */
#define CHECK_OK(call)                                                    \
	do {                                                              \
		long r_;                                                  \
		errno = 0;                                                \
		r_ = (long)(call);                                        \
		if (r_ != 0) {                                            \
			printf("# %s:%d: %s: %ld errno %d, expected 0\n", \
			       __func__, __LINE__, #call, r_, errno);     \
			return 0;                                         \
		}                                                         \
	} while (0)

/* waitpid, again if a signal interrupts it: what waitpid returned. */
static inline pid_t wait_for(pid_t pid, int *status)
{
	pid_t r;

	do
		r = waitpid(pid, status, 0);
	while (r < 0 && errno == EINTR);
	return r;
}

static inline int exited_with(int status, int code)
{
	return WIFEXITED(status) && WEXITSTATUS(status) == code;
}

static inline int killed_by(int status, int sig)
{
	return WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

enum access { READ, WRITE };

/*
 * How a child that reads or writes the byte at addr ends: its wait status
 * (-1 if fork failed). The parent's memory is left as it was.
 */
static inline int access_status(const void *addr, enum access how)
{
	volatile char *p = (volatile char *)addr;
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (how == WRITE)
			*p = 0x5a;
		else
			(void)*p;
		_exit(0);
	}
	if (wait_for(pid, &status) != pid)
		return -1;
	return status;
}

/* The access kills the process with sig (SIGSEGV, or SIGBUS). */
#define CHECK_FAULT(addr, how, sig)                                          \
	do {                                                                 \
		int st_ = access_status((addr), (how));                      \
		if (!killed_by(st_, (sig))) {                                \
			printf("# %s:%d: %s of %s: status 0x%x, expected "   \
			       "signal %d\n",                                \
			       __func__, __LINE__, #how, #addr, st_, (sig)); \
			return 0;                                            \
		}                                                            \
	} while (0)

/* The access is allowed. */
#define CHECK_NO_FAULT(addr, how)                                          \
	do {                                                               \
		int st_ = access_status((addr), (how));                    \
		if (!exited_with(st_, 0)) {                                \
			printf("# %s:%d: %s of %s: status 0x%x, expected " \
			       "none\n",                                   \
			       __func__, __LINE__, #how, #addr, st_);      \
			return 0;                                          \
		}                                                          \
	} while (0)

/* Every byte of [p, p + len) is c. */
static inline int filled(const void *p, unsigned long len, int c)
{
	const unsigned char *b = p;
	unsigned long i;

	for (i = 0; i < len; i++)
		if (b[i] != (unsigned char)c)
			return 0;
	return 1;
}

/*
 * Run fn in a child and give its verdict: 1 if it returned nonzero there.
 * For checks that change the process for good (dropping root) or that
 * must run where a fault is survivable.
 */
static inline int in_child(int (*fn)(void))
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0)
		_exit(fn() ? 0 : 1);
	return wait_for(pid, &status) == pid && exited_with(status, 0);
}

/*
 * The address of npages of free address space: mapped, then unmapped at
 * once. It stays free until something maps there without MAP_FIXED (or
 * at a hint), which the tests avoid while they use it.
 */
static inline char *free_area(unsigned long npages)
{
	char *p = mmap(NULL, npages * PAGE_SIZE, PROT_NONE, PRIV_ANON, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	munmap(p, npages * PAGE_SIZE);
	return p;
}

/* An anonymous mapping at addr (MAP_FIXED), or NULL. */
static inline char *map_at(void *addr, unsigned long npages, int prot,
			   int flags)
{
	char *p =
		mmap(addr, npages * PAGE_SIZE, prot, flags | MAP_FIXED, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* An anonymous mapping anywhere, or NULL. */
static inline char *map_anon(unsigned long npages, int prot, int flags)
{
	char *p = mmap(NULL, npages * PAGE_SIZE, prot, flags, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/*
 * Make this process an ordinary user's (uid 65534, nobody), as a child
 * does before it checks what only privilege allows: the peer runs the
 * tests as root, and root (CAP_SYS_RAWIO) may map below mmap_min_addr. A
 * kernel without users answers setuid32 with ENOSYS: everyone is ordinary
 * there. Nonzero when the process is now unprivileged.
 */
static inline int drop_root(void)
{
	long r = syscall1(__NR_setuid32, 65534);

	return r == 0 || r == -ENOSYS;
}

#endif
