/*
 * mm/page_alloc.c - the buddy allocator: physical frames in blocks of 2^order.
 *
 * Each zone keeps MAX_ORDER free lists; list k holds free blocks of 2^k
 * frames, each block aligned to its own size (its first pfn is a multiple
 * of 2^k). A block's head frame carries PG_buddy and the order in
 * page->private; the other frames of the block are not on any list.
 *
 * The buddy arithmetic. Split an aligned block of order k+1 in two: the
 * halves are aligned blocks of order k whose pfns differ only in bit k.
 * Each is the other's "buddy":
 *
 *	buddy_pfn = pfn ^ (1 << k)
 *
 * and the block they came from starts at the lower of the two,
 * pfn & ~(1 << k). For example, with k = 2 the buddy of pfn 8 is 12 and
 * the buddy of 12 is 8; together they are the order-3 block at 8.
 *
 * Allocating order k: take a block from the first non-empty list of order
 * k or more; while it is bigger than asked, cut it in half and put the
 * upper half back on the list one order down ("expand").
 *
 * Freeing order k: while the buddy is free as a whole block of the same
 * order (PG_buddy with that order, in the same zone), take it off its list
 * and merge: the pair is a free block of order k+1 starting at
 * pfn & buddy_pfn. Then put the result on its list. Freeing everything
 * thus always rebuilds the largest blocks possible.
 *
 * This file has no hardware in it (page contents are reached through
 * page_address/clear_highpage), so tests/ compiles it on the host with a
 * fake mem_map and checks it against a model under the sanitizers.
 */
#include "arch/bug.h"
#include "lib/printk.h"
#include "lib/string.h"
#include "mm/gfp.h"
#include "mm/highmem.h"

struct page *mem_map;
unsigned long pgfree_count;
unsigned long max_pfn, max_low_pfn;

struct zone zones[MAX_NR_ZONES] = {
	[ZONE_DMA] = { .name = "DMA" },
	[ZONE_NORMAL] = { .name = "Normal" },
	[ZONE_HIGHMEM] = { .name = "HighMem" },
};

/* Stop on a broken page invariant, printing the page first. */
#define VM_BUG_ON_PAGE(cond, page)                                    \
	do {                                                          \
		if (unlikely(cond)) {                                 \
			dump_page(page, "VM_BUG_ON_PAGE(" #cond ")"); \
			BUG();                                        \
		}                                                     \
	} while (0)

void dump_page(const struct page *page, const char *reason)
{
	pr_emerg(
		"page:%p pfn:%#lx refcount:%d mapcount:%d zone:%s flags:%#lx%s%s%s%s\n",
		(const void *)page, page_to_pfn(page), page->_count,
		page->_mapcount, page_zone(page)->name,
		page->flags & ((1UL << __NR_PAGEFLAGS) - 1),
		PageReserved(page) ? " reserved" : "",
		PageBuddy(page) ? " buddy" : "", PageSlab(page) ? " slab" : "",
		PageLargeKmalloc(page) ? " large_kmalloc" : "");
	if (PageBuddy(page))
		pr_emerg("page: free block of order %lu\n", page->private);
	pr_emerg("page dumped because: %s\n", reason);
}

static void set_page_zone(struct page *page, enum zone_type zone)
{
	page->flags &= ~(~0UL << ZONES_PGSHIFT);
	page->flags |= (unsigned long)zone << ZONES_PGSHIFT;
}

void free_area_init(unsigned long max_dma, unsigned long max_low,
		    unsigned long max)
{
	unsigned long limits[MAX_NR_ZONES] = { max_dma, max_low, max };
	unsigned long start = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &zones[z];
		unsigned long end = max(start, min(limits[z], max));

		zone->zone_start_pfn = start;
		zone->spanned_pages = end - start;
		zone->present_pages = 0;
		zone->managed_pages = 0;
		zone->free_pages = 0;
		for (int o = 0; o < MAX_ORDER; o++) {
			INIT_LIST_HEAD(&zone->free_area[o].free_list);
			zone->free_area[o].nr_free = 0;
		}
		for (unsigned long pfn = start; pfn < end; pfn++) {
			struct page *page = pfn_to_page(pfn);

			*page = (struct page){ 0 };
			set_page_zone(page, (enum zone_type)z);
			SetPageReserved(page);
			page->_count = 1;
			page->_mapcount = -1;
		}
		start = end;
	}
}

