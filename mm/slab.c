/*
 * mm/slab.c - a small slab allocator in the style of Linux's SLUB.
 *
 * A slab is one page of a cache's objects laid out back to back. The page's
 * struct page describes the slab: slab_cache, a freelist of free objects
 * (each free object holds the address of the next one in its first word),
 * and inuse, the number handed out. A cache keeps its slabs on three lists,
 * partial, full and free: allocation takes from a partial slab, else an
 * empty one, else a new page; freeing moves a slab back as it empties.
 * Empty slabs stay cached until kmem_cache_shrink() gives their pages back.
 */
#include "arch/bug.h"
#include "lib/printk.h"
#include "lib/string.h"
#include "mm/highmem.h"
#include "mm/slab.h"

static LIST_HEAD(slab_caches);

/* The cache whose objects are caches; it describes itself. */
static struct kmem_cache kmem_cache_boot;
static struct kmem_cache *kmem_cache;

/* kmalloc's size classes, as Linux's (including the 96 and 192 oddities). */
/* clang-format off */
static const unsigned int kmalloc_sizes[] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048
};
/* clang-format on */
static struct kmem_cache *kmalloc_caches[ARRAY_SIZE(kmalloc_sizes)];
static const char *const kmalloc_names[ARRAY_SIZE(kmalloc_sizes)] = {
	"kmalloc-8",   "kmalloc-16",  "kmalloc-32",  "kmalloc-64",
	"kmalloc-96",  "kmalloc-128", "kmalloc-192", "kmalloc-256",
	"kmalloc-512", "kmalloc-1k",  "kmalloc-2k",
};

static void init_cache(struct kmem_cache *c, const char *name,
		       unsigned int size, unsigned int align)
{
	if (!align)
		align = sizeof(void *);
	c->name = name;
	c->object_size = size;
	c->align = align;
	/* A free object holds the freelist pointer, so at least that. */
	c->size = ALIGN_UP(max(size, (unsigned int)sizeof(void *)), align);
	c->objects = PAGE_SIZE / c->size;
	INIT_LIST_HEAD(&c->partial);
	INIT_LIST_HEAD(&c->full);
	INIT_LIST_HEAD(&c->free);
	c->nr_slabs = 0;
	c->active_objs = 0;
	list_add_tail(&c->list, &slab_caches);
}

static bool valid_size(unsigned int size, unsigned int align)
{
	return size && size <= KMALLOC_MAX_CACHE_SIZE && align <= PAGE_SIZE &&
	       (align & (align - 1)) == 0;
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align)
{
	struct kmem_cache *c;

	if (!valid_size(size, align))
		return NULL;
	c = kmem_cache_alloc(kmem_cache, GFP_KERNEL);
	if (c)
		init_cache(c, name, size, align);
	return c;
}

void kmem_cache_destroy(struct kmem_cache *cache)
{
	if (!cache)
		return;
	kmem_cache_shrink(cache);
	BUG_ON(cache->nr_slabs); /* objects still allocated */
	list_del(&cache->list);
	kmem_cache_free(kmem_cache, cache);
}

/* A new slab: one lowmem page cut into objects chained in address order. */
static struct page *new_slab(struct kmem_cache *c)
{
	struct page *page = alloc_page(GFP_KERNEL);
	char *base, *obj;

	if (!page)
		return NULL;
	base = page_address(page);
	for (unsigned int i = 0; i < c->objects; i++) {
		obj = base + i * c->size;
		*(void **)obj = i + 1 < c->objects ? obj + c->size : NULL;
	}
	SetPageSlab(page);
	page->slab_cache = c;
	page->freelist = base;
	page->inuse = 0;
	list_add(&page->slab_list, &c->free);
	c->nr_slabs++;
	return page;
}

void *kmem_cache_alloc(struct kmem_cache *c, gfp_t gfp)
{
	struct page *slab;
	void *obj;

	if (!list_empty(&c->partial))
		slab = list_first_entry(&c->partial, struct page, slab_list);
	else if (!list_empty(&c->free))
		slab = list_first_entry(&c->free, struct page, slab_list);
	else if (!(slab = new_slab(c)))
		return NULL;
	obj = slab->freelist;
	slab->freelist = *(void **)obj;
	slab->inuse++;
	c->active_objs++;
	list_move(&slab->slab_list,
		  slab->inuse == c->objects ? &c->full : &c->partial);
	if (gfp & __GFP_ZERO)
		memset(obj, 0, c->object_size);
	return obj;
}

