/*
 * isolation_test - user code reaches neither the kernel half nor another
 * process's memory, and every system call that takes a pointer answers a
 * bad one as Linux 6.1 i386 does: -EFAULT where the kernel would read or
 * write through it, and Linux's -EINVAL, -ENOMEM or an ignored hint where
 * it is an address range. Never an oops.
 *
 * Each pointer argument is tried with each kind of bad pointer (bad[]):
 * NULL, an unmapped user page, a PROT_NONE page, a read-only page (only
 * where the kernel writes), the first byte of the kernel half, the
 * kernel's text, the last page of memory, and an object that starts at
 * 0xbffffffc, in user space, and runs into the kernel half. The system
 * calls are made raw (int $0x80), so the value checked is the kernel's own
 * answer, -errno and all. Real Linux is the oracle: the peer runs this
 * program (tools/peer/run.sh), and every check holds there too.
 */
#include "mm_test.h"

/* Linux i386 numbers (syscall_32.tbl) that user/lib/syscall.h lacks. */
#define __NR_ioctl 54
#define __NR_rt_sigaction 174
#define __NR_rt_sigprocmask 175
#define __NR_ugetrlimit 191
#define __NR_set_thread_area 243
#define __NR_set_tid_address 258
#define __NR_fstatat64 300

#define SELF "/bin/isolation_test"
/* A program that exits 0, if an execve with a bad pointer ever worked. */
#define TRUE_PROG "/bin/true"
#define SIGSET_SIZE 8 /* the kernel's sigset_t */
#define SIG_BLOCK 0
#define RLIMIT_STACK 3
#define CSIGNAL_SIGCHLD 17 /* clone's exit signal: SIGCHLD */
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID 0x01000000

/* Where the kernel half starts, its text (the kernel's link address,
 * 0xc0100000 in this kernel and in Linux i386), and the last page. */
#define KERNEL_TEXT 0xc0100000UL
#define TOP_PAGE 0xfffff000UL
/* The last user page; an object at its last word straddles the border. */
#define LAST_USER_PAGE (KERNEL_HALF - PAGE_SIZE)
#define STRADDLE (KERNEL_HALF - 4)
/* A page far from the program, its heap and the mmap area, in both
 * kernels: no mapping made here lands there. */
#define UNMAPPED_PAGE 0x20000000UL

enum kind {
	K_NULL,
	K_UNMAPPED,
	K_PROT_NONE,
	K_READ_ONLY,
	K_KERNEL,
	K_KERNEL_TEXT,
	K_TOP_PAGE,
	K_STRADDLE,
	NR_KINDS
};

static const char *const kind_name[NR_KINDS] = {
	"NULL",	       "unmapped page", "PROT_NONE page", "read-only page",
	"kernel half", "kernel text",	"top page",	  "straddling pointer",
};

static unsigned long bad[NR_KINDS];

/*
 * The read-only page holds zeros, which are valid input to most calls: it
 * is a bad pointer only where the kernel writes. in_kind() says whether a
 * kind is bad for input (the kernel reads through it).
 */
static int in_kind(int k)
{
	return k != K_READ_ONLY;
}

/*
 * The last user page, mapped and writable, with 4 bytes that are not a
 * NUL at its end: a string or an object there runs into the kernel half.
 * Linux puts its randomized stack lower, so this maps the page; this
 * kernel's stack ends there already (EEXIST), and it is writable.
 */
static int map_last_user_page(void)
{
	long r = syscall6(__NR_mmap2, (long)LAST_USER_PAGE, PAGE_SIZE, PROT_RW,
			  PRIV_ANON | MAP_FIXED_NOREPLACE, -1, 0);

	return r == (long)LAST_USER_PAGE || r == -EEXIST;
}

static void refresh_straddle(void)
{
	memcpy((void *)STRADDLE, "abcd", 4);
}

static int setup(void)
{
	unsigned char unused;
	char *ro = map_anon(1, PROT_READ, PRIV_ANON);
	char *none = map_anon(1, PROT_NONE, PRIV_ANON);

	if (!ro || !none || !map_last_user_page())
		return 0;
	bad[K_NULL] = 0;
	bad[K_UNMAPPED] = UNMAPPED_PAGE;
	bad[K_PROT_NONE] = (unsigned long)none;
	bad[K_READ_ONLY] = (unsigned long)ro;
	bad[K_KERNEL] = KERNEL_HALF;
	bad[K_KERNEL_TEXT] = KERNEL_TEXT;
	bad[K_TOP_PAGE] = TOP_PAGE;
	bad[K_STRADDLE] = STRADDLE;
	refresh_straddle();
	/* Nothing there (mincore: "not mapped"). */
	return syscall3(__NR_mincore, (long)UNMAPPED_PAGE, PAGE_SIZE,
			(long)&unused) == -ENOMEM;
}

