/* user/tests/brk_test.c - the program break: grow, shrink, fail. */
#include "mm_test.h"

/*
 * The brk system call (45) never fails as such: it returns the new break,
 * or the old one when it will not move. Growing maps zero-filled pages
 * above the old break, shrinking unmaps the whole pages above the new one,
 * and the break may stop anywhere in a page. As Linux 6.1 i386 answers
 * (mm_test.h says how the checks work).
 *
 * The raw call is used, to see its answer; each test starts from the break
 * it found and puts it back, through the C library's brk so that sbrk's
 * cached break agrees. Nothing here calls malloc.
 */

static unsigned long sys_brk(unsigned long addr)
{
	return (unsigned long)syscall1(__NR_brk, (long)addr);
}

static unsigned long start;

/* The break this test started from, page aligned up. */
static char *heap(void)
{
	start = sys_brk(0);
	return (char *)((start + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1));
}

static int restore(void)
{
	return brk((void *)start) == 0 && sys_brk(0) == start;
}

static int test_query(void)
{
	unsigned long b = sys_brk(0);

	CHECK(b != 0);
	CHECK_EQ(sys_brk(0), b);
	CHECK_EQ(sbrk(0), b);
	return 1;
}

static int test_grow_zero_filled(void)
{
	char *h = heap();

	CHECK_EQ(sys_brk((unsigned long)h + 3 * PAGE_SIZE), h + 3 * PAGE_SIZE);
	CHECK(filled(h, 3 * PAGE_SIZE, 0));
	memset(h, 1, 3 * PAGE_SIZE);
	CHECK(filled(h, 3 * PAGE_SIZE, 1));
	CHECK_FAULT(h + 3 * PAGE_SIZE, READ, SIGSEGV);
	CHECK(restore());
	return 1;
}

/* Shrunk pages are gone: they fault, and read zero when grown again. */
static int test_shrink_unmaps(void)
{
	char *h = heap();

	CHECK_EQ(sys_brk((unsigned long)h + 3 * PAGE_SIZE), h + 3 * PAGE_SIZE);
	memset(h, 1, 3 * PAGE_SIZE);
	CHECK_EQ(sys_brk((unsigned long)h + PAGE_SIZE), h + PAGE_SIZE);
	CHECK_FAULT(h + PAGE_SIZE, READ, SIGSEGV);
	CHECK_FAULT(h + 3 * PAGE_SIZE - 1, WRITE, SIGSEGV);
	CHECK(filled(h, PAGE_SIZE, 1));
	CHECK_EQ(sys_brk((unsigned long)h + 3 * PAGE_SIZE), h + 3 * PAGE_SIZE);
	CHECK(filled(h, PAGE_SIZE, 1));
	CHECK(filled(h + PAGE_SIZE, 2 * PAGE_SIZE, 0));
	CHECK(restore());
	return 1;
}

/*
 * The break is kept to the byte, the mapping to the page: the rest of the
 * break's page is usable, and survives a shrink that stays in the page.
 */
static int test_unaligned_break(void)
{
	char *h = heap();

	CHECK_EQ(sys_brk((unsigned long)h + PAGE_SIZE + 5), h + PAGE_SIZE + 5);
	CHECK_EQ(sys_brk(0), h + PAGE_SIZE + 5);
	h[PAGE_SIZE + 100] = 7;
	h[2 * PAGE_SIZE - 1] = 8;
	CHECK_FAULT(h + 2 * PAGE_SIZE, READ, SIGSEGV);
	CHECK_EQ(sys_brk((unsigned long)h + PAGE_SIZE + 1), h + PAGE_SIZE + 1);
	CHECK(h[PAGE_SIZE + 100] == 7 && h[2 * PAGE_SIZE - 1] == 8);
	CHECK_EQ(sys_brk((unsigned long)h + PAGE_SIZE), h + PAGE_SIZE);
	CHECK_FAULT(h + PAGE_SIZE, READ, SIGSEGV);
	CHECK(restore());
	return 1;
}

/* A refused move returns the break as it was; the C library says ENOMEM. */
static int test_failure_returns_old(void)
{
	char *h = heap();
	unsigned long cur = (unsigned long)h + PAGE_SIZE;

	CHECK_EQ(sys_brk(cur), cur);
	CHECK_EQ(sys_brk(KERNEL_HALF), cur);
	CHECK_EQ(sys_brk(0xfffff000), cur);
	/* below where the heap starts */
	CHECK_EQ(sys_brk(0x1000), cur);
	CHECK_EQ(sys_brk(start - 0x10000), cur);
	CHECK_ERR(brk((void *)KERNEL_HALF), ENOMEM);
	CHECK_EQ(sys_brk(0), cur);
	CHECK(restore());
	return 1;
}