/* Is the frame at pfn the head of a free block of exactly this order in
 * this zone? Only then may the block being freed merge with it. */
static bool page_is_buddy(const struct zone *zone, unsigned long pfn,
			  unsigned int order)
{
	const struct page *buddy;

	if (pfn < zone->zone_start_pfn || pfn >= zone_end_pfn(zone))
		return false;
	buddy = pfn_to_page(pfn);
	return PageBuddy(buddy) && buddy->private == order;
}

static void add_to_free_list(struct zone *zone, struct page *page,
			     unsigned int order)
{
	SetPageBuddy(page);
	page->private = order;
	list_add(&page->lru, &zone->free_area[order].free_list);
	zone->free_area[order].nr_free++;
}

static void del_from_free_list(struct zone *zone, struct page *page,
			       unsigned int order)
{
	list_del(&page->lru);
	ClearPageBuddy(page);
	page->private = 0;
	zone->free_area[order].nr_free--;
}

/* Free a block and merge it with its buddies, as the comment at the top. */
static void __free_one_page(struct zone *zone, unsigned long pfn,
			    unsigned int order)
{
	zone->free_pages += 1UL << order;
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);

		if (!page_is_buddy(zone, buddy_pfn, order))
			break;
		del_from_free_list(zone, pfn_to_page(buddy_pfn), order);
		pfn &= buddy_pfn; /* the lower half starts the merged block */
		order++;
	}
	add_to_free_list(zone, pfn_to_page(pfn), order);
}

/*
 * Check that a block being freed is one the allocator handed out, whole:
 * the order first (so that the shifts below are defined), then the head,
 * then every tail frame, as Linux's free_tail_page_prepare(): freeing with
 * too big an order would otherwise hand over frames someone else owns.
 */
static void free_pages_check(struct page *page, unsigned int order)
{
	VM_BUG_ON_PAGE(order >= MAX_ORDER, page);
	VM_BUG_ON_PAGE(PageBuddy(page), page); /* a double free */
	VM_BUG_ON_PAGE(page->_count != 1, page); /* 0: freed already */
	VM_BUG_ON_PAGE(page_to_pfn(page) & ((1UL << order) - 1), page);
	VM_BUG_ON_PAGE(page_to_pfn(page) + (1UL << order) >
			       zone_end_pfn(page_zone(page)),
		       page);
	for (unsigned long i = 0; i < (1UL << order); i++) {
		const struct page *p = page + i;

		VM_BUG_ON_PAGE(PageReserved(p), p);
		VM_BUG_ON_PAGE(PageSlab(p), p);
		VM_BUG_ON_PAGE(p->_mapcount != -1, p); /* still mapped */
		VM_BUG_ON_PAGE(i && (PageBuddy(p) || p->_count != 0), p);
	}
}

void __free_pages(struct page *page, unsigned int order)
{
	free_pages_check(page, order);
	page->_count = 0;
	page->flags &= ~((1UL << __NR_PAGEFLAGS) - 1);
	pgfree_count += 1UL << order;
	__free_one_page(page_zone(page), page_to_pfn(page), order);
}

void put_page(struct page *page)
{
	VM_BUG_ON_PAGE(page->_count <= 0, page);
	if (page->_count == 1)
		__free_pages(page, 0);
	else
		page->_count--;
}

