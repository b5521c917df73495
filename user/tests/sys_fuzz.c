/* user/tests/sys_fuzz.c - random system calls, judged by Linux. */
#include "syscall.h"
#include "ulib.h"

/*
 * A system-call fuzzer whose oracle is Linux. From a seed, thousands of
 * system calls with random and boundary arguments (NULL, 0xffffffff,
 * kernel-half pointers, unaligned and overflowing lengths, unknown flags,
 * random fds), interleaved with memory work, forks and exits. Each call's
 * outcome (success, with its value where that is comparable, or which
 * errno) is folded into a hash; per seed the program prints the number of
 * calls and the hash. The same binary with the same seeds on Linux i386
 * (tools/peer/run.sh) must print the same lines: tools/run-tests.py
 * compares them, and tools/soak.py runs fresh seeds for as long as asked.
 * The kernel under test must never oops or hang, whatever it is asked.
 *
 *   sys_fuzz                 the eight fixed seeds, CALLS calls each
 *   sys_fuzz [-v] [-n N] [SEED...]   these seeds (hex), N calls each;
 *                            -v prints every call and its outcome
 *   sys_fuzz -x N            exit N at once (what a forked child execs)
 *
 * Built with -DSYS_FUZZ_TRACE the default is -v; with
 * -DSYS_FUZZ_SEEDS=0x1,0x2 the default seeds are those: the peer runs
 * programs without arguments (tools/soak.py --diff builds such a binary).
 *
 * Everything the program does must be the same on both kernels, so the
 * arguments are chosen only from what is the same on both:
 *  - addresses: the program's own text and data (the same static binary),
 *    two regions it maps at fixed addresses (a window that the memory
 *    calls may wreck, and a scratch area they never touch, which takes
 *    the writes of read() and friends), mappings made without MAP_FIXED
 *    (at different addresses on each kernel: used only by offset, and
 *    only within their own range), and addresses no one maps (NULL, the
 *    kernel half, 0xffffffff). Never the stack, the heap's start or an
 *    address in between: Linux randomises those (ASLR).
 *  - lengths for calls that unmap or change memory: inside the window or
 *    a mapping of its own, or so large that the range wraps past 4 GiB;
 *    never one that would reach the program's own text, data or stack.
 *  - files: those of the initrd that the peer has too: /bin/sys_fuzz
 *    itself (the same bytes), "/" and "/bin". Never fds 0-2: the console
 *    is how results get out, and a read of it would wait for a key.
 *
 * What legitimately differs is normalised (and says so where it is):
 * addresses returned by mmap/mremap outside the window, pids, the break
 * (as an offset from the first one), contents that depend on inode
 * numbers, dates or time.
 */

#ifndef __NR_ioctl
#define __NR_ioctl 54
#endif
#ifndef __NR_rt_sigaction
#define __NR_rt_sigaction 174
#endif
#ifndef __NR_rt_sigprocmask
#define __NR_rt_sigprocmask 175
#endif
#ifndef __NR_ugetrlimit
#define __NR_ugetrlimit 191
#endif
#ifndef __NR_set_thread_area
#define __NR_set_thread_area 243
#endif
#ifndef __NR_set_tid_address
#define __NR_set_tid_address 258
#endif
#ifndef __NR_fstatat64
#define __NR_fstatat64 300
#endif
/* Linux 6.1's table ends at 450 (set_mempolicy_home_node): numbers from
 * 451 up are -ENOSYS on both kernels. */
#define NR_FIRST_UNUSED 451

#define PAGE 4096UL
/* The window: the memory calls' playground. */
#define WIN 0x40000000UL
#define WIN_PAGES 64
#define WIN_END (WIN + WIN_PAGES * PAGE)
/*
 * The scratch area: where calls write, never unmapped; nothing after it.
 * Its first half takes only what is the same on both kernels (file data,
 * signal masks), so that it may be read back as another call's input. A
 * page of its own for each call's fixed arguments, and a junk page for
 * what differs by design (dates, inode numbers, pids, limits): written,
 * never read as input.
 */
#define SCRATCH 0x50000000UL
#define SCRATCH_PAGES 32
#define SCRATCH_SIZE (SCRATCH_PAGES * PAGE)
#define SCRATCH_DATA (SCRATCH_SIZE / 2)
#define PATH_BUF (SCRATCH + 16 * PAGE) /* two pages: a path of 5000 */
#define ACT_BUF (SCRATCH + 20 * PAGE)
#define OLD_BUF (SCRATCH + 21 * PAGE)
#define TS_BUF (SCRATCH + 22 * PAGE)
#define DESC_BUF (SCRATCH + 23 * PAGE)
#define ARGV_BUF (SCRATCH + 24 * PAGE)
#define CHILD_BUF (SCRATCH + 25 * PAGE)
#define MMAP_ARGS_BUF (SCRATCH + 26 * PAGE)
#define IOV_BUF (SCRATCH + 27 * PAGE)
#define JUNK (SCRATCH + 28 * PAGE)
#define TASK_SIZE 0xc0000000UL
/* Mappings made without MAP_FIXED, at most this many pages each. */
#define MAX_FLOAT 12
#define FLOAT_PAGES 16
/* Our own fds: well under this kernel's NR_OPEN (64), for Linux's 1024
 * would otherwise let one kernel open what the other refuses. */
#define MAX_FDS 12
#define CALLS 3000
#define NSEEDS 8
/* The break moves within this many pages of where it started. */
#define HEAP_PAGES 64
/* A child of fork does at most this many calls before it exits. */
#define CHILD_CALLS 8

#define O_APPEND 02000
#define O_NOFOLLOW 0400000
#define O_EXCL 0200
#define O_NOCTTY 0400
#define O_LARGEFILE 0100000
#define AT_STATX_SYNC_TYPE 0x6000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID 0x01000000
#define SIGCHLD 17
#define SIG_DFL 0UL
#define SIG_IGN 1UL
#define SA_NOCLDWAIT 2UL
#define SIGSET_SIZE 8
#define WUNTRACED 2
#define MREMAP_DONTUNMAP 4

static unsigned int rng;
static int trace, in_child;
static unsigned long calls, total_calls, brk0, brk_cur;
static unsigned int hash;
static const char *self_path = "/bin/sys_fuzz";

static struct region {
	unsigned long addr, len;
} floating[MAX_FLOAT];
static int fds[MAX_FDS], nfds;
static unsigned char fd_is_dir[MAX_FDS];

/* --- randomness ---------------------------------------------------------- */

static unsigned int rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static unsigned long below(unsigned long n)
{
	return n ? rnd() % n : 0;
}

static int chance(unsigned int percent)
{
	return below(100) < percent;
}

#define PICK(a) ((a)[below(sizeof(a) / sizeof((a)[0]))])

/* --- outcomes ------------------------------------------------------------ */

