/*
 * kernel/tests/lowmem_test.c - "lowmem=SIZE" on the command line lowers the
 * direct map's ceiling, and everything above it becomes highmem.
 */
#include "kernel/cmdline.h"
#include "lib/kunit.h"
#include "mm/mmzone.h"
#include "mm/pgtable.h"

static void lowmem_sets_the_end_of_the_direct_map(struct kunit *test)
{
	const char *lowmem = cmdline_get("lowmem");
	unsigned long want = MAXMEM_PFN;

	if (lowmem)
		want = (unsigned long)(memparse(lowmem, NULL) >> PAGE_SHIFT);
	KUNIT_EXPECT_EQ(test, max_low_pfn, min(want, max_pfn));
	KUNIT_EXPECT_EQ(test, (unsigned long)high_memory,
			PAGE_OFFSET + (max_low_pfn << PAGE_SHIFT));
	KUNIT_EXPECT_EQ(test, zones[ZONE_HIGHMEM].spanned_pages,
			max_pfn - max_low_pfn);
	/* The vmalloc area starts above the direct map, after a gap. */
	KUNIT_EXPECT_GE(test, VMALLOC_START,
			(unsigned long)high_memory + VMALLOC_OFFSET);
}

static struct kunit_case lowmem_test_cases[] = {
	KUNIT_CASE(lowmem_sets_the_end_of_the_direct_map),
	{}
};

static struct kunit_suite lowmem_test_suite = {
	.name = "lowmem",
	.test_cases = lowmem_test_cases,
};
kunit_test_suite(lowmem_test_suite);