/* A freed pointer must be the start of an object of this slab, not free. */
static void check_free(struct kmem_cache *c, struct page *slab, void *obj)
{
	unsigned long offset = (unsigned long)obj & ~PAGE_MASK;

	if (!PageSlab(slab) || slab->slab_cache != c)
		panic("kmem_cache_free(%s): %p is not from this cache", c->name,
		      obj);
	if (offset % c->size || offset / c->size >= c->objects)
		panic("kmem_cache_free(%s): %p is not the start of an object",
		      c->name, obj);
	for (void *p = slab->freelist; p; p = *(void **)p)
		if (p == obj)
			panic("kmem_cache_free(%s): double free of %p", c->name,
			      obj);
}

void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	struct page *slab = virt_to_page(obj);

	check_free(c, slab, obj);
	*(void **)obj = slab->freelist;
	slab->freelist = obj;
	slab->inuse--;
	c->active_objs--;
	list_move(&slab->slab_list, slab->inuse ? &c->partial : &c->free);
}

unsigned long kmem_cache_shrink(struct kmem_cache *c)
{
	struct page *slab, *next;
	unsigned long freed = 0;

	list_for_each_entry_safe(slab, next, &c->free, slab_list) {
		list_del(&slab->slab_list);
		ClearPageSlab(slab);
		slab->slab_cache = NULL;
		slab->freelist = NULL;
		__free_page(slab);
		c->nr_slabs--;
		freed++;
	}
	return freed;
}

void kmem_cache_init(void)
{
	init_cache(&kmem_cache_boot, "kmem_cache", sizeof(struct kmem_cache),
		   0);
	kmem_cache = &kmem_cache_boot;
	for (unsigned int i = 0; i < ARRAY_SIZE(kmalloc_sizes); i++) {
		kmalloc_caches[i] = kmem_cache_create(kmalloc_names[i],
						      kmalloc_sizes[i], 0);
		if (!kmalloc_caches[i])
			panic("kmem_cache_init: no memory for %s",
			      kmalloc_names[i]);
	}
}

/* Bigger than a cache takes: whole pages, the order kept in the page. */
static void *kmalloc_large(size_t size, gfp_t gfp)
{
	unsigned int order = get_order(size);
	struct page *page = alloc_pages(gfp & ~__GFP_HIGHMEM, order);

	if (!page)
		return NULL;
	SetPageLargeKmalloc(page);
	page->private = order;
	return page_address(page);
}

void *kmalloc(size_t size, gfp_t gfp)
{
	if (!size)
		return ZERO_SIZE_PTR;
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_large(size, gfp);
	for (unsigned int i = 0;; i++)
		if (size <= kmalloc_sizes[i])
			return kmem_cache_alloc(kmalloc_caches[i], gfp);
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

void kfree(const void *obj)
{
	struct page *page;

	if ((unsigned long)obj <= (unsigned long)ZERO_SIZE_PTR)
		return;
	page = virt_to_page(obj);
	if (PageLargeKmalloc(page)) {
		ClearPageLargeKmalloc(page);
		__free_pages(page, (unsigned int)page->private);
		return;
	}
	if (!PageSlab(page))
		panic("kfree: %p was not allocated by kmalloc", obj);
	kmem_cache_free(page->slab_cache, (void *)obj);
}

static unsigned long slab_list_length(const struct list_head *head)
{
	const struct list_head *p;
	unsigned long n = 0;

	list_for_each(p, head)
		n++;
	return n;
}

unsigned long slab_pages(void)
{
	const struct kmem_cache *c;
	unsigned long n = 0;

	list_for_each_entry(c, &slab_caches, list)
		n += c->nr_slabs;
	return n;
}

unsigned long slab_empty_pages(void)
{
	const struct kmem_cache *c;
	unsigned long n = 0;

	list_for_each_entry(c, &slab_caches, list)
		n += slab_list_length(&c->free);
	return n;
}

void slabinfo_show(struct seq_buf *s)
{
	const struct kmem_cache *c;

	seq_buf_printf(s, "slabinfo - version: 2.1\n");
	seq_buf_printf(s,
		       "# name            <active_objs> <num_objs> <objsize> "
		       "<objperslab> <pagesperslab> : tunables <limit> "
		       "<batchcount> <sharedfactor> : slabdata <active_slabs> "
		       "<num_slabs> <sharedavail>\n");
	list_for_each_entry(c, &slab_caches, list)
		seq_buf_printf(
			s,
			"%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata %6lu %6lu %6u\n",
			c->name, c->active_objs, c->nr_slabs * c->objects,
			c->size, c->objects, 1, 0, 0, 0,
			c->nr_slabs - slab_list_length(&c->free), c->nr_slabs,
			0);
}
