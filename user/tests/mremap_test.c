/* user/tests/mremap_test.c - mremap: shrink, grow, move. */
#include "mm_test.h"

/*
 * mremap resizes one VMA's worth of pages in place, or moves them (their
 * page-table entries, not copies of the data) with MREMAP_MAYMOVE, to an
 * address of the caller's with MREMAP_FIXED. As Linux 6.1 i386 answers
 * (mm_test.h says how the checks work). Every test starts from pages at
 * the bottom of a free area, with free room above them to grow into.
 */

/* n pages filled with 1, 2, ... at the start of a free 4n-page area. */
static char *pages(int n, int flags)
{
	char *a = free_area(4 * n);
	int i;

	if (!a || !map_at(a, n, PROT_RW, flags))
		return NULL;
	for (i = 0; i < n; i++)
		memset(a + i * PAGE_SIZE, i + 1, PAGE_SIZE);
	return a;
}

/* Each of the n pages at p filled with its number, from first. */
static int numbered(const char *p, int n, int first)
{
	int i;

	for (i = 0; i < n; i++)
		if (!filled(p + i * PAGE_SIZE, PAGE_SIZE, first + i))
			return 0;
	return 1;
}

static int test_shrink_in_place(void)
{
	char *p = pages(4, PRIV_ANON);

	CHECK(p != NULL);
	CHECK_EQ(mremap(p, 4 * PAGE_SIZE, 2 * PAGE_SIZE, 0), p);
	CHECK(numbered(p, 2, 1));
	CHECK_FAULT(p + 2 * PAGE_SIZE, READ, SIGSEGV);
	CHECK_FAULT(p + 4 * PAGE_SIZE - 1, READ, SIGSEGV);
	/* the new length is rounded up */
	CHECK_EQ(mremap(p, 2 * PAGE_SIZE, 1, 0), p);
	CHECK_FAULT(p + PAGE_SIZE, READ, SIGSEGV);
	CHECK_OK(munmap(p, PAGE_SIZE));
	return 1;
}

static int test_grow_in_place(void)
{
	char *p = pages(2, PRIV_ANON);

	CHECK(p != NULL);
	CHECK_EQ(mremap(p, 2 * PAGE_SIZE, 5 * PAGE_SIZE, 0), p);
	CHECK(numbered(p, 2, 1));
	CHECK(filled(p + 2 * PAGE_SIZE, 3 * PAGE_SIZE, 0));
	memset(p + 4 * PAGE_SIZE, 9, PAGE_SIZE);
	/* MREMAP_MAYMOVE does not move what can grow where it is */
	CHECK_EQ(mremap(p, 5 * PAGE_SIZE, 6 * PAGE_SIZE, MREMAP_MAYMOVE), p);
	CHECK(filled(p + 4 * PAGE_SIZE, PAGE_SIZE, 9));
	CHECK_OK(munmap(p, 6 * PAGE_SIZE));
	return 1;
}

static int test_grow_blocked_enomem(void)
{
	char *p = pages(2, PRIV_ANON);

	CHECK(p != NULL);
	CHECK(map_at(p + 3 * PAGE_SIZE, 1, PROT_READ, PRIV_ANON) != NULL);
	CHECK_ERR(mremap(p, 2 * PAGE_SIZE, 4 * PAGE_SIZE, 0), ENOMEM);
	CHECK(numbered(p, 2, 1));
	/* longer than the user half: no room anywhere */
	CHECK_ERR(mremap(p, PAGE_SIZE, KERNEL_HALF, MREMAP_MAYMOVE), ENOMEM);
	CHECK_OK(munmap(p, 4 * PAGE_SIZE));
	return 1;
}

/* Moved: the data is at the new address, the old one is unmapped. */
static int test_maymove_moves(void)
{
	char *p = pages(3, PRIV_ANON), *q;

	CHECK(p != NULL);
	CHECK(map_at(p + 3 * PAGE_SIZE, 1, PROT_READ, PRIV_ANON) != NULL);
	q = mremap(p, 3 * PAGE_SIZE, 5 * PAGE_SIZE, MREMAP_MAYMOVE);
	CHECK(q != MAP_FAILED);
	CHECK(q != p);
	CHECK(numbered(q, 3, 1));
	CHECK(filled(q + 3 * PAGE_SIZE, 2 * PAGE_SIZE, 0));
	CHECK_FAULT(p, READ, SIGSEGV);
	CHECK_FAULT(p + 2 * PAGE_SIZE, READ, SIGSEGV);
	CHECK_NO_FAULT(p + 3 * PAGE_SIZE, READ);
	memset(q + 4 * PAGE_SIZE, 5, PAGE_SIZE);
	CHECK_OK(munmap(q, 5 * PAGE_SIZE));
	CHECK_OK(munmap(p + 3 * PAGE_SIZE, PAGE_SIZE));
	return 1;
}

