/*
 * mm_bench - what the memory system calls and faults cost, in guest
 * instructions (QEMU -icount shift=0,sleep=off makes the TSC count them):
 * a demand-zero fault over a 64 MiB anonymous mapping, a write that needs
 * no kernel work, munmap per page, an mmap+touch+munmap pair (10,000 of
 * them, with the count of mappings before and after: it must stay flat),
 * a brk step.
 */
#include "bench.h"

#define BIG (64 * MIB)
#define PAIRS 10000
#define BRK_STEPS (BIG / PAGE)

/* Mappings of this process: the lines of /proc/self/maps. */
static int count_maps(void)
{
	static char buf[16384];
	int fd = open("/proc/self/maps", O_RDONLY, 0), lines = 0;
	long n;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (long i = 0; i < n; i++)
			lines += buf[i] == '\n';
	close(fd);
	return lines;
}

int main(void)
{
	unsigned long long t0, zero, retouch, unmap, pair, brk_step;
	int maps_before, maps_after;
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

	maps_before = count_maps();
	t0 = rdtsc();
	for (int i = 0; i < PAIRS; i++) {
		volatile char *q = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		q[0] = 1;
		munmap((void *)q, PAGE);
	}
	pair = (rdtsc() - t0) / PAIRS;
	maps_after = count_maps();

	t0 = rdtsc();
	for (int i = 0; i < BRK_STEPS; i++) {
		volatile char *b = sbrk(PAGE);

		b[0] = 1;
	}
	brk_step = (rdtsc() - t0) / BRK_STEPS;

	printf("bench: mm demand_zero_fault=%llu retouch=%llu "
	       "munmap_per_page=%llu mmap_munmap_pair=%llu brk_step=%llu "
	       "maps_before_churn=%d maps_after_churn=%d\n",
	       zero, retouch, unmap, pair, brk_step, maps_before, maps_after);
	return 0;
}
