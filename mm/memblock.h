/*
 * mm/memblock.h - the boot-time memory allocator (Linux's memblock): which
 * physical ranges are RAM, which of them are taken, and allocation of the
 * early tables (mem_map, page tables) before the buddy allocator exists.
 */
#ifndef MM_MEMBLOCK_H
#define MM_MEMBLOCK_H

#include "lib/types.h"

#define INIT_MEMBLOCK_REGIONS 128

struct memblock_region {
	u64 base;
	u64 size;
};

struct memblock_type {
	const char *name;
	unsigned int cnt;
	struct memblock_region regions[INIT_MEMBLOCK_REGIONS];
};

struct memblock {
	u64 current_limit; /* memblock_alloc() stays below this (lowmem) */
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;

/* Record [base, base + size) as RAM; overlapping or touching ranges merge. */
void memblock_add(u64 base, u64 size);
/* Record [base, base + size) as taken: never handed to the buddy allocator. */
void memblock_reserve(u64 base, u64 size);
/*
 * Zeroed memory from the highest free RAM below current_limit, reserved and
 * returned by its direct-map address; NULL when none is left.
 */
void *memblock_alloc(size_t size, size_t align);
/* RAM frames (whole pages) in [start_pfn, end_pfn). */
unsigned long memblock_ram_pages(unsigned long start_pfn,
				 unsigned long end_pfn);
/*
 * Hand every RAM frame below max_pfn that is not reserved to the buddy
 * allocator; returns the number of frames. memblock is done after this.
 */
unsigned long memblock_free_all(void);

#endif