/* The raw call gives want, for this kind of pointer. */
#define EXPECT(k, call, want)                                                \
	do {                                                                 \
		long r_;                                                     \
		refresh_straddle();                                          \
		r_ = (long)(call);                                           \
		if (r_ != (long)(want)) {                                    \
			printf("# %s:%d: %s, %s 0x%lx: %ld, expected %ld\n", \
			       __func__, __LINE__, #call, kind_name[k],      \
			       bad[k], r_, (long)(want));                    \
			return 0;                                            \
		}                                                            \
	} while (0)

#define for_each_kind(k) for (int k = 0; k < NR_KINDS; k++)
#define for_each_in_kind(k) for_each_kind(k) if (in_kind(k))

/* --- user mode ----------------------------------------------------------- */

static const unsigned long kernel_addrs[] = { KERNEL_HALF, KERNEL_TEXT,
					      0xf8000000UL, TOP_PAGE };
#define NR_KERNEL_ADDRS (sizeof(kernel_addrs) / sizeof(kernel_addrs[0]))

static int test_user_read_kernel_half(void)
{
	for (unsigned int i = 0; i < NR_KERNEL_ADDRS; i++)
		CHECK_FAULT((void *)kernel_addrs[i], READ, SIGSEGV);
	return 1;
}

static int test_user_write_kernel_half(void)
{
	for (unsigned int i = 0; i < NR_KERNEL_ADDRS; i++)
		CHECK_FAULT((void *)kernel_addrs[i], WRITE, SIGSEGV);
	return 1;
}

/* A child jumps into the kernel half: the fetch faults, SIGSEGV. */
static int exec_status(unsigned long addr)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		((void (*)(void))addr)();
		_exit(0);
	}
	return pid > 0 && wait_for(pid, &status) == pid ? status : -1;
}

static int test_user_exec_kernel_half(void)
{
	for (unsigned int i = 0; i < NR_KERNEL_ADDRS; i++) {
		int status = exec_status(kernel_addrs[i]);

		if (!killed_by(status, SIGSEGV)) {
			printf("# jump to 0x%lx: status %#x, expected SIGSEGV\n",
			       kernel_addrs[i], status);
			return 0;
		}
	}
	return 1;
}

/*
 * Every exception a program can raise ends in Linux's signal for it, never
 * in the kernel: each instruction runs in a child, whose end is checked.
 */
#define EFLAGS_TF 0x100 /* single-step */
#define EFLAGS_NT 0x4000 /* nested task */
#define BAD_DS 0x60 /* a kernel-only GDT slot, as %ds */

static void single_step(void)
{
	__asm__ volatile("pushf; orl %0, (%%esp); popf; nop"
			 :
			 : "i"(EFLAGS_TF));
}

static void nested_task_then_syscall(void)
{
	__asm__ volatile("pushf; orl %0, (%%esp); popf" : : "i"(EFLAGS_NT));
	getpid();
}

static void breakpoint(void)
{
	__asm__ volatile("int3");
}

static void int_page_fault(void)
{
	__asm__ volatile("int $0x0e"); /* a gate user mode may not use */
}

static void int_timer(void)
{
	__asm__ volatile("int $0x20");
}

static void halt(void)
{
	__asm__ volatile("hlt");
}

static void interrupts_off(void)
{
	__asm__ volatile("cli");
}

static void undefined(void)
{
	__asm__ volatile("ud2");
}

static void far_call_to_nothing(void)
{
	__asm__ volatile("lcall $0x7, $0"); /* an LDT selector: no LDT */
}

static void kernel_data_segment(void)
{
	__asm__ volatile("mov %0, %%ds" : : "r"(BAD_DS));
}

static const struct {
	const char *name;
	void (*run)(void);
	int sig; /* 0: the program goes on */
} user_exceptions[] = {
	{ "single step", single_step, SIGTRAP },
	{ "NT flag, then a system call", nested_task_then_syscall, 0 },
	{ "int3", breakpoint, SIGTRAP },
	{ "int $0x0e", int_page_fault, SIGSEGV },
	{ "int $0x20", int_timer, SIGSEGV },
	{ "hlt", halt, SIGSEGV },
	{ "cli", interrupts_off, SIGSEGV },
	{ "ud2", undefined, SIGILL },
	{ "lcall to an LDT selector", far_call_to_nothing, SIGSEGV },
	{ "a kernel segment in %ds", kernel_data_segment, SIGSEGV },
};

static int test_user_exceptions_give_signals(void)
{
	for (unsigned int i = 0;
	     i < sizeof(user_exceptions) / sizeof(user_exceptions[0]); i++) {
		int status, sig = user_exceptions[i].sig;
		pid_t pid = fork();

		if (pid == 0) {
			user_exceptions[i].run();
			_exit(0);
		}
		if (wait_for(pid, &status) != pid ||
		    (sig ? !killed_by(status, sig) : !exited_with(status, 0))) {
			printf("# %s: status 0x%x, expected signal %d\n",
			       user_exceptions[i].name, status, sig);
			return 0;
		}
	}
	return 1;
}

/* --- one process's memory, another's ------------------------------------ */

static int data_word = 1;
static int bss_word;
static char *heap_word;

