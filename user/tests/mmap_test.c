/* user/tests/mmap_test.c - mmap of anonymous memory: where, and how. */
#include "mm_test.h"

/*
 * What mmap answers for anonymous memory, as Linux 6.1 i386 answers it
 * (mm_test.h says how the checks work): zero-filled, private or shared
 * across fork, at a fixed address or a hint, refused below mmap_min_addr
 * and in the kernel half, and MAP_GROWSDOWN. File mappings are
 * mmap_file_test.c's.
 */
#define GROW_AREA (16UL << 20) /* free room for the MAP_GROWSDOWN tests */

static int test_anon_private_reads_zero(void)
{
	char *p = map_anon(4, PROT_RW, PRIV_ANON);

	CHECK(p != NULL);
	CHECK_EQ((unsigned long)p % PAGE_SIZE, 0);
	CHECK(filled(p, 4 * PAGE_SIZE, 0));
	CHECK_OK(munmap(p, 4 * PAGE_SIZE));
	return 1;
}

static int test_anon_private_writable(void)
{
	char *p = map_anon(4, PROT_RW, PRIV_ANON);
	int i;

	CHECK(p != NULL);
	for (i = 0; i < 4; i++)
		memset(p + i * PAGE_SIZE, i + 1, PAGE_SIZE);
	for (i = 0; i < 4; i++)
		CHECK(filled(p + i * PAGE_SIZE, PAGE_SIZE, i + 1));
	CHECK_OK(munmap(p, 4 * PAGE_SIZE));
	return 1;
}

/* Page 0 written before the fork, page 1 not: both private afterwards. */
static int test_anon_private_across_fork(void)
{
	char *p = map_anon(2, PROT_RW, PRIV_ANON);
	int status;
	pid_t pid;

	CHECK(p != NULL);
	memset(p, 1, PAGE_SIZE);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		int bad = !filled(p, PAGE_SIZE, 1) ||
			  !filled(p + PAGE_SIZE, PAGE_SIZE, 0);

		memset(p, 2, 2 * PAGE_SIZE);
		_exit(bad || !filled(p, 2 * PAGE_SIZE, 2));
	}
	CHECK(wait_for(pid, &status) == pid);
	CHECK(exited_with(status, 0));
	CHECK(filled(p, PAGE_SIZE, 1));
	CHECK(filled(p + PAGE_SIZE, PAGE_SIZE, 0));
	CHECK_OK(munmap(p, 2 * PAGE_SIZE));
	return 1;
}

/* The child writes a page the parent wrote and one nobody had touched. */
static int test_anon_shared_across_fork(void)
{
	char *p = map_anon(2, PROT_RW, SHARED_ANON);
	int status;
	pid_t pid;

	CHECK(p != NULL);
	CHECK(filled(p, 2 * PAGE_SIZE, 0));
	memset(p, 1, PAGE_SIZE);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		int bad = !filled(p, PAGE_SIZE, 1);

		memset(p, 2, PAGE_SIZE);
		memset(p + PAGE_SIZE, 3, PAGE_SIZE);
		_exit(bad);
	}
	CHECK(wait_for(pid, &status) == pid);
	CHECK(exited_with(status, 0));
	CHECK(filled(p, PAGE_SIZE, 2));
	CHECK(filled(p + PAGE_SIZE, PAGE_SIZE, 3));
	CHECK_OK(munmap(p, 2 * PAGE_SIZE));
	return 1;
}

static int test_fixed_replaces(void)
{
	char *p = map_anon(3, PROT_RW, PRIV_ANON);

	CHECK(p != NULL);
	memset(p, 1, 3 * PAGE_SIZE);
	CHECK_EQ(mmap(p + PAGE_SIZE, PAGE_SIZE, PROT_READ,
		      PRIV_ANON | MAP_FIXED, -1, 0),
		 p + PAGE_SIZE);
	CHECK(filled(p + PAGE_SIZE, PAGE_SIZE, 0));
	CHECK_FAULT(p + PAGE_SIZE, WRITE, SIGSEGV);
	CHECK(filled(p, PAGE_SIZE, 1));
	CHECK(filled(p + 2 * PAGE_SIZE, PAGE_SIZE, 1));
	CHECK_OK(munmap(p, 3 * PAGE_SIZE));
	return 1;
}

