/*
 * fork_bench - what fork costs, in guest instructions (run under QEMU's
 * -icount shift=0,sleep=off, where the TSC counts instructions): fork +
 * child exit + wait for a process with 1, 16 and 64 MiB touched, and the
 * cost of one copy-on-write fault. One line of key=value figures.
 */
#include "ulib.h"

#define MIB (1 << 20)
#define PAGE 4096
#define ROUNDS 5 /* forks averaged per size */
#define COW_PAGES 1024 /* pages the child writes to time COW faults */

/* volatile: the stores are the point, though nothing reads them. */
static volatile char mem[64 * MIB];

static unsigned long long rdtsc(void)
{
	unsigned int lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((unsigned long long)hi << 32) | lo;
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

/* Instructions per COW fault: the child writes COW_PAGES shared pages. */
static unsigned long long cow_fault(void)
{
	int status, pid;
	unsigned long long per_page = 0;

	pid = fork();
	if (pid == 0) {
		unsigned long long t0 = rdtsc();

		for (int i = 0; i < COW_PAGES; i++)
			mem[i * PAGE] = 1;
		per_page = (rdtsc() - t0) / COW_PAGES;
		/* The figure goes out through the exit status: too big, so
		 * print it here instead. */
		printf("cow_fault=%llu", per_page);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return per_page;
}

int main(void)
{
	static const int sizes[] = { 1, 16, 64 };

	printf("bench: fork");
	for (unsigned int s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		for (int i = 0; i < sizes[s] * MIB; i += PAGE)
			mem[i] = 1;
		printf(" fork_exit_wait_%dmib=%llu", sizes[s],
		       fork_exit_wait());
	}
	printf(" ");
	cow_fault();
	printf("\n");
	return 0;
}
