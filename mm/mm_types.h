/*
 * mm/mm_types.h - struct page: one per physical frame, in mem_map[] (Linux's
 * include/linux/mm_types.h and page-flags.h, cut to what this kernel uses).
 */
#ifndef MM_MM_TYPES_H
#define MM_MM_TYPES_H

#include "lib/list.h"
#include "lib/types.h"

struct kmem_cache;

/*
 * Page flags: bits from 0 up; the zone number lives in the top ZONES_WIDTH
 * bits of the same word, as in Linux, so that page_zone() needs no lookup.
 */
enum pageflags {
	PG_reserved, /* not managed by the buddy allocator (kernel, holes) */
	PG_buddy, /* free, the head of a block in a free_area list */
	PG_slab, /* owned by the slab allocator */
	PG_large_kmalloc, /* a kmalloc() too big for a slab: whole pages */
	__NR_PAGEFLAGS,
};

#define ZONES_WIDTH 2
#define ZONES_PGSHIFT (sizeof(unsigned long) * 8 - ZONES_WIDTH)

struct page {
	unsigned long flags; /* PG_* bits, and the zone in the top bits */
	union {
		struct { /* free (PG_buddy) or allocated by the buddy allocator */
			struct list_head lru; /* free: in its free_area */
			unsigned long private; /* free: the block's order */
		};
		struct { /* PG_slab */
			struct list_head slab_list; /* partial/full/free */
			struct kmem_cache *slab_cache;
		};
	};
	union {
		struct { /* PG_slab */
			void *freelist; /* the first free object */
			unsigned short inuse; /* objects handed out */
		};
	};
	/* References: 0 when free; each user (mapping, kmap, ...) holds one. */
	int _count;
	/* Page-table entries mapping this frame, minus one (-1: none). */
	int _mapcount;
};

#define PAGEFLAG(name, bit)                                    \
	static inline bool Page##name(const struct page *page) \
	{                                                      \
		return (page->flags >> (bit)) & 1;             \
	}                                                      \
	static inline void SetPage##name(struct page *page)    \
	{                                                      \
		page->flags |= 1UL << (bit);                   \
	}                                                      \
	static inline void ClearPage##name(struct page *page)  \
	{                                                      \
		page->flags &= ~(1UL << (bit));                \
	}
PAGEFLAG(Reserved, PG_reserved)
PAGEFLAG(Buddy, PG_buddy)
PAGEFLAG(Slab, PG_slab)
PAGEFLAG(LargeKmalloc, PG_large_kmalloc)
#undef PAGEFLAG

#endif
