/*
 * mm/filemap.c - the page cache. A file page is read into a frame (from
 * highmem first) the first time anyone maps it; the cache keeps one
 * reference, each mapping another, so that every process mapping the same
 * file page maps the same frame.
 */
#include "lib/errno.h"
#include "mm/filemap.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/memory.h"
#include "mm/slab.h"

/* Cached pages, all files together. */
static unsigned long nr_cached;

int mapping_init(struct address_space *mapping,
		 const struct address_space_operations *a_ops, void *host,
		 unsigned long size)
{
	mapping->a_ops = a_ops;
	mapping->host = host;
	mapping->size = size;
	mapping->nr_pages = ALIGN_UP(size, PAGE_SIZE) >> PAGE_SHIFT;
	mapping->pages = NULL;
	if (!mapping->nr_pages)
		return 0;
	mapping->pages =
		kzalloc(mapping->nr_pages * sizeof(struct page *), GFP_KERNEL);
	return mapping->pages ? 0 : -ENOMEM;
}

struct page *read_cache_page(struct address_space *mapping, unsigned long index)
{
	struct page *page;
	void *kaddr;

	if (index >= mapping->nr_pages)
		return NULL;
	page = mapping->pages[index];
	if (!page) {
		page = alloc_page(GFP_HIGHUSER);
		if (!page)
			return NULL;
		kaddr = kmap_atomic(page);
		vm_events.pgmajfault++; /* read in, not found in the cache */
		if (mapping->a_ops->readpage(mapping, kaddr, index)) {
			kunmap_atomic(kaddr);
			__free_page(page);
			return NULL;
		}
		kunmap_atomic(kaddr);
		page->mapping = mapping;
		page->index = index;
		mapping->pages[index] = page; /* the cache's reference */
		nr_cached++;
	}
	get_page(page);
	return page;
}

void truncate_inode_pages(struct address_space *mapping)
{
	for (unsigned long i = 0; i < mapping->nr_pages; i++) {
		struct page *page = mapping->pages[i];

		if (!page)
			continue;
		mapping->pages[i] = NULL;
		page->mapping = NULL;
		nr_cached--;
		put_page(page); /* the cache's reference */
	}
	kfree(mapping->pages);
	mapping->pages = NULL;
	mapping->nr_pages = 0;
}

struct page *find_page(struct address_space *mapping, unsigned long index)
{
	return index < mapping->nr_pages ? mapping->pages[index] : NULL;
}

unsigned long nr_pagecache_pages(void)
{
	return nr_cached;
}
