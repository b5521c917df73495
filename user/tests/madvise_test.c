/* user/tests/madvise_test.c - madvise and mincore. */
#include "mm_test.h"

/*
 * madvise: the advice Linux 6.1 i386 accepts, what each does that a
 * program can see (zeros after MADV_DONTNEED, a hole or zeros in a forked
 * child after MADV_DONTFORK or MADV_WIPEONFORK), and its errors. mincore:
 * one byte per page, bit 0 set when the page is resident. As Linux
 * answers (mm_test.h says how the checks work). The file-backed checks map
 * /bin/echo: on the peer, pass build/root/bin/echo to run.sh first.
 */

#define ECHO "/bin/echo"

/* Bit 0 of mincore's byte for each of the n pages at p, as a bit mask. */
static int resident(char *p, int n)
{
	unsigned char vec[16];
	int i, mask = 0;

	if (n > 16 || mincore(p, n * PAGE_SIZE, vec))
		return -1;
	for (i = 0; i < n; i++)
		mask |= (vec[i] & 1) << i;
	return mask;
}

/* Four private pages, filled with 1, 2, 3 and 4. */
static char *four_pages(int flags)
{
	char *p = map_anon(4, PROT_RW, flags);
	int i;

	if (p)
		for (i = 0; i < 4; i++)
			memset(p + i * PAGE_SIZE, i + 1, PAGE_SIZE);
	return p;
}

static int test_dontneed_private_zero(void)
{
	char *p = four_pages(PRIV_ANON);

	CHECK(p != NULL);
	CHECK_OK(madvise(p + PAGE_SIZE, 2 * PAGE_SIZE, MADV_DONTNEED));
	CHECK(filled(p, PAGE_SIZE, 1));
	CHECK(filled(p + PAGE_SIZE, 2 * PAGE_SIZE, 0));
	CHECK(filled(p + 3 * PAGE_SIZE, PAGE_SIZE, 4));
	/* still mapped and writable */
	memset(p + PAGE_SIZE, 5, PAGE_SIZE);
	CHECK(filled(p + PAGE_SIZE, PAGE_SIZE, 5));
	CHECK_OK(munmap(p, 4 * PAGE_SIZE));
	return 1;
}

/* Shared anonymous memory lives in its shmem object: the data stays. */
static int test_dontneed_shared_keeps_data(void)
{
	char *p = four_pages(SHARED_ANON);

	CHECK(p != NULL);
	CHECK_OK(madvise(p, 4 * PAGE_SIZE, MADV_DONTNEED));
	CHECK(filled(p, PAGE_SIZE, 1));
	CHECK(filled(p + 3 * PAGE_SIZE, PAGE_SIZE, 4));
	CHECK_OK(munmap(p, 4 * PAGE_SIZE));
	return 1;
}

