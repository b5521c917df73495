/*
 * mm/debug_vm.c - check that the memory manager's books balance.
 *
 * The invariants, each of which some bug would break:
 *
 *   free frames    every free block is on exactly one free list, as the
 *                  head of a block aligned to its order, inside its zone;
 *                  the lists' lengths and the zone's free count agree; a
 *                  free frame has no references and no mappings.
 *   used frames    _mapcount + 1 is exactly the number of user PTEs that
 *                  map the frame, and _count is at least that (each PTE
 *                  holds a reference); none is marked free.
 *   address spaces the VMAs are sorted, aligned, apart, and the list and
 *                  the tree agree (validate_mm); every mapped user PTE lies
 *                  in a VMA that allows it: writable only where VM_WRITE,
 *                  present only where some access is allowed; a private
 *                  page is writable only if nobody else maps it (else a
 *                  write would bypass copy-on-write); nr_ptes counts the
 *                  user half's page tables.
 */
#include "lib/errno.h"
#include "lib/printk.h"
#include "lib/string.h"
#include "mm/debug_vm.h"
#include "mm/gfp.h"
#include "mm/memory.h"
#include "mm/mmzone.h"
#include "mm/vma.h"
#include "mm/vmalloc.h"

/* In c->maps: the frame is in a free block (the rest counts PTEs). */
#define MAPS_FREE 0x8000
#define MAPS_COUNT_MAX 0x7fff

int vm_check_begin(struct vm_check *c)
{
	memset(c, 0, sizeof(*c));
	c->nr_frames = max_pfn;
	c->maps = vmalloc(max_pfn * sizeof(*c->maps));
	if (!c->maps)
		return -ENOMEM;
	memset(c->maps, 0, max_pfn * sizeof(*c->maps));
	return 0;
}

static void vma_problem(struct vm_check *c, int pid, const char *comm,
			const struct vm_area_struct *vma, unsigned long addr,
			pte_t pte, const char *what)
{
	c->errors++;
	if (vma)
		pr_err("vmcheck: %s[%d] vma %08lx-%08lx flags %#lx: PTE of %08lx "
		       "(%08lx, pfn %#lx): %s\n",
		       comm, pid, vma->vm_start, vma->vm_end, vma->vm_flags,
		       addr, pte, pte_pfn(pte), what);
	else
		pr_err("vmcheck: %s[%d] PTE of %08lx (%08lx, pfn %#lx): %s\n",
		       comm, pid, addr, pte, pte_pfn(pte), what);
}

/* One mapped PTE at addr, inside vma (or NULL: outside every VMA). */
static void check_pte(struct vm_check *c, int pid, const char *comm,
		      const struct vm_area_struct *vma, unsigned long addr,
		      pte_t pte)
{
	unsigned long pfn = pte_pfn(pte);
	const struct page *page;

	c->ptes++;
	if (!vma) {
		vma_problem(c, pid, comm, NULL, addr, pte, "outside every VMA");
		return;
	}
	if (pfn >= c->nr_frames || PageReserved(pfn_to_page(pfn))) {
		vma_problem(c, pid, comm, vma, addr, pte,
			    "maps a frame that is not RAM for users");
		return;
	}
	page = pfn_to_page(pfn);
	if (c->maps[pfn] < MAPS_COUNT_MAX)
		c->maps[pfn]++;
	if ((pte & _PAGE_RW) && !(vma->vm_flags & VM_WRITE))
		vma_problem(c, pid, comm, vma, addr, pte,
			    "writable in a VMA without VM_WRITE");
	if (pte_present(pte) && !(vma->vm_flags & VM_ACCESS_FLAGS))
		vma_problem(c, pid, comm, vma, addr, pte,
			    "present in a PROT_NONE VMA");
	/* Private and writable: the frame must be this PTE's alone. */
	if ((pte & _PAGE_RW) && !(vma->vm_flags & VM_SHARED) &&
	    (page->mapping || page->_mapcount > 0 || page_count(page) > 1))
		vma_problem(c, pid, comm, vma, addr, pte,
			    "writable but shared: copy-on-write bypassed");
}