/* A shared page through which parent and child say "done". */
static volatile int *shared_flag(void)
{
	return (volatile int *)map_anon(1, PROT_RW, SHARED_ANON);
}

static void wait_flag(const volatile int *flag, int value)
{
	while (*flag != value)
		sched_yield();
}

/* A child's writes to private memory of every kind stay in the child. */
static int test_child_writes_stay_in_child(void)
{
	char *anon = map_anon(4, PROT_RW, PRIV_ANON);
	int fd = open(SELF, O_RDONLY), status;
	char *file, first;
	pid_t pid;

	CHECK(anon != NULL && fd >= 0);
	file = mmap(NULL, PAGE_SIZE, PROT_RW, MAP_PRIVATE, fd, 0);
	CHECK(file != MAP_FAILED);
	heap_word = malloc(16);
	CHECK(heap_word != NULL);
	*heap_word = 'h';
	memset(anon, 'a', 4 * PAGE_SIZE);
	first = file[0];
	pid = fork();
	if (pid == 0) {
		data_word = 2;
		bss_word = 2;
		*heap_word = 'c';
		memset(anon, 'c', 4 * PAGE_SIZE);
		file[0] = (char)(first + 1);
		_exit(data_word == 2 && file[0] == (char)(first + 1) ? 0 : 1);
	}
	CHECK(wait_for(pid, &status) == pid && exited_with(status, 0));
	CHECK_EQ(data_word, 1);
	CHECK_EQ(bss_word, 0);
	CHECK_EQ(*heap_word, 'h');
	CHECK(filled(anon, 4 * PAGE_SIZE, 'a'));
	CHECK_EQ(file[0], first);
	free(heap_word);
	CHECK_OK(munmap(file, PAGE_SIZE));
	CHECK_OK(munmap(anon, 4 * PAGE_SIZE));
	close(fd);
	return 1;
}

/* The parent's writes after fork do not reach the child's copy. */
static int child_sees_old_values(const volatile int *flag, char *anon)
{
	wait_flag(flag, 1);
	return data_word == 1 && filled(anon, PAGE_SIZE, 'a');
}

static int test_parent_writes_stay_in_parent(void)
{
	volatile int *flag = shared_flag();
	char *anon = map_anon(1, PROT_RW, PRIV_ANON);
	int status;
	pid_t pid;

	CHECK(flag != NULL && anon != NULL);
	memset(anon, 'a', PAGE_SIZE);
	pid = fork();
	if (pid == 0)
		_exit(child_sees_old_values(flag, anon) ? 0 : 1);
	data_word = 3;
	memset(anon, 'p', PAGE_SIZE);
	*flag = 1;
	CHECK(wait_for(pid, &status) == pid && exited_with(status, 0));
	data_word = 1;
	CHECK_OK(munmap(anon, PAGE_SIZE));
	CHECK_OK(munmap((void *)flag, PAGE_SIZE));
	return 1;
}

/* Parent and child each map their own page at one address: two pages. */
static int test_same_address_different_memory(void)
{
	volatile int *flag = shared_flag();
	char *at = free_area(1);
	int status;
	pid_t pid;

	CHECK(flag != NULL && at != NULL);
	pid = fork();
	if (pid == 0) {
		if (!map_at(at, 1, PROT_RW, PRIV_ANON))
			_exit(2);
		memset(at, 'c', PAGE_SIZE);
		*flag = 1;
		wait_flag(flag, 2);
		_exit(filled(at, PAGE_SIZE, 'c') ? 0 : 1);
	}
	wait_flag(flag, 1);
	CHECK(map_at(at, 1, PROT_RW, PRIV_ANON) != NULL);
	CHECK(filled(at, PAGE_SIZE, 0)); /* not the child's 'c' */
	memset(at, 'p', PAGE_SIZE);
	*flag = 2;
	CHECK(wait_for(pid, &status) == pid && exited_with(status, 0));
	CHECK(filled(at, PAGE_SIZE, 'p'));
	CHECK_OK(munmap(at, PAGE_SIZE));
	CHECK_OK(munmap((void *)flag, PAGE_SIZE));
	return 1;
}

/* What the parent maps after the fork does not exist in the child. */
static int test_later_mapping_not_in_child(void)
{
	volatile int *flag = shared_flag();
	char *at = free_area(1);
	int status;
	pid_t pid;

	CHECK(flag != NULL && at != NULL);
	pid = fork();
	if (pid == 0) {
		wait_flag(flag, 1);
		(void)*(volatile char *)at; /* SIGSEGV */
		_exit(0);
	}
	CHECK(map_at(at, 1, PROT_RW, PRIV_ANON) != NULL);
	memset(at, 'p', PAGE_SIZE);
	*flag = 1;
	CHECK(wait_for(pid, &status) == pid && killed_by(status, SIGSEGV));
	CHECK_OK(munmap(at, PAGE_SIZE));
	CHECK_OK(munmap((void *)flag, PAGE_SIZE));
	return 1;
}