/* A private file page written to is a copy: dropping it brings the file's. */
static int test_dontneed_private_file(void)
{
	char *p, first;
	int fd;

	fd = open(ECHO, O_RDONLY);
	CHECK(fd >= 0);
	p = mmap(NULL, PAGE_SIZE, PROT_RW, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	first = p[0];
	p[0] = (char)(first + 1);
	CHECK_OK(madvise(p, PAGE_SIZE, MADV_DONTNEED));
	CHECK_EQ(p[0], first);
	CHECK_OK(munmap(p, PAGE_SIZE));
	close(fd);
	return 1;
}

/* Over a hole: ENOMEM, but the mapped pages were dropped all the same. */
static int test_dontneed_hole_enomem(void)
{
	char *p = four_pages(PRIV_ANON);

	CHECK(p != NULL);
	CHECK_OK(munmap(p + PAGE_SIZE, PAGE_SIZE));
	CHECK_ERR(madvise(p, 4 * PAGE_SIZE, MADV_DONTNEED), ENOMEM);
	CHECK(filled(p, PAGE_SIZE, 0));
	CHECK(filled(p + 2 * PAGE_SIZE, 2 * PAGE_SIZE, 0));
	CHECK_OK(munmap(p, 4 * PAGE_SIZE));
	return 1;
}

/* Advice that changes nothing a program can see: 0, and the data stays. */
static int test_hints_accepted(void)
{
	static const int advice[] = { MADV_NORMAL,     MADV_RANDOM,
				      MADV_SEQUENTIAL, MADV_WILLNEED,
				      MADV_FREE,       MADV_DONTDUMP,
				      MADV_DODUMP,     MADV_COLD,
				      MADV_PAGEOUT };
	char *p = four_pages(PRIV_ANON);
	unsigned long i;

	CHECK(p != NULL);
	for (i = 0; i < sizeof(advice) / sizeof(advice[0]); i++) {
		CHECK_OK(madvise(p, 4 * PAGE_SIZE, advice[i]));
		/* MADV_FREE may drop a clean page; writing keeps it */
		memset(p, 1, PAGE_SIZE);
		memset(p + 3 * PAGE_SIZE, 4, PAGE_SIZE);
	}
	CHECK(filled(p, PAGE_SIZE, 1));
	CHECK(filled(p + 3 * PAGE_SIZE, PAGE_SIZE, 4));
	CHECK_OK(munmap(p, 4 * PAGE_SIZE));
	return 1;
}

/* Unknown advice is EINVAL, checked before the range is. */
static int test_unknown_advice_einval(void)
{
	static const int advice[] = { 5, 6, 7, 26, 99, 102, 999, -1 };
	char *p = four_pages(PRIV_ANON), *a = free_area(1);
	unsigned long i;

	CHECK(p != NULL && a != NULL);
	for (i = 0; i < sizeof(advice) / sizeof(advice[0]); i++) {
		CHECK_ERR(madvise(p, PAGE_SIZE, advice[i]), EINVAL);
		CHECK_ERR(madvise(a, PAGE_SIZE, advice[i]), EINVAL);
	}
	/* MADV_REMOVE is for shared file pages only */
	CHECK_ERR(madvise(p, PAGE_SIZE, MADV_REMOVE), EINVAL);
	CHECK(filled(p, PAGE_SIZE, 1));
	CHECK_OK(munmap(p, 4 * PAGE_SIZE));
	return 1;
}

static int test_bad_range(void)
{
	char *p = four_pages(PRIV_ANON), *a = free_area(2);

	CHECK(p != NULL && a != NULL);
	CHECK_ERR(madvise(p + 1, PAGE_SIZE, MADV_NORMAL), EINVAL);
	CHECK_ERR(madvise(p + PAGE_SIZE - 1, 1, MADV_DONTNEED), EINVAL);
	/* a length that rounds up to 0, or wraps around */
	CHECK_ERR(madvise(p, (size_t)-1, MADV_DONTNEED), EINVAL);
	CHECK_ERR(madvise(p, 0xfffff000, MADV_NORMAL), EINVAL);
	CHECK_ERR(madvise(a, 2 * PAGE_SIZE, MADV_NORMAL), ENOMEM);
	CHECK_ERR(madvise(a, PAGE_SIZE, MADV_DONTNEED), ENOMEM);
	CHECK_ERR(madvise((void *)KERNEL_HALF, PAGE_SIZE, MADV_NORMAL), ENOMEM);
	/* a zero length is nothing to do, mapped or not */
	CHECK_OK(madvise(a, 0, MADV_DONTNEED));
	CHECK_OK(madvise(p, 0, MADV_DONTNEED));
	/* the length is rounded up */
	CHECK_OK(madvise(p, 1, MADV_DONTNEED));
	CHECK(filled(p, PAGE_SIZE, 0));
	CHECK(filled(p + PAGE_SIZE, PAGE_SIZE, 2));
	CHECK_OK(munmap(p, 4 * PAGE_SIZE));
	return 1;
}

/* How a child forked now sees the n pages at p: 1 if each is filled with c. */
static int child_sees(char *p, int n, int c)
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0)
		_exit(!filled(p, n * PAGE_SIZE, c));
	return wait_for(pid, &status) == pid && exited_with(status, 0);
}

/* MADV_DONTFORK: not in the child at all. MADV_DOFORK undoes it. */
static int test_dontfork(void)
{
	char *p = four_pages(PRIV_ANON);

	CHECK(p != NULL);
	CHECK_OK(madvise(p + PAGE_SIZE, PAGE_SIZE, MADV_DONTFORK));
	CHECK_FAULT(p + PAGE_SIZE, READ, SIGSEGV);
	CHECK(child_sees(p, 1, 1));
	CHECK(child_sees(p + 2 * PAGE_SIZE, 1, 3));
	CHECK(filled(p + PAGE_SIZE, PAGE_SIZE, 2));
	CHECK_OK(madvise(p + PAGE_SIZE, PAGE_SIZE, MADV_DOFORK));
	CHECK(child_sees(p + PAGE_SIZE, 1, 2));
	CHECK_OK(munmap(p, 4 * PAGE_SIZE));
	return 1;
}

