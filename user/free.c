/* user/free.c - how much memory is used and free, from /proc/meminfo. */
#include "ulib.h"

/*
 * Like procps' `free -l`, in kB:
 *
 *   Mem   every frame the buddy allocator manages (MemTotal, MemFree)
 *   Low   the frames of the direct map, which the kernel can always reach:
 *         ZONE_DMA and ZONE_NORMAL (LowTotal, LowFree)
 *   High  the frames above it, which the kernel reaches only through kmap:
 *         ZONE_HIGHMEM (HighTotal, HighFree); user pages come from here
 *         first, kernel objects never do
 *
 * "used" is total - free: every frame someone holds, the page cache
 * included (procps' free also subtracts the cache; MemAvailable counts it
 * as available). A kernel built without highmem has no Low/High lines:
 * then all memory is low, as procps says too.
 */

#define MEMINFO_SIZE 4096

/* One line: total, used (total - unused) and free, in kB. */
static void row(const char *name, unsigned long total, unsigned long unused)
{
	printf("%-5s %11lu %11lu %11lu\n", name, total, total - unused, unused);
}

int main(int argc, char **argv, char **envp)
{
	static char meminfo[MEMINFO_SIZE];
	unsigned long total, mem_free, avail, low_total, low_free;
	unsigned long high_total = 0, high_free = 0;

	if (argc > 1) {
		dprintf(2, "usage: free\n");
		return 2;
	}
	if (read_file("/proc/meminfo", meminfo, sizeof(meminfo)) < 0) {
		dprintf(2, "free: /proc/meminfo: %s\n", strerror(errno));
		return 1;
	}
	if (proc_field(meminfo, "MemTotal", &total) < 0 ||
	    proc_field(meminfo, "MemFree", &mem_free) < 0) {
		dprintf(2, "free: /proc/meminfo: no MemTotal or MemFree\n");
		return 1;
	}
	if (proc_field(meminfo, "LowTotal", &low_total) < 0 ||
	    proc_field(meminfo, "LowFree", &low_free) < 0 ||
	    proc_field(meminfo, "HighTotal", &high_total) < 0 ||
	    proc_field(meminfo, "HighFree", &high_free) < 0) {
		low_total = total;
		low_free = mem_free;
		high_total = high_free = 0;
	}

	printf("%-5s %11s %11s %11s %11s\n", "", "total", "used", "free",
	       "available");
	if (proc_field(meminfo, "MemAvailable", &avail) < 0)
		avail = mem_free;
	printf("%-5s %11lu %11lu %11lu %11lu\n", "Mem:", total,
	       total - mem_free, mem_free, avail);
	row("Low:", low_total, low_free);
	row("High:", high_total, high_free);
	return 0;
}
