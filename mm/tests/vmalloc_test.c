/*
 * mm/tests/vmalloc_test.c - vmalloc memory is contiguous and usable, every
 * area has an unmapped guard page below it (a kernel stack overflowing into
 * it faults), and vfree gives every frame back.
 */
#include "arch/tests/trap_probe.h"
#include "lib/kunit.h"
#include "mm/gfp.h"
#include "mm/pgtable.h"
#include "mm/slab.h"
#include "mm/vmalloc.h"

/* Linux i386's THREAD_SIZE: two pages of kernel stack per task. */
#define STACK_SIZE (2 * PAGE_SIZE)

static unsigned long free_frames(void)
{
	return nr_free_pages() + slab_empty_pages();
}

static void vmalloc_memory_is_contiguous(struct kunit *test)
{
	unsigned long before = free_frames();
	unsigned long size = 5 * PAGE_SIZE + 1;
	u32 *p = vmalloc(size);
	unsigned long words = ALIGN_UP(size, PAGE_SIZE) / 4, bad = 0;

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_GE(test, (unsigned long)p, VMALLOC_START);
	KUNIT_EXPECT_LT(test, (unsigned long)p, VMALLOC_END);
	for (unsigned long i = 0; i < words; i++)
		p[i] = (u32)i * 3;
	for (unsigned long i = 0; i < words; i++)
		bad += p[i] != (u32)i * 3;
	KUNIT_EXPECT_EQ(test, bad, 0);
	/* Frames from anywhere: highmem first when there is some. */
	if (zones[ZONE_HIGHMEM].free_pages)
		KUNIT_EXPECT_TRUE(test, PageHighMem(vmalloc_to_page(p)));
	KUNIT_EXPECT_EQ(test, find_vm_area(p)->size, 6 * PAGE_SIZE);
	vfree(p);
	KUNIT_EXPECT_EQ(test, free_frames(), before);
}

static void guard_page_below_a_stack_faults(struct kunit *test)
{
	char *stack = vmalloc(STACK_SIZE);
	struct trap_record seen;
	unsigned long below;

	KUNIT_ASSERT_NOT_NULL(test, stack);
	/* A stack grows down: overflowing it writes just below its bottom. */
	below = (unsigned long)stack - sizeof(long);
	probe_write(below, X86_TRAP_PF, &seen);
	KUNIT_EXPECT_EQ(test, seen.count, 1);
	KUNIT_EXPECT_EQ(test, seen.cr2, below);
	KUNIT_EXPECT_EQ(test, seen.error_code, X86_PF_WRITE); /* not present */
	/* The stack itself is fine, top to bottom. */
	probe_write((unsigned long)stack, X86_TRAP_PF, &seen);
	KUNIT_EXPECT_EQ(test, seen.count, 0);
	probe_write((unsigned long)stack + STACK_SIZE - 4, X86_TRAP_PF, &seen);
	KUNIT_EXPECT_EQ(test, seen.count, 0);
	vfree(stack);
}

static void areas_never_touch(struct kunit *test)
{
	char *a = vmalloc(PAGE_SIZE), *b = vmalloc(PAGE_SIZE);
	struct trap_record seen;

	KUNIT_ASSERT_TRUE(test, a && b);
	KUNIT_EXPECT_TRUE(test, a != b);
	/* Between two areas there is always an unmapped page. */
	probe_read((unsigned long)(a < b ? b : a) - PAGE_SIZE, X86_TRAP_PF,
		   &seen);
	KUNIT_EXPECT_EQ(test, seen.count, 1);
	vfree(a);
	vfree(b);
}

static void vfree_unmaps(struct kunit *test)
{
	char *p = vmalloc(PAGE_SIZE);
	struct trap_record seen;

	KUNIT_ASSERT_NOT_NULL(test, p);
	p[0] = 1;
	vfree(p);
	probe_read((unsigned long)p, X86_TRAP_PF, &seen);
	KUNIT_EXPECT_EQ(test, seen.count, 1);
	KUNIT_EXPECT_NULL(test, vmalloc_to_page(p));
}

static void impossible_sizes_fail_cleanly(struct kunit *test)
{
	KUNIT_EXPECT_NULL(test, vmalloc(0));
	KUNIT_EXPECT_NULL(test, vmalloc(VMALLOC_END - VMALLOC_START + 1));
	KUNIT_EXPECT_NULL(test, vmalloc(~0UL - PAGE_SIZE));
}

static struct kunit_case vmalloc_test_cases[] = {
	KUNIT_CASE(vmalloc_memory_is_contiguous),
	KUNIT_CASE(guard_page_below_a_stack_faults),
	KUNIT_CASE(areas_never_touch),
	KUNIT_CASE(vfree_unmaps),
	KUNIT_CASE(impossible_sizes_fail_cleanly),
	{}
};

static struct kunit_suite vmalloc_test_suite = {
	.name = "vmalloc",
	.test_cases = vmalloc_test_cases,
};
kunit_test_suite(vmalloc_test_suite);
