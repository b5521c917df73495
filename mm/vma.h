/*
 * mm/vma.h - the set of VMAs of an address space: a list sorted by address
 * and a red-black tree of the same VMAs, as Linux's mm/mmap.c keeps them.
 * Pure bookkeeping: nothing here touches page tables.
 */
#ifndef MM_VMA_H
#define MM_VMA_H

#include "mm/mm_types.h"

/* Linux's DEFAULT_MAX_MAP_COUNT (vm.max_map_count): VMAs per mm. */
#define MAX_MAP_COUNT 65530

/* A zeroed VMA, or NULL when out of memory; vm_area_free gives it back. */
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
void vm_area_free(struct vm_area_struct *vma);

/* The first VMA with vm_end > addr (it may start above addr), or NULL. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* find_vma(), and in *pprev the VMA before the result (or the last one). */
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev);
/* The first VMA overlapping [start, end), or NULL. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start,
					     unsigned long end);

/* Link a VMA into the list and the tree; -EINVAL if it overlaps another. */
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma);
/* Unlink a VMA from the list and the tree (it is not freed). */
void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma);

/*
 * Cut vma in two at addr (page aligned, strictly inside it). The new VMA is
 * the lower part if new_below, else the upper part. 0 or -ENOMEM, which
 * includes an mm already at MAX_MAP_COUNT VMAs.
 */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr, int new_below);
/* split_vma without the limit, for a caller that checked it (munmap). */
int __split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
		unsigned long addr, int new_below);
/*
 * Merge vma with its neighbours where they touch it and agree on flags,
 * file and file offset; returns the VMA that now covers vma's range.
 */
struct vm_area_struct *vma_merge(struct mm_struct *mm,
				 struct vm_area_struct *vma);

/*
 * Check the invariants: sorted, page aligned, non-overlapping, start < end,
 * list and tree agree, map_count and total_vm right. Prints the first
 * broken one, naming the VMA; returns 0 or -EINVAL.
 */
int validate_mm(struct mm_struct *mm);

/* The rights of vm_flags as /proc/PID/maps shows them: "rwxp", "r--s"... */
static inline void vma_perms(unsigned long vm_flags, char out[5])
{
	out[0] = vm_flags & VM_READ ? 'r' : '-';
	out[1] = vm_flags & VM_WRITE ? 'w' : '-';
	out[2] = vm_flags & VM_EXEC ? 'x' : '-';
	out[3] = vm_flags & VM_MAYSHARE ? 's' : 'p';
	out[4] = '\0';
}

#endif
