/* user/tests/edge_calls_test.c - odd system calls answered as Linux does. */
#include "mm_test.h"

/*
 * One check per case where sys_fuzz.c found this kernel answering
 * differently from Linux 6.1 (or not surviving the question), each named
 * for what a program sees. Every check passes on the peer too.
 */

#ifndef __NR_clone
#define __NR_clone 120
#endif
#ifndef __NR_ioctl
#define __NR_ioctl 54
#endif
#define __NR_rt_sigaction_ 174
#define __NR_rt_sigprocmask_ 175
#define __NR_set_thread_area_ 243
#define SIG_SETMASK 2
#define SIGSET_SIZE 8
#define SIGSTOP 19
#define SIGCHLD 17
#define SIG_DFL_ 0UL
#define SIG_IGN_ 1UL
#define SA_NOCLDWAIT 0x00000002UL
/* The sa_flags Linux 6.1 keeps (UAPI_SA_FLAGS, x86's SA_RESTORER in). */
#define UAPI_SA_FLAGS 0xdc000807UL
#define CLONE_CHILD_SETTID 0x01000000
#define O_RDONLY_ 0
#define PROT_GROWSDOWN 0x01000000
#define PROT_GROWSUP 0x02000000
#define MREMAP_DONTUNMAP 4
/* One execve string at most, its NUL included (linux/binfmts.h). */
#define MAX_ARG_STRLEN (32 * PAGE_SIZE)
/* execve's room for strings and pointers: a quarter of the 8 MiB stack
 * limit (Linux's bprm_stack_limits()). */
#define ARG_ROOM (2UL << 20)

/* A clone whose child tid pointer is in the kernel half: the write is
 * skipped (Linux's put_user fails quietly), the child runs and exits. */
static int clone_tid_in_kernel_half(void)
{
	int status;
	long pid = syscall5(__NR_clone, SIGCHLD | CLONE_CHILD_SETTID, 0, 0, 0,
			    (long)KERNEL_HALF);

	if (pid == 0)
		_exit(7);
	CHECK(pid > 0);
	CHECK_EQ(wait_for((pid_t)pid, &status), pid);
	CHECK(exited_with(status, 7));
	return 1;
}

/* The signal number is checked once a target is found. */
static int kill_checks_the_target_first(void)
{
	CHECK_ERR(kill(0x7ffffff0, 65), ESRCH);
	CHECK_ERR(kill(getpid(), 65), EINVAL);
	return 1;
}

/* SIGKILL and SIGSTOP leave any mask silently; the rest stays. */
static int sigkill_cannot_be_blocked(void)
{
	unsigned long all[2] = { ~0UL, ~0UL }, old[2] = { 0, 0 },
		      none[2] = { 0, 0 };

	CHECK_OK(syscall4(__NR_rt_sigprocmask_, SIG_SETMASK, (long)all, 0,
			  SIGSET_SIZE));
	CHECK_OK(syscall4(__NR_rt_sigprocmask_, SIG_SETMASK, (long)none,
			  (long)old, SIGSET_SIZE));
	CHECK_EQ(old[0],
		 ~0UL & ~(1UL << (SIGKILL - 1)) & ~(1UL << (SIGSTOP - 1)));
	CHECK_EQ(old[1], ~0UL);
	return 1;
}

/* The new action is read before the signal is judged. */
static int sigaction_reads_the_action_first(void)
{
	unsigned long act[5] = { 0 };

	CHECK_EQ(syscall4(__NR_rt_sigaction_, SIGSTOP, (long)KERNEL_HALF, 0,
			  SIGSET_SIZE),
		 -EFAULT);
	CHECK_EQ(syscall4(__NR_rt_sigaction_, SIGSTOP, (long)act, 0,
			  SIGSET_SIZE),
		 -EINVAL);
	return 1;
}

/* The i386 kernel's struct sigaction: handler, flags, restorer, mask. */
struct k_sigaction_ {
	unsigned long handler, flags, restorer, mask[2];
};

static long set_action(int sig, unsigned long handler, unsigned long flags)
{
	struct k_sigaction_ act = { handler, flags, 0, { 0, 0 } };

	return syscall4(__NR_rt_sigaction_, sig, (long)&act, 0, SIGSET_SIZE);
}

/* The action reads back as it was set: the flags Linux knows, the
 * restorer, the mask without SIGKILL and SIGSTOP. */
static int sigaction_keeps_the_whole_action(void)
{
	struct k_sigaction_ act = { SIG_IGN_, ~0UL, 0x12345678, { ~0UL, ~0UL } },
			    old;

	CHECK_EQ(syscall4(__NR_rt_sigaction_, SIGUSR1, (long)&act, 0, 4),
		 -EINVAL); /* sigsetsize */
	CHECK_OK(syscall4(__NR_rt_sigaction_, SIGUSR1, (long)&act, 0,
			  SIGSET_SIZE));
	memset(&old, 0x5a, sizeof(old));
	CHECK_OK(syscall4(__NR_rt_sigaction_, SIGUSR1, 0, (long)&old,
			  SIGSET_SIZE));
	CHECK_EQ(old.handler, SIG_IGN_);
	CHECK_EQ(old.flags, UAPI_SA_FLAGS);
	CHECK_EQ(old.restorer, 0x12345678);
	CHECK_EQ(old.mask[0],
		 ~0UL & ~(1UL << (SIGKILL - 1)) & ~(1UL << (SIGSTOP - 1)));
	CHECK_EQ(old.mask[1], ~0UL);
	CHECK_OK(set_action(SIGUSR1, SIG_DFL_, 0));
	CHECK_OK(syscall4(__NR_rt_sigaction_, SIGUSR1, 0, (long)&old,
			  SIGSET_SIZE));
	CHECK(old.handler == SIG_DFL_ && !old.flags && !old.restorer &&
	      !old.mask[0] && !old.mask[1]);
	return 1;
}

