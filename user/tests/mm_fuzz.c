/* user/tests/mm_fuzz.c - random memory system calls against a model. */
#include "mm_test.h"

/*
 * A randomized differential test. From each of eight fixed seeds (the
 * program takes no arguments), 5000 random operations on a window of 256
 * pages at a fixed address and on the heap: mmap (private or shared,
 * MAP_FIXED, MAP_FIXED_NOREPLACE or a hint), munmap, mprotect, madvise,
 * mremap, brk, writes, and fork. A model says what each page should be
 * (unmapped, its protection, shared or not, its fork advice, and its
 * contents), each call's answer is checked against it, and after every
 * operation every readable page is read back. A forked child checks the
 * model as a child must see it, writes shared pages the parent then
 * expects to see, and private ones it must not. Now and then a child makes
 * an access the model says must fault, and the parent checks it died of
 * SIGSEGV. One KTAP line per seed; a failure prints the seed, the
 * operation's number and what differed. A page the model wrongly believes
 * readable ends the program with the kernel's segfault line instead.
 *
 * A page's contents are one 32-bit value v: words 0, 511 and 1023 hold v,
 * every other word 0 (word 700 is checked), so that a check reads four
 * words, not 4 KiB.
 *
 * The model knows which pages surely lie in one VMA: each mmap gives its
 * pages a new id, and anything that may split a VMA (mprotect, madvise
 * changing a flag, mremap) gives each run of equal ids it touches a new
 * one. A run of equal ids is then inside one VMA (merging only makes VMAs
 * bigger), which is what mremap needs; mremap is only asked of such runs.
 */

#define WIN ((char *)0x40000000UL)
#define WIN_PAGES 256
#define HEAP_PAGES 32
#define OPS 5000
#define NSEEDS 8

struct pmodel {
	unsigned char mapped, prot, shared, dontfork, wipe;
	unsigned int val; /* 0: zero-filled */
	unsigned int id;
};

static struct pmodel win[WIN_PAGES];
static unsigned int heap[HEAP_PAGES];
static int heap_pages;
static char *heap_base;
static unsigned long brk_start;
static unsigned int next_id, rng_state, seed;
static int op;
static struct {
	unsigned long ops, forks, faults, mremaps, errors;
} stats;

static unsigned int rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static unsigned int below(unsigned int n)
{
	return rnd() % n;
}

static unsigned long sys_brk(unsigned long addr)
{
	return (unsigned long)syscall1(__NR_brk, (long)addr);
}

static char *page(int i)
{
	return WIN + i * PAGE_SIZE;
}

static void put(char *p, unsigned int v)
{
	volatile unsigned int *w = (volatile unsigned int *)p;

	w[0] = w[511] = w[1023] = v;
}

static int holds(const char *p, unsigned int v)
{
	const volatile unsigned int *w = (const volatile unsigned int *)p;

	return w[0] == v && w[511] == v && w[1023] == v && w[700] == 0;
}

static int fail(const char *what, long got, long want)
{
	printf("# seed %08x op %d: %s: got 0x%lx (errno %d), expected 0x%lx\n",
	       seed, op, what, (unsigned long)got, got == -1 ? errno : 0,
	       (unsigned long)want);
	return 0;
}

#define EXPECT(what, got, want)                           \
	do {                                              \
		long g_ = (long)(got), w_ = (long)(want); \
		if (g_ != w_)                             \
			return fail((what), g_, w_);      \
		if (g_ == -1)                             \
			stats.errors++;                   \
	} while (0)

/* It fails: -1, with errno e. */
#define EXPECT_ERR(what, got, e)                                            \
	do {                                                                \
		EXPECT((what), (got), -1);                                  \
		if (errno != (e)) {                                         \
			printf("# seed %08x op %d: %s: errno %d, expected " \
			       "%d\n",                                      \
			       seed, op, (what), errno, (e));               \
			return 0;                                           \
		}                                                           \
	} while (0)

static int readable(const struct pmodel *m)
{
	return m->mapped && m->prot != PROT_NONE;
}

static int writable(const struct pmodel *m)
{
	return m->mapped && (m->prot & PROT_WRITE);
}

/*
 * Every readable page against the model; in a forked child (child set),
 * MADV_DONTFORK pages are not there and MADV_WIPEONFORK ones are zero.
 */