void free_page_list(struct list_head *list)
{
	while (!list_empty(list)) {
		struct page *page = list_first_entry(list, struct page, lru);

		list_del(&page->lru);
		__free_page(page);
	}
}

/* Take a block of exactly `order` from the smallest free block that has
 * one, splitting the rest back onto the lower lists ("expand"). */
static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order)
{
	for (unsigned int current = order; current < MAX_ORDER; current++) {
		struct free_area *area = &zone->free_area[current];
		struct page *page;
		unsigned long pfn;

		if (list_empty(&area->free_list))
			continue;
		page = list_first_entry(&area->free_list, struct page, lru);
		del_from_free_list(zone, page, current);
		pfn = page_to_pfn(page);
		while (current > order) {
			current--;
			/* Keep the lower half, free the upper one. */
			add_to_free_list(zone,
					 pfn_to_page(pfn + (1UL << current)),
					 current);
		}
		zone->free_pages -= 1UL << order;
		return page;
	}
	return NULL;
}

/* The highest zone a request may use; lower zones are its fallbacks. */
static enum zone_type gfp_zone(gfp_t gfp)
{
	if (gfp & __GFP_DMA)
		return ZONE_DMA;
	if (gfp & __GFP_HIGHMEM)
		return ZONE_HIGHMEM;
	return ZONE_NORMAL;
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = NULL;

	if (order >= MAX_ORDER)
		return NULL;
	/* Highmem first for user pages, and DMA last for everyone: it is the
	 * smallest zone and the only one old devices can use. */
	for (int z = (int)gfp_zone(gfp); z >= 0 && !page; z--)
		page = __rmqueue_smallest(&zones[z], order);
	if (!page)
		return NULL;
	page_zone(page)->pgalloc += 1UL << order;
	page->_count = 1;
	page->_mapcount = -1;
	page->mapping = NULL; /* not a page-cache page, until someone says */
	if (gfp & __GFP_ZERO)
		for (unsigned int i = 0; i < (1U << order); i++)
			clear_highpage(page + i);
	return page;
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page;

	BUG_ON(gfp & __GFP_HIGHMEM); /* highmem frames have no address */
	page = alloc_pages(gfp, order);
	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

unsigned long __free_pages_memory(unsigned long start_pfn,
				  unsigned long end_pfn)
{
	unsigned long freed = 0;

	while (start_pfn < end_pfn) {
		struct zone *zone = page_zone(pfn_to_page(start_pfn));
		unsigned long limit = min(end_pfn, zone_end_pfn(zone));
		unsigned int order = MAX_ORDER - 1;
		struct page *page;

		/* The largest block that starts aligned here and fits. */
		while ((start_pfn & ((1UL << order) - 1)) ||
		       start_pfn + (1UL << order) > limit)
			order--;
		page = pfn_to_page(start_pfn);
		for (unsigned long i = 0; i < (1UL << order); i++) {
			VM_BUG_ON_PAGE(!PageReserved(page + i), page + i);
			ClearPageReserved(page + i);
			page[i]._count = 0;
		}
		zone->managed_pages += 1UL << order;
		/* Checked frame by frame just above: straight to the merge. */
		__free_one_page(zone, start_pfn, order);
		start_pfn += 1UL << order;
		freed += 1UL << order;
	}
	return freed;
}

unsigned long nr_free_pages(void)
{
	unsigned long sum = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		sum += zones[z].free_pages;
	return sum;
}

void buddyinfo_show(struct seq_buf *s)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &zones[z];

		if (!zone->present_pages) /* Linux's populated_zone() */
			continue;
		/* Linux's frag_show_print(): "Node 0, zone %8s " then "%6lu ". */
		seq_buf_printf(s, "Node 0, zone %8s ", zone->name);
		for (int o = 0; o < MAX_ORDER; o++)
			seq_buf_printf(s, "%6lu ", zone->free_area[o].nr_free);
		seq_buf_printf(s, "\n");
	}
}