/* Whether pid is a zombie, as /proc/PID/status says. */
static int is_zombie(pid_t pid)
{
	char path[32], text[512], state[16];
	int fd;
	long n;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	fd = open(path, O_RDONLY_);
	if (fd < 0)
		return 0;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	text[n > 0 ? n : 0] = '\0';
	return !proc_string(text, "State", state, sizeof(state)) &&
	       state[0] == 'Z';
}

/* Wait (a second at most) for pid to be a zombie: whether it is. */
static int wait_zombie(pid_t pid)
{
	struct timespec ms = { 0, 1000000 };
	int tries;

	for (tries = 0; !is_zombie(pid) && tries < 1000; tries++)
		nanosleep(&ms, NULL);
	return is_zombie(pid);
}

/*
 * A parent that ignores SIGCHLD, or sets SA_NOCLDWAIT, leaves no zombies:
 * the child is reaped at its exit, and wait4 waits for every child to be
 * gone, then answers ECHILD. A zombie from before stays one.
 */
static int no_zombies(unsigned long handler, unsigned long flags)
{
	pid_t pid, late;
	int status;

	pid = fork();
	if (pid == 0)
		_exit(4);
	CHECK(wait_zombie(pid));
	CHECK_OK(set_action(SIGCHLD, handler, flags));
	CHECK_EQ(wait_for(pid, &status), pid);
	CHECK(exited_with(status, 4));
	pid = fork();
	if (pid == 0)
		_exit(5);
	CHECK_ERR(wait_for(pid, &status), ECHILD);
	CHECK_ERR(kill(pid, 0), ESRCH); /* not a zombie either */
	pid = vfork();
	if (pid == 0)
		_exit(6);
	CHECK(pid > 0);
	CHECK_ERR(wait_for(pid, &status), ECHILD);
	late = fork();
	if (late == 0) {
		struct timespec ts = { 0, 20000000 };

		nanosleep(&ts, NULL);
		_exit(7);
	}
	CHECK_EQ(waitpid(-1, &status, WNOHANG), 0); /* alive: wait for it */
	CHECK_ERR(wait_for(-1, &status), ECHILD);
	CHECK_ERR(kill(late, 0), ESRCH);
	CHECK_OK(set_action(SIGCHLD, SIG_DFL_, 0));
	return 1;
}

static int sigchld_ignored_leaves_no_zombies(void)
{
	return no_zombies(SIG_IGN_, 0);
}

static int sa_nocldwait_leaves_no_zombies(void)
{
	return no_zombies(SIG_DFL_, SA_NOCLDWAIT);
}

/*
 * A process that exits leaves its zombie children to init, which reaps
 * them. On this kernel the test is init: ignoring SIGCHLD is how it reaps
 * the orphans it inherits, at once. On Linux the peer's init waits for
 * them.
 */
static int orphaned_zombie_is_reaped(void)
{
	volatile pid_t *orphan = (pid_t *)map_anon(1, PROT_RW, SHARED_ANON);
	struct timespec ms = { 0, 1000000 };
	int status, tries;
	pid_t mid;

	CHECK(orphan);
	CHECK_OK(set_action(SIGCHLD, SIG_IGN_, 0));
	mid = fork();
	if (mid == 0) {
		pid_t pid;

		set_action(SIGCHLD, SIG_DFL_, 0); /* its child: a zombie */
		pid = fork();
		if (pid == 0)
			_exit(0);
		*orphan = wait_zombie(pid) ? pid : -1;
		_exit(0);
	}
	CHECK_ERR(wait_for(mid, &status), ECHILD);
	CHECK(*orphan > 0);
	for (tries = 0; kill(*orphan, 0) == 0 && tries < 1000; tries++)
		nanosleep(&ms, NULL);
	CHECK_ERR(kill(*orphan, 0), ESRCH);
	CHECK_OK(set_action(SIGCHLD, SIG_DFL_, 0));
	CHECK_OK(munmap((void *)orphan, PAGE_SIZE));
	return 1;
}

/* A child starts with its parent's signal mask. */
static int fork_keeps_the_signal_mask(void)
{
	unsigned long set[2] = { 1UL << (SIGUSR1 - 1), 0 }, old[2] = { 0, 0 };
	int status;
	pid_t pid;

	CHECK_OK(syscall4(__NR_rt_sigprocmask_, SIG_SETMASK, (long)set, 0,
			  SIGSET_SIZE));
	pid = fork();
	if (pid == 0) {
		syscall4(__NR_rt_sigprocmask_, SIG_SETMASK, 0, (long)old,
			 SIGSET_SIZE);
		_exit(old[0] == set[0] ? 0 : 1);
	}
	set[0] = 0;
	syscall4(__NR_rt_sigprocmask_, SIG_SETMASK, (long)set, 0, SIGSET_SIZE);
	CHECK_EQ(wait_for(pid, &status), pid);
	CHECK(exited_with(status, 0));
	return 1;
}

/* user_desc's flag bits: seg_32bit, contents (2), read_exec_only,
 * limit_in_pages, seg_not_present, useable. */
static long set_tls(unsigned long flags)
{
	unsigned long u[4] = { -1UL, 0, 0xfffff, flags };

	return syscall1(__NR_set_thread_area_, (long)u);
}

/* Only 32-bit, present data segments go in a TLS slot. */
static int set_thread_area_takes_only_data_segments(void)
{
	CHECK_EQ(set_tls(0x1 | 0x4), -EINVAL); /* contents 2: code */
	CHECK_EQ(set_tls(0x1 | 0x20), -EINVAL); /* not present */
	CHECK_EQ(set_tls(0x10), -EINVAL); /* 16-bit */
	return 1;
}

/* A shrink whose old length wraps past 4 GiB unmaps no range at all. */
static int mremap_old_length_that_wraps(void)
{
	char *p = map_anon(2, PROT_RW, PRIV_ANON);

	CHECK(p);
	CHECK_ERR(mremap(p, 0xc0002000UL, PAGE_SIZE, 0), EINVAL);
	p[PAGE_SIZE] = 1; /* both pages still there */
	CHECK_OK(munmap(p, 2 * PAGE_SIZE));
	return 1;
}

