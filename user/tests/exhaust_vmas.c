/*
 * exhaust_vmas - out of VMAs. Single pages are mapped side by side with
 * alternating protections (so that no two merge) until mmap answers
 * -ENOMEM: Linux's vm.max_map_count (65530), past which mmap refuses a new
 * VMA, and munmap and mprotect refuse to split one. Then everything is
 * unmapped, page by page and in one call, and the VMAs, the slab pages
 * under them and the frames touched all come back. Kernel-specific
 * (exhaust.h says why).
 */
#include "exhaust.h"

/* Linux's DEFAULT_MAX_MAP_COUNT: mmap fails once an mm has more VMAs. */
#define MAX_MAP_COUNT 65530
/* Room for every VMA there can be, one page each, and a few more. */
#define AREA_PAGES (MAX_MAP_COUNT + 64)
#define MAPS_SIZE 4096

/* The VMAs of this process: the lines of /proc/self/maps. */
static int map_count(void)
{
	static char buf[MAPS_SIZE];
	int fd = open("/proc/self/maps", O_RDONLY), lines = 0;
	long n;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (long i = 0; i < n; i++)
			lines += buf[i] == '\n';
	close(fd);
	return n < 0 ? -1 : lines;
}

/*
 * The area of single pages, the number of them mapped from its start, a
 * four-page VMA to split, and the VMAs of the process, as counted here:
 * from the limit down, each check needs the count to be exactly right.
 */
static char *area, *quad;
static int before, made, count;

/* Page i of the area: PROT_READ or PROT_READ|PROT_WRITE by turns. */
static char *map_page(int i)
{
	return map_at(area + (unsigned long)i * PAGE_SIZE, 1,
		      i & 1 ? PROT_READ : PROT_RW, PRIV_ANON);
}

/* Unmap the area's last pages until there are n VMAs. */
static int shrink_to(int n)
{
	while (count > n) {
		if (munmap(area + (unsigned long)--made * PAGE_SIZE, PAGE_SIZE))
			return 0;
		count--;
	}
	return 1;
}

static int test_mmap_until_map_count_limit(void)
{
	before = map_count();
	quad = map_anon(4, PROT_RW, PRIV_ANON);
	area = free_area(AREA_PAGES);
	CHECK(before > 0 && quad != NULL && area != NULL);
	for (made = 0; made < AREA_PAGES; made++) {
		errno = 0;
		if (!map_page(made))
			break;
	}
	count = before + 1 + made;
	printf("# %d VMAs before, %d pages mapped, mmap then: errno %d\n",
	       before, made, errno);
	CHECK_EQ(errno, ENOMEM);
	/* mmap refuses only once there are more than MAX_MAP_COUNT. */
	CHECK_EQ(count, MAX_MAP_COUNT + 1);
	return 1;
}

/* At the limit nothing may add a VMA, a split included; cutting an end
 * of a VMA adds none. */
static int test_nothing_adds_a_vma_at_the_limit(void)
{
	CHECK(map_anon(1, PROT_RW, PRIV_ANON) == NULL && errno == ENOMEM);
	CHECK_ERR(mprotect(quad + PAGE_SIZE, PAGE_SIZE, PROT_READ), ENOMEM);
	/* (madvise says "try again": Linux's answer to a failed split) */
	CHECK_ERR(madvise(quad + PAGE_SIZE, PAGE_SIZE, MADV_DONTFORK), EAGAIN);
	CHECK_ERR(munmap(quad + PAGE_SIZE, PAGE_SIZE), ENOMEM);
	CHECK_ERR(mremap(area, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE),
		  ENOMEM);
	CHECK_OK(munmap(quad, PAGE_SIZE));
	quad += PAGE_SIZE; /* three pages now, and as many VMAs as before */
	return 1;
}

/*
 * Below the limit, Linux 6.1's exact thresholds: a hole in a VMA needs
 * fewer than MAX_MAP_COUNT VMAs; a move by mremap stays 4 below it, and a
 * move to a fixed place, whose unmaps may split two VMAs, 6 below.
 */
static int test_thresholds_below_the_limit(void)
{
	char *dest = area + (unsigned long)(AREA_PAGES - 2) * PAGE_SIZE;

	CHECK(shrink_to(MAX_MAP_COUNT));
	CHECK_ERR(munmap(quad + PAGE_SIZE, PAGE_SIZE), ENOMEM);
	CHECK(shrink_to(MAX_MAP_COUNT - 1));
	CHECK_OK(munmap(quad + PAGE_SIZE, PAGE_SIZE));
	/* Mapped back, the page merges: one VMA again. */
	CHECK(map_at(quad + PAGE_SIZE, 1, PROT_RW, PRIV_ANON) != NULL);
	CHECK(shrink_to(MAX_MAP_COUNT - 3));
	CHECK_ERR(mremap(area, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE),
		  ENOMEM);
	CHECK(shrink_to(MAX_MAP_COUNT - 6 + 1));
	CHECK_ERR(mremap(area, PAGE_SIZE, PAGE_SIZE,
			 MREMAP_MAYMOVE | MREMAP_FIXED, dest),
		  ENOMEM);
	CHECK(shrink_to(MAX_MAP_COUNT - 6));
	CHECK(mremap(area, PAGE_SIZE, PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED,
		     dest) == dest);
	CHECK_OK(munmap(dest, PAGE_SIZE));
	CHECK(map_page(0) != NULL);
	return 1;
}

/*
 * Writable pages across the area touched, a quarter of the memory left:
 * frames and page tables besides the VMAs. Then all of it goes, the
 * first half page by page, the rest in one call.
 */
static int test_touch_and_unmap_everything(void)
{
	long touch = mem_available_kb() / 4 / (long)(PAGE_SIZE / 1024), start;
	int half = made / 2, now, stride;

	CHECK(touch > 0); /* /proc/meminfo read, with memory left */
	stride = (int)(made / touch + 2) & ~1;

	for (int i = 0; i < made; i += stride)
		area[(unsigned long)i * PAGE_SIZE] = 1;
	start = mem_available_kb();
	for (int i = 0; i < half; i++)
		CHECK_OK(
			munmap(area + (unsigned long)i * PAGE_SIZE, PAGE_SIZE));
	CHECK_OK(munmap(area + (unsigned long)half * PAGE_SIZE,
			(unsigned long)(AREA_PAGES - half) * PAGE_SIZE));
	CHECK_OK(munmap(quad, 3 * PAGE_SIZE));
	now = map_count();
	printf("# %d VMAs left; MemAvailable %ld kB with them, %ld kB now\n",
	       now, start, mem_available_kb());
	CHECK(mem_available_kb() > start);
	CHECK_EQ(now, before);
	return 1;
}

static long start_kb;

static int test_memory_back(void)
{
	CHECK(can_use_half_of_memory());
	CHECK_MEMORY_BACK(start_kb);
	return 1;
}

static const struct ktap_case tests[] = {
	{ "mmap_until_map_count_limit", test_mmap_until_map_count_limit },
	{ "nothing_adds_a_vma_at_the_limit",
	  test_nothing_adds_a_vma_at_the_limit },
	{ "thresholds_below_the_limit", test_thresholds_below_the_limit },
	{ "touch_and_unmap_everything", test_touch_and_unmap_everything },
	{ "memory_back", test_memory_back },
};

int main(void)
{
	/* Fault in what the checks use before the first figure is read. */
	mem_available_kb();
	map_count();
	start_kb = mem_available_kb();
	return ktap_run("exhaust_vmas", tests,
			sizeof(tests) / sizeof(tests[0]));
}
