/*
 * mm/tests/page_alloc_test.c - zones as the memory map says, and the buddy
 * allocator giving back exactly what it handed out.
 */
#include "arch/e820.h"
#include "lib/kunit.h"
#include "lib/seq_buf.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/memblock.h"

/* The first pfn of RAM at or above addr, and the last, from an e820 entry. */
#define PFN_UP(x) ((unsigned long)(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT))
#define PFN_DOWN(x) ((unsigned long)((x) >> PAGE_SHIFT))
#define PHYS_4G (1ULL << 32)
#define PATTERN_BYTE 0xaa

/* RAM frames in [start, end), counted from the firmware's map, not memblock. */
static unsigned long e820_ram_pages(unsigned long start, unsigned long end)
{
	unsigned long n = 0;

	for (unsigned int i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];
		unsigned long s, t;

		if (e->type != E820_TYPE_RAM || e->addr >= PHYS_4G)
			continue;
		s = max(PFN_UP(e->addr), start);
		t = min(PFN_DOWN(min(e->addr + e->size, PHYS_4G)), end);
		if (t > s)
			n += t - s;
	}
	return n;
}

/* RAM frames below max_pfn that a memblock reservation touches. */
static unsigned long reserved_ram_frames(void)
{
	unsigned long n = 0, next = 0; /* the first frame not yet counted */

	for (unsigned int i = 0; i < memblock.reserved.cnt; i++) {
		const struct memblock_region *r = &memblock.reserved.regions[i];
		unsigned long s = max(PFN_DOWN(r->base), next);
		unsigned long e = min(PFN_UP(r->base + r->size), max_pfn);

		if (e > s)
			n += e820_ram_pages(s, e);
		next = max(next, e);
	}
	return n;
}

static void zones_match_the_memory_map(struct kunit *test)
{
	const struct zone *dma = &zones[ZONE_DMA],
			  *normal = &zones[ZONE_NORMAL],
			  *high = &zones[ZONE_HIGHMEM];

	KUNIT_EXPECT_EQ(test, dma->zone_start_pfn, 0);
	KUNIT_EXPECT_EQ(test, zone_end_pfn(dma), min(MAX_DMA_PFN, max_low_pfn));
	KUNIT_EXPECT_EQ(test, normal->zone_start_pfn, zone_end_pfn(dma));
	KUNIT_EXPECT_EQ(test, zone_end_pfn(normal), max_low_pfn);
	KUNIT_EXPECT_LE(test, max_low_pfn, MAXMEM_PFN);
	KUNIT_EXPECT_EQ(test, high->zone_start_pfn, max_low_pfn);
	KUNIT_EXPECT_EQ(test, zone_end_pfn(high), max_pfn);
	/* max_pfn is the end of the highest RAM below 4 GiB. */
	KUNIT_EXPECT_EQ(test, e820_ram_pages(max_pfn, ~0UL), 0);
	KUNIT_EXPECT_GT(test, e820_ram_pages(max_pfn - 1, max_pfn), 0);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &zones[z];

		KUNIT_EXPECT_EQ(test, zone->present_pages,
				e820_ram_pages(zone->zone_start_pfn,
					       zone_end_pfn(zone)));
		KUNIT_EXPECT_LE(test, zone->managed_pages, zone->present_pages);
		KUNIT_EXPECT_LE(test, zone->free_pages, zone->managed_pages);
	}
	/* Every RAM frame went to the buddy allocator unless memblock had
	 * reserved it (kernel, initrd, mem_map, page tables, ...). */
	KUNIT_EXPECT_EQ(test,
			dma->managed_pages + normal->managed_pages +
				high->managed_pages,
			e820_ram_pages(0, max_pfn) - reserved_ram_frames());
}

/* Take every free frame of one zone, order 0, then give them all back. */
static void exhaust_and_restore_zone(struct kunit *test, enum zone_type z,
				     gfp_t gfp)
{
	struct zone *zone = &zones[z];
	unsigned long free_before = zone->free_pages, taken = 0;
	unsigned long blocks_before[MAX_ORDER];
	LIST_HEAD(held);
	struct page *page;

	for (int o = 0; o < MAX_ORDER; o++)
		blocks_before[o] = zone->free_area[o].nr_free;
	while ((page = alloc_page(gfp)) != NULL) {
		if (page_zonenum(page) !=
		    z) { /* fell back: this zone is empty */
			__free_page(page);
			break;
		}
		list_add(&page->lru, &held);
		taken++;
	}
	KUNIT_EXPECT_EQ(test, taken, free_before);
	KUNIT_EXPECT_EQ(test, zone->free_pages, 0);
	free_page_list(&held);
	KUNIT_EXPECT_EQ(test, zone->free_pages, free_before);
	/* With every buddy merged, the same free frames make the same blocks. */
	for (int o = 0; o < MAX_ORDER; o++)
		KUNIT_EXPECT_EQ(test, zone->free_area[o].nr_free,
				blocks_before[o]);
}

static void every_frame_of_dma_comes_back(struct kunit *test)
{
	exhaust_and_restore_zone(test, ZONE_DMA, GFP_DMA);
}

static void every_frame_of_normal_comes_back(struct kunit *test)
{
	if (!zones[ZONE_NORMAL].managed_pages)
		return kunit_mark_skipped(test, "no Normal zone");
	exhaust_and_restore_zone(test, ZONE_NORMAL, GFP_KERNEL);
}