/* MREMAP_DONTUNMAP moves the pages and leaves the old range mapped,
 * empty: private anonymous memory reads back as zeros there. */
static int mremap_dontunmap_moves_and_keeps(void)
{
	char *p = map_anon(2, PROT_RW, PRIV_ANON), *q;

	CHECK(p);
	p[0] = 'a';
	p[PAGE_SIZE] = 'b';
	CHECK_ERR(mremap(p, 2 * PAGE_SIZE, PAGE_SIZE,
			 MREMAP_MAYMOVE | MREMAP_DONTUNMAP),
		  EINVAL); /* never a resize */
	q = mremap(p, 2 * PAGE_SIZE, 2 * PAGE_SIZE,
		   MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
	CHECK(q != MAP_FAILED && q != p);
	CHECK(q[0] == 'a' && q[PAGE_SIZE] == 'b');
	CHECK(p[0] == 0 && p[PAGE_SIZE] == 0);
	CHECK_OK(munmap(p, 2 * PAGE_SIZE));
	CHECK_OK(munmap(q, 2 * PAGE_SIZE));
	return 1;
}

/* The rights column of the /proc/self/maps line whose range holds addr:
 * "r--s" and the like, or "" when there is none. */
static const char *maps_rights(const void *addr)
{
	static char maps[8192], rights[5];
	ssize_t n = read_file("/proc/self/maps", maps, sizeof(maps) - 1);
	char *line = maps, *end;

	rights[0] = 0;
	maps[n > 0 ? n : 0] = 0;
	while (*line) {
		unsigned long lo = strtoul(line, &end, 16);
		unsigned long hi = strtoul(end + 1, &end, 16);

		if (lo <= (unsigned long)addr && (unsigned long)addr < hi) {
			memcpy(rights, end + 1, 4); /* "START-END RIGHTS ..." */
			break;
		}
		end = strchr(line, '\n');
		if (!end)
			break;
		line = end + 1;
	}
	return rights;
}

/* A shared mapping stays shared where mremap takes it, moved or doubled
 * (old_len 0): a file mapped read-only MAP_SHARED is "r--s" there too. */
static int mremap_keeps_a_shared_mapping_shared(void)
{
	int file = open("/bin/echo", O_RDONLY_);
	char *hole = free_area(4), *p, *moved, *twin, second;

	CHECK(file >= 0 && hole);
	p = mmap(hole, 2 * PAGE_SIZE, PROT_READ, MAP_SHARED | MAP_FIXED, file,
		 0);
	CHECK(p == hole);
	second = p[PAGE_SIZE + 1];
	moved = mremap(p + PAGE_SIZE, PAGE_SIZE, PAGE_SIZE,
		       MREMAP_MAYMOVE | MREMAP_FIXED, hole + 3 * PAGE_SIZE);
	CHECK(moved == hole + 3 * PAGE_SIZE);
	twin = mremap(p, 0, PAGE_SIZE, MREMAP_MAYMOVE);
	CHECK(twin != MAP_FAILED);
	CHECK(!strcmp(maps_rights(p), "r--s"));
	CHECK(!strcmp(maps_rights(moved), "r--s"));
	CHECK(!strcmp(maps_rights(twin), "r--s"));
	CHECK(moved[1] == second && twin[1] == p[1]); /* the file's bytes */
	CHECK_OK(munmap(hole, 4 * PAGE_SIZE));
	CHECK_OK(munmap(twin, PAGE_SIZE));
	close(file);
	return 1;
}

/* mprotect's PROT_GROWS*: nothing in reach is ENOMEM before EINVAL. */
static int mprotect_grows_errors_in_linux_order(void)
{
	char *hole = free_area(4), *p;

	CHECK(hole);
	CHECK_ERR(mprotect(hole, PAGE_SIZE, PROT_READ | PROT_GROWSUP), ENOMEM);
	p = map_at(hole, 1, PROT_RW, PRIV_ANON);
	CHECK(p);
	CHECK_ERR(mprotect(p, PAGE_SIZE, PROT_READ | PROT_GROWSUP), EINVAL);
	CHECK_ERR(mprotect(p, PAGE_SIZE, PROT_READ | PROT_GROWSDOWN), EINVAL);
	CHECK_OK(munmap(p, PAGE_SIZE));
	return 1;
}

/* MADV_REMOVE wants memory with a file behind it, mapped shared. */
static int madvise_remove_errors(void)
{
	char *p = map_anon(1, PROT_RW, PRIV_ANON), *f;
	int fd = open("/bin/echo", O_RDONLY_);

	CHECK(p && fd >= 0);
	f = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(f != MAP_FAILED);
	CHECK_ERR(madvise(p, PAGE_SIZE, MADV_REMOVE), EINVAL);
	CHECK_ERR(madvise(f, PAGE_SIZE, MADV_REMOVE), EACCES);
	CHECK_OK(munmap(p, PAGE_SIZE));
	CHECK_OK(munmap(f, PAGE_SIZE));
	close(fd);
	return 1;
}

/* Populating for reading needs a readable mapping, for writing a
 * writable one, whatever the CPU would allow. */
static int madvise_populate_needs_the_access(void)
{
	char *w = map_anon(1, PROT_WRITE, PRIV_ANON);

	CHECK(w);
	CHECK_ERR(madvise(w, PAGE_SIZE, MADV_POPULATE_READ), EINVAL);
	CHECK_OK(madvise(w, PAGE_SIZE, MADV_POPULATE_WRITE));
	CHECK_OK(munmap(w, PAGE_SIZE));
	return 1;
}

/* MAP_FIXED at an address that reads as an error code returns it. */
static int mmap_fixed_at_an_error_code(void)
{
	CHECK_ERR(mmap((void *)0xffffffffUL, PAGE_SIZE, PROT_READ,
		       PRIV_ANON | MAP_FIXED, -1, 0),
		  EPERM);
	CHECK_ERR(mmap((void *)0xfffff000UL, PAGE_SIZE, PROT_READ,
		       PRIV_ANON | MAP_FIXED, -1, 0),
		  ENOMEM);
	return 1;
}

/* File mappings: unknown flags with MAP_SHARED_VALIDATE, a directory,
 * growing, an offset a directory cannot have, in Linux's order. */
static int mmap_file_errors_in_linux_order(void)
{
	int dir = open("/bin", O_RDONLY_), file = open("/bin/echo", O_RDONLY_);
	char *at = free_area(1);

	CHECK(dir >= 0 && file >= 0 && at);
	CHECK_ERR(mmap(at, PAGE_SIZE, PROT_READ,
		       MAP_SHARED_VALIDATE | MAP_FIXED_NOREPLACE, file, 0),
		  EOPNOTSUPP);
	CHECK_ERR(mmap(NULL, PAGE_SIZE, PROT_WRITE, MAP_SHARED, dir, 0),
		  EACCES);
	CHECK_ERR(mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, dir, 0), ENODEV);
	CHECK_ERR(mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_GROWSDOWN,
		       file, 0),
		  EINVAL);
	CHECK_EQ(syscall6(__NR_mmap2, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, dir,
			  0x100000),
		 -EOVERFLOW);
	close(dir);
	close(file);
	return 1;
}