static int test_fixed_noreplace(void)
{
	char *a = free_area(4);

	CHECK(a != NULL);
	CHECK(map_at(a + PAGE_SIZE, 1, PROT_RW, PRIV_ANON) != NULL);
	a[PAGE_SIZE] = 7;
	CHECK_ERR(mmap(a + PAGE_SIZE, PAGE_SIZE, PROT_RW,
		       PRIV_ANON | MAP_FIXED_NOREPLACE, -1, 0),
		  EEXIST);
	/* a partial overlap is one too */
	CHECK_ERR(mmap(a, 2 * PAGE_SIZE, PROT_RW,
		       PRIV_ANON | MAP_FIXED_NOREPLACE, -1, 0),
		  EEXIST);
	CHECK_EQ(a[PAGE_SIZE], 7);
	CHECK_EQ(mmap(a, PAGE_SIZE, PROT_RW, PRIV_ANON | MAP_FIXED_NOREPLACE,
		      -1, 0),
		 a);
	CHECK_EQ(mmap(a + 2 * PAGE_SIZE, 2 * PAGE_SIZE, PROT_RW,
		      PRIV_ANON | MAP_FIXED_NOREPLACE, -1, 0),
		 a + 2 * PAGE_SIZE);
	CHECK_ERR(mmap(a + 0x100, PAGE_SIZE, PROT_RW,
		       PRIV_ANON | MAP_FIXED_NOREPLACE, -1, 0),
		  EINVAL);
	CHECK_OK(munmap(a, 4 * PAGE_SIZE));
	return 1;
}

/* A free hint is taken as it is, or rounded down to its page. */
static int test_hint_honoured_when_free(void)
{
	char *a = free_area(2);

	CHECK(a != NULL);
	CHECK_EQ(mmap(a, 2 * PAGE_SIZE, PROT_RW, PRIV_ANON, -1, 0), a);
	CHECK_OK(munmap(a, 2 * PAGE_SIZE));
	CHECK_EQ(mmap(a + 0x100, PAGE_SIZE, PROT_RW, PRIV_ANON, -1, 0), a);
	CHECK_OK(munmap(a, PAGE_SIZE));
	return 1;
}

static int test_hint_taken_goes_elsewhere(void)
{
	char *p = map_anon(2, PROT_RW, PRIV_ANON), *q;

	CHECK(p != NULL);
	memset(p, 1, 2 * PAGE_SIZE);
	q = mmap(p + PAGE_SIZE, 2 * PAGE_SIZE, PROT_RW, PRIV_ANON, -1, 0);
	CHECK(q != MAP_FAILED);
	CHECK(q + 2 * PAGE_SIZE <= p || q >= p + 2 * PAGE_SIZE);
	CHECK(filled(p, 2 * PAGE_SIZE, 1));
	CHECK(filled(q, 2 * PAGE_SIZE, 0));
	CHECK_OK(munmap(p, 2 * PAGE_SIZE));
	CHECK_OK(munmap(q, 2 * PAGE_SIZE));
	return 1;
}

/*
 * A hint below mmap_min_addr is raised to it (round_hint_to_min), and
 * 0x10000 is free in this process. Privilege plays no part here.
 */
static int test_hint_below_min_addr_raised(void)
{
	CHECK_EQ(mmap((void *)0x1000, PAGE_SIZE, PROT_RW, PRIV_ANON, -1, 0),
		 MMAP_MIN_ADDR);
	CHECK_OK(munmap((void *)MMAP_MIN_ADDR, PAGE_SIZE));
	return 1;
}

