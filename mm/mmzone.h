/*
 * mm/mmzone.h - physical memory: frames, zones and the buddy allocator's free
 * lists (Linux's include/linux/mmzone.h and the pfn helpers of linux/mm.h).
 */
#ifndef MM_MMZONE_H
#define MM_MMZONE_H

#include "arch/page.h"
#include "lib/seq_buf.h"
#include "mm/mm_types.h"

/* Free blocks are 2^0 .. 2^(MAX_ORDER-1) frames: 4 KiB .. 4 MiB (Linux's 11). */
#define MAX_ORDER 11
#define MAX_ORDER_NR_PAGES (1UL << (MAX_ORDER - 1))

/* Zone limits of the PC (DESIGN.md): ISA DMA reaches 16 MiB; the direct map
 * ends at 896 MiB at most (the top 128 MiB of the kernel's 1 GiB are kept
 * for vmalloc, pkmap and fixmap). */
#define MAX_DMA_PFN ((16UL << 20) >> PAGE_SHIFT)
#define MAXMEM_PFN ((896UL << 20) >> PAGE_SHIFT)

enum zone_type {
	ZONE_DMA,
	ZONE_NORMAL,
	ZONE_HIGHMEM,
	MAX_NR_ZONES,
};

struct free_area {
	struct list_head free_list; /* heads of free blocks of this order */
	unsigned long nr_free; /* blocks, not frames */
};

struct zone {
	const char *name;
	unsigned long pgalloc; /* pages allocated from this zone (vmstat) */
	unsigned long zone_start_pfn;
	unsigned long spanned_pages; /* zone_end_pfn - zone_start_pfn */
	unsigned long present_pages; /* RAM frames in the span */
	unsigned long managed_pages; /* frames given to the buddy allocator */
	unsigned long free_pages; /* frames in free_area[] now */
	struct free_area free_area[MAX_ORDER];
};

/* The frame descriptors, indexed by pfn (a flat memory model). */
extern struct page *mem_map;
/* One past the last frame of RAM; one past the last frame of lowmem. */
extern unsigned long max_pfn, max_low_pfn;
extern struct zone zones[MAX_NR_ZONES];

static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - mem_map);
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (enum zone_type)(page->flags >> ZONES_PGSHIFT);
}

static inline struct zone *page_zone(const struct page *page)
{
	return &zones[page_zonenum(page)];
}

static inline bool PageHighMem(const struct page *page)
{
	return page_zonenum(page) == ZONE_HIGHMEM;
}

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

/* Lowmem only: the direct map's frame for a kernel virtual address. */
static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(__pa(addr) >> PAGE_SHIFT);
}

/*
 * Set the three zones' spans (DMA below max_dma_pfn, Normal below
 * max_low_pfn, HighMem below max_pfn) and mark every frame of mem_map
 * reserved, with a count of 1, in its zone; __free_pages_memory() then
 * hands the free ones over.
 */
void free_area_init(unsigned long max_dma, unsigned long max_low,
		    unsigned long max);
/*
 * Boot: give frames [start_pfn, end_pfn), which must be RAM, to the buddy
 * allocator as the largest aligned blocks that fit, never across a zone
 * boundary. Returns the number of frames.
 */
unsigned long __free_pages_memory(unsigned long start_pfn,
				  unsigned long end_pfn);
/* Pages freed to the buddy allocator since boot (vmstat's pgfree). */
extern unsigned long pgfree_count;
/* Free frames in every zone together. */
unsigned long nr_free_pages(void);
/* Print the free blocks per zone and order as /proc/buddyinfo does. */
void buddyinfo_show(struct seq_buf *s);
/* Print a struct page, for bug reports. */
void dump_page(const struct page *page, const char *reason);

#endif