static long exec_raw(const char *path, char *const *argv, char *const *envp)
{
	return syscall3(__NR_execve, (long)path, (long)argv, (long)envp);
}

/*
 * execve reads the name, then the strings, and looks the file up last: a
 * bad argv or envp is EFAULT whatever the file, an empty name ENOENT
 * whatever the strings.
 */
static int execve_reads_the_strings_before_the_file(void)
{
	char *bad[] = { "x", (char *)KERNEL_HALF, NULL }, *good[] = { "x", 0 };

	CHECK_EQ(exec_raw("", bad, NULL), -ENOENT);
	CHECK_EQ(exec_raw("/nonexistent", bad, NULL), -EFAULT);
	CHECK_EQ(exec_raw("/nonexistent", (char **)KERNEL_HALF, NULL), -EFAULT);
	CHECK_EQ(exec_raw("/bin", good, bad), -EFAULT);
	CHECK_EQ(exec_raw("/bin/echo/x", bad, NULL), -EFAULT);
	CHECK_EQ(exec_raw("/bin", good, NULL), -EACCES);
	CHECK_EQ(exec_raw("/nonexistent", good, NULL), -ENOENT);
	return 1;
}

/* A string of n - 1 letters: n bytes with its NUL; NULL if out of
 * memory. */
static char *long_string(unsigned long n)
{
	char *s = map_anon(n / PAGE_SIZE + 1, PROT_RW, PRIV_ANON);

	if (!s)
		return NULL;
	memset(s, 'a', n - 1);
	return s;
}

/*
 * envp's strings are copied before argv's, the last of each first: the
 * first string met that is too long (E2BIG) or cannot be read (EFAULT)
 * gives the answer.
 */
static int execve_copies_envp_then_argv_last_first(void)
{
	char *big = long_string(MAX_ARG_STRLEN + 1), *bad = (char *)KERNEL_HALF;
	char *bad_big[] = { bad, big, NULL }, *big_bad[] = { big, bad, NULL };
	char *bads[] = { bad, NULL }, *bigs[] = { big, NULL };

	CHECK(big);
	CHECK_EQ(exec_raw("/nonexistent", bad_big, NULL), -E2BIG);
	CHECK_EQ(exec_raw("/nonexistent", big_bad, NULL), -EFAULT);
	CHECK_EQ(exec_raw("/nonexistent", bads, bigs), -E2BIG);
	big[MAX_ARG_STRLEN - 1] = '\0'; /* now just short enough */
	CHECK_EQ(exec_raw("/nonexistent", bads, bigs), -EFAULT);
	CHECK_EQ(exec_raw("/nonexistent", bigs, bigs), -ENOENT);
	CHECK_OK(munmap(big, (MAX_ARG_STRLEN / PAGE_SIZE + 1) * PAGE_SIZE));
	return 1;
}

/*
 * The strings and their pointers may take a quarter of the stack limit,
 * 2 MiB: fifteen strings of the longest kind fit, sixteen do not; the
 * pointers alone do not when there are 2 MiB of them.
 */
static int execve_room_is_a_quarter_of_the_stack(void)
{
	unsigned long nptrs = ARG_ROOM / sizeof(char *), i;
	char *s = long_string(MAX_ARG_STRLEN), *v[17];
	char **many = (char **)map_anon(
		nptrs / (PAGE_SIZE / sizeof(char *)) + 1, PROT_RW, PRIV_ANON);

	CHECK(s && many);
	for (i = 0; i < 16; i++)
		v[i] = s;
	v[15] = NULL;
	CHECK_EQ(exec_raw("/nonexistent", v, NULL), -ENOENT);
	v[15] = s;
	v[16] = NULL;
	CHECK_EQ(exec_raw("/nonexistent", v, NULL), -E2BIG);
	CHECK_EQ(exec_raw("/nonexistent", v + 1, v + 15), -E2BIG);
	for (i = 0; i < nptrs; i++)
		many[i] = "";
	CHECK_EQ(exec_raw("/nonexistent", many, NULL), -E2BIG);
	many[1000] = NULL; /* a thousand: room to spare */
	CHECK_EQ(exec_raw("/nonexistent", many, NULL), -ENOENT);
	CHECK_OK(munmap(s, (MAX_ARG_STRLEN / PAGE_SIZE + 1) * PAGE_SIZE));
	CHECK_OK(munmap(many, ARG_ROOM + PAGE_SIZE));
	return 1;
}

/* brk, like mmap, refuses more private memory than the machine has. */
static int brk_refuses_more_than_all_ram(void)
{
	unsigned long cur = (unsigned long)syscall1(__NR_brk, 0);

	CHECK_EQ(syscall1(__NR_brk, (long)(cur + 0x7ff00000UL)), cur);
	return 1;
}

/* --- files --------------------------------------------------------------- */

#define SELF "/bin/edge_calls_test"
#define AT_STATX_FORCE_SYNC 0x2000
#define AT_STATX_DONT_SYNC 0x4000
/* A name longer than NAME_MAX (255). */
#define LONG_NAME_LEN 300