/* MREMAP_FIXED: exactly there, replacing what was there. */
static int test_fixed(void)
{
	char *p = pages(3, PRIV_ANON), *d = pages(4, PRIV_ANON);

	CHECK(p != NULL && d != NULL);
	CHECK_EQ(mremap(p, 2 * PAGE_SIZE, 2 * PAGE_SIZE,
			MREMAP_MAYMOVE | MREMAP_FIXED, d + PAGE_SIZE),
		 d + PAGE_SIZE);
	CHECK(numbered(d, 1, 1));
	CHECK(numbered(d + PAGE_SIZE, 2, 1));
	CHECK(numbered(d + 3 * PAGE_SIZE, 1, 4));
	CHECK_FAULT(p, READ, SIGSEGV);
	CHECK(numbered(p + 2 * PAGE_SIZE, 1, 3));
	/* shrinking on the way: only the first page moves, the rest goes */
	CHECK_EQ(mremap(d, 4 * PAGE_SIZE, PAGE_SIZE,
			MREMAP_MAYMOVE | MREMAP_FIXED, p),
		 p);
	CHECK(numbered(p, 1, 1));
	CHECK_FAULT(d, READ, SIGSEGV);
	CHECK_FAULT(d + 3 * PAGE_SIZE, READ, SIGSEGV);
	/* growing on the way: the new pages are zero */
	CHECK_EQ(mremap(p, PAGE_SIZE, 3 * PAGE_SIZE,
			MREMAP_MAYMOVE | MREMAP_FIXED, d),
		 d);
	CHECK(numbered(d, 1, 1));
	CHECK(filled(d + PAGE_SIZE, 2 * PAGE_SIZE, 0));
	CHECK_OK(munmap(d, 3 * PAGE_SIZE));
	CHECK_OK(munmap(p, 3 * PAGE_SIZE));
	return 1;
}

static int test_fixed_einval(void)
{
	char *p = pages(4, PRIV_ANON), *d = free_area(4);

	CHECK(p != NULL && d != NULL);
	/* without MREMAP_MAYMOVE */
	CHECK_ERR(mremap(p, PAGE_SIZE, PAGE_SIZE, MREMAP_FIXED, d), EINVAL);
	/* overlapping, either way round */
	CHECK_ERR(mremap(p, 4 * PAGE_SIZE, 4 * PAGE_SIZE,
			 MREMAP_MAYMOVE | MREMAP_FIXED, p + 2 * PAGE_SIZE),
		  EINVAL);
	CHECK_ERR(mremap(p + 2 * PAGE_SIZE, 2 * PAGE_SIZE, 2 * PAGE_SIZE,
			 MREMAP_MAYMOVE | MREMAP_FIXED, p + PAGE_SIZE),
		  EINVAL);
	CHECK_ERR(mremap(p, 2 * PAGE_SIZE, 2 * PAGE_SIZE,
			 MREMAP_MAYMOVE | MREMAP_FIXED, p),
		  EINVAL);
	CHECK_ERR(mremap(p, PAGE_SIZE, PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED,
			 d + 0x100),
		  EINVAL);
	/* into the kernel half: EINVAL here, where mmap says ENOMEM */
	CHECK_ERR(mremap(p, PAGE_SIZE, PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED,
			 KERNEL_HALF),
		  EINVAL);
	CHECK_ERR(mremap(p, 2 * PAGE_SIZE, 2 * PAGE_SIZE,
			 MREMAP_MAYMOVE | MREMAP_FIXED,
			 KERNEL_HALF - PAGE_SIZE),
		  EINVAL);
	CHECK(numbered(p, 4, 1));
	CHECK_OK(munmap(p, 4 * PAGE_SIZE));
	return 1;
}

static int fixed_below_min_addr(void)
{
	char *p = pages(1, PRIV_ANON);

	CHECK(p != NULL);
	CHECK(drop_root());
	CHECK_ERR(mremap(p, PAGE_SIZE, PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED,
			 0x2000),
		  EPERM);
	CHECK(numbered(p, 1, 1));
	return 1;
}

