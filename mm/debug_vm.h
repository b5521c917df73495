/*
 * mm/debug_vm.h - a consistency check of the whole memory manager, for
 * tests and for hunting bugs (Linux's CONFIG_DEBUG_VM checks, gathered in
 * one pass): frames against the buddy lists and the page tables, and every
 * address space's VMAs against its PTEs. Each problem is printed naming the
 * frame or the VMA; the functions count them.
 */
#ifndef MM_DEBUG_VM_H
#define MM_DEBUG_VM_H

#include "mm/mm_types.h"

struct vm_check {
	u16 *maps; /* per frame: user PTEs seen mapping it */
	unsigned long nr_frames; /* max_pfn */
	unsigned long mms, ptes; /* what was looked at */
	int errors;
};

/* Start a check; -ENOMEM if there is no room for its per-frame counts. */
int vm_check_begin(struct vm_check *c);
/* Check one address space (owner names it in messages): its VMAs, and
 * each user PTE against the VMA that must cover it. Each mm once. */
void vm_check_mm(struct vm_check *c, struct mm_struct *mm, int pid,
		 const char *comm);
/* After every mm: the buddy lists, then every frame's counts against the
 * PTEs seen. Frees what vm_check_begin() took; returns c->errors. */
int vm_check_end(struct vm_check *c);

#endif