/* Refused with EPERM, as security_mmap_addr says, to all but root. */
static int fixed_below_min_addr(void)
{
	CHECK(drop_root());
	CHECK_ERR(mmap((void *)0x1000, PAGE_SIZE, PROT_RW,
		       PRIV_ANON | MAP_FIXED, -1, 0),
		  EPERM);
	CHECK_ERR(mmap(NULL, PAGE_SIZE, PROT_RW, PRIV_ANON | MAP_FIXED, -1, 0),
		  EPERM);
	/* one page below, one above */
	CHECK_ERR(mmap((void *)(MMAP_MIN_ADDR - PAGE_SIZE), 2 * PAGE_SIZE,
		       PROT_RW, PRIV_ANON | MAP_FIXED, -1, 0),
		  EPERM);
	CHECK_ERR(mmap((void *)0x1000, PAGE_SIZE, PROT_RW,
		       PRIV_ANON | MAP_FIXED_NOREPLACE, -1, 0),
		  EPERM);
	CHECK_EQ(mmap((void *)MMAP_MIN_ADDR, PAGE_SIZE, PROT_RW,
		      PRIV_ANON | MAP_FIXED, -1, 0),
		 MMAP_MIN_ADDR);
	return 1;
}

static int test_fixed_below_min_addr_eperm(void)
{
	return in_child(fixed_below_min_addr);
}

static int test_kernel_half_hint_ignored(void)
{
	char *p =
		mmap((void *)KERNEL_HALF, PAGE_SIZE, PROT_RW, PRIV_ANON, -1, 0);

	CHECK(p != MAP_FAILED);
	CHECK((unsigned long)p < KERNEL_HALF);
	CHECK_OK(munmap(p, PAGE_SIZE));
	return 1;
}

static int test_kernel_half_fixed_enomem(void)
{
	static const unsigned long addrs[] = { KERNEL_HALF, 0xd0000000,
					       0xfffff000 };
	unsigned long i;

	for (i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		CHECK_ERR(mmap((void *)addrs[i], PAGE_SIZE, PROT_RW,
			       PRIV_ANON | MAP_FIXED, -1, 0),
			  ENOMEM);
		CHECK_ERR(mmap((void *)addrs[i], PAGE_SIZE, PROT_RW,
			       PRIV_ANON | MAP_FIXED_NOREPLACE, -1, 0),
			  ENOMEM);
	}
	/* the last user page and the first kernel one */
	CHECK_ERR(mmap((void *)(KERNEL_HALF - PAGE_SIZE), 2 * PAGE_SIZE,
		       PROT_RW, PRIV_ANON | MAP_FIXED, -1, 0),
		  ENOMEM);
	return 1;
}

/* Longer than the user half; 0xffffffff rounds up to 0, and is too. */
static int test_too_long_enomem(void)
{
	CHECK_ERR(mmap(NULL, KERNEL_HALF, PROT_RW, PRIV_ANON, -1, 0), ENOMEM);
	CHECK_ERR(mmap(NULL, 0xfffff000, PROT_RW, PRIV_ANON, -1, 0), ENOMEM);
	CHECK_ERR(mmap(NULL, 0xffffffff, PROT_RW, PRIV_ANON, -1, 0), ENOMEM);
	return 1;
}

static int test_length_zero_einval(void)
{
	CHECK_ERR(mmap(NULL, 0, PROT_RW, PRIV_ANON, -1, 0), EINVAL);
	CHECK_ERR(mmap(NULL, 0, PROT_RW, SHARED_ANON, -1, 0), EINVAL);
	return 1;
}

static int test_fixed_unaligned_einval(void)
{
	char *a = free_area(2);

	CHECK(a != NULL);
	CHECK_ERR(mmap(a + 0x100, PAGE_SIZE, PROT_RW, PRIV_ANON | MAP_FIXED, -1,
		       0),
		  EINVAL);
	CHECK_ERR(mmap(a + 1, PAGE_SIZE, PROT_RW, SHARED_ANON | MAP_FIXED, -1,
		       0),
		  EINVAL);
	return 1;
}

/* Neither MAP_SHARED nor MAP_PRIVATE, both, or another MAP_TYPE value. */
static int test_map_type_einval(void)
{
	static const int types[] = { 0, MAP_SHARED | MAP_PRIVATE, 0x4, 0xf };
	unsigned long i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		CHECK_ERR(mmap(NULL, PAGE_SIZE, PROT_RW,
			       types[i] | MAP_ANONYMOUS, -1, 0),
			  EINVAL);
	return 1;
}

/*
 * mmap checks neither unknown flags (only MAP_SHARED_VALIDATE does) nor
 * unknown prot bits (mprotect does): both are accepted and dropped.
 */
