/*
 * exhaust_fork - out of tasks. Fork bombs bounded by the task limit
 * (RLIMIT_NPROC, which this kernel sets to its MAX_TASKS): fork answers
 * -EAGAIN there, as Linux does at RLIMIT_NPROC, and never panics, hangs or
 * runs out of memory first. A flat bomb (one parent forks until -EAGAIN)
 * and a tree (every process forks until -EAGAIN). Every child waits until
 * the limit is reached, then all exit; the tasks reached are printed; and
 * afterwards fork works again and every frame is back. Kernel-specific
 * (exhaust.h says why).
 */
#include "exhaust.h"

#define __NR_ugetrlimit 191
#define RLIMIT_NPROC 6
#define MAX_CHILDREN 4096 /* more than any task limit here */

struct rlimit {
	unsigned long rlim_cur, rlim_max;
};

/* The most processes there may be, init included. */
static long nproc_limit(void)
{
	struct rlimit r = { 0, 0 };

	if (syscall2(__NR_ugetrlimit, RLIMIT_NPROC, (long)&r))
		return -1;
	return (long)r.rlim_cur;
}

static pid_t children[MAX_CHILDREN];

/* One parent forks until fork refuses. */
static int test_flat_bomb_stops_at_eagain(void)
{
	long start = mem_available_kb(), limit = nproc_limit();
	volatile int *go = shared_page();
	int n = 0, err, status;

	CHECK(go != NULL && limit > 1 && limit <= MAX_CHILDREN);
	for (;;) {
		pid_t pid = fork();

		if (pid == 0) {
			wait_for_flag(go);
			_exit(0);
		}
		if (pid < 0)
			break;
		children[n++] = pid;
	}
	err = errno;
	printf("# flat bomb: %d children, %d tasks with this one, limit %ld, "
	       "fork: errno %d; MemAvailable %ld kB of %ld kB at the start\n",
	       n, n + 1, limit, err, mem_available_kb(), start);
	*go = 1;
	for (int i = 0; i < n; i++)
		CHECK(wait_for(children[i], &status) == children[i] &&
		      exited_with(status, 0));
	CHECK_EQ(err, EAGAIN);
	CHECK_EQ(n + 1, limit);
	CHECK_OK(munmap((void *)go, PAGE_SIZE));
	CHECK(can_use_half_of_memory());
	CHECK_MEMORY_BACK(start);
	return 1;
}

/* The counters the tree's processes share. */
struct tree {
	volatile int go; /* set by the test: everyone may exit */
	volatile int forked; /* successful forks, counted by the parents */
	volatile int started; /* processes of the tree that ran */
	volatile int settled; /* processes that got their refusal */
	volatile int not_eagain; /* refusals other than -EAGAIN */
};

/*
 * Has every process of the tree had its refusal? The counters only grow,
 * and are read in this order: if then settled == started == forked + 1,
 * every process started by the time settled was read had settled, and a
 * parent counts its child before it settles, so no child was still to
 * start either.
 */
static int tree_settled(const struct tree *t)
{
	int settled = t->settled, started = t->started;

	return settled == started && started == t->forked + 1;
}

/*
 * Fork until fork refuses; each child does the same from where it is.
 * Then wait for go, reap one's own children, and exit 0 if every one of
 * them did and the refusal was -EAGAIN.
 */
static int bomb(struct tree *t)
{
	int n = 0, ok = 1, status;

	__sync_fetch_and_add(&t->started, 1);
	for (;;) {
		pid_t pid = fork();

		if (pid == 0) {
			n = 0; /* a new process: no children yet */
			__sync_fetch_and_add(&t->started, 1);
			continue;
		}
		if (pid < 0)
			break;
		children[n++] = pid;
		__sync_fetch_and_add(&t->forked, 1);
	}
	if (errno != EAGAIN) {
		__sync_fetch_and_add(&t->not_eagain, 1);
		ok = 0;
	}
	__sync_fetch_and_add(&t->settled, 1);
	wait_for_flag(&t->go);
	for (int i = 0; i < n; i++)
		if (wait_for(children[i], &status) != children[i] ||
		    !exited_with(status, 0))
			ok = 0;
	return ok;
}

