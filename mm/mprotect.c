/*
 * mm/mprotect.c - changing the permissions of a range: split the VMAs at
 * its ends, give the middle the new flags, rewrite the PTEs already there,
 * and merge what now agrees with its neighbours again.
 */
#include "lib/errno.h"
#include "mm/memory.h"
#include "mm/mman.h"
#include "mm/mmap.h"
#include "mm/vma.h"

/*
 * The PTEs of [start, end) under the VMA's new protection. A PROT_NONE
 * page keeps its frame behind a non-present PTE (_PAGE_PROTNONE). Private
 * pages stay read-only: a write goes through do_wp_page, which copies a
 * frame still shared since fork and reuses one that is not.
 */
static void change_protection(struct vm_area_struct *vma, unsigned long start,
			      unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	bool shared_write = (vma->vm_flags & (VM_SHARED | VM_WRITE)) ==
			    (VM_SHARED | VM_WRITE);

	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *ptep = pte_offset(mm, addr);
		pte_t pte;

		if (!ptep) {
			addr = (addr & PGDIR_MASK) + PGDIR_SIZE - PAGE_SIZE;
			continue;
		}
		if (!pte_mapped(*ptep))
			continue;
		if (!(vma->vm_flags & VM_ACCESS_FLAGS))
			pte = (*ptep & (PTE_PFN_MASK | _PAGE_DIRTY)) |
			      _PAGE_PROTNONE;
		else
			pte = (*ptep & (PTE_PFN_MASK | _PAGE_DIRTY)) |
			      vma->vm_page_prot | (shared_write ? _PAGE_RW : 0);
		*ptep = pte;
	}
	flush_tlb_mm(mm);
}

/* Give [start, end) of vma (inside it) the flags newflags. */
static int mprotect_fixup(struct mm_struct *mm, struct vm_area_struct *vma,
			  unsigned long start, unsigned long end,
			  unsigned long newflags)
{
	if (newflags == vma->vm_flags)
		return 0;
	if (start > vma->vm_start && split_vma(mm, vma, start, 1))
		return -ENOMEM;
	if (end < vma->vm_end && split_vma(mm, vma, end, 0))
		return -ENOMEM;
	vma->vm_flags = newflags;
	vma->vm_page_prot = vm_get_page_prot(newflags);
	change_protection(vma, start, end);
	vma_merge(mm, vma);
	return 0;
}

long do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long len,
		 unsigned long prot)
{
	unsigned long end, nstart;
	struct vm_area_struct *vma;

	if ((prot & PROT_GROWSDOWN) && (prot & PROT_GROWSUP))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	len = ALIGN_UP(len, PAGE_SIZE);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM |
		     PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	vma = find_vma(mm, start);
	if (!vma)
		return -ENOMEM;
	/* Linux's order: no VMA in reach is -ENOMEM before a VMA that
	 * cannot grow is -EINVAL. */
	if (prot & PROT_GROWSDOWN) { /* from the start of a stack VMA */
		if (vma->vm_start >= end)
			return -ENOMEM;
		if (!(vma->vm_flags & VM_GROWSDOWN))
			return -EINVAL;
		start = vma->vm_start;
	}
	if (vma->vm_start > start)
		return -ENOMEM;
	if (prot & PROT_GROWSUP)
		return -EINVAL; /* no VM_GROWSUP on x86 */
	/* As Linux: VMAs before a hole keep their new protection even when
	 * the call fails with -ENOMEM at the hole. */
	for (nstart = start;;) {
		unsigned long newflags = (vma->vm_flags & ~VM_ACCESS_FLAGS) |
					 calc_vm_prot_bits(prot);
		unsigned long tmp = min(vma->vm_end, end);
		int err;

		/* Only what the VMA may ever allow (VM_MAY*). */
		if ((newflags & ~(newflags >> 4)) & VM_ACCESS_FLAGS)
			return -EACCES;
		err = mprotect_fixup(mm, vma, nstart, tmp, newflags);
		if (err)
			return err;
		nstart = tmp;
		if (nstart >= end)
			return 0;
		/* The next VMA may have merged with the one just changed, so
		 * it can start below nstart; only a gap is a hole. */
		vma = find_vma(mm, nstart);
		if (!vma || vma->vm_start > nstart)
			return -ENOMEM;
	}
}