/* How a successful result is compared. */
enum kind {
	VALUE, /* as it is: a count, an fd, a file position, 0 */
	OK, /* success only: a pid, or a value that differs by design */
	ADDR, /* an address: its offset if in the window, else only "ok" */
	BRK, /* the break: its offset from the first one (ASLR) */
};

static void fold(unsigned int v)
{
	int i;

	for (i = 0; i < 4; i++) {
		hash ^= (v >> (i * 8)) & 0xff;
		hash *= 16777619U; /* FNV-1a's prime */
	}
}

/* The normalised outcome of a call: what both kernels must agree on. */
static unsigned int normalise(long ret, enum kind k)
{
	unsigned long r = (unsigned long)ret;

	if (r >= -4095UL && k != BRK)
		return 0x80000000U | (unsigned int)-ret;
	switch (k) {
	case VALUE:
		return (unsigned int)r;
	case ADDR:
		return r >= WIN && r < WIN_END ? (unsigned int)(r - WIN) + 1 :
						 0x40000000U;
	case BRK:
		return (unsigned int)(r - brk0);
	default:
		return 0;
	}
}

static void print_outcome(unsigned int v, enum kind k)
{
	if (v & 0x80000000U && k != BRK)
		printf(" = -%u\n", v & 0xfff);
	else if (k == OK || (k == ADDR && v == 0x40000000U))
		printf(" = ok\n");
	else if (k == ADDR)
		printf(" = win+0x%x\n", v - 1);
	else
		printf(" = %d\n", (int)v);
}

#ifdef SYS_FUZZ_MAPS
/* With -DSYS_FUZZ_MAPS, the window's lines of /proc/self/maps after each
 * call: where two kernels part, what each has mapped. */
static void show_window(void)
{
	static char buf[8192];
	long fd = syscall2(__NR_open, (long)"/proc/self/maps", 0), n;
	char *l, *e;

	if (fd < 0)
		return;
	n = syscall3(__NR_read, fd, (long)buf, sizeof(buf) - 1);
	syscall1(__NR_close, fd);
	buf[n > 0 ? n : 0] = '\0';
	for (l = buf; *l; l = e + 1) {
		e = strchr(l, '\n');
		if (!e)
			break;
		*e = '\0';
		if (l[0] == '4' && l[1] == '0')
			printf("   maps %s\n", l);
	}
}
#endif

/* One call: made, its outcome folded in (and printed with -v). */
static long sc(enum kind k, long nr, unsigned long a1, unsigned long a2,
	       unsigned long a3, unsigned long a4, unsigned long a5,
	       unsigned long a6)
{
	unsigned int v;
	long ret;

	calls++;
	if (trace) { /* before the call: it may not return */
		if (a1 == PATH_BUF || a2 == PATH_BUF) {
			char shown[41];

			memcpy(shown, (char *)PATH_BUF, 40);
			shown[40] = '\0';
			printf("   path \"%s\"\n", shown);
		}
		printf("%s%lu %ld(%lx, %lx, %lx, %lx, %lx, %lx)",
		       in_child ? "c" : "", calls, nr, a1, a2, a3, a4, a5, a6);
	}
	ret = syscall6(nr, (long)a1, (long)a2, (long)a3, (long)a4, (long)a5,
		       (long)a6);
	v = normalise(ret, k);
	fold((unsigned int)nr);
	fold(v);
	if (trace)
		print_outcome(v, k);
#ifdef SYS_FUZZ_MAPS
	if (trace && !in_child)
		show_window();
#endif
	return ret;
}

/* Something besides a return value that both kernels must agree on. */
static void note(const char *what, unsigned int v)
{
	fold(v);
	if (trace)
		printf("   %s%s: 0x%x\n", in_child ? "c " : "", what, v);
}

static int failed(long ret)
{
	return (unsigned long)ret >= -4095UL;
}

/* --- arguments ----------------------------------------------------------- */

static const unsigned long kernel_addrs[] = { TASK_SIZE, 0xc0001000UL,
					      0xd0000000UL, 0xfffff000UL,
					      0xffffffffUL };

/* A pointer through which nothing can be read or written, ever: NULL,
 * the pages below mmap_min_addr, the kernel half. */
static unsigned long bad_ptr(void)
{
	static const unsigned long low[] = { 1, PAGE, 0xfff0 };

	switch (below(3)) {
	case 0:
		return 0;
	case 1:
		return PICK(kernel_addrs);
	default:
		return PICK(low);
	}
}

/* A pointer for a call to read from, or to write what both kernels
 * must write the same. */
static unsigned long ptr(void)
{
	int i;

	switch (below(12)) {
	case 0:
	case 1:
		return bad_ptr();
	case 2: /* near the end: a copy runs off into the unmapped page */
		return SCRATCH + SCRATCH_SIZE - 1 - below(64);
	case 3:
	case 4:
		return WIN + below(WIN_PAGES) * PAGE +
		       (chance(50) ? 0 : below(PAGE));
	case 5: /* the end of the window: a copy runs off it (the page
		 * after the window is never mapped: see do_mremap) */
		return chance(50) ? WIN_END - 1 - below(16) :
				    WIN_END + below(PAGE);
	case 6: /* the program's text: readable, not writable */
		return (unsigned long)&rnd + below(64);
	case 7: /* 64 bytes or more from the end: what lies after a
		 * mapping of ours differs between kernels */
		for (i = 0; i < MAX_FLOAT; i++)
			if (floating[i].addr && chance(50))
				return floating[i].addr +
				       below(floating[i].len - 64);
		return SCRATCH;
	default:
		return SCRATCH + below(SCRATCH_DATA);
	}
}

/* Where a call writes what differs between kernels (dates, inode
 * numbers, pids): the junk page, or nowhere. */
static unsigned long junk_ptr(void)
{
	return chance(80) ? JUNK + below(PAGE) : bad_ptr();
}

/* A byte count. */
static unsigned long count(void)
{
	static const unsigned long odd[] = { 0,		 1,	     4095,
					     4096,	 4097,	     0x10000,
					     0x7fffffff, 0x80000000, 0xfffff000,
					     0xffffffff };

	if (chance(30))
		return PICK(odd);
	return chance(50) ? 1 + below(128) : 1 + below(4 * PAGE);
}

/*
 * A range for a call that may unmap or change memory: inside the window,
 * or inside one of our own mappings, or at an address no one maps; its
 * length stays inside, or wraps past 4 GiB (an overflow the kernel must
 * refuse), never reaching our own text, data or stack.
 */