/* MADV_WIPEONFORK: zeros in the child. MADV_KEEPONFORK undoes it. */
static int test_wipeonfork(void)
{
	char *p = four_pages(PRIV_ANON);
	int status;
	pid_t pid;

	CHECK(p != NULL);
	CHECK_OK(madvise(p + PAGE_SIZE, 2 * PAGE_SIZE, MADV_WIPEONFORK));
	CHECK(child_sees(p + PAGE_SIZE, 2, 0));
	CHECK(child_sees(p, 1, 1));
	CHECK(child_sees(p + 3 * PAGE_SIZE, 1, 4));
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		memset(p + PAGE_SIZE, 9, PAGE_SIZE);
		_exit(!filled(p + PAGE_SIZE, PAGE_SIZE, 9));
	}
	CHECK(wait_for(pid, &status) == pid);
	CHECK(exited_with(status, 0));
	CHECK(filled(p + PAGE_SIZE, PAGE_SIZE, 2));
	CHECK(filled(p + 2 * PAGE_SIZE, PAGE_SIZE, 3));
	CHECK_OK(madvise(p + PAGE_SIZE, 2 * PAGE_SIZE, MADV_KEEPONFORK));
	CHECK(child_sees(p + PAGE_SIZE, 1, 2));
	CHECK_OK(munmap(p, 4 * PAGE_SIZE));
	return 1;
}

/* WIPEONFORK and FREE are for private anonymous memory only: EINVAL. */
static int test_private_anon_only_einval(void)
{
	char *s = four_pages(SHARED_ANON), *f;
	int fd;

	CHECK(s != NULL);
	CHECK_ERR(madvise(s, PAGE_SIZE, MADV_WIPEONFORK), EINVAL);
	CHECK_ERR(madvise(s, PAGE_SIZE, MADV_FREE), EINVAL);
	CHECK(child_sees(s, 1, 1));
	CHECK_OK(munmap(s, 4 * PAGE_SIZE));
	fd = open(ECHO, O_RDONLY);
	CHECK(fd >= 0);
	f = mmap(NULL, PAGE_SIZE, PROT_RW, MAP_PRIVATE, fd, 0);
	CHECK(f != MAP_FAILED);
	CHECK_ERR(madvise(f, PAGE_SIZE, MADV_WIPEONFORK), EINVAL);
	CHECK_ERR(madvise(f, PAGE_SIZE, MADV_FREE), EINVAL);
	CHECK_OK(munmap(f, PAGE_SIZE));
	close(fd);
	return 1;
}

/* MADV_POPULATE_*: resident at once, if the access would be allowed. */
static int test_populate(void)
{
	char *p = map_anon(4, PROT_READ, PRIV_ANON);

	CHECK(p != NULL);
	CHECK_EQ(resident(p, 4), 0);
	CHECK_ERR(madvise(p, 4 * PAGE_SIZE, MADV_POPULATE_WRITE), EINVAL);
	CHECK_OK(madvise(p, 2 * PAGE_SIZE, MADV_POPULATE_READ));
	CHECK_EQ(resident(p, 4), 0x3);
	CHECK_OK(mprotect(p, 4 * PAGE_SIZE, PROT_NONE));
	CHECK_ERR(madvise(p, 4 * PAGE_SIZE, MADV_POPULATE_READ), EINVAL);
	CHECK_OK(mprotect(p, 4 * PAGE_SIZE, PROT_RW));
	CHECK_OK(
		madvise(p + 2 * PAGE_SIZE, 2 * PAGE_SIZE, MADV_POPULATE_WRITE));
	CHECK_EQ(resident(p, 4), 0xf);
	CHECK(filled(p, 4 * PAGE_SIZE, 0));
	CHECK_OK(munmap(p, 4 * PAGE_SIZE));
	return 1;
}

