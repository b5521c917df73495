/*
 * mm/tests/highmem_test.c - every byte written to a highmem frame through
 * one kind of mapping reads back through the other.
 */
#include "lib/kunit.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/pgtable.h"

/* Pattern every SAMPLE_STRIDE-th highmem frame (all of them are taken, so
 * the sample spans the zone) and at most this many. */
#define SAMPLE_STRIDE 64
#define SAMPLE_MAX 8192
/* Frames cycled through kmap: three times the window. */
#define PKMAP_CYCLE (3 * LAST_PKMAP)
/* kmaps held at once while the rest cycle. */
#define PKMAP_HELD (LAST_PKMAP / 2)

static u32 pattern(unsigned long pfn, unsigned int word, u32 salt)
{
	return (u32)pfn * 0x9E3779B1U ^ word ^ salt;
}

static void fill(u32 *p, unsigned long pfn, u32 salt)
{
	for (unsigned int i = 0; i < PAGE_SIZE / 4; i++)
		p[i] = pattern(pfn, i, salt);
}

/* The number of words of the page that differ from the pattern. */
static unsigned int check(const u32 *p, unsigned long pfn, u32 salt)
{
	unsigned int bad = 0;

	for (unsigned int i = 0; i < PAGE_SIZE / 4; i++)
		bad += p[i] != pattern(pfn, i, salt);
	return bad;
}

static unsigned int count_nonzero(const u32 *p)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < PAGE_SIZE / 4; i++)
		n += p[i] != 0;
	return n;
}

static void lowmem_kmap_is_the_direct_map(struct kunit *test)
{
	struct page *page = alloc_page(GFP_KERNEL);
	void *direct;

	KUNIT_ASSERT_NOT_NULL(test, page);
	direct = __va(page_to_pfn(page) << PAGE_SHIFT);
	KUNIT_EXPECT_TRUE(test, page_address(page) == direct);
	KUNIT_EXPECT_TRUE(test, kmap(page) == direct);
	kunmap(page);
	KUNIT_EXPECT_TRUE(test, kmap_atomic(page) == direct);
	kunmap_atomic(direct);
	__free_page(page);
}

/* Take every highmem frame; pattern a sample through kmap_atomic and read
 * it through kmap, then the other way round. */
static void highmem_sample_survives_both_mappings(struct kunit *test)
{
	LIST_HEAD(held);
	struct page *page;
	unsigned long n = 0, sampled = 0, bad_atomic = 0, bad_kmap = 0;

	if (!zones[ZONE_HIGHMEM].free_pages)
		return kunit_mark_skipped(test, "no HighMem zone");
	for (;;) {
		page = alloc_page(GFP_HIGHUSER);
		if (!page)
			break;
		if (!PageHighMem(page)) { /* fell back: highmem is all taken */
			__free_page(page);
			break;
		}
		list_add(&page->lru, &held);
	}
	list_for_each_entry(page, &held, lru) {
		u32 *p;

		if (n++ % SAMPLE_STRIDE || sampled == SAMPLE_MAX)
			continue;
		sampled++;
		KUNIT_EXPECT_NULL(test, page_address(page));
		p = kmap_atomic(page);
		fill(p, page_to_pfn(page), 0);
		kunmap_atomic(p);
		p = kmap(page);
		bad_atomic += check(p, page_to_pfn(page), 0);
		fill(p, page_to_pfn(page), 0x5a5a5a5a);
		kunmap(page);
		p = kmap_atomic(page);
		bad_kmap += check(p, page_to_pfn(page), 0x5a5a5a5a);
		kunmap_atomic(p);
	}
	kunit_info(test, "%lu highmem frames, %lu sampled", n, sampled);
	KUNIT_EXPECT_GT(test, sampled, 0);
	KUNIT_EXPECT_EQ(test, bad_atomic, 0);
	KUNIT_EXPECT_EQ(test, bad_kmap, 0);
	free_page_list(&held);
	KUNIT_EXPECT_EQ(test, kmap_atomic_depth(), 0);
}