/* ioctl as the C library's: -1 and errno on failure. */
static long ioctl_(int fd, unsigned long cmd, const void *arg)
{
	long r = syscall3(__NR_ioctl, fd, (long)cmd, (long)arg);

	if (r < 0 && r >= -4095) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

static long size_of(int fd)
{
	struct stat64 st;

	return fstat64(fd, &st) ? -1 : (long)st.st_size;
}

/* A directory answers read() with EISDIR, even for 0 bytes; the buffer is
 * checked first. */
static int read_of_a_directory_is_eisdir_even_for_nothing(void)
{
	char buf[8];
	int dir = open("/bin", O_RDONLY);

	CHECK(dir >= 0);
	CHECK_ERR(read(dir, buf, 0), EISDIR);
	CHECK_ERR(read(dir, (void *)(KERNEL_HALF + PAGE_SIZE), 0), EFAULT);
	close(dir);
	return 1;
}

/* A count of 2 GiB or more is EINVAL, but only once the buffer passed. */
static int read_write_check_the_buffer_before_the_count(void)
{
	int fd = open("/bin/echo", O_RDONLY);

	CHECK(fd >= 0);
	CHECK_ERR(read(fd, NULL, 0x80000000UL), EINVAL);
	CHECK_ERR(read(fd, (void *)0x50000000, 0x80000000UL), EFAULT);
	CHECK_ERR(write(1, NULL, 0x80000000UL), EINVAL);
	CHECK_ERR(write(1, (void *)0x50000000, 0x80000000UL), EFAULT);
	close(fd);
	return 1;
}

/* How far a read into buf (4000 bytes, from the start) got, with the file
 * position after it, at fd whose first bytes are want (the first same
 * bytes at most). */
static long read_up_to_a_fault(int fd, char *buf, const char *want, long same,
			       long *pos)
{
	long n;

	lseek(fd, 0, SEEK_SET);
	n = read(fd, buf, 4000);
	*pos = lseek(fd, 0, SEEK_CUR);
	if (n > 0 && memcmp(buf, want, (size_t)(n < same ? n : same)) != 0)
		return -2; /* not the file's bytes */
	return n < 0 ? -errno : n;
}

/* A read whose buffer runs into an unmapped page returns the bytes that
 * fitted; one that fits nothing is EFAULT. (A buffer aligned as the file
 * position, or a short count: Linux's i386 copy_to_user then counts every
 * byte, where it otherwise counts 64-byte blocks.) */
static int read_stops_at_a_fault_with_what_it_copied(void)
{
	char *m = map_anon(2, PROT_RW, PRIV_ANON), want[4096];
	int fd = open("/bin/echo", O_RDONLY), proc;
	long pos;

	CHECK(m && fd >= 0);
	CHECK_EQ(read(fd, want, sizeof(want)), sizeof(want));
	CHECK_OK(munmap(m + PAGE_SIZE, PAGE_SIZE));
	CHECK_EQ(read_up_to_a_fault(fd, m + PAGE_SIZE - 96, want, 96, &pos),
		 96);
	CHECK_EQ(pos, 96);
	lseek(fd, 0, SEEK_SET);
	CHECK_EQ(read(fd, m + PAGE_SIZE - 13, 40), 13);
	CHECK_OK(mprotect(m, PAGE_SIZE, PROT_READ));
	CHECK_EQ(read_up_to_a_fault(fd, m + 8, want, 0, &pos), -EFAULT);
	CHECK_EQ(pos, 0);
	CHECK_OK(mprotect(m, PAGE_SIZE, PROT_RW));
	/* /proc's text alike (its first line, MemTotal, stays the same) */
	proc = open("/proc/meminfo", O_RDONLY);
	CHECK(proc >= 0);
	CHECK_EQ(read(proc, want, sizeof(want)) > 96, 1);
	CHECK_EQ(read_up_to_a_fault(proc, m + PAGE_SIZE - 96, want, 16, &pos),
		 96);
	CHECK_EQ(pos, 96);
	close(proc);
	close(fd);
	CHECK_OK(munmap(m, PAGE_SIZE));
	return 1;
}

/* writev reads its whole vector before it looks at the fd's mode: a bad
 * vector is EFAULT (a negative length EINVAL, before any bad address) on a
 * read-only fd; lengths that add up past 2 GiB are cut, not refused. */
static int writev_reads_the_vector_before_the_fd_mode(void)
{
	static char data[] = "never written";
	struct iovec bad[2] = { { (void *)KERNEL_HALF, 10 }, { data, -1UL } };
	struct iovec huge[2] = { { data, 0x7fffffff }, { data, 0x7fffffff } };
	int fd = open("/bin/echo", O_RDONLY);

	CHECK(fd >= 0);
	CHECK_ERR(writev(fd, (const struct iovec *)KERNEL_HALF, 2), EFAULT);
	CHECK_ERR(writev(fd, bad, 2), EINVAL);
	CHECK_ERR(writev(fd, bad, 1), EFAULT);
	CHECK_ERR(writev(fd, (const struct iovec *)KERNEL_HALF, 1025), EINVAL);
	CHECK_ERR(writev(fd, huge, 2), EBADF);
	CHECK_ERR(writev(fd, (const struct iovec *)KERNEL_HALF, 0), EBADF);
	CHECK_ERR(writev(1, bad, 2), EINVAL);
	close(fd);
	return 1;
}

/* A directory seeks with SEEK_SET and SEEK_CUR only; past its entries it
 * lists nothing. */
static int lseek_on_a_directory_only_set_and_cur(void)
{
	char buf[512];
	int dir = open("/bin", O_RDONLY);

	CHECK(dir >= 0);
	CHECK_ERR(lseek(dir, 0, SEEK_END), EINVAL);
	CHECK_ERR(lseek(dir, 0, SEEK_DATA), EINVAL);
	CHECK_ERR(lseek(dir, -1, SEEK_SET), EINVAL);
	CHECK_EQ(lseek(dir, 1000, SEEK_SET), 1000);
	CHECK_EQ(getdents64(dir, buf, sizeof(buf)), 0);
	CHECK_EQ(lseek(dir, -998, SEEK_CUR), 2);
	CHECK(getdents64(dir, buf, sizeof(buf)) > 0);
	close(dir);
	return 1;
}

/* Past 2 GiB the position moves, but lseek cannot tell it: EOVERFLOW. */
static int lseek_past_2gib_moves_then_overflows(void)
{
	int fd = open("/bin/echo", O_RDONLY), dir = open("/", O_RDONLY);

	CHECK(fd >= 0 && dir >= 0);
	CHECK_EQ(lseek(fd, 0x7fffffff, SEEK_SET), 0x7fffffff);
	CHECK_ERR(lseek(fd, 1, SEEK_CUR), EOVERFLOW);
	CHECK_ERR(lseek(fd, 0, SEEK_CUR), EOVERFLOW);
	CHECK_EQ(lseek(fd, -2, SEEK_CUR), 0x7ffffffe); /* it was 2 GiB */
	CHECK_ERR(lseek(fd, 0x7fffffff, SEEK_END), EOVERFLOW);
	CHECK_EQ(lseek(dir, 0x7fffffff, SEEK_SET), 0x7fffffff);
	CHECK_ERR(lseek(dir, 0x7fffffff, SEEK_CUR), EOVERFLOW);
	CHECK_EQ(lseek(dir, -0x7fffffff, SEEK_CUR), 0x7fffffff);
	close(fd);
	close(dir);
	return 1;
}

/* A file is all data: SEEK_DATA finds the offset, SEEK_HOLE the end, and
 * either from the end on (or before the start) is ENXIO. */
static int lseek_data_and_hole_in_a_file(void)
{
	int fd = open("/bin/echo", O_RDONLY);
	long size = size_of(fd);

	CHECK(fd >= 0 && size > 5);
	CHECK_EQ(lseek(fd, 5, SEEK_DATA), 5);
	CHECK_EQ(lseek(fd, 5, SEEK_HOLE), size);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), size);
	CHECK_ERR(lseek(fd, size, SEEK_DATA), ENXIO);
	CHECK_ERR(lseek(fd, size, SEEK_HOLE), ENXIO);
	CHECK_ERR(lseek(fd, -1, SEEK_DATA), ENXIO);
	CHECK_ERR(lseek(fd, 0, 5), EINVAL);
	close(fd);
	return 1;
}

