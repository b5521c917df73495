/*
 * mem_bench - the memory the kernel leaves to programs: MemTotal (RAM less
 * what the kernel reserved for itself: its image, mem_map, page tables)
 * and MemFree from /proc/meminfo, read by the first program after boot.
 * Runs unchanged on Linux, so the two kernels' overheads compare directly.
 */
#include "bench.h"

int main(void)
{
	static char text[8192];
	unsigned long total, free_kb;

	if (read_file("/proc/meminfo", text, sizeof(text)) < 0 ||
	    proc_field(text, "MemTotal", &total) < 0 ||
	    proc_field(text, "MemFree", &free_kb) < 0) {
		printf("mem_bench: cannot read /proc/meminfo\n");
		return 1;
	}
	printf("bench: memory mem_total_kb=%lu mem_free_kb=%lu\n", total,
	       free_kb);
	return 0;
}