/* The control: MAP_SHARED is the one way to share, and it does. */
static int test_shared_mapping_is_shared(void)
{
	char *p = map_anon(2, PROT_RW, SHARED_ANON);
	int status;
	pid_t pid;

	CHECK(p != NULL);
	pid = fork();
	if (pid == 0) {
		memset(p, 's', 2 * PAGE_SIZE);
		_exit(0);
	}
	CHECK(wait_for(pid, &status) == pid && exited_with(status, 0));
	CHECK(filled(p, 2 * PAGE_SIZE, 's'));
	CHECK_OK(munmap(p, 2 * PAGE_SIZE));
	return 1;
}

/* Frames a child filled and gave back reach the next owner as zeros. */
#define DIRTY_PAGES 256

static int test_freed_frames_come_back_zeroed(void)
{
	int status;
	char *p;
	pid_t pid = fork();

	if (pid == 0) {
		char *q = map_anon(DIRTY_PAGES, PROT_RW, PRIV_ANON);

		if (!q)
			_exit(1);
		memset(q, 0xa5, DIRTY_PAGES * PAGE_SIZE);
		_exit(0);
	}
	CHECK(wait_for(pid, &status) == pid && exited_with(status, 0));
	p = map_anon(DIRTY_PAGES, PROT_RW, PRIV_ANON);
	CHECK(p != NULL);
	for (unsigned long i = 0; i < DIRTY_PAGES; i++)
		p[i * PAGE_SIZE] = 1; /* every page a fresh frame */
	for (unsigned long i = 0; i < DIRTY_PAGES; i++) {
		p[i * PAGE_SIZE] = 0;
		CHECK(filled(p + i * PAGE_SIZE, PAGE_SIZE, 0));
	}
	CHECK_OK(munmap(p, DIRTY_PAGES * PAGE_SIZE));
	return 1;
}

/* --- pointers the kernel reads or writes -------------------------------- */

static int test_read_bad_buffer(void)
{
	int fd = open(SELF, O_RDONLY);

	CHECK(fd >= 0);
	for_each_kind(k)
		EXPECT(k, syscall3(__NR_read, fd, bad[k], 16), -EFAULT);
	/* Nothing was read: the file is still at its start. */
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);
	close(fd);
	return 1;
}

/* /proc files are made on the read: the copy out still fails cleanly. */
static int test_read_proc_bad_buffer(void)
{
	int fd = open("/proc/self/maps", O_RDONLY);

	CHECK(fd >= 0);
	for_each_kind(k)
		EXPECT(k, syscall3(__NR_read, fd, bad[k], 16), -EFAULT);
	close(fd);
	return 1;
}

static int test_write_bad_buffer(void)
{
	for_each_in_kind(k)
		EXPECT(k, syscall3(__NR_write, 1, bad[k], 16), -EFAULT);
	return 1;
}

static int test_writev_bad_iovec_array(void)
{
	for_each_in_kind(k)
		EXPECT(k, syscall3(__NR_writev, 1, bad[k], 1), -EFAULT);
	return 1;
}

/* A bad buffer inside the array, alone. */
static int test_writev_bad_segment(void)
{
	struct iovec iov;

	for_each_in_kind(k)
	{
		iov.iov_base = (void *)bad[k];
		iov.iov_len = 16;
		EXPECT(k, syscall3(__NR_writev, 1, (long)&iov, 1), -EFAULT);
	}
	return 1;
}

static int test_open_bad_path(void)
{
	for_each_in_kind(k)
		EXPECT(k, syscall3(__NR_open, bad[k], O_RDONLY, 0), -EFAULT);
	return 1;
}

static int test_fstatat64_bad_path_and_buffer(void)
{
	struct stat64 st;

	for_each_in_kind(k)
		EXPECT(k,
		       syscall4(__NR_fstatat64, AT_FDCWD, bad[k], (long)&st, 0),
		       -EFAULT);
	for_each_kind(k) EXPECT(
		k, syscall4(__NR_fstatat64, AT_FDCWD, (long)SELF, bad[k], 0),
		-EFAULT);
	return 1;
}

static int test_fstat64_bad_buffer(void)
{
	int fd = open(SELF, O_RDONLY);

	CHECK(fd >= 0);
	for_each_kind(k) EXPECT(k, syscall2(__NR_fstat64, fd, bad[k]), -EFAULT);
	close(fd);
	return 1;
}

/* The console's termios and window size (fd 1 is the console). */
static int test_ioctl_bad_argument(void)
{
	for_each_kind(k)
	{
		EXPECT(k, syscall3(__NR_ioctl, 1, TCGETS, bad[k]), -EFAULT);
		EXPECT(k, syscall3(__NR_ioctl, 1, TIOCGWINSZ, bad[k]), -EFAULT);
	}
	return 1;
}

static int test_clock_gettime_bad_buffer(void)
{
	for_each_kind(k)
	{
		EXPECT(k, syscall2(__NR_clock_gettime, CLOCK_MONOTONIC, bad[k]),
		       -EFAULT);
		EXPECT(k, syscall2(__NR_clock_gettime, CLOCK_REALTIME, bad[k]),
		       -EFAULT);
	}
	return 1;
}

