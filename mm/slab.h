/*
 * mm/slab.h - fixed-size kernel objects packed into pages (Linux's
 * include/linux/slab.h), and kmalloc() on top of them.
 */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include "lib/seq_buf.h"
#include "mm/gfp.h"

/* The largest object a cache holds: two per page. kmalloc() beyond this
 * takes whole pages from the buddy allocator. */
#define KMALLOC_MAX_CACHE_SIZE (PAGE_SIZE / 2)
#define KMALLOC_MIN_SIZE 8
/* What kmalloc(0) returns, as Linux: not NULL (no failure), not usable. */
#define ZERO_SIZE_PTR ((void *)16)

struct kmem_cache {
	const char *name;
	unsigned int object_size; /* what the user asked for */
	unsigned int size; /* object_size rounded up to align */
	unsigned int align;
	unsigned int objects; /* per slab (one page) */
	struct list_head partial; /* slabs with free and used objects */
	struct list_head full; /* slabs with no free object */
	struct list_head free; /* empty slabs, kept until shrunk */
	unsigned long nr_slabs;
	unsigned long active_objs;
	struct list_head list; /* all caches, for slabinfo */
};

/* Bootstrap the cache of caches and the kmalloc caches (mm_init). */
void kmem_cache_init(void);

/*
 * A cache of objects of `size` bytes aligned to `align` (0: the size of a
 * pointer), at most KMALLOC_MAX_CACHE_SIZE; NULL if out of memory or too big.
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align);
/* An object, or NULL when no page can be had (gfp: __GFP_ZERO is honoured). */
void *kmem_cache_alloc(struct kmem_cache *cache, gfp_t gfp);
/* Return an object to the cache it came from. */
void kmem_cache_free(struct kmem_cache *cache, void *obj);
/* Give every empty slab page back to the buddy allocator; returns pages freed. */
unsigned long kmem_cache_shrink(struct kmem_cache *cache);
/* Destroy an empty cache. */
void kmem_cache_destroy(struct kmem_cache *cache);

/* size bytes of lowmem, aligned to the size class; NULL if out of memory. */
void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void kfree(const void *obj);

/* /proc/slabinfo: one line per cache. */
void slabinfo_show(struct seq_buf *s);
/* Pages held by all caches, and those of them that are empty slabs. */
unsigned long slab_pages(void);
unsigned long slab_empty_pages(void);

#endif