void vm_check_mm(struct vm_check *c, struct mm_struct *mm, int pid,
		 const char *comm)
{
	const struct vm_area_struct *vma = mm->mmap;
	unsigned long tables = 0;

	c->mms++;
	if (validate_mm(mm)) {
		c->errors++;
		pr_err("vmcheck: %s[%d]: the VMA set is broken (above)\n", comm,
		       pid);
		return; /* the walk below trusts the list */
	}
	for (unsigned long i = 0; i < KERNEL_PGD_BOUNDARY; i++) {
		const pte_t *table;

		if (!(mm->pgd[i] & _PAGE_PRESENT))
			continue;
		table = __va(mm->pgd[i] & PTE_PFN_MASK);
		tables++;
		for (unsigned long j = 0; j < PTRS_PER_PTE; j++) {
			unsigned long addr = i * PGDIR_SIZE + j * PAGE_SIZE;

			if (!pte_mapped(table[j]))
				continue;
			while (vma && vma->vm_end <= addr)
				vma = vma->vm_next;
			check_pte(c, pid, comm,
				  vma && vma->vm_start <= addr ? vma : NULL,
				  addr, table[j]);
		}
	}
	if (tables != mm->nr_ptes) {
		c->errors++;
		pr_err("vmcheck: %s[%d]: %lu page tables, nr_ptes says %lu\n",
		       comm, pid, tables, mm->nr_ptes);
	}
}

static void frame_problem(struct vm_check *c, unsigned long pfn,
			  const char *what)
{
	const struct page *page = pfn_to_page(pfn);

	c->errors++;
	pr_err("vmcheck: pfn %#lx (zone %s, count %d, mapcount %d, %u PTEs): "
	       "%s\n",
	       pfn, page_zone(page)->name, page->_count, page->_mapcount + 1,
	       c->maps[pfn] & MAPS_COUNT_MAX, what);
}

/* Mark the frames of each free block, checking the lists as they go. */
static void check_free_lists(struct vm_check *c, struct zone *zone)
{
	unsigned long free = 0;

	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		struct free_area *area = &zone->free_area[order];
		unsigned long blocks = 0;
		struct page *page;

		list_for_each_entry(page, &area->free_list, lru) {
			unsigned long pfn = page_to_pfn(page);

			blocks++;
			if (pfn & ((1UL << order) - 1) ||
			    pfn < zone->zone_start_pfn ||
			    pfn + (1UL << order) > zone_end_pfn(zone) ||
			    page_zone(page) != zone) {
				frame_problem(c, pfn, "free block misplaced");
				continue;
			}
			if (!PageBuddy(page) || page->private != order)
				frame_problem(c, pfn,
					      "on a free list, not marked "
					      "as a free block of this order");
			for (unsigned long i = 0; i < (1UL << order); i++) {
				if (c->maps[pfn + i] & MAPS_FREE)
					frame_problem(c, pfn + i,
						      "in two free blocks");
				c->maps[pfn + i] |= MAPS_FREE;
			}
			free += 1UL << order;
		}
		if (blocks != area->nr_free) {
			c->errors++;
			pr_err("vmcheck: zone %s order %u: %lu blocks listed, "
			       "nr_free says %lu\n",
			       zone->name, order, blocks, area->nr_free);
		}
	}
	if (free != zone->free_pages) {
		c->errors++;
		pr_err("vmcheck: zone %s: %lu frames on the free lists, "
		       "free_pages says %lu\n",
		       zone->name, free, zone->free_pages);
	}
}

static void check_frame(struct vm_check *c, unsigned long pfn)
{
	const struct page *page = pfn_to_page(pfn);
	int ptes = c->maps[pfn] & MAPS_COUNT_MAX;

	if (c->maps[pfn] & MAPS_FREE) {
		if (ptes)
			frame_problem(c, pfn, "free, yet mapped by a PTE");
		else if (page->_count || page->_mapcount != -1)
			frame_problem(c, pfn, "free, yet counted as in use");
		return;
	}
	if (PageBuddy(page))
		frame_problem(c, pfn, "marked free, on no free list");
	if (ptes != page->_mapcount + 1)
		frame_problem(c, pfn, "mapcount differs from the PTEs");
	else if (ptes && page->_count < ptes)
		frame_problem(c, pfn, "fewer references than mappings");
}

int vm_check_end(struct vm_check *c)
{
	int errors;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		check_free_lists(c, &zones[z]);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		for (unsigned long pfn = zones[z].zone_start_pfn;
		     pfn < zone_end_pfn(&zones[z]); pfn++) {
			if (!PageReserved(pfn_to_page(pfn)))
				check_frame(c, pfn);
		}
	}
	errors = c->errors;
	vfree(c->maps);
	c->maps = NULL;
	return errors;
}