static int test_fixed_below_min_addr_eperm(void)
{
	return in_child(fixed_below_min_addr);
}

static int test_bad_args_einval(void)
{
	char *p = pages(2, PRIV_ANON);

	CHECK(p != NULL);
	CHECK_ERR(mremap(p + 1, PAGE_SIZE, PAGE_SIZE, 0), EINVAL);
	CHECK_ERR(mremap(p, PAGE_SIZE, 0, 0), EINVAL);
	CHECK_ERR(mremap(p, PAGE_SIZE, 0, MREMAP_MAYMOVE), EINVAL);
	/* a new length that rounds up to 0 */
	CHECK_ERR(mremap(p, PAGE_SIZE, 0xfffff001, MREMAP_MAYMOVE), EINVAL);
	/* unknown flags; MREMAP_DONTUNMAP (4) needs MAYMOVE */
	CHECK_ERR(mremap(p, PAGE_SIZE, PAGE_SIZE, 8), EINVAL);
	CHECK_ERR(mremap(p, PAGE_SIZE, PAGE_SIZE, 4), EINVAL);
	/* an old length of 0 is for shared mappings only */
	CHECK_ERR(mremap(p, 0, PAGE_SIZE, MREMAP_MAYMOVE), EINVAL);
	CHECK(numbered(p, 2, 1));
	CHECK_OK(munmap(p, 2 * PAGE_SIZE));
	return 1;
}

/* No VMA at the old address: EFAULT, even to shrink or for nothing. */
static int test_unmapped_efault(void)
{
	char *d = pages(1, PRIV_ANON), *a = free_area(4);

	CHECK(a != NULL && d != NULL);
	CHECK_ERR(mremap(a, PAGE_SIZE, PAGE_SIZE, 0), EFAULT);
	CHECK_ERR(mremap(a, 2 * PAGE_SIZE, PAGE_SIZE, 0), EFAULT);
	CHECK_ERR(mremap(a, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE), EFAULT);
	CHECK_ERR(mremap((void *)KERNEL_HALF, PAGE_SIZE, PAGE_SIZE,
			 MREMAP_MAYMOVE),
		  EFAULT);
	/* and the destination of MREMAP_FIXED stays as it was */
	CHECK_ERR(mremap(a, PAGE_SIZE, PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED,
			 d),
		  EFAULT);
	CHECK_NO_FAULT(d, READ);
	CHECK(numbered(d, 1, 1));
	CHECK_OK(munmap(d, PAGE_SIZE));
	return 1;
}

/*
 * The old range must lie in one VMA to grow or move (EFAULT), not to
 * shrink or to stay as it is: those only unmap the tail, if any.
 */
static int test_old_range_one_vma(void)
{
	char *p = pages(4, PRIV_ANON);

	CHECK(p != NULL);
	CHECK_OK(mprotect(p + 2 * PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ));
	CHECK_ERR(mremap(p, 3 * PAGE_SIZE, 4 * PAGE_SIZE, MREMAP_MAYMOVE),
		  EFAULT);
	CHECK_ERR(mremap(p, 3 * PAGE_SIZE, 3 * PAGE_SIZE,
			 MREMAP_MAYMOVE | MREMAP_FIXED, p + 8 * PAGE_SIZE),
		  EFAULT);
	/* past the end of the mapping */
	CHECK_ERR(mremap(p + 2 * PAGE_SIZE, 4 * PAGE_SIZE, 5 * PAGE_SIZE,
			 MREMAP_MAYMOVE),
		  EFAULT);
	CHECK_EQ(mremap(p + 2 * PAGE_SIZE, 8 * PAGE_SIZE, 8 * PAGE_SIZE, 0),
		 p + 2 * PAGE_SIZE);
	CHECK(numbered(p, 4, 1));
	CHECK_EQ(mremap(p, 4 * PAGE_SIZE, PAGE_SIZE, 0), p);
	CHECK(numbered(p, 1, 1));
	CHECK_FAULT(p + PAGE_SIZE, READ, SIGSEGV);
	CHECK_FAULT(p + 3 * PAGE_SIZE, READ, SIGSEGV);
	CHECK_OK(munmap(p, PAGE_SIZE));
	return 1;
}

/*
 * A shared anonymous mapping is a shmem object of its first size: grown,
 * it has pages past the object's end, and those are a SIGBUS.
 */