static int test_unknown_bits_ignored(void)
{
	char *p = mmap(NULL, PAGE_SIZE, PROT_RW, PRIV_ANON | 0x200000, -1, 0);
	char *q = mmap(NULL, PAGE_SIZE, PROT_RW | 0x10, PRIV_ANON, -1, 0);

	CHECK(p != MAP_FAILED);
	CHECK(q != MAP_FAILED);
	p[0] = q[0] = 1;
	CHECK_OK(munmap(p, PAGE_SIZE));
	CHECK_OK(munmap(q, PAGE_SIZE));
	return 1;
}

static int test_anon_ignores_fd(void)
{
	char *p = mmap(NULL, PAGE_SIZE, PROT_RW, PRIV_ANON, 100, 0);

	CHECK(p != MAP_FAILED);
	CHECK_OK(munmap(p, PAGE_SIZE));
	return 1;
}

static int test_prot_none_faults(void)
{
	char *p = map_anon(1, PROT_NONE, PRIV_ANON);

	CHECK(p != NULL);
	CHECK_FAULT(p, READ, SIGSEGV);
	CHECK_FAULT(p + PAGE_SIZE - 1, WRITE, SIGSEGV);
	CHECK_OK(munmap(p, PAGE_SIZE));
	return 1;
}

static int test_read_only_write_faults(void)
{
	char *p = map_anon(1, PROT_READ, PRIV_ANON);

	CHECK(p != NULL);
	CHECK(filled(p, PAGE_SIZE, 0));
	CHECK_FAULT(p, WRITE, SIGSEGV);
	CHECK_OK(munmap(p, PAGE_SIZE));
	return 1;
}

static int test_populate_resident(void)
{
	unsigned char vec[4];
	char *p = map_anon(4, PROT_RW, PRIV_ANON | MAP_POPULATE);

	CHECK(p != NULL);
	CHECK_OK(mincore(p, 4 * PAGE_SIZE, vec));
	CHECK((vec[0] & vec[1] & vec[2] & vec[3] & 1) == 1);
	CHECK(filled(p, 4 * PAGE_SIZE, 0));
	CHECK_OK(munmap(p, 4 * PAGE_SIZE));
	return 1;
}

/* More than RAM, unaccounted: mapped, and only two pages touched. */
static int test_noreserve_1gib(void)
{
	unsigned long len = 1UL << 30;
	char *p = mmap(NULL, len, PROT_RW, PRIV_ANON | MAP_NORESERVE, -1, 0);

	CHECK(p != MAP_FAILED);
	p[0] = 1;
	p[len - 1] = 2;
	CHECK(p[0] == 1 && p[len - 1] == 2);
	CHECK_OK(munmap(p, len));
	return 1;
}

/*
 * MAP_GROWSDOWN: the mapping grows down, a page at a time, on a fault
 * below it, as the stack does: up to RLIMIT_STACK (8 MiB) in all, and
 * not closer than stack_guard_gap (256 pages, 1 MiB) to an accessible
 * mapping below. Each test uses the top of a free 16 MiB area.
 */
static char *growsdown_map(void)
{
	char *a = free_area(GROW_AREA / PAGE_SIZE);

	if (!a)
		return NULL;
	return map_at(a + GROW_AREA - 2 * PAGE_SIZE, 2, PROT_RW,
		      PRIV_ANON | MAP_GROWSDOWN);
}

static int test_growsdown_grows(void)
{
	unsigned char vec;
	char *g = growsdown_map();

	CHECK(g != NULL);
	g[-1] = 1;
	g[-16 * (long)PAGE_SIZE] = 2;
	CHECK(g[-1] == 1 && g[-16 * (long)PAGE_SIZE] == 2);
	CHECK(filled(g - 15 * PAGE_SIZE, 15 * PAGE_SIZE - 1, 0));
	CHECK_OK(mincore(g - 16 * PAGE_SIZE, PAGE_SIZE, &vec));
	CHECK_EQ(vec & 1, 1);
	/* 7 MiB below, 9 MiB in all: over RLIMIT_STACK */
	CHECK_NO_FAULT(g - (7UL << 20), WRITE);
	CHECK_FAULT(g - (9UL << 20), WRITE, SIGSEGV);
	CHECK_OK(munmap(g - 16 * PAGE_SIZE, 18 * PAGE_SIZE));
	return 1;
}

