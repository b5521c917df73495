/*
 * mm/vmalloc.c - vmalloc: pages from any zone, mapped contiguously in the
 * vmalloc area through the kernel page tables that paging_init() made.
 * Areas are kept in a list sorted by address; a new one goes in the first
 * gap big enough for its pages plus the guard page in front of them.
 */
#include "arch/cpu.h"
#include "arch/panic.h"
#include "lib/printk.h"
#include "mm/gfp.h"
#include "mm/pgtable.h"
#include "mm/slab.h"
#include "mm/vmalloc.h"

static struct vm_struct *vmlist;

/* The start of an area: its guard page. */
static unsigned long area_start(const struct vm_struct *area)
{
	return area->addr - PAGE_SIZE;
}

/* Find a gap for size bytes plus a guard page and insert a new area. */
static struct vm_struct *get_vm_area(unsigned long size)
{
	struct vm_struct **p, *area;
	unsigned long start = VMALLOC_START;

	for (p = &vmlist; *p; p = &(*p)->next) {
		if (start + PAGE_SIZE + size <= area_start(*p))
			break;
		start = (*p)->addr + (*p)->size;
	}
	if (start + PAGE_SIZE + size > VMALLOC_END ||
	    start + PAGE_SIZE + size < start)
		return NULL;
	area = kzalloc(sizeof(*area), GFP_KERNEL);
	if (!area)
		return NULL;
	area->addr = start + PAGE_SIZE;
	area->size = size;
	area->next = *p;
	*p = area;
	return area;
}

static void unlink_area(struct vm_struct *area)
{
	struct vm_struct **p = &vmlist;

	while (*p != area)
		p = &(*p)->next;
	*p = area->next;
}

static void unmap_and_free(struct vm_struct *area)
{
	for (unsigned int i = 0; i < area->nr_pages; i++) {
		unsigned long addr = area->addr + i * PAGE_SIZE;

		*pte_offset_kernel(addr) = 0;
		invlpg(addr);
		__free_page(area->pages[i]);
	}
	kfree(area->pages);
	unlink_area(area);
	kfree(area);
}

void *vmalloc(unsigned long size)
{
	struct vm_struct *area;

	size = ALIGN_UP(size, PAGE_SIZE);
	if (!size || size > VMALLOC_END - VMALLOC_START)
		return NULL;
	area = get_vm_area(size);
	if (!area)
		return NULL;
	area->pages =
		kzalloc(size / PAGE_SIZE * sizeof(struct page *), GFP_KERNEL);
	if (!area->pages) {
		unlink_area(area);
		kfree(area);
		return NULL;
	}
	for (unsigned long off = 0; off < size; off += PAGE_SIZE) {
		/* Any zone will do: the page tables give it an address. */
		struct page *page = alloc_page(GFP_HIGHUSER);

		if (!page) {
			unmap_and_free(area);
			return NULL;
		}
		area->pages[area->nr_pages++] = page;
		*pte_offset_kernel(area->addr + off) =
			mk_pte(page_to_pfn(page), PAGE_KERNEL);
	}
	return (void *)area->addr;
}

const struct vm_struct *find_vm_area(const void *addr)
{
	unsigned long a = (unsigned long)addr;

	for (const struct vm_struct *area = vmlist; area; area = area->next)
		if (a >= area_start(area) && a < area->addr + area->size)
			return area;
	return NULL;
}

void vfree(const void *addr)
{
	struct vm_struct *area;

	if (!addr)
		return;
	for (area = vmlist; area && area->addr != (unsigned long)addr;
	     area = area->next)
		;
	if (!area)
		panic("vfree: %p was not returned by vmalloc", addr);
	unmap_and_free(area);
}

struct page *vmalloc_to_page(const void *addr)
{
	unsigned long a = (unsigned long)addr;
	pte_t pte;

	if (a < VMALLOC_START || a >= VMALLOC_END)
		return NULL;
	pte = *pte_offset_kernel(a);
	return pte_present(pte) ? pfn_to_page(pte_pfn(pte)) : NULL;
}