static void range(unsigned long *addr, unsigned long *len)
{
	static const unsigned long wrapping[] = { 0xfffff000UL, 0xffffffffUL,
						  0xc0000000UL };
	unsigned long pages, start;
	int i;

	switch (below(10)) {
	case 0: /* NULL, and the unmapped pages below mmap_min_addr: no
		 * length from there may reach the text (madvise would zap
		 * it), and none wraps but 0xffffffff, which rounds up to 0 */
		*addr = chance(50) ? 0 : PAGE * (1 + below(15));
		*len = chance(20) ? 0xffffffffUL : below(0x10000 - *addr);
		return;
	case 1:
		*addr = PICK(kernel_addrs);
		*len = chance(50) ? PICK(wrapping) : below(16) * PAGE;
		return;
	case 2:
		for (i = 0; i < MAX_FLOAT; i++) {
			if (floating[i].addr && chance(40)) {
				pages = floating[i].len / PAGE;
				start = below(pages);
				*addr = floating[i].addr + start * PAGE;
				*len = (1 + below(pages - start)) * PAGE;
				return;
			}
		}
		break;
	default:
		break;
	}
	start = below(WIN_PAGES);
	*addr = WIN + start * PAGE + (chance(5) ? 1 + below(PAGE - 1) : 0);
	if (chance(8)) /* overflowing: past 4 GiB */
		*len = chance(50) ? PICK(wrapping) : -WIN + below(4) * PAGE;
	else if (chance(5))
		*len = 0;
	else
		*len = (1 + below(WIN_PAGES - start > 16 ? 16 :
							   WIN_PAGES - start)) *
			       PAGE -
		       (chance(10) ? 1 + below(PAGE - 1) : 0);
}

/* A file descriptor: one of ours, or a number that is none. */
static unsigned long fd(void)
{
	static const unsigned long bad[] = { -1UL,	 3,	    5,
					     11,	 63,	    64,
					     1023,	 1024,	    1 << 20,
					     0x7fffffff, 0x80000000 };

	if (nfds && chance(80))
		return (unsigned long)fds[below(nfds)];
	return PICK(bad);
}

/* A new fd of ours, and whether it is a directory (asked with a call
 * of its own, not counted: both kernels answer it alike). */
static void add_fd(long r)
{
	struct stat64 st = { 0 };

	if (failed(r) || nfds == MAX_FDS)
		return;
	fd_is_dir[nfds] = syscall2(__NR_fstat64, r, (long)&st) == 0 &&
			  (st.st_mode & S_IFMT) == 0040000;
	fds[nfds++] = (int)r;
}

static int is_open(unsigned long f)
{
	int i;

	for (i = 0; i < nfds; i++)
		if ((unsigned long)fds[i] == f)
			return 1;
	return 0;
}

static int is_dir(unsigned long f)
{
	int i;

	for (i = 0; i < nfds; i++)
		if ((unsigned long)fds[i] == f)
			return fd_is_dir[i];
	return 0;
}

static void drop_fd(unsigned long f)
{
	int i;

	for (i = 0; i < nfds; i++) {
		if ((unsigned long)fds[i] == f) {
			fds[i] = fds[--nfds];
			fd_is_dir[i] = fd_is_dir[nfds];
		}
	}
}

/*
 * Strings for path arguments, in the scratch area, written anew before
 * each use: names of this program (relative ones from "/", the working
 * directory on both kernels), and names of other things or of nothing,
 * some relative to a directory fd of ours ("sys_fuzz" in /bin).
 */
static const char *const self_names[] = {
	"/bin/sys_fuzz",    "/bin/sys_fuzz",	     "bin/sys_fuzz",
	"//bin///sys_fuzz", "/bin/../bin/sys_fuzz",  "/../bin/./sys_fuzz",
	"../bin//sys_fuzz", "/proc/../bin/sys_fuzz",
};
static const char *const other_names[] = {
	"/bin",
	"/",
	"/nonexistent",
	"/bin/sys_fuzz/x",
	"",
	"/bin/sys_fuzz/",
	"/bin/",
	"/bin/sys_fuzz/..",
	"/bin/sys_fuzz/.",
	"/nonexistent/../bin",
	"/bin/..",
	"//",
	".",
	"..",
	"sys_fuzz",
	"../sys_fuzz",
	"./",
};

/* A name longer than NAME_MAX (255), alone or in a missing directory. */
#define LONG_NAME_LEN 300

static unsigned long path(void)
{
	char *p = (char *)PATH_BUF;
	unsigned long n;

	switch (below(16)) {
	case 0:
		return 0;
	case 1:
		return PICK(kernel_addrs);
	case 2: /* no terminating NUL before the unmapped page */
		n = 1 + below(32);
		p = (char *)SCRATCH + SCRATCH_SIZE - n;
		memset(p, 'a', n);
		return (unsigned long)p;
	case 3: /* longer than PATH_MAX (4096) */
		memset(p, 'a', 5000);
		p[0] = '/';
		p[5000] = '\0';
		return (unsigned long)p;
	case 4: /* a component longer than NAME_MAX */
		memset(p, 'a', LONG_NAME_LEN);
		p[LONG_NAME_LEN] = '\0';
		if (chance(50))
			memcpy(p, "/nonexistent/", 13);
		else
			p[0] = '/';
		return (unsigned long)p;
	default:
		strcpy(p, chance(40) ? PICK(self_names) : PICK(other_names));
		return (unsigned long)p;
	}
}

/* --- the calls ----------------------------------------------------------- */

static void do_open(void)
{
	/*
	 * Read-only opens only: Linux's initramfs is writable and ours is
	 * read-only (EROFS, a documented difference), so O_WRONLY, O_RDWR,
	 * O_CREAT and O_TRUNC are left out.
	 */
	static const unsigned long flags[] = {
		O_APPEND,  O_NONBLOCK, O_DIRECTORY, O_NOFOLLOW,
		O_CLOEXEC, O_EXCL,     O_NOCTTY,    O_LARGEFILE,
	};
	unsigned long f = 0;
	int i;

	for (i = 0; i < 2; i++)
		if (chance(30))
			f |= PICK(flags);
	if (nfds == MAX_FDS)
		return;
	add_fd(sc(VALUE, __NR_open, path(), f, 0, 0, 0, 0));
}

static void do_close(void)
{
	unsigned long f = fd();
	long r = sc(VALUE, __NR_close, f, 0, 0, 0, 0, 0);

	if (!failed(r))
		drop_fd(f);
}

/*
 * A read's count, where the read could run from memory it may write into
 * memory it may not. In the window and the scratch area what lies past a
 * page is the same on both kernels, and both return the bytes copied up
 * to the fault, but Linux only counts them exactly when its i386
 * copy_to_user (arch/x86/lib/usercopy_32.c) copies in 4-byte words: for a
 * count under 64, or a buffer aligned as the file position (mod 8, the
 * source being a page of the page cache). Otherwise it copies blocks of
 * 64 bytes and counts a block the fault cut short as not copied at all,
 * where this kernel counts every byte: such a count ends where the
 * buffer's page does (or the scratch area). Past a mapping made without
 * MAP_FIXED what lies differs: there too a count ends with the page.
 */