static int test_growsdown_guard_gap(void)
{
	char *g = growsdown_map(), *below;

	CHECK(g != NULL);
	below = g - (512UL << 10);
	CHECK(map_at(below, 1, PROT_READ, PRIV_ANON) != NULL);
	CHECK_FAULT(g - PAGE_SIZE, WRITE, SIGSEGV);
	/* an inaccessible mapping does not count */
	CHECK(map_at(below, 1, PROT_NONE, PRIV_ANON) != NULL);
	CHECK_NO_FAULT(g - PAGE_SIZE, WRITE);
	CHECK_OK(munmap(below, PAGE_SIZE));
	CHECK_OK(munmap(g, 2 * PAGE_SIZE));
	return 1;
}

/* A hint inside the gap below is not free; 257 pages below is. */
static int test_growsdown_hint_keeps_gap(void)
{
	char *g = growsdown_map(), *p;

	CHECK(g != NULL);
	p = mmap(g - PAGE_SIZE, PAGE_SIZE, PROT_RW, PRIV_ANON, -1, 0);
	CHECK(p != MAP_FAILED);
	CHECK(p != g - PAGE_SIZE);
	CHECK_OK(munmap(p, PAGE_SIZE));
	p = mmap(g - 256 * PAGE_SIZE, PAGE_SIZE, PROT_RW, PRIV_ANON, -1, 0);
	CHECK(p != MAP_FAILED);
	CHECK(p != g - 256 * PAGE_SIZE);
	CHECK_OK(munmap(p, PAGE_SIZE));
	CHECK_EQ(mmap(g - 257 * PAGE_SIZE, PAGE_SIZE, PROT_RW, PRIV_ANON, -1,
		      0),
		 g - 257 * PAGE_SIZE);
	CHECK_OK(munmap(g - 257 * PAGE_SIZE, PAGE_SIZE));
	CHECK_OK(munmap(g, 2 * PAGE_SIZE));
	return 1;
}

static const struct ktap_case tests[] = {
	{ "anon_private_reads_zero", test_anon_private_reads_zero },
	{ "anon_private_writable", test_anon_private_writable },
	{ "anon_private_across_fork", test_anon_private_across_fork },
	{ "anon_shared_across_fork", test_anon_shared_across_fork },
	{ "fixed_replaces", test_fixed_replaces },
	{ "fixed_noreplace_eexist", test_fixed_noreplace },
	{ "hint_honoured_when_free", test_hint_honoured_when_free },
	{ "hint_taken_goes_elsewhere", test_hint_taken_goes_elsewhere },
	{ "hint_below_min_addr_raised", test_hint_below_min_addr_raised },
	{ "fixed_below_min_addr_eperm", test_fixed_below_min_addr_eperm },
	{ "kernel_half_hint_ignored", test_kernel_half_hint_ignored },
	{ "kernel_half_fixed_enomem", test_kernel_half_fixed_enomem },
	{ "too_long_enomem", test_too_long_enomem },
	{ "length_zero_einval", test_length_zero_einval },
	{ "fixed_unaligned_einval", test_fixed_unaligned_einval },
	{ "map_type_einval", test_map_type_einval },
	{ "unknown_bits_ignored", test_unknown_bits_ignored },
	{ "anon_ignores_fd", test_anon_ignores_fd },
	{ "prot_none_faults", test_prot_none_faults },
	{ "read_only_write_faults", test_read_only_write_faults },
	{ "populate_resident", test_populate_resident },
	{ "noreserve_1gib", test_noreserve_1gib },
	{ "growsdown_grows_to_8mib", test_growsdown_grows },
	{ "growsdown_guard_gap", test_growsdown_guard_gap },
	{ "growsdown_hint_keeps_gap", test_growsdown_hint_keeps_gap },
};

int main(void)
{
	return ktap_run("mmap_test", tests, sizeof(tests) / sizeof(tests[0]));
}