static int verify(int child)
{
	unsigned int want;
	int i;

	for (i = 0; i < WIN_PAGES; i++) {
		if (!readable(&win[i]) || (child && win[i].dontfork))
			continue;
		want = child && win[i].wipe ? 0 : win[i].val;
		if (!holds(page(i), want)) {
			printf("# seed %08x op %d: page %d holds 0x%x, expected "
			       "0x%x%s\n",
			       seed, op, i, *(unsigned int *)page(i), want,
			       child ? " (in the child)" : "");
			return 0;
		}
	}
	for (i = 0; i < heap_pages; i++)
		if (!holds(heap_base + i * PAGE_SIZE, heap[i])) {
			printf("# seed %08x op %d: heap page %d holds 0x%x, "
			       "expected 0x%x\n",
			       seed, op, i,
			       *(unsigned int *)(heap_base + i * PAGE_SIZE),
			       heap[i]);
			return 0;
		}
	return 1;
}

static void model_map(int a, int n, int prot, int shared)
{
	int i;

	next_id++;
	for (i = a; i < a + n; i++) {
		win[i] = (struct pmodel){ 1,
					  (unsigned char)prot,
					  (unsigned char)shared,
					  0,
					  0,
					  0,
					  next_id };
	}
}

static void model_unmap(int a, int n)
{
	memset(&win[a], 0, n * sizeof(win[0]));
}

/* A new id for each run of equal ids in [a, a + n): the VMAs may split. */
static void renumber(int a, int n)
{
	unsigned int prev = 0, old;
	int i;

	for (i = a; i < a + n; i++) {
		if (!win[i].mapped) {
			prev = 0;
			continue;
		}
		old = win[i].id;
		if (old != prev)
			next_id++;
		prev = old;
		win[i].id = next_id;
	}
}

/* A random range [*a, *a + *n) in the window, at most max pages. */
static void range(int *a, int *n, int max)
{
	*a = (int)below(WIN_PAGES);
	*n = 1 + (int)below(max);
	if (*a + *n > WIN_PAGES)
		*n = WIN_PAGES - *a;
}

static int random_prot(void)
{
	static const int prots[] = { PROT_NONE,
				     PROT_READ,
				     PROT_RW,
				     PROT_RW,
				     PROT_RW,
				     PROT_WRITE,
				     PROT_READ | PROT_EXEC,
				     PROT_EXEC };

	return prots[below(sizeof(prots) / sizeof(prots[0]))];
}

static int op_mmap(void)
{
	int a, n, i, prot = random_prot(), shared = below(4) == 0, busy = 0;
	int flags = (shared ? SHARED_ANON : PRIV_ANON) |
		    (below(8) == 0 ? MAP_POPULATE : 0);
	unsigned int how = below(8);
	char *r;

	range(&a, &n, 16);
	for (i = a; i < a + n; i++)
		busy |= win[i].mapped;
	if (how < 5) {
		r = mmap(page(a), n * PAGE_SIZE, prot, flags | MAP_FIXED, -1,
			 0);
		EXPECT("mmap MAP_FIXED", r, page(a));
	} else if (how < 7) {
		r = mmap(page(a), n * PAGE_SIZE, prot,
			 flags | MAP_FIXED_NOREPLACE, -1, 0);
		if (busy) {
			EXPECT_ERR("mmap MAP_FIXED_NOREPLACE", r, EEXIST);
			return 1;
		}
		EXPECT("mmap MAP_FIXED_NOREPLACE", r, page(a));
	} else {
		r = mmap(page(a), n * PAGE_SIZE, prot, flags, -1, 0);
		if (busy) {
			/* elsewhere, and far from the window */
			if (r == MAP_FAILED ||
			    (r + n * PAGE_SIZE > WIN && r < page(WIN_PAGES)))
				return fail("mmap at a taken hint", (long)r,
					    -2);
			munmap(r, n * PAGE_SIZE);
			return 1;
		}
		EXPECT("mmap at a free hint", r, page(a));
	}
	model_map(a, n, prot, shared);
	return 1;
}

static int op_munmap(void)
{
	int a, n;

	range(&a, &n, 24);
	EXPECT("munmap", munmap(page(a), n * PAGE_SIZE), 0);
	model_unmap(a, n);
	return 1;
}

/* Up to the first hole, then ENOMEM; nothing if the start is a hole. */
static int op_mprotect(void)
{
	int a, n, i, prot = random_prot();

	range(&a, &n, 24);
	for (i = a; i < a + n && win[i].mapped; i++)
		win[i].prot = (unsigned char)prot;
	renumber(a, i - a);
	if (i < a + n)
		EXPECT_ERR("mprotect over a hole",
			   mprotect(page(a), n * PAGE_SIZE, prot), ENOMEM);
	else
		EXPECT("mprotect", mprotect(page(a), n * PAGE_SIZE, prot), 0);
	return 1;
}

/*
 * Applied to every mapped page of the range; ENOMEM if any page is not
 * mapped. MADV_WIPEONFORK stops with EINVAL at the first shared page.
 */