static unsigned long clip(unsigned long f, unsigned long buf, unsigned long n)
{
	unsigned long end = SCRATCH + SCRATCH_SIZE;
	long pos;

	if (buf < PAGE || buf >= TASK_SIZE)
		return n;
	if (buf >= WIN && buf < SCRATCH + SCRATCH_SIZE && is_open(f) &&
	    !is_dir(f)) {
		/* (asked with a call of its own, not counted: a position
		 * past 2 GiB fails, and there nothing is read at all) */
		pos = syscall3(__NR_lseek, (long)f, 0, SEEK_CUR);
		if (failed(pos) || n < 64 || !((buf - (unsigned long)pos) & 7))
			return n;
	}
	if (buf < SCRATCH || buf >= end)
		end = (buf | (PAGE - 1)) + 1;
	return n <= end - buf ? n : end - buf;
}

static void do_read(void)
{
	unsigned long f = fd(), n = count(), buf = ptr();

	sc(VALUE, __NR_read, f, buf, clip(f, buf, n), 0, 0, 0);
}

/*
 * Our fds are read-only: EBADF, once a writev's vector has passed (Linux
 * reads and checks it first). The vector: one of random segments (good,
 * bad, negative or huge lengths), or whatever a pointer finds; a long one
 * only from where what lies after is the same on both kernels.
 */
static void do_write(void)
{
	static const unsigned long long_vlens[] = { 1024, 1025, 0x40000000,
						    -1UL };
	struct iovec *v = (struct iovec *)IOV_BUF;
	unsigned long f = fd(), iov = ptr(), vlen = below(5);
	int i;

	if (chance(50)) {
		sc(VALUE, __NR_write, f, ptr(), count(), 0, 0, 0);
		return;
	}
	if (chance(60)) {
		for (i = 0; i < 4; i++)
			v[i] = (struct iovec){ (void *)ptr(), count() };
		iov = IOV_BUF;
	} else if (chance(20)) {
		vlen = PICK(long_vlens);
		iov = chance(80) ? SCRATCH + below(SCRATCH_DATA) : bad_ptr();
	}
	sc(VALUE, __NR_writev, f, iov, vlen, 0, 0, 0);
}

/*
 * Any whence, SEEK_DATA and SEEK_HOLE (3, 4) among them, on files and
 * directories, and offsets that take the position past 2 GiB: the file
 * moves there and lseek answers EOVERFLOW.
 */
static void do_lseek(void)
{
	static const unsigned long offs[] = {
		0,	    1,		100,	    -1UL,
		0x10000000, 0x80000000, 4096,	    -4096UL,
		0x7fffffff, 0x7ffff000, 0x80000001, -0x7fffffffUL,
	};
	unsigned long f = fd(), whence = chance(90) ? below(5) : below(100);
	unsigned long off = chance(50) ? PICK(offs) : below(64 * 1024);

	sc(VALUE, __NR_lseek, f, off, whence, 0, 0, 0);
}

/*
 * The stat buffer: file type, size and link count, not the inode, device,
 * dates or permission bits (a cpio archive's on ours, the tmpfs root's on
 * Linux).
 */
static void note_stat(long r, unsigned long buf)
{
	const struct stat64 *st = (const struct stat64 *)buf;

	if (failed(r) || buf < JUNK || buf + sizeof(*st) > JUNK + 2 * PAGE)
		return;
	note("st_mode & S_IFMT", st->st_mode & S_IFMT);
	if (S_ISREG(st->st_mode))
		note("st_size", (unsigned int)st->st_size);
}

static void do_fstat(void)
{
	unsigned long buf = junk_ptr();
	/* dirfd: the current directory, one of ours (where relative names
	 * start), or no fd at all */
	unsigned long at_fd = chance(60) ? (unsigned long)AT_FDCWD : fd();
	long r;

	if (chance(50)) {
		r = sc(VALUE, __NR_fstat64, fd(), buf, 0, 0, 0, 0);
	} else {
		/* path() writes the scratch area: before the buffer */
		unsigned long p = path();
		unsigned long fl = chance(70) ? 0 :
				   chance(30) ? AT_SYMLINK_NOFOLLOW :
				   chance(30) ? AT_EMPTY_PATH :
				   chance(30) ? AT_STATX_SYNC_TYPE & rnd() :
						(1UL << below(32));

		r = sc(VALUE, __NR_fstatat64, at_fd, p, buf, fl, 0, 0);
	}
	note_stat(r, buf);
}

/*
 * A request for ioctl: those of any file (FIONREAD, FIOCLEX, FIONBIO,
 * FIGETBSZ, FIOQSIZE...), a terminal's, or anything up to 0xffff. Only on
 * our own files and bad fds, never on the console (fd() never gives fds
 * 0-2); and never a request that would change a terminal, should one be
 * asked anyway: the console carries this program's results, and on Linux
 * it is init's too.
 */
static unsigned long ioctl_cmd(unsigned long f)
{
	/* Linux's include/uapi/asm-generic/ioctls.h: TCSETS, TCSETSW,
	 * TCSETSF, TCSETA, TCSETAW, TCSETAF, TCSBRK, TCXONC, TCFLSH,
	 * TIOCEXCL, TIOCNXCL, TIOCSCTTY, TIOCSPGRP, TIOCSTI, TIOCSWINSZ,
	 * TIOCMBIS, TIOCMBIC, TIOCMSET, TIOCSSOFTCAR, TIOCLINUX, TIOCCONS,
	 * TIOCSSERIAL, TIOCPKT, TIOCNOTTY, TIOCSETD, TCSBRKP, TIOCSBRK,
	 * TIOCCBRK, TIOCVHANGUP, TIOCSERCONFIG, TIOCSERSWILD, TIOCSLCKTRMIOS,
	 * TIOCSERSETMULTI, and TIOCMIWAIT, which waits. */
	static const unsigned short tty_changing[] = {
		0x5402, 0x5403, 0x5404, 0x5406, 0x5407, 0x5408, 0x5409,
		0x540A, 0x540B, 0x540C, 0x540D, 0x540E, 0x5410, 0x5412,
		0x5414, 0x5416, 0x5417, 0x5418, 0x541A, 0x541C, 0x541D,
		0x541F, 0x5420, 0x5422, 0x5423, 0x5425, 0x5427, 0x5428,
		0x5437, 0x5453, 0x5455, 0x5457, 0x545B, 0x545C,
	};
	static const unsigned long cmds[] = {
		TCGETS,	  TIOCGWINSZ, FIONREAD, FIONBIO, FIONCLEX, FIOCLEX,
		FIOASYNC, FIOQSIZE,   FIGETBSZ, FIBMAP,	 0,	   0xffffffff,
	};
	unsigned long cmd = PICK(cmds);
	unsigned int i;

	if (chance(30))
		cmd = chance(30) ? below(16) :
		      chance(50) ? 0x5400 + below(0x100) :
				   below(0x10000);
	for (i = 0; i < sizeof(tty_changing) / sizeof(tty_changing[0]); i++)
		if (cmd == tty_changing[i])
			cmd = TCGETS;
	/* Not FIBMAP on a regular file: Linux wants CAP_SYS_RAWIO (EPERM
	 * for this program there, which drops root), this kernel has no
	 * users and answers as Linux does for root. */
	if (cmd == FIBMAP && is_open(f) && !is_dir(f))
		cmd = FIGETBSZ;
	return cmd;
}

