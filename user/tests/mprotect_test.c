/* user/tests/mprotect_test.c - munmap and mprotect: splitting VMAs. */
#include "mm_test.h"

/*
 * munmap and mprotect of any page-aligned range: the VMAs at both ends are
 * split, the pieces keep what they had, and neighbours that agree again
 * merge, so that a long series of changes leaves few VMAs behind (Linux
 * refuses to go past vm.max_map_count, 65530 by default). As Linux 6.1
 * i386 answers (mm_test.h says how the checks work).
 */

#define PROT_SEM 0x8 /* accepted and ignored on x86 */
#define PROT_GROWSDOWN 0x01000000
#define PROT_GROWSUP 0x02000000
#define MAX_MAP_COUNT 65530

/* Three pages, filled with 1, 2 and 3. */
static char *three_pages(void)
{
	char *p = map_anon(3, PROT_RW, PRIV_ANON);
	int i;

	if (p)
		for (i = 0; i < 3; i++)
			memset(p + i * PAGE_SIZE, i + 1, PAGE_SIZE);
	return p;
}

static int test_munmap_middle_splits(void)
{
	char *p = three_pages();

	CHECK(p != NULL);
	CHECK_OK(munmap(p + PAGE_SIZE, PAGE_SIZE));
	CHECK_FAULT(p + PAGE_SIZE, READ, SIGSEGV);
	CHECK_FAULT(p + 2 * PAGE_SIZE - 1, WRITE, SIGSEGV);
	CHECK(filled(p, PAGE_SIZE, 1));
	CHECK(filled(p + 2 * PAGE_SIZE, PAGE_SIZE, 3));
	p[0] = p[2 * PAGE_SIZE] = 9;
	/* mapped again, the hole reads zero */
	CHECK(map_at(p + PAGE_SIZE, 1, PROT_RW, PRIV_ANON) != NULL);
	CHECK(filled(p + PAGE_SIZE, PAGE_SIZE, 0));
	CHECK_OK(munmap(p, 3 * PAGE_SIZE));
	CHECK_FAULT(p, READ, SIGSEGV);
	return 1;
}

/* One range over the end of one mapping, a hole, and the start of another. */
static int test_munmap_across_mappings(void)
{
	char *a = free_area(7);

	CHECK(a != NULL);
	CHECK(map_at(a, 3, PROT_RW, PRIV_ANON) != NULL);
	CHECK(map_at(a + 4 * PAGE_SIZE, 3, PROT_READ, SHARED_ANON) != NULL);
	memset(a, 1, 3 * PAGE_SIZE);
	CHECK_OK(munmap(a + 2 * PAGE_SIZE, 3 * PAGE_SIZE));
	CHECK(filled(a, 2 * PAGE_SIZE, 1));
	CHECK_FAULT(a + 2 * PAGE_SIZE, READ, SIGSEGV);
	CHECK_FAULT(a + 4 * PAGE_SIZE, READ, SIGSEGV);
	CHECK(filled(a + 5 * PAGE_SIZE, 2 * PAGE_SIZE, 0));
	CHECK_OK(munmap(a, 7 * PAGE_SIZE));
	return 1;
}

/* The length is rounded up to whole pages; the address must be aligned. */
static int test_munmap_length_rounded_up(void)
{
	char *p = three_pages();

	CHECK(p != NULL);
	CHECK_OK(munmap(p, 1));
	CHECK_FAULT(p + PAGE_SIZE - 1, READ, SIGSEGV);
	CHECK_OK(munmap(p + PAGE_SIZE, PAGE_SIZE + 1));
	CHECK_FAULT(p + 2 * PAGE_SIZE, READ, SIGSEGV);
	return 1;
}

static int test_munmap_unaligned_einval(void)
{
	char *p = three_pages();

	CHECK(p != NULL);
	CHECK_ERR(munmap(p + 1, PAGE_SIZE), EINVAL);
	CHECK_ERR(munmap(p + PAGE_SIZE - 1, PAGE_SIZE), EINVAL);
	CHECK(filled(p, PAGE_SIZE, 1));
	CHECK_OK(munmap(p, 3 * PAGE_SIZE));
	return 1;
}