/* The request is read; the remainder is written only when a signal cuts
 * the sleep short, so a bad one is not even looked at. */
static int test_nanosleep_bad_pointers(void)
{
	struct timespec ts = { 0, 1000 };

	for_each_in_kind(k)
		EXPECT(k, syscall2(__NR_nanosleep, bad[k], 0), -EFAULT);
	for_each_kind(k)
		EXPECT(k, syscall2(__NR_nanosleep, (long)&ts, bad[k]), 0);
	return 1;
}

static int test_set_thread_area_bad_descriptor(void)
{
	for_each_in_kind(k)
		EXPECT(k, syscall1(__NR_set_thread_area, bad[k]), -EFAULT);
	return 1;
}

/* Linux's struct user_desc (asm/ldt.h). */
struct user_desc {
	unsigned int entry_number;
	unsigned int base_addr;
	unsigned int limit;
	unsigned int seg_32bit : 1;
	unsigned int contents : 2;
	unsigned int read_exec_only : 1;
	unsigned int limit_in_pages : 1;
	unsigned int seg_not_present : 1;
	unsigned int useable : 1;
};

#define TLS_ANY_SLOT 0xffffffffu
#define SEG_LIMIT_4G 0xfffff /* in pages */
#define SEG_CODE 2

/* A flat 32-bit data segment in a free TLS slot, as glibc asks for. */
static int flat_tls(struct user_desc *d)
{
	memset(d, 0, sizeof(*d));
	d->entry_number = TLS_ANY_SLOT;
	d->limit = SEG_LIMIT_4G;
	d->seg_32bit = 1;
	d->limit_in_pages = 1;
	d->useable = 1;
	return syscall1(__NR_set_thread_area, (long)d) == 0;
}

/* The description that means "no segment" (Linux's LDT_empty). */
static void empty_tls(struct user_desc *d)
{
	unsigned int entry = d->entry_number;

	memset(d, 0, sizeof(*d));
	d->entry_number = entry;
	d->read_exec_only = 1;
	d->seg_not_present = 1;
}

static unsigned int get_gs(void)
{
	unsigned int sel;

	__asm__ volatile("mov %%gs, %0" : "=r"(sel));
	return sel;
}

static void set_gs(unsigned int sel)
{
	__asm__ volatile("mov %0, %%gs" : : "r"(sel));
}

/* In a child, %gs naming the slot: what may not go in it, and emptying it
 * under %gs (which then reads as the null selector). */
static int tls_descriptors_child(void)
{
	struct user_desc d, e;
	unsigned int sel;

	CHECK(flat_tls(&d));
	sel = d.entry_number * 8 + 3;
	set_gs(sel);
	e = d;
	e.seg_not_present = 1;
	CHECK_EQ(syscall1(__NR_set_thread_area, (long)&e), -EINVAL);
	e = d;
	e.seg_32bit = 0;
	CHECK_EQ(syscall1(__NR_set_thread_area, (long)&e), -EINVAL);
	e = d;
	e.contents = SEG_CODE;
	CHECK_EQ(syscall1(__NR_set_thread_area, (long)&e), -EINVAL);
	CHECK_EQ(get_gs(), sel);
	empty_tls(&e);
	CHECK_EQ(syscall1(__NR_set_thread_area, (long)&e), 0);
	CHECK_EQ(get_gs(), 0);
	/* All zeros but the entry: "no segment" too. */
	CHECK_EQ(syscall1(__NR_set_thread_area, (long)&d), 0);
	set_gs(sel);
	memset(&e, 0, sizeof(e));
	e.entry_number = d.entry_number;
	CHECK_EQ(syscall1(__NR_set_thread_area, (long)&e), 0);
	CHECK_EQ(get_gs(), 0);
	return 1;
}

/* Emptied under the stack segment: the return to user mode cannot load
 * it, and Linux kills the process with SIGILL. */
static int tls_under_ss_child(void)
{
	struct user_desc d;

	if (!flat_tls(&d))
		return 0;
	__asm__ volatile("mov %0, %%ss" : : "r"(d.entry_number * 8 + 3));
	empty_tls(&d);
	syscall1(__NR_set_thread_area, (long)&d);
	return 0;
}

/*
 * set_thread_area takes a present 32-bit data segment or "no segment":
 * a not-present one in %gs made the kernel's own return to user mode
 * fault (an oops), so Linux's rules hold here too.
 */
static int test_set_thread_area_bad_segments(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(tls_descriptors_child() ? 0 : 1);
	CHECK(wait_for(pid, &status) == pid && exited_with(status, 0));
	pid = fork();
	if (pid == 0)
		_exit(tls_under_ss_child());
	CHECK(wait_for(pid, &status) == pid && killed_by(status, SIGILL));
	return 1;
}

/* Linux keeps the pointer and writes 0 there at exit, ignoring a fault:
 * the call returns the tid, and the exit is an ordinary one. */