/* /proc's text seeks as a seq_file: anywhere with SEEK_SET and SEEK_CUR,
 * nothing else; a terminal not at all. */
static int lseek_on_proc_text_and_a_terminal(void)
{
	char buf[16];
	int fd = open("/proc/meminfo", O_RDONLY);

	CHECK(fd >= 0);
	CHECK_ERR(lseek(fd, 0, SEEK_END), EINVAL);
	CHECK_ERR(lseek(fd, 0, SEEK_HOLE), EINVAL);
	CHECK_EQ(lseek(fd, 1 << 20, SEEK_SET), 1 << 20);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	CHECK_EQ(lseek(fd, 4, SEEK_SET), 4);
	CHECK_EQ(read(fd, buf, 4), 4);
	CHECK(!memcmp(buf, "otal", 4)); /* "MemTotal:" */
	close(fd);
	CHECK_ERR(lseek(1, 0, SEEK_SET), ESPIPE);
	CHECK_ERR(lseek(1, 0, 7), EINVAL);
	return 1;
}

/* Relative names start at dirfd, which must be an open directory; an
 * absolute name ignores it. */
static int fstatat_takes_relative_names_from_dirfd(void)
{
	struct stat64 st;
	int dir = open("/bin", O_RDONLY), file = open("/bin/echo", O_RDONLY);

	CHECK(dir >= 0 && file >= 0);
	CHECK_OK(fstatat64(dir, "echo", &st, 0));
	CHECK(S_ISREG(st.st_mode));
	CHECK_OK(fstatat64(dir, "../bin/echo", &st, 0));
	CHECK_ERR(fstatat64(file, "echo", &st, 0), ENOTDIR);
	CHECK_ERR(fstatat64(99, "echo", &st, 0), EBADF);
	CHECK_OK(fstatat64(99, "/bin/echo", &st, 0));
	CHECK_OK(fstatat64(file, "", &st, AT_EMPTY_PATH));
	CHECK(S_ISREG(st.st_mode));
	CHECK_ERR(fstatat64(99, "", &st, AT_EMPTY_PATH), EBADF);
	CHECK_ERR(fstatat64(99, "", &st, 0), ENOENT);
	close(dir);
	close(file);
	return 1;
}

/* "" with AT_EMPTY_PATH at AT_FDCWD is the current directory, "/"; the
 * statx sync flags are taken, unknown flags refused first. */
static int fstatat_empty_path_and_sync_flags(void)
{
	struct stat64 st, root;

	CHECK_OK(stat64("/", &root));
	CHECK_OK(fstatat64(AT_FDCWD, "", &st, AT_EMPTY_PATH));
	CHECK(S_ISDIR(st.st_mode) && st.st_ino == root.st_ino);
	CHECK_OK(fstatat64(AT_FDCWD, "/bin/echo", &st, AT_STATX_FORCE_SYNC));
	CHECK_OK(fstatat64(AT_FDCWD, "/bin/echo", &st,
			   AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC));
	CHECK_ERR(fstatat64(AT_FDCWD, "/bin/echo", &st, 0x8000), EINVAL);
	CHECK_ERR(fstatat64(AT_FDCWD, "", &st, 0x8000), EINVAL);
	return 1;
}

/* Names walk as on Linux: "//" is "/", ".." goes up from a directory
 * that exists, never from a file or a missing name. */