static void do_ioctl(void)
{
	unsigned long f = fd();

	sc(VALUE, __NR_ioctl, f, ioctl_cmd(f), ptr(), 0, 0, 0);
}

static unsigned long prot(void)
{
	static const unsigned long odd[] = { 0x8, 0x10, 0x01000000, 0x02000000,
					     0xffffffff };

	return chance(90) ? below(8) : PICK(odd);
}

static unsigned long map_flags(void)
{
	static const unsigned long types[] = { MAP_PRIVATE, MAP_PRIVATE,
					       MAP_SHARED,  MAP_SHARED_VALIDATE,
					       0,	    0xf };
	static const unsigned long extra[] = { MAP_POPULATE, MAP_NORESERVE,
					       MAP_GROWSDOWN, 0x40 /* 32BIT */,
					       0x20000000 /* unknown */ };
	unsigned long f = chance(90) ? PICK(types) : PICK(types) & 0x3;

	if (chance(75))
		f |= MAP_ANONYMOUS;
	if (chance(15))
		f |= PICK(extra);
	return f;
}

/* A mapping that ended up outside the window is kept as ours to use. */
static void add_floating(unsigned long addr, unsigned long len)
{
	int i;

	if (addr >= WIN && addr < WIN_END)
		return;
	for (i = 0; i < MAX_FLOAT; i++) {
		if (!floating[i].addr) {
			floating[i].addr = addr;
			floating[i].len = (len + PAGE - 1) & ~(PAGE - 1);
			return;
		}
	}
	syscall2(__NR_munmap, (long)addr, (long)len); /* no room: gone */
}

/* A floating mapping whose range was changed: forget it, wholly unmapped
 * (a hole in it could take a new mapping on one kernel only). */
static void drop_floating(unsigned long addr, unsigned long len)
{
	int i;

	for (i = 0; i < MAX_FLOAT; i++) {
		struct region *f = &floating[i];

		if (f->addr && addr < f->addr + f->len &&
		    addr + len > f->addr) {
			syscall2(__NR_munmap, (long)f->addr, (long)f->len);
			f->addr = 0;
		}
	}
}

static void do_mmap(void)
{
	unsigned long addr, len, fl = map_flags(), pr = prot(), off = 0;
	unsigned long file = -1UL;
	long r;

	if (!(fl & MAP_ANONYMOUS)) {
		file = fd();
		off = chance(80) ? below(12) : chance(50) ? 0xfffff : rnd();
	} else if (chance(10)) {
		file = fd(); /* ignored for anonymous maps */
	}
	if (chance(30)) {
		fl |= chance(70) ? MAP_FIXED : MAP_FIXED_NOREPLACE;
		range(&addr, &len);
	} else if (chance(50)) {
		/* a hint in the window: there if it is free */
		range(&addr, &len);
		if (addr < WIN || addr >= WIN_END || len > WIN_END - addr)
			addr = 0, len = (1 + below(FLOAT_PAGES)) * PAGE;
	} else {
		/* Anywhere: the length must fit on both kernels or on none
		 * (layouts differ: no length in between). */
		addr = chance(90) ? 0 : PICK(kernel_addrs);
		len = chance(90) ? (1 + below(FLOAT_PAGES)) * PAGE -
					   (chance(10) ? below(PAGE) : 0) :
		      chance(50) ? 0 :
				   TASK_SIZE + below(4) * PAGE;
	}
	if (fl & (MAP_FIXED | MAP_FIXED_NOREPLACE))
		drop_floating(addr, len);
	if (chance(5)) { /* the old mmap, its arguments in memory */
		unsigned long *a = (unsigned long *)MMAP_ARGS_BUF;

		a[0] = addr, a[1] = len, a[2] = pr, a[3] = fl, a[4] = file;
		a[5] = off * PAGE + (chance(10) ? 1 : 0);
		r = sc(ADDR, __NR_mmap,
		       chance(90) ? (unsigned long)a : bad_ptr(), 0, 0, 0, 0,
		       0);
	} else {
		r = sc(ADDR, __NR_mmap2, addr, len, pr, fl, file, off);
	}
	if (!failed(r))
		add_floating((unsigned long)r, len);
}

static void do_munmap(void)
{
	unsigned long addr, len;

	range(&addr, &len);
	drop_floating(addr, len);
	sc(VALUE, __NR_munmap, addr, len, 0, 0, 0, 0);
}

static void do_mprotect(void)
{
	unsigned long addr, len;

	range(&addr, &len);
	sc(VALUE, __NR_mprotect, addr, len, prot(), 0, 0, 0);
}

/* Not MADV_REMOVE: on shared writable memory Linux punches a hole, which
 * this kernel does not do (EOPNOTSUPP, documented). */
static void do_madvise(void)
{
	static const unsigned long advice[] = {
		MADV_NORMAL,
		MADV_RANDOM,
		MADV_SEQUENTIAL,
		MADV_WILLNEED,
		MADV_DONTNEED,
		MADV_FREE,
		MADV_DONTFORK,
		MADV_DOFORK,
		MADV_DONTDUMP,
		MADV_DODUMP,
		MADV_WIPEONFORK,
		MADV_KEEPONFORK,
		MADV_COLD,
		MADV_PAGEOUT,
		MADV_POPULATE_READ,
		MADV_POPULATE_WRITE,
		5,
		7,
		99,
		0xffffffff,
	};
	unsigned long addr, len;

	range(&addr, &len);
	sc(VALUE, __NR_madvise, addr, len, PICK(advice), 0, 0, 0);
}

/* mincore's vector: only whether the call succeeded. Which pages are
 * resident differs for file pages (Linux's tmpfs holds them all; ours
 * reads them in at the first touch). */
static void do_mincore(void)
{
	unsigned long addr, len, vec = junk_ptr();

	range(&addr, &len);
	sc(VALUE, __NR_mincore, addr, len, vec, 0, 0, 0);
}

/* A length from addr that stays inside the floating mapping addr is in. */
static unsigned long clip_to_floating(unsigned long addr, unsigned long len)
{
	int i;

	for (i = 0; i < MAX_FLOAT; i++) {
		const struct region *f = &floating[i];

		if (f->addr && addr >= f->addr && addr < f->addr + f->len &&
		    len > f->addr + f->len - addr)
			return f->addr + f->len - addr;
	}
	return len;
}

