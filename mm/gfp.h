/*
 * mm/gfp.h - allocating and freeing physical frames (Linux's
 * include/linux/gfp.h): blocks of 2^order frames from the buddy allocator.
 */
#ifndef MM_GFP_H
#define MM_GFP_H

#include "mm/mmzone.h"

typedef unsigned int gfp_t;

/* Zone modifiers: the highest zone a request may be served from. */
#define __GFP_DMA 0x01u
#define __GFP_HIGHMEM 0x02u
/* Action modifiers. */
#define __GFP_ZERO 0x100u /* return zeroed frames */

/* Kernel data: directly mapped lowmem, Normal then DMA. */
#define GFP_KERNEL 0u
/* ISA DMA: below 16 MiB only. */
#define GFP_DMA __GFP_DMA
/* User pages and page cache: highmem first, mapped through kmap. */
#define GFP_HIGHUSER __GFP_HIGHMEM

/*
 * A block of 2^order frames, from the highest zone gfp allows down to DMA,
 * each with a count of 1; NULL when no zone has one.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order);
/* Give back a block that alloc_pages() returned, with the same order. */
void __free_pages(struct page *page, unsigned int order);

static inline struct page *alloc_page(gfp_t gfp)
{
	return alloc_pages(gfp, 0);
}

static inline void __free_page(struct page *page)
{
	__free_pages(page, 0);
}

/* Lowmem frames by kernel virtual address (no __GFP_HIGHMEM). */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp);
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr) free_pages((addr), 0)

static inline int page_count(const struct page *page)
{
	return page->_count;
}

static inline void get_page(struct page *page)
{
	page->_count++;
}

/* Drop a reference; the last one frees the frame. */
void put_page(struct page *page);
/* Free every order-0 page of a list linked through page->lru. */
void free_page_list(struct list_head *list);

/* The smallest order whose block holds size bytes. */
static inline unsigned int get_order(unsigned long size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

#endif
