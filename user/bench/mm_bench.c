/*
 * mm_bench - what the memory system calls and faults cost, in guest
 * instructions (QEMU -icount shift=0,sleep=off makes the TSC count them):
 * a demand-zero fault over a 64 MiB anonymous mapping, a write that needs
 * no kernel work, munmap per page, an mmap+touch+munmap pair, a brk step.
 */
#include "ulib.h"

#define MIB (1 << 20)
#define PAGE 4096
#define BIG (64 * MIB)
#define PAIRS 10000
#define BRK_STEPS (BIG / PAGE)

static unsigned long long rdtsc(void)
{
	unsigned int lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((unsigned long long)hi << 32) | lo;
}

int main(void)
{
	unsigned long long t0, zero, retouch, unmap, pair, brk_step;
	volatile char *p = mmap(NULL, BIG, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return 1;
	t0 = rdtsc();
	for (int off = 0; off < BIG; off += PAGE)
		p[off] = 1;
	zero = (rdtsc() - t0) / (BIG / PAGE);
	t0 = rdtsc();
	for (int off = 0; off < BIG; off += PAGE)
		p[off] = 2;
	retouch = (rdtsc() - t0) / (BIG / PAGE);
	t0 = rdtsc();
	munmap((void *)p, BIG);
	unmap = (rdtsc() - t0) / (BIG / PAGE);

	t0 = rdtsc();
	for (int i = 0; i < PAIRS; i++) {
		volatile char *q = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		q[0] = 1;
		munmap((void *)q, PAGE);
	}
	pair = (rdtsc() - t0) / PAIRS;

	t0 = rdtsc();
	for (int i = 0; i < BRK_STEPS; i++) {
		volatile char *b = sbrk(PAGE);

		b[0] = 1;
	}
	brk_step = (rdtsc() - t0) / BRK_STEPS;

	printf("bench: mm demand_zero_fault=%llu retouch=%llu "
	       "munmap_per_page=%llu mmap_munmap_pair=%llu brk_step=%llu\n",
	       zero, retouch, unmap, pair, brk_step);
	return 0;
}