static int op_madvise(void)
{
	static const int advice[] = { MADV_DONTNEED,   MADV_DONTNEED,
				      MADV_DONTFORK,   MADV_DOFORK,
				      MADV_WIPEONFORK, MADV_KEEPONFORK,
				      MADV_NORMAL,     MADV_WILLNEED,
				      MADV_COLD };
	int adv = advice[below(sizeof(advice) / sizeof(advice[0]))];
	int a, n, i, hole = 0, want = 0;

	range(&a, &n, 16);
	for (i = a; i < a + n; i++) {
		struct pmodel *m = &win[i];

		if (!m->mapped) {
			hole = 1;
			continue;
		}
		if (adv == MADV_WIPEONFORK && m->shared) {
			want = EINVAL;
			break;
		}
		if (adv == MADV_DONTNEED && !m->shared)
			m->val = 0;
		if (adv == MADV_DONTFORK || adv == MADV_DOFORK)
			m->dontfork = adv == MADV_DONTFORK;
		if (adv == MADV_WIPEONFORK || adv == MADV_KEEPONFORK)
			m->wipe = adv == MADV_WIPEONFORK;
	}
	if (adv != MADV_DONTNEED && adv != MADV_WILLNEED && adv != MADV_COLD)
		renumber(a, i - a);
	if (!want && hole)
		want = ENOMEM;
	if (want)
		EXPECT_ERR("madvise", madvise(page(a), n * PAGE_SIZE, adv),
			   want);
	else
		EXPECT("madvise", madvise(page(a), n * PAGE_SIZE, adv), 0);
	return 1;
}

/*
 * On a run of equal ids: shrink in place, grow in place into free pages
 * after the run's end, or move with MREMAP_FIXED elsewhere in the window
 * (growing too, for private pages: a grown shared mapping would have pages
 * past its shmem object's end).
 */
static int op_mremap(void)
{
	struct pmodel moved[WIN_PAGES], tmpl;
	int s = (int)below(WIN_PAGES), rs, re, n, m, d, i;
	unsigned int how = below(4);
	char *r;

	if (!win[s].mapped)
		return 1;
	for (rs = s;
	     rs > 0 && win[rs - 1].mapped && win[rs - 1].id == win[s].id; rs--)
		;
	for (re = s + 1;
	     re < WIN_PAGES && win[re].mapped && win[re].id == win[s].id; re++)
		;
	n = 1 + (int)below(re - s);
	tmpl = win[s];
	stats.mremaps++;
	if (how == 0 && n > 1) {
		m = 1 + (int)below(n - 1);
		r = mremap(page(s), n * PAGE_SIZE, m * PAGE_SIZE, 0);
		EXPECT("mremap shrink", r, page(s));
		model_unmap(s + m, n - m);
		return 1;
	}
	if (how == 1 && s + n == re && !tmpl.shared) {
		m = n + 1 + (int)below(4);
		for (i = re; i < s + m; i++)
			if (i >= WIN_PAGES || win[i].mapped)
				return 1;
		r = mremap(page(s), n * PAGE_SIZE, m * PAGE_SIZE, 0);
		EXPECT("mremap grow in place", r, page(s));
		for (i = re; i < s + m; i++) {
			win[i] = tmpl;
			win[i].val = 0;
		}
		return 1;
	}
	m = 1 + (int)below(tmpl.shared ? n : n + 4);
	d = (int)below(WIN_PAGES - m + 1);
	if (d + m > s && d < s + n)
		return 1; /* overlapping: EINVAL, mremap_test's business */
	r = mremap(page(s), n * PAGE_SIZE, m * PAGE_SIZE,
		   MREMAP_MAYMOVE | MREMAP_FIXED, page(d));
	EXPECT("mremap MREMAP_FIXED", r, page(d));
	memcpy(moved, &win[s], (n < m ? n : m) * sizeof(win[0]));
	model_unmap(s, n);
	model_unmap(d, m);
	next_id++;
	for (i = 0; i < m; i++) {
		if (i < n) {
			win[d + i] = moved[i];
		} else {
			win[d + i] = tmpl;
			win[d + i].val = 0;
		}
		win[d + i].id = next_id;
	}
	return 1;
}

static int op_brk(void)
{
	int k = (int)below(HEAP_PAGES + 1), i;

	EXPECT("brk", sys_brk((unsigned long)(heap_base + k * PAGE_SIZE)),
	       heap_base + k * PAGE_SIZE);
	for (i = heap_pages; i < k; i++)
		heap[i] = 0;
	heap_pages = k;
	return 1;
}

static int op_write(void)
{
	unsigned int v = rnd() | 1;
	int i;

	if (below(6) == 0) {
		if (heap_pages) {
			i = (int)below(heap_pages);
			put(heap_base + i * PAGE_SIZE, v);
			heap[i] = v;
		}
		return 1;
	}
	i = (int)below(WIN_PAGES);
	if (writable(&win[i])) {
		put(page(i), v);
		win[i].val = v;
	}
	return 1;
}