static int test_shared_grow_sigbus(void)
{
	char *p = pages(2, SHARED_ANON), *q;

	CHECK(p != NULL);
	q = mremap(p, 2 * PAGE_SIZE, 4 * PAGE_SIZE, MREMAP_MAYMOVE);
	CHECK(q != MAP_FAILED);
	CHECK(numbered(q, 2, 1));
	CHECK_FAULT(q + 2 * PAGE_SIZE, READ, SIGBUS);
	CHECK_FAULT(q + 4 * PAGE_SIZE - 1, WRITE, SIGBUS);
	CHECK_OK(munmap(q, 4 * PAGE_SIZE));
	return 1;
}

/* An old length of 0 maps the same shared pages a second time. */
static int test_shared_duplicate(void)
{
	char *p = pages(2, SHARED_ANON), *q;

	CHECK(p != NULL);
	q = mremap(p, 0, 2 * PAGE_SIZE, MREMAP_MAYMOVE);
	CHECK(q != MAP_FAILED);
	CHECK(q != p);
	CHECK(numbered(q, 2, 1));
	memset(q, 7, PAGE_SIZE);
	CHECK(filled(p, PAGE_SIZE, 7));
	CHECK_OK(munmap(q, 2 * PAGE_SIZE));
	CHECK(numbered(p + PAGE_SIZE, 1, 2));
	CHECK_OK(munmap(p, 2 * PAGE_SIZE));
	return 1;
}

/*
 * Moved pages stay copy-on-write: a child that moves and writes them
 * leaves the parent's alone, and the child sees them as they were.
 */
static int test_move_keeps_cow(void)
{
	char *p = pages(3, PRIV_ANON);
	int status;
	pid_t pid;

	CHECK(p != NULL);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		char *q = mremap(p, 3 * PAGE_SIZE, 3 * PAGE_SIZE,
				 MREMAP_MAYMOVE | MREMAP_FIXED,
				 p + 6 * PAGE_SIZE);

		if (q != p + 6 * PAGE_SIZE || !numbered(q, 3, 1))
			_exit(1);
		memset(q, 9, 3 * PAGE_SIZE);
		_exit(!filled(q, 3 * PAGE_SIZE, 9));
	}
	CHECK(wait_for(pid, &status) == pid);
	CHECK(exited_with(status, 0));
	CHECK(numbered(p, 3, 1));
	CHECK_FAULT(p + 6 * PAGE_SIZE, READ, SIGSEGV);
	CHECK_OK(munmap(p, 3 * PAGE_SIZE));
	return 1;
}

/* Moved and split pieces keep their protections. */
static int test_move_keeps_prot(void)
{
	char *p = pages(2, PRIV_ANON), *q;

	CHECK(p != NULL);
	CHECK_OK(mprotect(p, 2 * PAGE_SIZE, PROT_READ));
	CHECK(map_at(p + 2 * PAGE_SIZE, 1, PROT_READ, PRIV_ANON) != NULL);
	q = mremap(p, 2 * PAGE_SIZE, 4 * PAGE_SIZE, MREMAP_MAYMOVE);
	CHECK(q != MAP_FAILED && q != p);
	CHECK(numbered(q, 2, 1));
	CHECK_FAULT(q, WRITE, SIGSEGV);
	CHECK_FAULT(q + 3 * PAGE_SIZE, WRITE, SIGSEGV);
	CHECK(filled(q + 2 * PAGE_SIZE, 2 * PAGE_SIZE, 0));
	CHECK_OK(munmap(q, 4 * PAGE_SIZE));
	CHECK_OK(munmap(p + 2 * PAGE_SIZE, PAGE_SIZE));
	return 1;
}

static const struct ktap_case tests[] = {
	{ "shrink_in_place", test_shrink_in_place },
	{ "grow_in_place", test_grow_in_place },
	{ "grow_blocked_enomem", test_grow_blocked_enomem },
	{ "maymove_moves", test_maymove_moves },
	{ "fixed", test_fixed },
	{ "fixed_einval", test_fixed_einval },
	{ "fixed_below_min_addr_eperm", test_fixed_below_min_addr_eperm },
	{ "bad_args_einval", test_bad_args_einval },
	{ "unmapped_efault", test_unmapped_efault },
	{ "old_range_one_vma", test_old_range_one_vma },
	{ "shared_grow_sigbus", test_shared_grow_sigbus },
	{ "shared_duplicate", test_shared_duplicate },
	{ "move_keeps_cow", test_move_keeps_cow },
	{ "move_keeps_prot", test_move_keeps_prot },
};

int main(void)
{
	return ktap_run("mremap_test", tests, sizeof(tests) / sizeof(tests[0]));
}