static int test_munmap_length_zero_einval(void)
{
	char *p = three_pages();

	CHECK(p != NULL);
	CHECK_ERR(munmap(p, 0), EINVAL);
	CHECK(filled(p, PAGE_SIZE, 1));
	CHECK_OK(munmap(p, 3 * PAGE_SIZE));
	return 1;
}

/* Nothing to unmap is not an error; page 0 included. */
static int test_munmap_unmapped_ok(void)
{
	char *a = free_area(4);

	CHECK(a != NULL);
	CHECK_OK(munmap(a, 4 * PAGE_SIZE));
	CHECK_OK(munmap(NULL, PAGE_SIZE));
	return 1;
}

/* Anything reaching into the kernel half is EINVAL, not ENOMEM. */
static int test_munmap_kernel_half_einval(void)
{
	char *p = three_pages();

	CHECK(p != NULL);
	CHECK_ERR(munmap((void *)KERNEL_HALF, PAGE_SIZE), EINVAL);
	CHECK_ERR(munmap((void *)0xfffff000, PAGE_SIZE), EINVAL);
	CHECK_ERR(munmap((void *)(KERNEL_HALF - PAGE_SIZE), 2 * PAGE_SIZE),
		  EINVAL);
	CHECK_ERR(munmap(p, 0xfffff000), EINVAL);
	CHECK(filled(p, PAGE_SIZE, 1));
	CHECK_OK(munmap(p, 3 * PAGE_SIZE));
	return 1;
}

static int test_mprotect_middle_read_only(void)
{
	char *p = three_pages();

	CHECK(p != NULL);
	CHECK_OK(mprotect(p + PAGE_SIZE, PAGE_SIZE, PROT_READ));
	CHECK_FAULT(p + PAGE_SIZE, WRITE, SIGSEGV);
	CHECK_FAULT(p + 2 * PAGE_SIZE - 1, WRITE, SIGSEGV);
	CHECK_NO_FAULT(p + PAGE_SIZE - 1, WRITE);
	CHECK_NO_FAULT(p + 2 * PAGE_SIZE, WRITE);
	CHECK(filled(p + PAGE_SIZE, PAGE_SIZE, 2));
	p[0] = p[3 * PAGE_SIZE - 1] = 7;
	/* and back: the three pieces are one writable mapping again */
	CHECK_OK(mprotect(p + PAGE_SIZE, PAGE_SIZE, PROT_RW));
	memset(p, 4, 3 * PAGE_SIZE);
	CHECK(filled(p, 3 * PAGE_SIZE, 4));
	CHECK_OK(munmap(p, 3 * PAGE_SIZE));
	return 1;
}

/* PROT_NONE keeps the data: it is there again when access returns. */
static int test_mprotect_none_keeps_data(void)
{
	char *p = three_pages();

	CHECK(p != NULL);
	CHECK_OK(mprotect(p, 3 * PAGE_SIZE, PROT_NONE));
	CHECK_FAULT(p, READ, SIGSEGV);
	CHECK_FAULT(p + 2 * PAGE_SIZE, READ, SIGSEGV);
	CHECK_OK(mprotect(p, 3 * PAGE_SIZE, PROT_READ));
	CHECK(filled(p + 2 * PAGE_SIZE, PAGE_SIZE, 3));
	CHECK_FAULT(p, WRITE, SIGSEGV);
	CHECK_OK(munmap(p, 3 * PAGE_SIZE));
	return 1;
}

/*
 * x86 without PAE has no write-only or execute-only pages: PROT_WRITE
 * and PROT_EXEC alone can be read. PROT_EXEC alone cannot be written.
 */
static int test_write_or_exec_implies_read(void)
{
	char *p = three_pages();

	CHECK(p != NULL);
	CHECK_OK(mprotect(p, PAGE_SIZE, PROT_WRITE));
	CHECK_OK(mprotect(p + PAGE_SIZE, PAGE_SIZE, PROT_EXEC));
	CHECK(filled(p, PAGE_SIZE, 1));
	CHECK(filled(p + PAGE_SIZE, PAGE_SIZE, 2));
	CHECK_NO_FAULT(p, WRITE);
	CHECK_FAULT(p + PAGE_SIZE, WRITE, SIGSEGV);
	CHECK_OK(munmap(p, 3 * PAGE_SIZE));
	return 1;
}