static int test_tree_bomb_stops_at_eagain(void)
{
	long start = mem_available_kb(), limit = nproc_limit();
	struct tree *t = (struct tree *)shared_page();
	int status, tasks;
	pid_t top;

	CHECK(t != NULL);
	top = fork();
	if (top == 0)
		_exit(bomb(t) ? 0 : 1);
	CHECK(top > 0);
	while (!tree_settled(t))
		nap();
	tasks = t->started + 1; /* and this process */
	printf("# tree bomb: %d processes, %d tasks with this one, limit %ld, "
	       "%d refusals not EAGAIN\n",
	       t->started, tasks, limit, t->not_eagain);
	t->go = 1;
	CHECK(wait_for(top, &status) == top && exited_with(status, 0));
	CHECK_EQ(tasks, limit);
	CHECK_OK(munmap((void *)t, PAGE_SIZE));
	CHECK(can_use_half_of_memory());
	CHECK_MEMORY_BACK(start);
	return 1;
}

/*
 * Each child of a flat bomb touches CHILD_PAGES before it waits, and the
 * parent forks the next one only then: memory runs out long before the
 * task limit (255 children would need 64 MiB). The OOM killer kills
 * waiting children to feed the new ones (the dead stay zombies, so the
 * bomb still ends at the task limit), or fork finds no memory (-ENOMEM,
 * as Linux's fork may answer), or a child's mmap does (it exits 2); never
 * a panic or a hang. Every child ends by exiting or by SIGKILL.
 */
#define CHILD_PAGES 64

struct touching {
	volatile int go; /* set by the test: everyone may exit */
	volatile int touched; /* children that have touched their pages */
};

struct outcome {
	int killed, refused, other;
};

static void record(struct outcome *o, int status)
{
	if (killed_by(status, SIGKILL))
		o->killed++;
	else if (exited_with(status, 2))
		o->refused++;
	else if (!exited_with(status, 0))
		o->other++;
}

static void touching_child(struct touching *t)
{
	char *p = map_anon(CHILD_PAGES, PROT_RW, PRIV_ANON);

	if (!p)
		_exit(2);
	memset(p, 1, CHILD_PAGES * PAGE_SIZE);
	__sync_fetch_and_add(&t->touched, 1);
	wait_for_flag(&t->go);
	_exit(0);
}

/* Until the newest child has touched its pages, or has ended early (then
 * it is reaped, and 0 returned). */
static int wait_touched(struct touching *t, int before, pid_t pid,
			struct outcome *o)
{
	int status;

	while (t->touched == before) {
		if (waitpid(pid, &status, WNOHANG) == pid) {
			record(o, status);
			return 0;
		}
		nap();
	}
	return 1;
}

static int test_bomb_that_touches_memory(void)
{
	long start = mem_available_kb();
	struct touching *t = (struct touching *)shared_page();
	struct outcome o = { 0, 0, 0 };
	int n = 0, err = 0, status;

	CHECK(t != NULL);
	/* Bounded: a child refused memory is reaped, and fork tried again. */
	for (int tries = 0; tries < MAX_CHILDREN; tries++) {
		int before = t->touched;
		pid_t pid = fork();

		if (pid == 0)
			touching_child(t);
		if (pid < 0) {
			err = errno;
			break;
		}
		if (wait_touched(t, before, pid, &o))
			children[n++] = pid;
	}
	t->go = 1;
	for (int i = 0; i < n; i++) {
		if (wait_for(children[i], &status) == children[i])
			record(&o, status);
		else
			o.other++;
	}
	printf("# touching bomb: %d children, %d killed by the OOM "
	       "killer, %d refused memory by mmap, fork: errno %d\n",
	       n, o.killed, o.refused, err);
	CHECK(err == EAGAIN || err == ENOMEM);
	CHECK_EQ(o.other, 0);
	/* Memory ran out, one way or another. */
	CHECK(o.killed + o.refused > 0 || err == ENOMEM);
	CHECK_OK(munmap((void *)t, PAGE_SIZE));
	CHECK(can_use_half_of_memory());
	CHECK_MEMORY_BACK(start);
	return 1;
}

/* Below the limit again, fork works. */
static int test_fork_works_again(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	CHECK(pid > 0);
	CHECK(wait_for(pid, &status) == pid && exited_with(status, 0));
	return 1;
}

static const struct ktap_case tests[] = {
	{ "flat_bomb_stops_at_eagain", test_flat_bomb_stops_at_eagain },
	{ "tree_bomb_stops_at_eagain", test_tree_bomb_stops_at_eagain },
	{ "bomb_that_touches_memory", test_bomb_that_touches_memory },
	{ "fork_works_again", test_fork_works_again },
};

int main(void)
{
	/* Fault in what the checks use before the first figure is read. */
	mem_available_kb();
	test_fork_works_again();
	return ktap_run("exhaust_fork", tests,
			sizeof(tests) / sizeof(tests[0]));
}