/* The heap stops one page short of the next mapping: a guard page. */
static int test_stops_before_mapping(void)
{
	char *h = heap(), *m;

	m = mmap(h + 4 * PAGE_SIZE, PAGE_SIZE, PROT_RW,
		 PRIV_ANON | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(m == h + 4 * PAGE_SIZE);
	m[0] = 1;
	CHECK_EQ(sys_brk((unsigned long)h + 3 * PAGE_SIZE), h + 3 * PAGE_SIZE);
	CHECK_EQ(sys_brk((unsigned long)h + 3 * PAGE_SIZE + 1),
		 h + 3 * PAGE_SIZE);
	CHECK_EQ(sys_brk((unsigned long)h + 4 * PAGE_SIZE), h + 3 * PAGE_SIZE);
	CHECK_EQ(sys_brk((unsigned long)h + 6 * PAGE_SIZE), h + 3 * PAGE_SIZE);
	CHECK_EQ(m[0], 1);
	CHECK_OK(munmap(m, PAGE_SIZE));
	CHECK(restore());
	return 1;
}

/* After fork, heap pages are private and so is the break itself. */
static int test_private_across_fork(void)
{
	char *h = heap();
	int status;
	pid_t pid;

	CHECK_EQ(sys_brk((unsigned long)h + PAGE_SIZE), h + PAGE_SIZE);
	memset(h, 1, PAGE_SIZE);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		int bad = !filled(h, PAGE_SIZE, 1);

		memset(h, 2, PAGE_SIZE);
		bad |= sys_brk((unsigned long)h + 8 * PAGE_SIZE) !=
		       (unsigned long)h + 8 * PAGE_SIZE;
		h[8 * PAGE_SIZE - 1] = 3;
		_exit(bad);
	}
	CHECK(wait_for(pid, &status) == pid);
	CHECK(exited_with(status, 0));
	CHECK(filled(h, PAGE_SIZE, 1));
	CHECK_EQ(sys_brk(0), h + PAGE_SIZE);
	CHECK_FAULT(h + PAGE_SIZE, READ, SIGSEGV);
	CHECK(restore());
	return 1;
}

/*
 * 4 MiB at once, touched at both ends only. (Not much more: Linux refuses
 * to grow by more than the machine's RAM, and the kernel runs in 16 MiB.)
 */
static int test_grow_4mib(void)
{
	unsigned long len = 4UL << 20;
	char *h = heap();

	CHECK_EQ(sys_brk((unsigned long)h + len), h + len);
	h[0] = 1;
	h[len - 1] = 2;
	CHECK(h[0] == 1 && h[len - 1] == 2 && h[len / 2] == 0);
	CHECK(restore());
	CHECK_FAULT(h + len - 1, READ, SIGSEGV);
	return 1;
}

/* The C library's sbrk: the old break, and the moves add up. */
static int test_sbrk(void)
{
	char *h = heap(), *b;

	CHECK_OK(brk(h));
	b = sbrk(2 * PAGE_SIZE);
	CHECK(b == h);
	CHECK_EQ(sbrk(0), h + 2 * PAGE_SIZE);
	b[2 * PAGE_SIZE - 1] = 1;
	CHECK_EQ(sbrk(-(intptr_t)PAGE_SIZE), h + 2 * PAGE_SIZE);
	CHECK_EQ(sys_brk(0), h + PAGE_SIZE);
	CHECK_FAULT(h + PAGE_SIZE, READ, SIGSEGV);
	CHECK(restore());
	return 1;
}

static const struct ktap_case tests[] = {
	{ "query", test_query },
	{ "grow_zero_filled", test_grow_zero_filled },
	{ "shrink_unmaps", test_shrink_unmaps },
	{ "unaligned_break", test_unaligned_break },
	{ "failure_returns_old_break", test_failure_returns_old },
	{ "stops_one_page_before_mapping", test_stops_before_mapping },
	{ "private_across_fork", test_private_across_fork },
	{ "grow_4mib", test_grow_4mib },
	{ "sbrk", test_sbrk },
};

int main(void)
{
	return ktap_run("brk_test", tests, sizeof(tests) / sizeof(tests[0]));
}