/* One range over parts of three adjacent mappings of different kinds. */
static int test_mprotect_across_mappings(void)
{
	char *a = free_area(6);

	CHECK(a != NULL);
	CHECK(map_at(a, 2, PROT_RW, PRIV_ANON) != NULL);
	CHECK(map_at(a + 2 * PAGE_SIZE, 2, PROT_READ, SHARED_ANON) != NULL);
	CHECK(map_at(a + 4 * PAGE_SIZE, 2, PROT_NONE, PRIV_ANON) != NULL);
	CHECK_OK(mprotect(a + PAGE_SIZE, 4 * PAGE_SIZE, PROT_RW));
	memset(a, 1, 5 * PAGE_SIZE);
	CHECK(filled(a, 5 * PAGE_SIZE, 1));
	CHECK_FAULT(a + 5 * PAGE_SIZE, READ, SIGSEGV);
	CHECK_OK(mprotect(a, 6 * PAGE_SIZE, PROT_READ));
	CHECK_FAULT(a, WRITE, SIGSEGV);
	CHECK_FAULT(a + 3 * PAGE_SIZE, WRITE, SIGSEGV);
	CHECK(filled(a + 5 * PAGE_SIZE, PAGE_SIZE, 0));
	CHECK_OK(munmap(a, 6 * PAGE_SIZE));
	return 1;
}

/*
 * Pieces that become alike merge as mprotect walks over them: the walk
 * goes on past the merged VMA, and what it leaves is one VMA (mremap can
 * move the whole range only if it is one).
 */
static int test_mprotect_merges_while_walking(void)
{
	static const int prots[] = { PROT_EXEC, PROT_READ,
				     PROT_READ, PROT_READ | PROT_EXEC,
				     PROT_READ, PROT_NONE };
	char *a = free_area(6), *q;
	int i;

	CHECK(a != NULL);
	for (i = 0; i < 6; i++)
		CHECK(map_at(a + i * PAGE_SIZE, 1, prots[i], PRIV_ANON) !=
		      NULL);
	CHECK_OK(mprotect(a, 6 * PAGE_SIZE, PROT_READ));
	CHECK(filled(a, 6 * PAGE_SIZE, 0));
	q = mremap(a, 6 * PAGE_SIZE, 6 * PAGE_SIZE,
		   MREMAP_MAYMOVE | MREMAP_FIXED, a + 6 * PAGE_SIZE);
	CHECK_EQ(q, a + 6 * PAGE_SIZE);
	CHECK_FAULT(q + 5 * PAGE_SIZE, WRITE, SIGSEGV);
	CHECK_OK(munmap(q, 6 * PAGE_SIZE));
	return 1;
}

/* Over a hole: ENOMEM, after the part before the hole was changed. */
static int test_mprotect_hole_enomem(void)
{
	char *a = free_area(3);

	CHECK(a != NULL);
	CHECK(map_at(a, 1, PROT_NONE, PRIV_ANON) != NULL);
	CHECK(map_at(a + 2 * PAGE_SIZE, 1, PROT_NONE, PRIV_ANON) != NULL);
	CHECK_ERR(mprotect(a, 3 * PAGE_SIZE, PROT_READ), ENOMEM);
	CHECK_NO_FAULT(a, READ);
	CHECK_FAULT(a + 2 * PAGE_SIZE, READ, SIGSEGV);
	CHECK_ERR(mprotect(a + PAGE_SIZE, PAGE_SIZE, PROT_READ), ENOMEM);
	CHECK_OK(munmap(a, 3 * PAGE_SIZE));
	CHECK_ERR(mprotect(a, PAGE_SIZE, PROT_READ), ENOMEM);
	return 1;
}

static int test_mprotect_kernel_half_enomem(void)
{
	char *p = three_pages();

	CHECK(p != NULL);
	CHECK_ERR(mprotect((void *)KERNEL_HALF, PAGE_SIZE, PROT_READ), ENOMEM);
	CHECK_ERR(mprotect((void *)0xfffff000, 2 * PAGE_SIZE, PROT_READ),
		  ENOMEM);
	/* the end wraps around */
	CHECK_ERR(mprotect(p, 0xfffff000, PROT_READ), ENOMEM);
	CHECK_OK(munmap(p, 3 * PAGE_SIZE));
	return 1;
}