static int paths_with_slashes_and_dots(void)
{
	static const char *const found[] = { "//bin///echo", "/bin/../bin/echo",
					     "/../bin/./echo",
					     "bin/../bin//echo" };
	char name[LONG_NAME_LEN + 16];
	struct stat64 st;

	for (unsigned int i = 0; i < sizeof(found) / sizeof(found[0]); i++)
		CHECK(stat64(found[i], &st) == 0 && S_ISREG(st.st_mode));
	CHECK(stat64("/bin/..", &st) == 0 && S_ISDIR(st.st_mode));
	CHECK(stat64("/proc/self/..", &st) == 0 && S_ISDIR(st.st_mode));
	CHECK_ERR(stat64("/bin/echo/..", &st), ENOTDIR);
	CHECK_ERR(open("/bin/echo/../echo", O_RDONLY), ENOTDIR);
	CHECK_ERR(stat64("/nonexistent/../bin", &st), ENOENT);
	CHECK_ERR(stat64("/proc/meminfo/..", &st), ENOTDIR);
	memset(name, 'a', sizeof(name));
	name[0] = '/';
	name[LONG_NAME_LEN] = '\0';
	CHECK_ERR(stat64(name, &st), ENAMETOOLONG);
	memcpy(name, "/nonexistent/", 13);
	CHECK_ERR(stat64(name, &st), ENOENT);
	return 1;
}

/* execve finds its file as open() does. */
static int execve_walks_names_as_open_does(void)
{
	static char *const argv[] = { "true", NULL };
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execve("//bin/../bin///true", argv, NULL);
		_exit(100 + errno);
	}
	CHECK_EQ(wait_for(pid, &status), pid);
	CHECK(exited_with(status, 0));
	CHECK_ERR(execve("/bin/..", argv, NULL), EACCES);
	CHECK_ERR(execve("/bin/true/..", argv, NULL), ENOTDIR);
	CHECK_ERR(execve("/nonexistent/../bin/true", argv, NULL), ENOENT);
	return 1;
}

/* FIONREAD, FIOQSIZE, FIGETBSZ and FIBMAP on a file of the initrd (tmpfs
 * on Linux): bytes left, whole pages, the page size, no disk blocks. */
static int ioctls_of_any_file_on_a_regular_file(void)
{
	int fd = open("/bin/echo", O_RDONLY), n = 0x5a5a5a5a, bad = -1;
	long size = size_of(fd);
	long long q = 0;

	CHECK(fd >= 0 && size > 100);
	CHECK_EQ(lseek(fd, 100, SEEK_SET), 100);
	CHECK_OK(ioctl_(fd, FIONREAD, &n));
	CHECK_EQ(n, size - 100);
	CHECK_EQ(lseek(fd, size + 7, SEEK_SET), size + 7);
	CHECK_OK(ioctl_(fd, FIONREAD, &n));
	CHECK_EQ(n, -7);
	CHECK_ERR(ioctl_(fd, FIONREAD, NULL), EFAULT);
	CHECK_OK(ioctl_(fd, FIOQSIZE, &q));
	CHECK_EQ(q, (size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1));
	CHECK_ERR(ioctl_(fd, FIOQSIZE, NULL), EFAULT);
	CHECK_OK(ioctl_(fd, FIGETBSZ, &n));
	CHECK_EQ(n, PAGE_SIZE);
	n = 0;
	CHECK_ERR(ioctl_(fd, FIBMAP, &n), EINVAL);
	CHECK_ERR(ioctl_(fd, FIBMAP, &bad), EINVAL);
	CHECK_ERR(ioctl_(fd, FIBMAP, NULL), EFAULT);
	CHECK_ERR(ioctl_(fd, TCGETS, &q), ENOTTY);
	CHECK_ERR(ioctl_(fd, 3, &q), ENOTTY);
	close(fd);
	return 1;
}

/* A directory and a /proc file: FIONREAD is a regular file's only, and a
 * /proc file is one of size 0; each file system its block size. */
static int ioctls_of_any_file_on_directories_and_proc(void)
{
	int dir = open("/bin", O_RDONLY),
	    proc = open("/proc/meminfo", O_RDONLY);
	int n = 0;
	long long q = 1;

	CHECK(dir >= 0 && proc >= 0);
	CHECK_ERR(ioctl_(dir, FIONREAD, &n), ENOTTY);
	CHECK_ERR(ioctl_(dir, FIBMAP, &n), ENOTTY);
	CHECK_OK(ioctl_(dir, FIOQSIZE, &q));
	CHECK_EQ(q, 0);
	CHECK_OK(ioctl_(dir, FIGETBSZ, &n));
	CHECK_EQ(n, PAGE_SIZE);
	CHECK_EQ(lseek(proc, 33, SEEK_SET), 33);
	CHECK_OK(ioctl_(proc, FIONREAD, &n));
	CHECK_EQ(n, -33);
	CHECK_OK(ioctl_(proc, FIGETBSZ, &n));
	CHECK_EQ(n, 1024);
	CHECK_ERR(ioctl_(1, FIOQSIZE, &q), ENOTTY);
	close(dir);
	close(proc);
	return 1;
}

/* FIONBIO and FIOASYNC take an int: FIONBIO sets O_NONBLOCK (a terminal
 * without input then says EAGAIN), FIOASYNC cannot be turned on for a
 * file that cannot send SIGIO. */
static int fionbio_and_fioasync(void)
{
	int fd = open("/bin/echo", O_RDONLY), on = 1, off = 0, n = -1;
	char c;

	CHECK(fd >= 0);
	CHECK_OK(ioctl_(fd, FIONBIO, &on));
	CHECK_ERR(ioctl_(fd, FIONBIO, NULL), EFAULT);
	CHECK_ERR(ioctl_(fd, FIOASYNC, &on), ENOTTY);
	CHECK_OK(ioctl_(fd, FIOASYNC, &off));
	CHECK_ERR(ioctl_(fd, FIOASYNC, NULL), EFAULT);
	close(fd);
	CHECK_OK(ioctl_(0, FIONREAD, &n));
	CHECK_EQ(n, 0);
	CHECK_OK(ioctl_(0, FIONBIO, &on));
	errno = 0;
	n = (int)read(0, &c, 1);
	ioctl_(0, FIONBIO, &off);
	CHECK(n == -1 && errno == EAGAIN);
	return 1;
}

