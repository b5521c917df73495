/*
 * mm/vmalloc.h - virtually contiguous kernel memory from frames anywhere
 * (Linux's include/linux/vmalloc.h), each area with an unmapped guard page
 * below it so that a kernel stack overflowing into it faults.
 */
#ifndef MM_VMALLOC_H
#define MM_VMALLOC_H

#include "mm/mm_types.h"

struct vm_struct {
	struct vm_struct *next; /* the areas, in address order */
	unsigned long addr; /* the first mapped byte */
	unsigned long size; /* mapped bytes; the guard page is below addr */
	struct page **pages;
	unsigned int nr_pages;
};

/* size bytes (rounded up to pages) mapped in the vmalloc area; NULL if the
 * area or the frames run out. */
void *vmalloc(unsigned long size);
/* Unmap and free what vmalloc() returned; NULL is ignored. */
void vfree(const void *addr);
/* The frame behind a vmalloc address, or NULL. */
struct page *vmalloc_to_page(const void *addr);
/* The area that contains addr (guard page included), or NULL. */
const struct vm_struct *find_vm_area(const void *addr);

#endif
