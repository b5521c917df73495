/*
 * exhaust_touch - out of memory by touching it. A greedy child touches
 * fresh pages until no frame is left: of one private anonymous mapping
 * bigger than the machine, of the heap (brk), or of shared anonymous
 * memory. The OOM killer must pick it (it holds the most), kill it with
 * SIGKILL and say so; two bystanders holding a little memory must go on
 * with it intact; and the parent must get every frame back. Kernel-
 * specific (exhaust.h says why).
 */
#include "exhaust.h"

#define BYSTANDERS 2
#define BYSTANDER_PAGES 16
#define BRK_STEP (1UL << 20)

enum greed { GREED_MMAP, GREED_BRK, GREED_SHARED };

/* Twice the machine's memory: more than can ever be resident. */
static unsigned long more_than_ram(void)
{
	return (unsigned long)meminfo_kb("MemTotal") * 2 * 1024;
}

static void touch_all(char *p, unsigned long len)
{
	for (unsigned long off = 0; off < len; off += PAGE_SIZE)
		p[off] = 1;
}

/* Never returns: the OOM killer ends it (exit 2: memory refused up front,
 * not an OOM kill; 3: all touched, which no machine here allows). */
static __attribute__((noreturn)) void greedy(enum greed how)
{
	unsigned long len = more_than_ram();
	char *p;

	switch (how) {
	case GREED_MMAP:
	case GREED_SHARED:
		/* MAP_NORESERVE: past the overcommit check, as Linux's. */
		p = mmap(NULL, len, PROT_RW,
			 (how == GREED_MMAP ? PRIV_ANON : SHARED_ANON) |
				 MAP_NORESERVE,
			 -1, 0);
		if (p == MAP_FAILED)
			_exit(2);
		touch_all(p, len);
		break;
	case GREED_BRK:
		for (unsigned long done = 0; done < len; done += BRK_STEP) {
			p = sbrk(BRK_STEP);
			if (p == (void *)-1)
				_exit(2);
			touch_all(p, BRK_STEP);
		}
		break;
	}
	_exit(3);
}

/* A little memory of its own, filled, kept until go, then checked. */
static int bystander(volatile int *go)
{
	char *p = map_anon(BYSTANDER_PAGES, PROT_RW, PRIV_ANON);
	int c = 'a' + getpid() % 26;

	if (!p)
		return 0;
	memset(p, c, BYSTANDER_PAGES * PAGE_SIZE);
	wait_for_flag(go);
	return filled(p, BYSTANDER_PAGES * PAGE_SIZE, c);
}

static int oom_round(enum greed how)
{
	long start = mem_available_kb();
	volatile int *go = shared_page();
	pid_t bystanders[BYSTANDERS], pid;
	int status;

	CHECK(go != NULL);
	for (int i = 0; i < BYSTANDERS; i++) {
		bystanders[i] = fork();
		if (bystanders[i] == 0)
			_exit(bystander(go) ? 0 : 1);
		CHECK(bystanders[i] > 0);
	}
	pid = fork();
	if (pid == 0)
		greedy(how);
	CHECK(pid > 0);
	CHECK(wait_for(pid, &status) == pid);
	printf("# greedy child %d: status 0x%x\n", pid, status);
	CHECK(killed_by(status, SIGKILL));
	/* The rest goes on, its memory as it left it. */
	*go = 1;
	for (int i = 0; i < BYSTANDERS; i++)
		CHECK(wait_for(bystanders[i], &status) == bystanders[i] &&
		      exited_with(status, 0));
	CHECK_OK(munmap((void *)go, PAGE_SIZE));
	CHECK(can_use_half_of_memory());
	CHECK_MEMORY_BACK(start);
	return 1;
}

static int test_greedy_mmap_child_killed(void)
{
	return oom_round(GREED_MMAP);
}

static int test_greedy_brk_child_killed(void)
{
	return oom_round(GREED_BRK);
}

static int test_greedy_shared_memory_child_killed(void)
{
	return oom_round(GREED_SHARED);
}

/*
 * The greedy one is a vfork child, sharing its parent's memory while the
 * parent waits: both are as big, and the parent, first in line, is the
 * first victim. Its wait must end for it to die (then the child goes).
 */
static int test_greedy_vfork_child_killed_with_parent(void)
{
	long start = mem_available_kb();
	int status, gone = 0;
	pid_t pid = fork();

	if (pid == 0) {
		/* What a vfork child must not do (call, map, write), on
		 * purpose: the kernel must cope. */
		if (vfork() == 0)
			greedy(GREED_MMAP); // NOLINT(clang-analyzer-unix.Vfork)
		_exit(4); /* the vfork failed, or the wait ended otherwise */
	}
	CHECK(pid > 0);
	CHECK(wait_for(pid, &status) == pid);
	printf("# vfork parent %d: status 0x%x\n", pid, status);
	CHECK(killed_by(status, SIGKILL));
	/* The orphaned child is this process's to reap (it is init). */
	while (waitpid(-1, &status, 0) > 0) {
		CHECK(killed_by(status, SIGKILL));
		gone++;
	}
	CHECK_EQ(gone, 1);
	CHECK(can_use_half_of_memory());
	CHECK_MEMORY_BACK(start);
	return 1;
}

static const struct ktap_case tests[] = {
	{ "greedy_mmap_child_killed", test_greedy_mmap_child_killed },
	{ "greedy_brk_child_killed", test_greedy_brk_child_killed },
	{ "greedy_shared_memory_child_killed",
	  test_greedy_shared_memory_child_killed },
	{ "greedy_vfork_child_killed_with_parent",
	  test_greedy_vfork_child_killed_with_parent },
};

int main(void)
{
	/* Fault in what the checks use before the first figure is read. */
	mem_available_kb();
	return ktap_run("exhaust_touch", tests,
			sizeof(tests) / sizeof(tests[0]));
}