static int tid_address_child(unsigned long p)
{
	return syscall1(__NR_set_tid_address, (long)p) == getpid();
}

static int test_set_tid_address_ignored_until_exit(void)
{
	for_each_kind(k)
	{
		int status;
		pid_t pid = fork();

		if (pid == 0)
			_exit(tid_address_child(bad[k]) ? 0 : 1);
		if (wait_for(pid, &status) != pid || !exited_with(status, 0)) {
			printf("# %s: status %#x\n", kind_name[k], status);
			return 0;
		}
	}
	return 1;
}

/* NULL is "no new action" and "the old one not wanted": no error. */
static int test_rt_sigaction_bad_pointers(void)
{
	for_each_in_kind(k) EXPECT(
		k, syscall4(__NR_rt_sigaction, SIGUSR1, bad[k], 0, SIGSET_SIZE),
		k == K_NULL ? 0 : -EFAULT);
	for_each_kind(k) EXPECT(
		k, syscall4(__NR_rt_sigaction, SIGUSR1, 0, bad[k], SIGSET_SIZE),
		k == K_NULL ? 0 : -EFAULT);
	return 1;
}

/* NULL is "no change" and "the old mask not wanted", as above. */
static int test_rt_sigprocmask_bad_pointers(void)
{
	for_each_in_kind(k) EXPECT(k,
				   syscall4(__NR_rt_sigprocmask, SIG_BLOCK,
					    bad[k], 0, SIGSET_SIZE),
				   k == K_NULL ? 0 : -EFAULT);
	for_each_kind(k) EXPECT(k,
				syscall4(__NR_rt_sigprocmask, SIG_BLOCK, 0,
					 bad[k], SIGSET_SIZE),
				k == K_NULL ? 0 : -EFAULT);
	return 1;
}

static int test_ugetrlimit_bad_buffer(void)
{
	for_each_kind(k) EXPECT(
		k, syscall2(__NR_ugetrlimit, RLIMIT_STACK, bad[k]), -EFAULT);
	return 1;
}