static int test_mprotect_unaligned_einval(void)
{
	char *p = three_pages();

	CHECK(p != NULL);
	CHECK_ERR(mprotect(p + 1, PAGE_SIZE, PROT_READ), EINVAL);
	CHECK_ERR(mprotect(p + PAGE_SIZE - 1, 1, PROT_READ), EINVAL);
	CHECK_NO_FAULT(p, WRITE);
	/* the length is rounded up */
	CHECK_OK(mprotect(p, 1, PROT_READ));
	CHECK_FAULT(p + PAGE_SIZE - 1, WRITE, SIGSEGV);
	CHECK_NO_FAULT(p + PAGE_SIZE, WRITE);
	CHECK_OK(munmap(p, 3 * PAGE_SIZE));
	return 1;
}

/* A zero length succeeds whatever the range, mapped or not. */
static int test_mprotect_length_zero_ok(void)
{
	char *a = free_area(1);

	CHECK(a != NULL);
	CHECK_OK(mprotect(a, 0, PROT_READ));
	CHECK_OK(mprotect((void *)KERNEL_HALF, 0, PROT_READ));
	return 1;
}

/*
 * Unknown bits: EINVAL, checked before the range (an unmapped range gives
 * EINVAL too). PROT_GROWSDOWN only on a MAP_GROWSDOWN mapping, never with
 * PROT_GROWSUP. PROT_SEM is accepted.
 */
static int test_mprotect_bad_prot_einval(void)
{
	char *p = three_pages(), *a = free_area(1);

	CHECK(p != NULL && a != NULL);
	CHECK_ERR(mprotect(p, PAGE_SIZE, PROT_READ | 0x10), EINVAL);
	CHECK_ERR(mprotect(p, PAGE_SIZE, 0x80000000), EINVAL);
	CHECK_ERR(mprotect(a, PAGE_SIZE, 0x10), EINVAL);
	CHECK_ERR(mprotect(p, PAGE_SIZE, PROT_READ | PROT_GROWSDOWN), EINVAL);
	CHECK_ERR(mprotect(p, PAGE_SIZE,
			   PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP),
		  EINVAL);
	CHECK_NO_FAULT(p, WRITE);
	CHECK_OK(mprotect(p, PAGE_SIZE, PROT_RW | PROT_SEM));
	CHECK_NO_FAULT(p, WRITE);
	CHECK_OK(munmap(p, 3 * PAGE_SIZE));
	return 1;
}

/*
 * After fork the pages are shared copy-on-write. The child makes one
 * read-only and writable again, then writes: it must get a copy, and the
 * parent keep its data, whatever mprotect did to the PTEs.
 */
static int test_mprotect_keeps_cow(void)
{
	char *p = three_pages();
	int status;
	pid_t pid;

	CHECK(p != NULL);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		if (mprotect(p, 3 * PAGE_SIZE, PROT_READ) ||
		    mprotect(p, 3 * PAGE_SIZE, PROT_RW))
			_exit(2);
		memset(p, 8, 3 * PAGE_SIZE);
		_exit(!filled(p, 3 * PAGE_SIZE, 8));
	}
	CHECK(wait_for(pid, &status) == pid);
	CHECK(exited_with(status, 0));
	CHECK(filled(p, PAGE_SIZE, 1));
	CHECK(filled(p + PAGE_SIZE, PAGE_SIZE, 2));
	CHECK(filled(p + 2 * PAGE_SIZE, PAGE_SIZE, 3));
	/* and the other way: the parent's write after the child's mprotect */
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		if (mprotect(p, PAGE_SIZE, PROT_READ) ||
		    mprotect(p, PAGE_SIZE, PROT_RW))
			_exit(2);
		_exit(!filled(p, PAGE_SIZE, 1));
	}
	CHECK(wait_for(pid, &status) == pid);
	CHECK(exited_with(status, 0));
	CHECK_OK(mprotect(p, PAGE_SIZE, PROT_READ));
	CHECK_OK(mprotect(p, PAGE_SIZE, PROT_RW));
	memset(p, 5, PAGE_SIZE);
	CHECK(filled(p, PAGE_SIZE, 5));
	CHECK_OK(munmap(p, 3 * PAGE_SIZE));
	return 1;
}

