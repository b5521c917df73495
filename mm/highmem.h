/*
 * mm/highmem.h - reaching frames that are not in the direct map (Linux's
 * include/linux/highmem.h). Lowmem frames always have an address; a
 * highmem frame gets one only while it is mapped by kmap (persistent,
 * may be held for long) or kmap_atomic (short, strictly nested).
 */
#ifndef MM_HIGHMEM_H
#define MM_HIGHMEM_H

#include "mm/mmzone.h"

/* The frame's kernel virtual address: the direct map for lowmem, its kmap
 * slot for a kmapped highmem frame, otherwise NULL. */
void *page_address(const struct page *page);

/* Set up the pkmap window and its page-address table (mm_init). */
void kmap_init(void);

/* Map a frame for as long as needed; every kmap needs one kunmap. */
void *kmap(struct page *page);
void kunmap(struct page *page);

/*
 * Map a frame in a fixmap slot for a short time. Mappings nest like a
 * stack: kunmap_atomic() must get the most recent kmap_atomic() address.
 */
void *kmap_atomic(struct page *page);
void kunmap_atomic(void *addr);

/* pkmap slots mapped now, and kmap_atomic slots in use (for tests, GDB). */
unsigned int kmap_pkmap_in_use(void);
int kmap_atomic_depth(void);

/* Zero a frame, or copy one, wherever it lives. */
void clear_highpage(struct page *page);
void copy_highpage(struct page *to, struct page *from);

#endif