static void pkmap_window_survives_more_kmaps_than_slots(struct kunit *test)
{
	static struct page *pages[PKMAP_CYCLE];
	unsigned long bad = 0;
	unsigned int got = 0;

	if (!zones[ZONE_HIGHMEM].free_pages)
		return kunit_mark_skipped(test, "no HighMem zone");
	for (; got < PKMAP_CYCLE; got++) {
		pages[got] = alloc_page(GFP_HIGHUSER);
		if (!pages[got] || !PageHighMem(pages[got]))
			break;
	}
	if (got < PKMAP_CYCLE) {
		if (pages[got])
			__free_page(pages[got]);
		while (got)
			__free_page(pages[--got]);
		return kunit_mark_skipped(test, "too few highmem frames");
	}
	/* Hold half the window mapped while three windows' worth cycle. */
	for (unsigned int i = 0; i < PKMAP_HELD; i++)
		fill(kmap(pages[i]), page_to_pfn(pages[i]), 1);
	for (unsigned int i = PKMAP_HELD; i < PKMAP_CYCLE; i++) {
		fill(kmap(pages[i]), page_to_pfn(pages[i]), 1);
		kunmap(pages[i]);
	}
	KUNIT_EXPECT_EQ(test, kmap_pkmap_in_use(), PKMAP_HELD);
	for (unsigned int i = 0; i < PKMAP_CYCLE; i++) {
		bad += check(kmap(pages[i]), page_to_pfn(pages[i]), 1);
		kunmap(pages[i]);
	}
	for (unsigned int i = 0; i < PKMAP_HELD; i++)
		kunmap(pages[i]);
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_EQ(test, kmap_pkmap_in_use(), 0);
	for (unsigned int i = 0; i < PKMAP_CYCLE; i++)
		__free_page(pages[i]);
}

static void kmap_atomic_nests_like_a_stack(struct kunit *test)
{
	struct page *a = alloc_page(GFP_HIGHUSER),
		    *b = alloc_page(GFP_HIGHUSER),
		    *c = alloc_page(GFP_HIGHUSER);
	u32 *pa, *pb, *pc;

	KUNIT_ASSERT_TRUE(test, a && b && c);
	if (!PageHighMem(a) || !PageHighMem(b) || !PageHighMem(c)) {
		kunit_mark_skipped(test, "no HighMem zone");
		goto out;
	}
	pa = kmap_atomic(a);
	pb = kmap_atomic(b);
	pc = kmap_atomic(c);
	KUNIT_EXPECT_EQ(test, kmap_atomic_depth(), 3);
	KUNIT_EXPECT_TRUE(test, pa != pb && pb != pc && pa != pc);
	KUNIT_EXPECT_GE(test, (unsigned long)pc, FIXADDR_START);
	pa[0] = 1;
	pb[0] = 2;
	pc[0] = 3;
	KUNIT_EXPECT_EQ(test, pa[0] + pb[0] + pc[0], 6);
	kunmap_atomic(pc);
	kunmap_atomic(pb);
	kunmap_atomic(pa);
	KUNIT_EXPECT_EQ(test, kmap_atomic_depth(), 0);
out:
	__free_page(a);
	__free_page(b);
	__free_page(c);
}

static void copy_and_clear_highpage(struct kunit *test)
{
	struct page *from = alloc_page(GFP_HIGHUSER),
		    *to = alloc_page(GFP_HIGHUSER);
	u32 *p;

	KUNIT_ASSERT_TRUE(test, from && to);
	p = kmap(from);
	fill(p, 7, 7);
	kunmap(from);
	copy_highpage(to, from);
	p = kmap(to);
	KUNIT_EXPECT_EQ(test, check(p, 7, 7), 0);
	kunmap(to);
	clear_highpage(to);
	p = kmap(to);
	KUNIT_EXPECT_EQ(test, count_nonzero(p), 0);
	kunmap(to);
	__free_page(from);
	__free_page(to);
}

static struct kunit_case highmem_test_cases[] = {
	KUNIT_CASE(lowmem_kmap_is_the_direct_map),
	KUNIT_CASE(highmem_sample_survives_both_mappings),
	KUNIT_CASE(pkmap_window_survives_more_kmaps_than_slots),
	KUNIT_CASE(kmap_atomic_nests_like_a_stack),
	KUNIT_CASE(copy_and_clear_highpage),
	{}
};

static struct kunit_suite highmem_test_suite = {
	.name = "highmem",
	.test_cases = highmem_test_cases,
};
kunit_test_suite(highmem_test_suite);