/* "--fds-closed A B": exit 0 if fd A is closed and fd B open. */
static int fds_closed(const char *a, const char *b)
{
	struct stat64 st;

	return fstat64(atoi(a), &st) == -1 && errno == EBADF &&
			       fstat64(atoi(b), &st) == 0 ?
		       0 :
		       1;
}

/* FIOCLEX and O_CLOEXEC close an fd at execve; FIONCLEX keeps it. */
static int fioclex_closes_at_execve(void)
{
	int a = open("/bin/echo", O_RDONLY), b = open("/bin/echo", O_RDONLY);
	int c = open("/bin/echo", O_RDONLY | O_CLOEXEC), status;
	char sa[12], sb[12], sc[12];
	pid_t pid;

	CHECK(a >= 0 && b >= 0 && c >= 0);
	CHECK_OK(ioctl_(a, FIOCLEX, NULL));
	CHECK_OK(ioctl_(b, FIOCLEX, NULL));
	CHECK_OK(ioctl_(b, FIONCLEX, NULL));
	snprintf(sa, sizeof(sa), "%d", a);
	snprintf(sb, sizeof(sb), "%d", b);
	snprintf(sc, sizeof(sc), "%d", c);
	pid = fork();
	if (pid == 0) {
		char *const argv[] = { SELF, "--fds-closed", sa, sb, NULL };

		execve(SELF, argv, NULL);
		_exit(100);
	}
	CHECK_EQ(wait_for(pid, &status), pid);
	CHECK(exited_with(status, 0));
	pid = fork();
	if (pid == 0) {
		char *const argv[] = { SELF, "--fds-closed", sc, sb, NULL };

		execve(SELF, argv, NULL);
		_exit(100);
	}
	CHECK_EQ(wait_for(pid, &status), pid);
	CHECK(exited_with(status, 0));
	close(a);
	close(b);
	close(c);
	return 1;
}

static const struct ktap_case cases[] = {
	{ "clone_tid_in_kernel_half", clone_tid_in_kernel_half },
	{ "kill_checks_the_target_first", kill_checks_the_target_first },
	{ "sigkill_cannot_be_blocked", sigkill_cannot_be_blocked },
	{ "sigaction_reads_the_action_first",
	  sigaction_reads_the_action_first },
	{ "sigaction_keeps_the_whole_action",
	  sigaction_keeps_the_whole_action },
	{ "sigchld_ignored_leaves_no_zombies",
	  sigchld_ignored_leaves_no_zombies },
	{ "sa_nocldwait_leaves_no_zombies", sa_nocldwait_leaves_no_zombies },
	{ "orphaned_zombie_is_reaped", orphaned_zombie_is_reaped },
	{ "fork_keeps_the_signal_mask", fork_keeps_the_signal_mask },
	{ "set_thread_area_takes_only_data_segments",
	  set_thread_area_takes_only_data_segments },
	{ "mremap_old_length_that_wraps", mremap_old_length_that_wraps },
	{ "mremap_dontunmap_moves_and_keeps",
	  mremap_dontunmap_moves_and_keeps },
	{ "mprotect_grows_errors_in_linux_order",
	  mprotect_grows_errors_in_linux_order },
	{ "madvise_remove_errors", madvise_remove_errors },
	{ "madvise_populate_needs_the_access",
	  madvise_populate_needs_the_access },
	{ "mmap_fixed_at_an_error_code", mmap_fixed_at_an_error_code },
	{ "mmap_file_errors_in_linux_order", mmap_file_errors_in_linux_order },
	{ "brk_refuses_more_than_all_ram", brk_refuses_more_than_all_ram },
	{ "mremap_keeps_a_shared_mapping_shared",
	  mremap_keeps_a_shared_mapping_shared },
	{ "read_of_a_directory_is_eisdir_even_for_nothing",
	  read_of_a_directory_is_eisdir_even_for_nothing },
	{ "read_write_check_the_buffer_before_the_count",
	  read_write_check_the_buffer_before_the_count },
	{ "read_stops_at_a_fault_with_what_it_copied",
	  read_stops_at_a_fault_with_what_it_copied },
	{ "writev_reads_the_vector_before_the_fd_mode",
	  writev_reads_the_vector_before_the_fd_mode },
	{ "lseek_on_a_directory_only_set_and_cur",
	  lseek_on_a_directory_only_set_and_cur },
	{ "lseek_past_2gib_moves_then_overflows",
	  lseek_past_2gib_moves_then_overflows },
	{ "lseek_data_and_hole_in_a_file", lseek_data_and_hole_in_a_file },
	{ "lseek_on_proc_text_and_a_terminal",
	  lseek_on_proc_text_and_a_terminal },
	{ "fstatat_takes_relative_names_from_dirfd",
	  fstatat_takes_relative_names_from_dirfd },
	{ "fstatat_empty_path_and_sync_flags",
	  fstatat_empty_path_and_sync_flags },
	{ "paths_with_slashes_and_dots", paths_with_slashes_and_dots },
	{ "execve_walks_names_as_open_does", execve_walks_names_as_open_does },
	{ "ioctls_of_any_file_on_a_regular_file",
	  ioctls_of_any_file_on_a_regular_file },
	{ "ioctls_of_any_file_on_directories_and_proc",
	  ioctls_of_any_file_on_directories_and_proc },
	{ "fionbio_and_fioasync", fionbio_and_fioasync },
	{ "fioclex_closes_at_execve", fioclex_closes_at_execve },
	{ "execve_reads_the_strings_before_the_file",
	  execve_reads_the_strings_before_the_file },
	{ "execve_copies_envp_then_argv_last_first",
	  execve_copies_envp_then_argv_last_first },
	{ "execve_room_is_a_quarter_of_the_stack",
	  execve_room_is_a_quarter_of_the_stack },
};

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "--fds-closed"))
		return fds_closed(argv[2], argv[3]);
	return ktap_run("edge_calls_test", cases,
			sizeof(cases) / sizeof(cases[0]));
}