/* 10,000 rounds of map, split by mprotect, unmap: nothing accumulates. */
static int test_map_protect_unmap_10000(void)
{
	char *p;
	int i;

	for (i = 0; i < 10000; i++) {
		p = map_anon(3, PROT_RW, PRIV_ANON);
		CHECK(p != NULL);
		p[PAGE_SIZE] = 1;
		CHECK_OK(mprotect(p + PAGE_SIZE, PAGE_SIZE, PROT_READ));
		CHECK_OK(munmap(p, 3 * PAGE_SIZE));
	}
	return 1;
}

/*
 * vm.max_map_count: every other page of one mapping made PROT_NONE, each
 * call splitting off two VMAs, until mprotect says ENOMEM, some 65530
 * VMAs in all. munmap of a middle page then needs one more: ENOMEM too.
 * One mprotect of the whole mapping merges it back into one VMA, after
 * which splitting works again.
 */
static int test_max_map_count(void)
{
	unsigned long npages = 65600, k, i;
	char *p = map_anon(npages, PROT_READ, PRIV_ANON);

	CHECK(p != NULL);
	for (k = 0; k < npages / 2; k++)
		if (mprotect(p + 2 * k * PAGE_SIZE, PAGE_SIZE, PROT_NONE))
			break;
	printf("# %lu mprotect splits before ENOMEM\n", k);
	CHECK_EQ(errno, ENOMEM);
	CHECK(k > MAX_MAP_COUNT / 2 - 20 && k < MAX_MAP_COUNT / 2);
	/* at most one munmap split (an odd count) fits */
	for (i = 0; i < 2; i++)
		if (munmap(p + (npages - 2 - 2 * i) * PAGE_SIZE, PAGE_SIZE))
			break;
	CHECK_EQ(errno, ENOMEM);
	CHECK(i < 2);
	CHECK_OK(mprotect(p, (npages - 4) * PAGE_SIZE, PROT_READ));
	for (k = 0; k < 1000; k++)
		CHECK_OK(mprotect(p + 2 * k * PAGE_SIZE, PAGE_SIZE, PROT_NONE));
	CHECK_FAULT(p, READ, SIGSEGV);
	CHECK_NO_FAULT(p + PAGE_SIZE, READ);
	CHECK_OK(munmap(p, npages * PAGE_SIZE));
	return 1;
}

static const struct ktap_case tests[] = {
	{ "munmap_middle_splits", test_munmap_middle_splits },
	{ "munmap_across_mappings", test_munmap_across_mappings },
	{ "munmap_length_rounded_up", test_munmap_length_rounded_up },
	{ "munmap_unaligned_einval", test_munmap_unaligned_einval },
	{ "munmap_length_zero_einval", test_munmap_length_zero_einval },
	{ "munmap_unmapped_ok", test_munmap_unmapped_ok },
	{ "munmap_kernel_half_einval", test_munmap_kernel_half_einval },
	{ "mprotect_middle_read_only", test_mprotect_middle_read_only },
	{ "mprotect_none_keeps_data", test_mprotect_none_keeps_data },
	{ "write_or_exec_implies_read", test_write_or_exec_implies_read },
	{ "mprotect_across_mappings", test_mprotect_across_mappings },
	{ "mprotect_merges_while_walking", test_mprotect_merges_while_walking },
	{ "mprotect_hole_enomem", test_mprotect_hole_enomem },
	{ "mprotect_kernel_half_enomem", test_mprotect_kernel_half_enomem },
	{ "mprotect_unaligned_einval", test_mprotect_unaligned_einval },
	{ "mprotect_length_zero_ok", test_mprotect_length_zero_ok },
	{ "mprotect_bad_prot_einval", test_mprotect_bad_prot_einval },
	{ "mprotect_keeps_cow", test_mprotect_keeps_cow },
	{ "map_protect_unmap_10000", test_map_protect_unmap_10000 },
	{ "max_map_count_65530", test_max_map_count },
};

int main(void)
{
	return ktap_run("mprotect_test", tests,
			sizeof(tests) / sizeof(tests[0]));
}
