/*
 * exhaust_pgtables - out of memory by page tables. A child maps all the
 * user space mmap gives it (MAP_NORESERVE: address space, not memory) and
 * touches one page in every 4 MiB, so that each touch costs a page table
 * as well as a frame: page tables are half of what it uses, about 3 MiB
 * of them once the whole user half is covered. One such child fits in
 * these machines; six at once do not, and the OOM killer must choose
 * among them, page tables counted (as Linux's oom_badness counts them).
 * Either way every child ends by exiting or by SIGKILL, the parent goes
 * on, and every page table and frame comes back. Kernel-specific
 * (exhaust.h says why).
 */
#include "exhaust.h"

#define PGDIR_SIZE (4UL << 20) /* the memory one page table maps */
#define BIG_CHUNK (256UL << 20)
#define MAX_CHUNKS 1024
#define MAX_CHILDREN 8
#define CROWD 6

struct sparse {
	volatile int ready; /* children that mapped and touched it all */
	volatile int go; /* set by the parent: clean up and exit */
	volatile int tables; /* page tables the children's touches made */
};

static char *chunks[MAX_CHUNKS];
static unsigned long lens[MAX_CHUNKS];

/* Map chunks of halving sizes until mmap finds no gap for the smallest. */
static int map_everything(void)
{
	int n = 0;

	for (unsigned long len = BIG_CHUNK; len >= PGDIR_SIZE; len /= 2) {
		while (n < MAX_CHUNKS) {
			char *p = mmap(NULL, len, PROT_RW,
				       PRIV_ANON | MAP_NORESERVE, -1, 0);

			if (p == MAP_FAILED)
				break;
			chunks[n] = p;
			lens[n++] = len;
		}
	}
	return n;
}

/* One page at the start of every 4 MiB window of each chunk. */
static int touch_sparsely(int n)
{
	int tables = 0;

	for (int i = 0; i < n; i++) {
		unsigned long end = (unsigned long)chunks[i] + lens[i];
		unsigned long a = ((unsigned long)chunks[i] + PGDIR_SIZE - 1) &
				  ~(PGDIR_SIZE - 1);

		for (; a < end; a += PGDIR_SIZE, tables++)
			*(volatile char *)a = 1;
	}
	return tables;
}

static int sparse_child(struct sparse *s)
{
	int n = map_everything(), tables = touch_sparsely(n);

	__sync_fetch_and_add(&s->tables, tables);
	__sync_fetch_and_add(&s->ready, 1);
	wait_for_flag(&s->go);
	for (int i = 0; i < n; i++)
		if (munmap(chunks[i], lens[i]))
			return 0;
	return n > 0;
}

/* nchildren at once: each exits 0 or is killed by SIGKILL; the number
 * killed, or -1 if a child ended otherwise. */
static int sparse_round(int nchildren)
{
	long start = mem_available_kb(), during;
	struct sparse *s = (struct sparse *)shared_page();
	pid_t pids[MAX_CHILDREN];
	int status[MAX_CHILDREN], gone = 0, killed = 0;

	if (!s)
		return -1;
	for (int i = 0; i < nchildren; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(sparse_child(s) ? 0 : 1);
		if (pids[i] < 0)
			return -1;
	}
	/* Until each child is ready or gone (killed on the way). */
	while (s->ready + gone < nchildren) {
		for (int i = 0; i < nchildren; i++) {
			if (pids[i] &&
			    waitpid(pids[i], &status[i], WNOHANG) == pids[i]) {
				pids[i] = 0;
				gone++;
			}
		}
		nap();
	}
	during = mem_available_kb();
	s->go = 1;
	for (int i = 0; i < nchildren; i++)
		if (pids[i] && wait_for(pids[i], &status[i]) != pids[i])
			return -1;
	for (int i = 0; i < nchildren; i++) {
		if (killed_by(status[i], SIGKILL))
			killed++;
		else if (!exited_with(status[i], 0))
			return -1;
	}
	/* (-1 at the peak: too little memory left to make /proc/meminfo) */
	printf("# %d children: %d killed by the OOM killer; %d page tables "
	       "made; MemAvailable %ld kB at the start, %ld kB at the peak\n",
	       nchildren, killed, s->tables, start, during);
	munmap((void *)s, PAGE_SIZE);
	if (!can_use_half_of_memory() || mem_available_kb() != start) {
		printf("# MemAvailable %ld kB, %ld kB at the start\n",
		       mem_available_kb(), start);
		return -1;
	}
	return killed;
}

/* Alone: it fits, or the OOM killer ends it; either way all comes back. */
static int test_one_child_maps_everything(void)
{
	return sparse_round(1) >= 0;
}

/*
 * Six at once need more than the machine has (about 6 MiB each): the
 * OOM killer must have killed at least one, and the others finished.
 */
static int test_crowd_maps_everything(void)
{
	int killed = sparse_round(CROWD);

	CHECK(killed >= 1 && killed < CROWD);
	return 1;
}

static const struct ktap_case tests[] = {
	{ "one_child_maps_everything", test_one_child_maps_everything },
	{ "crowd_maps_everything_oom_kills", test_crowd_maps_everything },
};

int main(void)
{
	/* Fault in what the checks use before the first figure is read. */
	mem_available_kb();
	return ktap_run("exhaust_pgtables", tests,
			sizeof(tests) / sizeof(tests[0]));
}