static void do_mremap(void)
{
	static const unsigned long flags[] = {
		0,
		MREMAP_MAYMOVE,
		MREMAP_MAYMOVE | MREMAP_FIXED,
		MREMAP_FIXED,
		MREMAP_MAYMOVE | MREMAP_DONTUNMAP,
		8,
	};
	unsigned long addr, len, nlen, naddr = 0, nsize, fl = PICK(flags);
	int fl_float;
	long r;

	range(&addr, &len);
	/*
	 * One page at most from our own mappings: a longer range may cross
	 * from one VMA to the next, which Linux keeps apart where this
	 * kernel merges them (Linux's anon_vma rules); mremap refuses a
	 * range over two VMAs (EFAULT), so the answers would differ.
	 */
	if (len > PAGE && len < TASK_SIZE)
		len = PAGE;
	fl_float = addr < WIN || addr >= WIN_END;
	/*
	 * New lengths: small, or beyond TASK_SIZE. A floating mapping does
	 * not grow in place (what is next to it differs between kernels).
	 */
	nlen = chance(90) ? (1 + below(FLOAT_PAGES)) * PAGE : TASK_SIZE + PAGE;
	/* A shrink unmaps [addr + nlen, addr + len): with a len that wraps,
	 * an nlen that wraps too would make that our own text and stack. */
	if (len >= TASK_SIZE && nlen >= TASK_SIZE)
		nlen = PAGE;
	if (fl_float && !(fl & MREMAP_MAYMOVE) && nlen > len)
		nlen = len;
	/* Nor does the window grow past its end, which stays unmapped. */
	if (!fl_float && nlen < TASK_SIZE && nlen > WIN_END - addr)
		nlen = WIN_END - addr;
	if (fl & MREMAP_FIXED) {
		/* the destination, inside the window or the mapping it is in */
		range(&naddr, &nsize);
		if (naddr >= WIN && naddr < WIN_END && nlen > WIN_END - naddr)
			nlen = WIN_END - naddr;
		nlen = clip_to_floating(naddr, nlen);
	}
	drop_floating(addr, len);
	if (naddr)
		drop_floating(naddr, nlen);
	r = sc(ADDR, __NR_mremap, addr, len, nlen, fl, naddr, 0);
	if (!failed(r))
		add_floating((unsigned long)r, nlen);
}

/* The break, moved near where it started, or to nonsense. */
static void do_brk(void)
{
	static const unsigned long odd[] = { 0,		1,   0xffffffff,
					     TASK_SIZE, WIN, 0xfffff000 };
	unsigned long want;
	long r;

	if (chance(20))
		want = PICK(odd);
	else
		want = brk0 + below(HEAP_PAGES * PAGE) -
		       (chance(10) ? below(4 * PAGE) : 0);
	r = sc(BRK, __NR_brk, want, 0, 0, 0, 0, 0);
	brk_cur = (unsigned long)r;
}

static void do_signals(void)
{
	/* act/oact buffers, and what rt_sigaction may install: only the
	 * default action and SIG_IGN (a handler would run on Linux only),
	 * with any flags, restorer and mask; the whole old action is
	 * compared. SIGCHLD set to SIG_IGN, or with SA_NOCLDWAIT, makes
	 * the children of later forks vanish at their exit (wait: ECHILD). */
	unsigned long *act = (unsigned long *)ACT_BUF;
	unsigned long *old = (unsigned long *)OLD_BUF;
	static const unsigned long sigs[] = { 0,  1,  2,  9,  10, 12, 15,
					      17, 19, 28, 31, 64, 65, -1UL };
	unsigned long sig = PICK(sigs), how, oact,
		      size = chance(90) ? SIGSET_SIZE : below(16);
	long r;
	int i;

	if (chance(50)) {
		act[0] = chance(50) ? SIG_DFL : SIG_IGN;
		act[1] = chance(70) ? 0 : chance(50) ? SA_NOCLDWAIT : rnd();
		act[2] = chance(50) ? 0 : rnd();
		act[3] = rnd(), act[4] = rnd();
		oact = chance(70) ? (unsigned long)old : ptr();
		memset(old, 0x5a, 20);
		r = sc(VALUE, __NR_rt_sigaction, sig,
		       chance(70) ? (unsigned long)act :
		       chance(50) ? 0 :
				    bad_ptr(),
		       oact, size, 0, 0);
		if (!failed(r) && oact == (unsigned long)old)
			for (i = 0; i < 5; i++)
				note("oact", (unsigned int)old[i]);
		return;
	}
	how = chance(90) ? below(3) : below(100);
	act[0] = rnd(), act[1] = rnd();
	memset(old, 0x5a, 8);
	r = sc(VALUE, __NR_rt_sigprocmask, how,
	       chance(70) ? (unsigned long)act :
	       chance(50) ? 0 :
			    ptr(),
	       chance(70) ? (unsigned long)old : ptr(), size, 0, 0);
	if (!failed(r)) {
		note("oset[0]", (unsigned int)old[0]);
		note("oset[1]", (unsigned int)old[1]);
	}
}

/* Time: results that are time are not compared, only success. */
static void do_time(void)
{
	unsigned long *ts = (unsigned long *)TS_BUF;
	static const unsigned long clocks[] = { 0, 1, 16, 100, 0x7fffffff };
	static const unsigned long nsecs[] = { 0, 1, 999, 1000000000,
					       0xffffffff };

	if (chance(50)) {
		sc(VALUE, __NR_clock_gettime, PICK(clocks), junk_ptr(), 0, 0, 0,
		   0);
		return;
	}
	/* Sleeps of a microsecond at most: never anything that waits. */
	ts[0] = chance(90) ? 0 : -1UL;
	ts[1] = PICK(nsecs);
	sc(VALUE, __NR_nanosleep, chance(80) ? (unsigned long)ts : bad_ptr(),
	   chance(50) ? 0 : ptr(), 0, 0, 0, 0);
}

static void do_misc(void)
{
	unsigned long *u = (unsigned long *)DESC_BUF;
	long r;

	switch (below(7)) {
	case 0:
		sc(OK, __NR_getpid, 0, 0, 0, 0, 0, 0);
		break;
	case 1:
		sc(OK, __NR_getppid, 0, 0, 0, 0, 0, 0);
		break;
	case 2:
		sc(VALUE, __NR_sched_yield, 0, 0, 0, 0, 0, 0);
		break;
	case 3: /* the values are this kernel's own limits: not compared */
		sc(VALUE, __NR_ugetrlimit, chance(80) ? below(16) : rnd(),
		   junk_ptr(), 0, 0, 0, 0);
		break;
	case 4: /* a TLS descriptor: an entry of its own, or a bad one */
		u[0] = chance(70) ? -1UL : below(16);
		u[1] = rnd();
		u[2] = chance(50) ? 0xfffff : rnd();
		u[3] = chance(70) ?
			       0x51 :
			       rnd() & 0xff; /* seg_32bit, limit_in_pages, useable */
		r = sc(VALUE, __NR_set_thread_area,
		       chance(80) ? (unsigned long)u : ptr(), 0, 0, 0, 0, 0);
		if (!failed(r))
			note("entry_number", (unsigned int)u[0]);
		break;
	case 5: /* a tid pointer of ours: one thread, never cleared */
		sc(OK, __NR_set_tid_address, ptr(), 0, 0, 0, 0, 0);
		break;
	default: /* numbers past the end of the table */
		sc(VALUE,
		   chance(50) ? NR_FIRST_UNUSED + (long)below(50) :
				(long)PICK(kernel_addrs),
		   ptr(), 0, 0, 0, 0, 0);
		break;
	}
}