/*
 * Anonymous pages are resident once touched: written, or read (which maps
 * the shared zero page), and no longer after MADV_DONTNEED.
 */
static int test_mincore_anon(void)
{
	char *p = map_anon(4, PROT_RW, PRIV_ANON);

	CHECK(p != NULL);
	CHECK_EQ(resident(p, 4), 0);
	p[0] = 1;
	(void)*(volatile char *)(p + 2 * PAGE_SIZE);
	CHECK_EQ(resident(p, 4), 0x5);
	p[3 * PAGE_SIZE] = 1;
	CHECK_EQ(resident(p, 4), 0xd);
	CHECK_OK(madvise(p, 4 * PAGE_SIZE, MADV_DONTNEED));
	CHECK_EQ(resident(p, 4), 0);
	CHECK_OK(munmap(p, 4 * PAGE_SIZE));
	return 1;
}

/*
 * A file mapping reports the page cache, not the page tables: the pages of
 * an initrd file (ramfs on Linux) are resident before any access.
 */
static int test_mincore_file(void)
{
	char *p;
	int fd;

	fd = open(ECHO, O_RDONLY);
	CHECK(fd >= 0);
	p = mmap(NULL, 2 * PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK_EQ(resident(p, 2), 0x3);
	CHECK_OK(munmap(p, 2 * PAGE_SIZE));
	close(fd);
	return 1;
}

/* One byte per page started: a length of PAGE_SIZE + 1 writes two. */
static int test_mincore_vector_length(void)
{
	unsigned char vec[4] = { 0xee, 0xee, 0xee, 0xee };
	char *p = map_anon(4, PROT_RW, PRIV_ANON | MAP_POPULATE);

	CHECK(p != NULL);
	CHECK_OK(mincore(p, 1, vec));
	CHECK(vec[0] == 1 && vec[1] == 0xee);
	CHECK_OK(mincore(p, PAGE_SIZE + 1, vec));
	CHECK(vec[1] == 1 && vec[2] == 0xee);
	CHECK_OK(mincore(p, 0, vec + 3));
	CHECK_EQ(vec[3], 0xee);
	CHECK_OK(munmap(p, 4 * PAGE_SIZE));
	return 1;
}

static int test_mincore_errors(void)
{
	unsigned char vec[4];
	char *p = four_pages(PRIV_ANON), *a = free_area(1);

	CHECK(p != NULL && a != NULL);
	CHECK_ERR(mincore(p + 1, PAGE_SIZE, vec), EINVAL);
	CHECK_ERR(mincore(a, PAGE_SIZE, vec), ENOMEM);
	CHECK_ERR(mincore((void *)KERNEL_HALF, PAGE_SIZE, vec), ENOMEM);
	CHECK_ERR(mincore(p, PAGE_SIZE, NULL), EFAULT);
	CHECK_ERR(mincore(p, PAGE_SIZE, (unsigned char *)KERNEL_HALF), EFAULT);
	CHECK_OK(munmap(p + 2 * PAGE_SIZE, PAGE_SIZE));
	CHECK_ERR(mincore(p, 4 * PAGE_SIZE, vec), ENOMEM);
	CHECK_OK(munmap(p, 4 * PAGE_SIZE));
	return 1;
}

static const struct ktap_case tests[] = {
	{ "dontneed_private_zero", test_dontneed_private_zero },
	{ "dontneed_shared_keeps_data", test_dontneed_shared_keeps_data },
	{ "dontneed_private_file", test_dontneed_private_file },
	{ "dontneed_hole_enomem", test_dontneed_hole_enomem },
	{ "hints_accepted", test_hints_accepted },
	{ "unknown_advice_einval", test_unknown_advice_einval },
	{ "bad_range", test_bad_range },
	{ "dontfork_dofork", test_dontfork },
	{ "wipeonfork_keeponfork", test_wipeonfork },
	{ "private_anon_only_einval", test_private_anon_only_einval },
	{ "populate_read_write", test_populate },
	{ "mincore_anon", test_mincore_anon },
	{ "mincore_file_page_cache", test_mincore_file },
	{ "mincore_vector_length", test_mincore_vector_length },
	{ "mincore_errors", test_mincore_errors },
};

int main(void)
{
	return ktap_run("madvise_test", tests,
			sizeof(tests) / sizeof(tests[0]));
}