/* How a child's raw execve ends: its exit code is the errno. */
static int exec_errno(unsigned long path, unsigned long argv,
		      unsigned long envp)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit((int)-syscall3(__NR_execve, (long)path, (long)argv,
				     (long)envp));
	if (pid < 0 || wait_for(pid, &status) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int test_execve_bad_pointers(void)
{
	static char *const good_argv[] = { TRUE_PROG, NULL };
	static char *const good_envp[] = { "HOME=/", NULL };
	char *vec[2] = { NULL, NULL };

	for_each_in_kind(k)
	{
		unsigned long good_path = (unsigned long)TRUE_PROG;

		vec[0] = (char *)bad[k];
		EXPECT(k, -exec_errno(bad[k], (long)good_argv, (long)good_envp),
		       -EFAULT);
		/* A string pointer in argv or envp, and (but for NULL: Linux
		 * runs a program with no arguments) the vectors. */
		EXPECT(k, -exec_errno(good_path, (long)vec, (long)good_envp),
		       k == K_NULL ? 0 : -EFAULT);
		EXPECT(k, -exec_errno(good_path, (long)good_argv, (long)vec),
		       k == K_NULL ? 0 : -EFAULT);
		if (k == K_NULL)
			continue;
		EXPECT(k, -exec_errno(good_path, bad[k], (long)good_envp),
		       -EFAULT);
		EXPECT(k, -exec_errno(good_path, (long)good_argv, bad[k]),
		       -EFAULT);
	}
	return 1;
}

/*
 * The status cannot be stored: Linux reaps the child anyway and answers
 * -EFAULT. An int at 0xbffffffc is still all in user space, and NULL
 * means "no status wanted".
 */
static int test_wait4_bad_status(void)
{
	for_each_kind(k)
	{
		pid_t pid = fork();

		if (pid == 0)
			_exit(7);
		if (pid < 0)
			return 0;
		EXPECT(k, syscall4(__NR_wait4, pid, bad[k], 0, 0),
		       k == K_STRADDLE || k == K_NULL ? pid : -EFAULT);
		if (k == K_STRADDLE)
			CHECK_EQ(*(int *)STRADDLE, 7 << 8);
		EXPECT(k, syscall4(__NR_wait4, pid, 0, WNOHANG, 0), -ECHILD);
	}
	return 1;
}

/* clone's tid pointers are written with put_user, whose failure Linux
 * ignores: the child is made all the same, and runs. */
static int clone_status(unsigned long flags, unsigned long parent_tid,
			unsigned long child_tid)
{
	int status;
	long pid = syscall5(__NR_clone, (long)(flags | CSIGNAL_SIGCHLD), 0,
			    (long)parent_tid, 0, (long)child_tid);

	if (pid == 0)
		_exit(0);
	if (pid < 0 || wait_for((pid_t)pid, &status) != pid)
		return (int)pid;
	return status;
}

static int test_clone_bad_tid_pointers(void)
{
	for_each_kind(k)
	{
		EXPECT(k, clone_status(CLONE_PARENT_SETTID, bad[k], 0), 0);
		EXPECT(k, clone_status(CLONE_CHILD_SETTID, 0, bad[k]), 0);
		EXPECT(k, clone_status(CLONE_CHILD_CLEARTID, 0, bad[k]), 0);
	}
	return 1;
}

static int test_old_mmap_bad_block(void)
{
	for_each_in_kind(k) EXPECT(k, syscall1(__NR_mmap, bad[k]), -EFAULT);
	return 1;
}

/* mincore's vector: one byte, so at 0xbffffffc it is a user byte. */
static int test_mincore_bad_vector(void)
{
	char *p = map_anon(1, PROT_RW, PRIV_ANON);

	CHECK(p != NULL);
	for_each_kind(k)
		EXPECT(k, syscall3(__NR_mincore, (long)p, PAGE_SIZE, bad[k]),
		       k == K_STRADDLE ? 0 : -EFAULT);
	CHECK_OK(munmap(p, PAGE_SIZE));
	return 1;
}

/* --- address ranges ------------------------------------------------------ */

/* Ranges in or into the kernel half: a page at each kernel address, and
 * the last user page with the first kernel one. */
static const struct {
	const char *name;
	unsigned long start, len;
} kranges[] = {
	{ "kernel half", KERNEL_HALF, PAGE_SIZE },
	{ "kernel text", KERNEL_TEXT, PAGE_SIZE },
	{ "top page", TOP_PAGE, PAGE_SIZE },
	{ "straddling range", LAST_USER_PAGE, 2 * PAGE_SIZE },
};

#define NR_KRANGES (sizeof(kranges) / sizeof(kranges[0]))
#define IS_STRADDLE(i) (kranges[i].start == LAST_USER_PAGE)
#define IS_TOP(i) (kranges[i].start == TOP_PAGE)

#define EXPECT_RANGE(i, call, want)                                            \
	do {                                                                   \
		long r_ = (long)(call);                                        \
		if (r_ != (long)(want)) {                                      \
			printf("# %s:%d: %s, %s: %ld, expected %ld\n",         \
			       __func__, __LINE__, #call, kranges[i].name, r_, \
			       (long)(want));                                  \
			return 0;                                              \
		}                                                              \
	} while (0)

#define for_each_krange(i) for (unsigned int i = 0; i < NR_KRANGES; i++)

/* A hint in the kernel half is ignored; MAP_FIXED there is -ENOMEM. */
static int test_mmap_kernel_half(void)
{
	for_each_krange(i)
	{
		unsigned long a, s = kranges[i].start, l = kranges[i].len;

		a = (unsigned long)syscall6(__NR_mmap2, (long)s, (long)l,
					    PROT_RW, PRIV_ANON, -1, 0);
		if (a >= KERNEL_HALF - l) {
			printf("# hint %s: 0x%lx\n", kranges[i].name, a);
			return 0;
		}
		CHECK_OK(munmap((void *)a, l));
		EXPECT_RANGE(i,
			     syscall6(__NR_mmap2, (long)s, (long)l, PROT_RW,
				      PRIV_ANON | MAP_FIXED, -1, 0),
			     -ENOMEM);
		EXPECT_RANGE(i,
			     syscall6(__NR_mmap2, (long)s, (long)l, PROT_RW,
				      PRIV_ANON | MAP_FIXED_NOREPLACE, -1, 0),
			     -ENOMEM);
	}
	return 1;
}

/*
 * munmap refuses a range past the user half (-EINVAL); mprotect and
 * madvise find no VMA there (-ENOMEM), but madvise first refuses a range
 * that wraps around (-EINVAL). The straddling range's user page is changed
 * before the error, as Linux does it: RW and MADV_NORMAL keep it as it is.
 */
static int test_munmap_mprotect_madvise_kernel_ranges(void)
{
	for_each_krange(i)
	{
		long s = (long)kranges[i].start, l = (long)kranges[i].len;

		EXPECT_RANGE(i, syscall2(__NR_munmap, s, l), -EINVAL);
		EXPECT_RANGE(i, syscall3(__NR_mprotect, s, l, PROT_RW),
			     -ENOMEM);
		EXPECT_RANGE(i, syscall3(__NR_madvise, s, l, MADV_NORMAL),
			     IS_TOP(i) ? -EINVAL : -ENOMEM);
		if (!IS_STRADDLE(i))
			EXPECT_RANGE(
				i, syscall3(__NR_madvise, s, l, MADV_DONTNEED),
				IS_TOP(i) ? -EINVAL : -ENOMEM);
	}
	refresh_straddle();
	CHECK(memcmp((void *)STRADDLE, "abcd", 4) == 0);
	return 1;
}

/* mincore: a range not all in user space is "not mapped" (-ENOMEM).
 * mremap: no VMA at the old address (-EFAULT); the straddling range, the
 * same size, is kept as it is (Linux's "always allow a shrinking remap");
 * a kernel-half destination (-EINVAL), or growth into it (-ENOMEM). */
static int test_mincore_mremap_kernel_ranges(void)
{
	unsigned char vec[2];
	char *p = map_anon(1, PROT_RW, PRIV_ANON);

	CHECK(p != NULL);
	for_each_krange(i)
	{
		long s = (long)kranges[i].start, l = (long)kranges[i].len;

		EXPECT_RANGE(i, syscall3(__NR_mincore, s, l, (long)vec),
			     -ENOMEM);
		EXPECT_RANGE(i, syscall4(__NR_mremap, s, l, l, 0),
			     IS_STRADDLE(i) ? s : -EFAULT);
		EXPECT_RANGE(i,
			     syscall5(__NR_mremap, (long)p, PAGE_SIZE, l,
				      MREMAP_MAYMOVE | MREMAP_FIXED, s),
			     -EINVAL);
	}
	CHECK_EQ(syscall4(__NR_mremap, (long)LAST_USER_PAGE, PAGE_SIZE,
			  2 * PAGE_SIZE, 0),
		 -ENOMEM);
	CHECK_OK(munmap(p, PAGE_SIZE));
	return 1;
}

/* A break in the kernel half is not taken: brk answers the old one. */
static int test_brk_kernel_half(void)
{
	long cur = syscall1(__NR_brk, 0);
	static const unsigned long addrs[] = { KERNEL_HALF, KERNEL_TEXT,
					       TOP_PAGE, STRADDLE, 0xffffffff };

	CHECK(cur > 0);
	for (unsigned int i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++)
		CHECK_EQ(syscall1(__NR_brk, (long)addrs[i]), cur);
	CHECK_EQ(syscall1(__NR_brk, 0), cur);
	return 1;
}

static const struct ktap_case tests[] = {
	{ "user_read_of_kernel_half_is_sigsegv", test_user_read_kernel_half },
	{ "user_write_to_kernel_half_is_sigsegv", test_user_write_kernel_half },
	{ "user_jump_into_kernel_half_is_sigsegv", test_user_exec_kernel_half },
	{ "user_exceptions_give_signals", test_user_exceptions_give_signals },
	{ "child_writes_stay_in_child", test_child_writes_stay_in_child },
	{ "parent_writes_stay_in_parent", test_parent_writes_stay_in_parent },
	{ "same_address_different_memory", test_same_address_different_memory },
	{ "later_mapping_not_in_child", test_later_mapping_not_in_child },
	{ "shared_mapping_is_shared", test_shared_mapping_is_shared },
	{ "freed_frames_come_back_zeroed", test_freed_frames_come_back_zeroed },
	{ "read_bad_buffer", test_read_bad_buffer },
	{ "read_proc_bad_buffer", test_read_proc_bad_buffer },
	{ "write_bad_buffer", test_write_bad_buffer },
	{ "writev_bad_iovec_array", test_writev_bad_iovec_array },
	{ "writev_bad_segment", test_writev_bad_segment },
	{ "open_bad_path", test_open_bad_path },
	{ "fstatat64_bad_path_and_buffer", test_fstatat64_bad_path_and_buffer },
	{ "fstat64_bad_buffer", test_fstat64_bad_buffer },
	{ "ioctl_bad_argument", test_ioctl_bad_argument },
	{ "clock_gettime_bad_buffer", test_clock_gettime_bad_buffer },
	{ "nanosleep_bad_pointers", test_nanosleep_bad_pointers },
	{ "set_thread_area_bad_descriptor",
	  test_set_thread_area_bad_descriptor },
	{ "set_thread_area_bad_segments", test_set_thread_area_bad_segments },
	{ "set_tid_address_ignored_until_exit",
	  test_set_tid_address_ignored_until_exit },
	{ "rt_sigaction_bad_pointers", test_rt_sigaction_bad_pointers },
	{ "rt_sigprocmask_bad_pointers", test_rt_sigprocmask_bad_pointers },
	{ "ugetrlimit_bad_buffer", test_ugetrlimit_bad_buffer },
	{ "execve_bad_pointers", test_execve_bad_pointers },
	{ "wait4_bad_status_reaps_the_child", test_wait4_bad_status },
	{ "clone_bad_tid_pointers_ignored", test_clone_bad_tid_pointers },
	{ "old_mmap_bad_argument_block", test_old_mmap_bad_block },
	{ "mincore_bad_vector", test_mincore_bad_vector },
	{ "mmap_kernel_half_hint_and_fixed", test_mmap_kernel_half },
	{ "munmap_mprotect_madvise_kernel_ranges",
	  test_munmap_mprotect_madvise_kernel_ranges },
	{ "mincore_mremap_kernel_ranges", test_mincore_mremap_kernel_ranges },
	{ "brk_in_kernel_half_is_ignored", test_brk_kernel_half },
};

int main(void)
{
	if (!setup()) {
		printf("KTAP version 1\n1..0\n# setup failed\n");
		return 1;
	}
	return ktap_run("isolation_test", tests,
			sizeof(tests) / sizeof(tests[0]));
}