/* kill: only what cannot end this program (it is init on our kernel,
 * which ignores signals, and an ordinary process on Linux). */
static void do_kill(void)
{
	static const unsigned long pids[] = { 0x7ffffff0, 0x3fffffff,
					      -0x7ffffff0UL, 0x80000000 };
	static const unsigned long sigs[] = { 0, 17, 28, 64, 65, -1UL };
	/* to ourselves: none that would kill, nothing, or ignored ones */
	static const unsigned long self_sigs[] = { 0, 17, 28, 65, 255 };

	if (chance(50))
		sc(VALUE, __NR_kill, (unsigned long)getpid(), PICK(self_sigs),
		   0, 0, 0, 0);
	else
		sc(VALUE, __NR_kill, PICK(pids), PICK(sigs), 0, 0, 0, 0);
}

/* wait with nothing to wait for: every child is reaped at once. */
static void do_wait(void)
{
	static const unsigned long pids[] = { -1UL, 0, 1, 0x7ffffff0 };
	unsigned long opts = chance(70) ? WNOHANG :
			     chance(50) ? WUNTRACED :
					  rnd();

	if (chance(50))
		sc(VALUE, __NR_wait4, PICK(pids), ptr(), opts, 0, 0, 0);
	else
		sc(VALUE, __NR_waitpid, PICK(pids), ptr(), opts, 0, 0, 0);
}

/* Does the string at p name this program (one of path()'s self_names)? */
static int names_self(unsigned long p)
{
	unsigned int i;

	if (p != PATH_BUF)
		return 0;
	for (i = 0; i < sizeof(self_names) / sizeof(self_names[0]); i++)
		if (!strcmp((const char *)p, self_names[i]))
			return 1;
	return 0;
}

/*
 * execve that fails; one that works is a child's business. A path that
 * names this program always gets something unreadable: argv or envp, or
 * one of their strings (EFAULT, found before the point of no return);
 * other paths get one half the time. Linux reads the name, then the
 * strings, and looks the file up last.
 */
static void do_execve(void)
{
	unsigned long *argv = (unsigned long *)ARGV_BUF, *envp = argv + 4;
	unsigned long p = path(), av = (unsigned long)argv, env = 0;

	argv[0] = p;
	argv[1] = 0;
	if (names_self(p) || chance(50)) {
		switch (below(4)) {
		case 0: /* a string that cannot be read */
			argv[1] = chance(50) ? PICK(kernel_addrs) : PAGE;
			break;
		case 1:
			env = PICK(kernel_addrs);
			break;
		case 2:
			envp[0] = chance(50) ? PICK(kernel_addrs) : PAGE;
			envp[1] = 0;
			env = (unsigned long)envp;
			break;
		default:
			av = chance(50) ? PICK(kernel_addrs) : PAGE;
			break;
		}
	}
	sc(VALUE, __NR_execve, p, av, env, 0, 0, 0);
}

/* --- memory work --------------------------------------------------------- */

/*
 * A child reads or writes a byte of the window: how it ends (exit 0, or
 * SIGSEGV, SIGBUS) is compared. Also the word it read, as its status.
 */
static void touch(void)
{
	unsigned long a = WIN + below(WIN_PAGES) * PAGE + below(PAGE);
	int how = (int)below(3), status = 0;
	long pid = syscall0(__NR_fork);

	if (pid == 0) {
		volatile unsigned char *p = (volatile unsigned char *)a;

		if (how == 0)
			_exit(*p & 0x7f);
		if (how == 1) {
			*p = (unsigned char)a;
			_exit(*p & 0x7f);
		}
		/* read an int through a word straddling a page */
		_exit((int)(*(volatile unsigned int *)((a | (PAGE - 1)) - 1) &
			    0x7f));
	}
	if (failed(pid)) {
		note("fork failed", (unsigned int)-pid);
		return;
	}
	waitpid((pid_t)pid, &status, 0);
	note("touch status", (unsigned int)status & ~0x80U);
}

/* Writes to the heap, then its contents folded in: a page the break gave
 * back and took again must be zero. */
static void heap_work(void)
{
	unsigned long start = (brk0 + PAGE - 1) & ~(PAGE - 1), a;
	unsigned int sum = 0;

	/* (a break moved far, say to the window, is left untouched) */
	if (brk_cur <= start + PAGE || brk_cur > start + HEAP_PAGES * PAGE)
		return;
	for (a = start; a + 4 <= brk_cur; a += 512)
		sum = sum * 31 + *(volatile unsigned int *)a;
	note("heap sum", sum);
	a = start + below(brk_cur - start - 4) / 4 * 4;
	*(volatile unsigned int *)a = rnd();
}

/* --- processes ----------------------------------------------------------- */

static void step(int depth);

/* A child: a few calls of its own, then an exit whose status carries its
 * hash, so that the parent's record covers what the child saw. */
static __attribute__((noreturn)) void child_life(unsigned int seed, int depth)
{
	int n = 1 + (int)below(CHILD_CALLS);

	in_child = 1;
	rng = seed | 1;
	hash = 2166136261U;
	while (n--)
		step(depth + 1);
	if (chance(10)) { /* exec ourselves, which exits with a number */
		unsigned long *argv = (unsigned long *)CHILD_BUF;
		char *s = (char *)(CHILD_BUF + 64);

		strcpy(s, "-x");
		snprintf(s + 8, 16, "%u", hash & 0x7f);
		strcpy(s + 32, self_path);
		argv[0] = (unsigned long)(s + 32);
		argv[1] = (unsigned long)s;
		argv[2] = (unsigned long)(s + 8);
		argv[3] = 0;
		syscall3(__NR_execve, (long)(s + 32), (long)argv, 0);
	}
	if (chance(50))
		syscall1(__NR_exit, (long)(hash & 0x7f));
	_exit((int)(hash & 0x7f));
}

static void do_fork(int depth)
{
	unsigned int seed = rnd();
	int status = 0;
	long pid;

	if (depth > 1)
		return;
	switch (below(3)) {
	case 0:
		pid = sc(OK, __NR_fork, 0, 0, 0, 0, 0, 0);
		break;
	case 1: { /* glibc's fork, and its tid pointers, good or bad. Only
		   * that: threads (CLONE_VM...) do not exist on our kernel,
		   * and another exit signal hides the child from waitpid. */
		unsigned long fl = SIGCHLD;

		if (chance(50))
			fl |= CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID |
			      CLONE_PARENT_SETTID;
		pid = sc(OK, __NR_clone, fl, 0, junk_ptr(), 0, junk_ptr(), 0);
		break;
	}
	default: /* vfork: the child may only exit */
		pid = vfork();
		if (pid == 0)
			_exit((int)(seed & 0x7f));
		if (pid < 0)
			pid = -errno;
		fold(failed(pid) ? (unsigned int)-pid : 0);
		break;
	}
	if (pid == 0)
		child_life(seed, depth);
	if (failed(pid))
		return;
	if (waitpid((pid_t)pid, &status, 0) == pid)
		note("child status", (unsigned int)status & ~0x80U);
	else
		note("wait errno", (unsigned int)errno);
}

