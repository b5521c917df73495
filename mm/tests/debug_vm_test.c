/*
 * mm/tests/debug_vm_test.c - the consistency check finds what it claims to:
 * each case breaks one invariant by hand in a throw-away address space,
 * expects the check to report it, puts it right, and expects silence.
 */
#include "lib/kunit.h"
#include "mm/debug_vm.h"
#include "mm/gfp.h"
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/mmzone.h"

#define TEST_ADDR 0x10000000UL /* an anonymous read/write VMA, 2 pages */
#define HOLE_ADDR 0x10400000UL /* nothing mapped: another page table */

/* Problems found in mm (and in the frames, which every check covers). */
static int check(struct mm_struct *a, struct mm_struct *b)
{
	struct vm_check c;

	if (vm_check_begin(&c))
		return -1;
	vm_check_mm(&c, a, 0, "test");
	if (b)
		vm_check_mm(&c, b, 0, "test-child");
	return vm_check_end(&c);
}

/* An mm with its first page written (present, writable, anonymous). */
static struct mm_struct *test_mm(struct kunit *test)
{
	struct mm_struct *mm = mm_alloc();

	if (!mm ||
	    mmap_region(mm, NULL, TEST_ADDR, 2 * PAGE_SIZE, VM_READ | VM_WRITE,
			0) ||
	    handle_mm_fault(mm, TEST_ADDR, FAULT_FLAG_WRITE)) {
		kunit_fail(test, __FILE__, __LINE__, "no memory for the mm");
		if (mm)
			mmput(mm);
		return NULL;
	}
	return mm;
}

static void a_sound_mm_passes(struct kunit *test)
{
	struct mm_struct *mm = test_mm(test);

	if (!mm)
		return;
	KUNIT_EXPECT_EQ(test, check(mm, NULL), 0);
	mmput(mm);
}

static void a_writable_cow_page_is_caught(struct kunit *test)
{
	struct mm_struct *mm = test_mm(test), *child;
	pte_t *ptep;

	if (!mm)
		return;
	child = dup_mm(mm); /* both now share the page read-only */
	KUNIT_ASSERT_NOT_NULL(test, child);
	KUNIT_EXPECT_EQ(test, check(mm, child), 0);
	ptep = pte_offset(mm, TEST_ADDR);
	*ptep |= _PAGE_RW; /* a write would now reach the child's page */
	KUNIT_EXPECT_GT(test, check(mm, child), 0);
	*ptep &= ~_PAGE_RW;
	KUNIT_EXPECT_EQ(test, check(mm, child), 0);
	mmput(child);
	mmput(mm);
}

static void a_wrong_mapcount_is_caught(struct kunit *test)
{
	struct mm_struct *mm = test_mm(test);
	struct page *page;

	if (!mm)
		return;
	page = pfn_to_page(pte_pfn(*pte_offset(mm, TEST_ADDR)));
	page->_mapcount++;
	KUNIT_EXPECT_GT(test, check(mm, NULL), 0);
	page->_mapcount--;
	KUNIT_EXPECT_EQ(test, check(mm, NULL), 0);
	mmput(mm);
}

static void a_pte_outside_every_vma_is_caught(struct kunit *test)
{
	struct mm_struct *mm = test_mm(test);
	pte_t *ptep;

	if (!mm)
		return;
	ptep = pte_alloc(mm, HOLE_ADDR);
	KUNIT_ASSERT_NOT_NULL(test, ptep);
	*ptep = *pte_offset(mm, TEST_ADDR) & ~_PAGE_RW;
	KUNIT_EXPECT_GT(test, check(mm, NULL), 0);
	*ptep = 0;
	KUNIT_EXPECT_EQ(test, check(mm, NULL), 0);
	mmput(mm);
}

/* The head of some free block, or NULL. */
static struct page *any_free_block(void)
{
	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (int order = 0; order < MAX_ORDER; order++)
			if (!list_empty(&zones[z].free_area[order].free_list))
				return list_first_entry(
					&zones[z].free_area[order].free_list,
					struct page, lru);
	return NULL;
}

static void a_mapped_free_frame_is_caught(struct kunit *test)
{
	struct mm_struct *mm = test_mm(test);
	struct vm_check c;
	struct page *free;
	pte_t *ptep;

	if (!mm)
		return;
	/* The check allocates first; a frame still free after that stays
	 * free until it ends. */
	if (vm_check_begin(&c)) {
		kunit_fail(test, __FILE__, __LINE__, "no memory for the check");
		mmput(mm);
		return;
	}
	free = any_free_block();
	ptep = pte_offset(mm, TEST_ADDR + PAGE_SIZE);
	if (free)
		*ptep = mk_pte(page_to_pfn(free), vm_get_page_prot(VM_READ));
	vm_check_mm(&c, mm, 0, "test");
	KUNIT_EXPECT_GT(test, vm_check_end(&c), 0);
	*ptep = 0;
	KUNIT_EXPECT_EQ(test, check(mm, NULL), 0);
	mmput(mm);
}

static void a_wrong_free_count_is_caught(struct kunit *test)
{
	struct mm_struct *mm = test_mm(test);
	struct zone *zone = &zones[ZONE_DMA];

	if (!mm)
		return;
	zone->free_area[0].nr_free++;
	KUNIT_EXPECT_GT(test, check(mm, NULL), 0);
	zone->free_area[0].nr_free--;
	zone->free_pages--;
	KUNIT_EXPECT_GT(test, check(mm, NULL), 0);
	zone->free_pages++;
	KUNIT_EXPECT_EQ(test, check(mm, NULL), 0);
	mmput(mm);
}

static struct kunit_case debug_vm_test_cases[] = {
	KUNIT_CASE(a_sound_mm_passes),
	KUNIT_CASE(a_writable_cow_page_is_caught),
	KUNIT_CASE(a_wrong_mapcount_is_caught),
	KUNIT_CASE(a_pte_outside_every_vma_is_caught),
	KUNIT_CASE(a_mapped_free_frame_is_caught),
	KUNIT_CASE(a_wrong_free_count_is_caught),
	{}
};

static struct kunit_suite debug_vm_test_suite = {
	.name = "debug_vm",
	.test_cases = debug_vm_test_cases,
};
kunit_test_suite(debug_vm_test_suite);