static void every_frame_of_highmem_comes_back(struct kunit *test)
{
	if (!zones[ZONE_HIGHMEM].managed_pages)
		return kunit_mark_skipped(test, "no HighMem zone");
	exhaust_and_restore_zone(test, ZONE_HIGHMEM, GFP_HIGHUSER);
}

static void out_of_memory_is_null_not_a_hang(struct kunit *test)
{
	unsigned long before = nr_free_pages(), taken = 0;
	LIST_HEAD(held);
	struct page *page;

	while ((page = alloc_page(GFP_HIGHUSER)) != NULL) {
		list_add(&page->lru, &held);
		taken++;
	}
	KUNIT_EXPECT_EQ(test, taken, before);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), 0);
	KUNIT_EXPECT_NULL(test, alloc_pages(GFP_KERNEL, 0));
	KUNIT_EXPECT_NULL(test, alloc_pages(GFP_DMA, 3));
	KUNIT_EXPECT_EQ(test, __get_free_pages(GFP_KERNEL, 0), 0);
	free_page_list(&held);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), before);
}

static void blocks_are_aligned_to_their_order(struct kunit *test)
{
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);

		if (!page)
			continue; /* a small machine may have no such block */
		KUNIT_EXPECT_EQ(test, page_to_pfn(page) & ((1UL << order) - 1),
				0);
		KUNIT_EXPECT_EQ(test, page_count(page), 1);
		__free_pages(page, order);
	}
	KUNIT_EXPECT_NULL(test, alloc_pages(GFP_KERNEL, MAX_ORDER));
}

static void gfp_chooses_the_zone(struct kunit *test)
{
	struct page *k = alloc_page(GFP_KERNEL), *d = alloc_page(GFP_DMA),
		    *h = alloc_page(GFP_HIGHUSER);

	KUNIT_ASSERT_TRUE(test, k && d && h);
	KUNIT_EXPECT_FALSE(test, PageHighMem(k));
	KUNIT_EXPECT_LT(test, page_to_pfn(d), MAX_DMA_PFN);
	if (zones[ZONE_HIGHMEM].free_pages)
		KUNIT_EXPECT_TRUE(test, PageHighMem(h));
	else if (zones[ZONE_NORMAL].free_pages)
		KUNIT_EXPECT_EQ(test, page_zonenum(h), ZONE_NORMAL);
	__free_page(k);
	__free_page(d);
	__free_page(h);
}

static void get_zeroed_page_is_zeroed(struct kunit *test)
{
	unsigned long dirty = __get_free_pages(GFP_KERNEL, 0), clean;
	const unsigned char *p;
	unsigned int nonzero = 0;

	KUNIT_ASSERT_NE(test, dirty, 0);
	memset((void *)dirty, PATTERN_BYTE, PAGE_SIZE);
	free_page(dirty);
	/* The free list is LIFO: this is most likely the same frame. */
	clean = get_zeroed_page(GFP_KERNEL);
	KUNIT_ASSERT_NE(test, clean, 0);
	p = (const unsigned char *)clean;
	for (unsigned int i = 0; i < PAGE_SIZE; i++)
		nonzero += p[i] != 0;
	KUNIT_EXPECT_EQ(test, nonzero, 0);
	free_page(clean);
}

static void last_put_page_frees(struct kunit *test)
{
	unsigned long before = nr_free_pages();
	struct page *page = alloc_page(GFP_HIGHUSER);

	KUNIT_ASSERT_NOT_NULL(test, page);
	get_page(page);
	KUNIT_EXPECT_EQ(test, page_count(page), 2);
	put_page(page);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), before - 1);
	put_page(page);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), before);
}

static void buddyinfo_has_linux_format(struct kunit *test)
{
	char buf[512], want[128];
	struct seq_buf s;
	struct seq_buf w;

	seq_buf_init(&s, buf, sizeof(buf));
	buddyinfo_show(&s);
	seq_buf_init(&w, want, sizeof(want));
	seq_buf_printf(&w, "Node 0, zone      DMA ");
	for (int o = 0; o < MAX_ORDER; o++)
		seq_buf_printf(&w, "%6lu ",
			       zones[ZONE_DMA].free_area[o].nr_free);
	seq_buf_printf(&w, "\n");
	KUNIT_EXPECT_EQ(test, strncmp(buf, want, strlen(want)), 0);
	KUNIT_EXPECT_FALSE(test, s.overflow);
}

static struct kunit_case page_alloc_test_cases[] = {
	KUNIT_CASE(zones_match_the_memory_map),
	KUNIT_CASE(blocks_are_aligned_to_their_order),
	KUNIT_CASE(gfp_chooses_the_zone),
	KUNIT_CASE(get_zeroed_page_is_zeroed),
	KUNIT_CASE(last_put_page_frees),
	KUNIT_CASE(buddyinfo_has_linux_format),
	KUNIT_CASE(every_frame_of_dma_comes_back),
	KUNIT_CASE(every_frame_of_normal_comes_back),
	KUNIT_CASE(every_frame_of_highmem_comes_back),
	KUNIT_CASE(out_of_memory_is_null_not_a_hang),
	{}
};

static struct kunit_suite page_alloc_test_suite = {
	.name = "page_alloc",
	.test_cases = page_alloc_test_cases,
};
kunit_test_suite(page_alloc_test_suite);