/* One random step: a call, memory work, or a fork. */
static void step(int depth)
{
	unsigned int r = (unsigned int)below(100);

	if (r < 8)
		do_open();
	else if (r < 12)
		do_close();
	else if (r < 20)
		do_read();
	else if (r < 23)
		do_write();
	else if (r < 28)
		do_lseek();
	else if (r < 33)
		do_fstat();
	else if (r < 36)
		do_ioctl();
	else if (r < 44)
		do_mmap();
	else if (r < 49)
		do_munmap();
	else if (r < 55)
		do_mprotect();
	else if (r < 60)
		do_madvise();
	else if (r < 63)
		do_mincore();
	else if (r < 68)
		do_mremap();
	else if (r < 72)
		do_brk();
	else if (r < 77)
		do_signals();
	else if (r < 80)
		do_time();
	else if (r < 85)
		do_misc();
	else if (r < 87)
		do_kill();
	else if (r < 89)
		do_wait();
	else if (r < 91)
		do_execve();
	else if (r < 94 && !in_child)
		touch();
	else if (r < 97)
		heap_work();
	else if (!in_child)
		do_fork(depth);
}

/* --- the run ------------------------------------------------------------- */

static void cleanup(void)
{
	int i;

	for (i = 0; i < MAX_FLOAT; i++)
		if (floating[i].addr)
			syscall2(__NR_munmap, (long)floating[i].addr,
				 (long)floating[i].len);
	memset(floating, 0, sizeof(floating));
	while (nfds)
		syscall1(__NR_close, fds[--nfds]);
	syscall2(__NR_munmap, (long)WIN, (long)(WIN_PAGES * PAGE));
	syscall1(__NR_brk, (long)brk0);
	brk_cur = brk0;
}

/*
 * The fixed state every seed starts from, so that a seed gives the same
 * outcomes alone or after others: no signal blocked or ignored, no TLS
 * entry, no tid address, nothing mapped in the window but one mapping.
 */
static int setup(void)
{
	static const unsigned long empty_tls[4] = { 0, 0, 0, 0x28 };
	unsigned long tls[4], zero[2] = { 0, 0 }, dfl[5] = { SIG_DFL };
	long r, sig, entry;

	cleanup();
	syscall4(__NR_rt_sigprocmask, 2 /* SIG_SETMASK */, (long)zero, 0,
		 SIGSET_SIZE);
	for (sig = 1; sig <= 64; sig++)
		if (sig != SIGKILL && sig != 19 /* SIGSTOP */)
			syscall4(__NR_rt_sigaction, sig, (long)dfl, 0,
				 SIGSET_SIZE);
	for (entry = 6; entry <= 8; entry++) { /* GDT_ENTRY_TLS_MIN.. */
		memcpy(tls, empty_tls, sizeof(tls));
		tls[0] = (unsigned long)entry;
		syscall1(__NR_set_thread_area, (long)tls);
	}
	syscall1(__NR_set_tid_address, 0);
	r = syscall6(__NR_mmap2, (long)WIN, (long)(WIN_PAGES * PAGE),
		     PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	return r == (long)WIN;
}

static int run_seed(unsigned int seed, unsigned long n)
{
	calls = 0;
	hash = 2166136261U; /* FNV-1a's offset basis */
	rng = seed ? seed : 1;
	if (!setup()) {
		printf("# seed %08x: cannot map the window\n", seed);
		return 0;
	}
	while (calls < n)
		step(0);
	cleanup();
	total_calls += calls;
	printf("# seed %08x: %lu calls, hash %08x\n", seed, calls, hash);
	return 1;
}

/*
 * On Linux the peer runs us as root, who may do what an ordinary user may
 * not (map page 0, change limits): be nobody there. Our kernel has no
 * users and answers setuid32 with ENOSYS.
 */
static void drop_root(void)
{
	syscall1(__NR_setuid32, 65534);
}

static unsigned int parse_hex(const char *s)
{
	unsigned int v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	for (; *s; s++)
		v = v * 16 + (unsigned int)(*s <= '9' ? *s - '0' :
							(*s | 0x20) - 'a' + 10);
	return v;
}

static unsigned int parse_dec(const char *s)
{
	unsigned int v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (unsigned int)(*s++ - '0');
	return v;
}

#ifdef SYS_FUZZ_SEEDS
static const unsigned int default_seeds[] = { SYS_FUZZ_SEEDS };
#define N_DEFAULT (int)(sizeof(default_seeds) / sizeof(default_seeds[0]))
#else
#define N_DEFAULT NSEEDS
#endif

static unsigned int nth_default_seed(int i)
{
#ifdef SYS_FUZZ_SEEDS
	return default_seeds[i];
#else
	return (unsigned int)(i + 1) * 0x9e3779b1U; /* the golden ratio */
#endif
}

int main(int argc, char **argv)
{
	unsigned int seeds[32];
	unsigned long n = CALLS;
	int i, nseeds = 0, failed_seeds = 0;
	char name[32];

#ifdef SYS_FUZZ_TRACE
	trace = 1;
#endif
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-x") && i + 1 < argc)
			return (int)parse_dec(argv[i + 1]);
		if (!strcmp(argv[i], "-v"))
			trace = 1;
		else if (!strcmp(argv[i], "-n") && i + 1 < argc)
			n = parse_dec(argv[++i]);
		else if (nseeds < 32)
			seeds[nseeds++] = parse_hex(argv[i]);
	}
	if (!nseeds)
		for (; nseeds < N_DEFAULT && nseeds < 32; nseeds++)
			seeds[nseeds] = nth_default_seed(nseeds);
	drop_root();
	if (syscall6(__NR_mmap2, (long)SCRATCH, (long)SCRATCH_SIZE,
		     PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1,
		     0) != (long)SCRATCH) {
		printf("# cannot map the scratch area at %lx\n", SCRATCH);
		return 1;
	}
	brk0 = (unsigned long)syscall1(__NR_brk, 0);
	brk_cur = brk0;
	printf("KTAP version 1\n1..%d\n", nseeds);
	for (i = 0; i < nseeds; i++) {
		snprintf(name, sizeof(name), "seed_%08x", seeds[i]);
		if (run_seed(seeds[i], n)) {
			printf("ok %d %s\n", i + 1, name);
		} else {
			printf("not ok %d %s\n", i + 1, name);
			failed_seeds++;
		}
	}
	printf("# sys_fuzz: %lu calls in %d seeds\n", total_calls, nseeds);
	return failed_seeds ? 1 : 0;
}