/*
 * The child's writes: to each writable page it has, a value, kept by the
 * parent's model when the page is shared. The child and the parent make
 * the same random choices from the same seed.
 */
static void child_writes(unsigned int s, int in_child)
{
	unsigned int v;
	int i;

	rng_state = s;
	for (i = 0; i < WIN_PAGES; i++) {
		if (!writable(&win[i]) || win[i].dontfork)
			continue;
		v = rnd() | 1;
		if (in_child)
			put(page(i), v);
		else if (win[i].shared)
			win[i].val = v;
	}
	for (i = 0; in_child && i < heap_pages; i++)
		put(heap_base + i * PAGE_SIZE, rnd() | 1);
}

static int op_fork(void)
{
	unsigned int child_seed = rnd() | 1, saved;
	int status;
	pid_t pid;

	stats.forks++;
	pid = fork();
	EXPECT("fork", pid >= 0, 1);
	if (pid == 0) {
		if (!verify(1))
			_exit(1);
		child_writes(child_seed, 1);
		/* and the child's unmapping is its own */
		munmap(WIN, WIN_PAGES * PAGE_SIZE);
		_exit(0);
	}
	EXPECT("waitpid", wait_for(pid, &status), pid);
	EXPECT("the child's status", status, 0);
	saved = rng_state;
	child_writes(child_seed, 0);
	rng_state = saved;
	return 1;
}

/* An access the model says is not allowed: the child dies of SIGSEGV. */
static int op_fault(void)
{
	int i, tries, st = 0;

	for (tries = 0; tries < 16; tries++) {
		i = (int)below(WIN_PAGES);
		if (!readable(&win[i]) || win[i].dontfork) {
			st = access_status(page(i), READ);
			break;
		}
		if (!writable(&win[i])) {
			st = access_status(page(i), WRITE);
			break;
		}
	}
	if (tries == 16) /* all writable: the page past the heap */
		st = access_status(heap_base + heap_pages * PAGE_SIZE, READ);
	stats.faults++;
	if (!killed_by(st, SIGSEGV))
		return fail("an access that must fault", st, SIGSEGV);
	return 1;
}

static int step(void)
{
	unsigned int r = below(100);

	if (r < 14)
		return op_mmap();
	if (r < 22)
		return op_munmap();
	if (r < 32)
		return op_mprotect();
	if (r < 39)
		return op_madvise();
	if (r < 46)
		return op_mremap();
	if (r < 51)
		return op_brk();
	if (r < 53)
		return op_fork();
	if (r < 54)
		return op_fault();
	return op_write();
}

static long ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000 +
	       (now.tv_nsec - t0->tv_nsec) / 1000000;
}

static int run_seed(void)
{
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(win, 0, sizeof(win));
	memset(&stats, 0, sizeof(stats));
	heap_pages = 0;
	rng_state = seed;
	CHECK_OK(munmap(WIN, WIN_PAGES * PAGE_SIZE));
	CHECK_EQ(sys_brk((unsigned long)heap_base), heap_base);
	for (op = 0; op < OPS; op++) {
		stats.ops++;
		if (!step() || !verify(0))
			return 0;
	}
	printf("# seed %08x: %lu operations (%lu failing as expected), %lu "
	       "mremaps, %lu forks, %lu faults, %ld ms\n",
	       seed, stats.ops, stats.errors, stats.mremaps, stats.forks,
	       stats.faults, ms_since(&t0));
	CHECK_OK(munmap(WIN, WIN_PAGES * PAGE_SIZE));
	CHECK_EQ(sys_brk(brk_start), brk_start);
	return 1;
}

int main(void)
{
	char name[32];
	int i, failed = 0;
	char *w;

	printf("KTAP version 1\n1..%d\n", NSEEDS);
	/* the window must be free: everything in it is the model's */
	w = mmap(WIN, WIN_PAGES * PAGE_SIZE, PROT_NONE,
		 PRIV_ANON | MAP_FIXED_NOREPLACE, -1, 0);
	if (w != WIN) {
		printf("# the window at %p is not free\n", (void *)WIN);
		return 1;
	}
	brk_start = sys_brk(0);
	heap_base = (char *)((brk_start + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1));
	for (i = 0; i < NSEEDS; i++) {
		seed = (i + 1) * 2654435761U; /* Knuth's multiplier */
		snprintf(name, sizeof(name), "seed_%08x", seed);
		if (run_seed()) {
			printf("ok %d %s\n", i + 1, name);
		} else {
			printf("not ok %d %s\n", i + 1, name);
			failed++;
		}
	}
	printf("# mm_fuzz: %d passed, %d failed\n", NSEEDS - failed, failed);
	return failed ? 1 : 0;
}
