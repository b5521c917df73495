/*
 * fork_bench - what fork costs, in guest instructions: fork + child exit +
 * wait with 1, 16, 32 and 64 MiB touched; at 32 MiB also fork's return in
 * the parent, the child writing every page (one copy-on-write fault each),
 * and the parent rewriting every page once the child is gone (each fault
 * then finds the frame unshared and reuses it). One line of key=value.
 */
#include "bench.h"

#define ROUNDS 5 /* forks averaged per figure */
#define COW_MIB 32

/* volatile: the stores are the point, though nothing reads them. */
static volatile char mem[64 * MIB];

static void touch(int bytes, char value)
{
	for (int i = 0; i < bytes; i += PAGE)
		mem[i] = value;
}

/* Average instructions of fork + child _exit + waitpid. */
static unsigned long long fork_exit_wait(void)
{
	unsigned long long t0 = rdtsc();

	for (int i = 0; i < ROUNDS; i++) {
		int status, pid = fork();

		if (pid == 0)
			_exit(0);
		waitpid(pid, &status, 0);
	}
	return (rdtsc() - t0) / ROUNDS;
}

/* Average instructions from the call of fork to its return in the parent. */
static unsigned long long fork_return(void)
{
	unsigned long long total = 0;

	for (int i = 0; i < ROUNDS; i++) {
		unsigned long long t0 = rdtsc();
		int status, pid = fork();

		if (pid == 0)
			_exit(0);
		total += rdtsc() - t0;
		waitpid(pid, &status, 0);
	}
	return total / ROUNDS;
}

/* The child writes every page of COW_MIB (each a COW copy), then the
 * parent, alone again, rewrites them (each a COW reuse). Per page. */
static void cow(unsigned long long *copy, unsigned long long *reuse)
{
	unsigned long long *fig = shared_figures(), t0;
	int status, pid, pages = COW_MIB * MIB / PAGE;

	*copy = *reuse = 0;
	if (!fig)
		return;
	pid = fork();
	if (pid == 0) {
		t0 = rdtsc();
		touch(COW_MIB * MIB, 2);
		fig[0] = (rdtsc() - t0) / (unsigned long long)pages;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	*copy = fig[0];
	t0 = rdtsc();
	touch(COW_MIB * MIB, 3);
	*reuse = (rdtsc() - t0) / (unsigned long long)pages;
	munmap(fig, PAGE);
}

int main(void)
{
	static const int sizes[] = { 1, 16, 32, 64 };
	unsigned long long copy, reuse, ret = 0;

	printf("bench: fork");
	for (unsigned int s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		touch(sizes[s] * MIB, 1);
		printf(" fork_exit_wait_%dmib=%llu", sizes[s],
		       fork_exit_wait());
		if (sizes[s] == COW_MIB)
			ret = fork_return();
	}
	/* 64 MiB are touched now; the COW figures use the first 32. */
	cow(&copy, &reuse);
	printf(" fork_return_32mib=%llu cow_fault=%llu cow_reuse=%llu\n", ret,
	       copy, reuse);
	return 0;
}
