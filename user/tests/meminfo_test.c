/*
 * meminfo_test - /proc/meminfo and /proc/vmstat keep exact books here
 * (kernel-specific: Linux's per-CPU page lists and caches blur MemFree by
 * design): touching N new pages costs exactly N frames plus the page table
 * that maps them, counted as N zero-fill faults, and unmapping them gives
 * MemFree back to the kilobyte.
 */
#include "ulib.h"

#define PAGE 4096
#define PAGES 256
/* A range whose 4 MiB has no page table yet: well below the mmap area. */
#define WHERE ((void *)0x40000000)

static char text[8192];

static unsigned long field(const char *path, const char *name)
{
	unsigned long v = 0;

	if (read_file(path, text, sizeof(text)) < 0 ||
	    proc_field(text, name, &v) < 0)
		return ~0UL;
	return v;
}

/* One page mapped, touched and unmapped at WHERE: after this the slab
 * caches hold a page for a VMA, and the measured run allocates none. */
static void warm_up(void)
{
	volatile char *p = mmap(WHERE, PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	if (p != MAP_FAILED) {
		p[0] = 1;
		munmap((void *)p, PAGE);
	}
	field("/proc/meminfo", "MemFree");
	field("/proc/vmstat", "zero_fill");
}

static int test_touch_costs_frames_and_unmap_returns_them(void)
{
	unsigned long free0, free1, free2, zero0, zero1;
	volatile char *p;
	int ok = 1;

	warm_up();
	free0 = field("/proc/meminfo", "MemFree");
	zero0 = field("/proc/vmstat", "zero_fill");
	p = mmap(WHERE, PAGES * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (p == MAP_FAILED)
		return 0;
	for (int i = 0; i < PAGES; i++)
		p[i * PAGE] = 1;
	free1 = field("/proc/meminfo", "MemFree");
	zero1 = field("/proc/vmstat", "zero_fill");
	munmap((void *)p, PAGES * PAGE);
	free2 = field("/proc/meminfo", "MemFree");
	printf("# MemFree %lu -> %lu -> %lu kB, zero_fill +%lu\n", free0, free1,
	       free2, zero1 - zero0);
	/* The pages and their page table. */
	ok &= free0 - free1 == (PAGES + 1) * PAGE / 1024;
	ok &= zero1 - zero0 == PAGES;
	ok &= free2 == free0;
	return ok;
}

static const struct ktap_case tests[] = {
	{ "touch_costs_frames_and_unmap_returns_them",
	  test_touch_costs_frames_and_unmap_returns_them },
};

int main(void)
{
	return ktap_run("meminfo_test", tests,
			sizeof(tests) / sizeof(tests[0]));
}
