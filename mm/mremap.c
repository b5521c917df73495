/*
 * mm/mremap.c - resizing and moving a mapping. Moving takes the PTEs to the
 * new place as they are: the frames and their contents never move or get
 * copied, only the entries that point at them.
 */
#include "lib/errno.h"
#include "mm/memory.h"
#include "mm/mman.h"
#include "mm/mmap.h"
#include "mm/vma.h"

/*
 * A move stays 4 VMAs below the limit (Linux's move_vma and mremap_to):
 * it adds one, and the unmaps around it may split others, and once it has
 * begun it cannot be taken back.
 */
#define MREMAP_MAX_MAP_COUNT (MAX_MAP_COUNT - 3)

/* Move the PTEs of [old, old + len) to new; -ENOMEM if a page table for
 * the new place cannot be had (what moved so far is moved back). */
static int move_page_tables(struct mm_struct *mm, unsigned long old,
			    unsigned long new, unsigned long len)
{
	for (unsigned long off = 0; off < len; off += PAGE_SIZE) {
		pte_t *src = pte_offset(mm, old + off), *dst;

		if (!src || !pte_mapped(*src))
			continue;
		dst = pte_alloc(mm, new + off);
		if (!dst)
			return -ENOMEM;
		*dst = *src;
		*src = 0;
	}
	flush_tlb_mm(mm);
	return 0;
}

/*
 * Give vma's [addr, addr + old_len) a new home of new_len at new_addr.
 * keep_old (MREMAP_DONTUNMAP): the old range stays mapped, emptied: its
 * next touch faults in zeros, or the file's or shared memory's pages.
 */
static unsigned long move_vma(struct mm_struct *mm, struct vm_area_struct *vma,
			      unsigned long addr, unsigned long old_len,
			      unsigned long new_len, unsigned long new_addr,
			      bool keep_old)
{
	unsigned long pgoff =
		vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	/* mmap_region() works out the MAY bits again, but for MAYSHARE:
	 * a shared mapping stays one where it moves (Linux's copy_vma). */
	unsigned long flags = vma->vm_flags &
			      ~(VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC);
	struct file *file = vma->vm_file;
	int err;

	if (mm->map_count >= MREMAP_MAX_MAP_COUNT)
		return -ENOMEM;
	err = mmap_region(mm, file, new_addr, new_len, flags, pgoff);
	if (err)
		return err;
	err = move_page_tables(mm, addr, new_addr, min(old_len, new_len));
	if (err) {
		do_munmap(mm, new_addr, new_len);
		return err;
	}
	/* The old range has no PTEs left: unmapping it frees nothing. */
	if (!keep_old)
		do_munmap(mm, addr, old_len);
	return new_addr;
}

unsigned long do_mremap(struct mm_struct *mm, unsigned long addr,
			unsigned long old_len, unsigned long new_len,
			unsigned long flags, unsigned long new_addr)
{
	struct vm_area_struct *vma, *next;
	int err;

	if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	/* MREMAP_DONTUNMAP is a move, never a resize (the lengths as given,
	 * before rounding, as Linux compares them). */
	if ((flags & MREMAP_DONTUNMAP) &&
	    (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = ALIGN_UP(old_len, PAGE_SIZE);
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	if (!new_len)
		return -EINVAL;
	/* Linux 6.1's order: the VMA at addr first (nothing else changes
	 * when it is missing), then a move to a fixed place, then a shrink
	 * (any range will do), then growing, which needs one VMA. */
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr)
		return -EFAULT;
	if (flags & MREMAP_FIXED) {
		if ((new_addr & ~PAGE_MASK) || new_len > TASK_SIZE ||
		    new_addr > TASK_SIZE - new_len)
			return -EINVAL;
		if (addr + old_len > new_addr && new_addr + new_len > addr)
			return -EINVAL; /* the ranges overlap */
		/* Both unmaps below may split a VMA in three. */
		if (mm->map_count + 2 >= MREMAP_MAX_MAP_COUNT)
			return -ENOMEM;
		err = do_munmap(mm, new_addr, new_len);
		if (err)
			return err;
		if (old_len > new_len) {
			err = do_munmap(mm, addr + new_len, old_len - new_len);
			if (err)
				return err;
			old_len = new_len;
		}
	} else if (old_len >= new_len && !(flags & MREMAP_DONTUNMAP)) {
		/* The cut-off tail goes: -EINVAL if it is no range at all
		 * (an old_len that wraps past 4 GiB). */
		if (old_len > new_len) {
			err = do_munmap(mm, addr + new_len, old_len - new_len);
			if (err)
				return err;
		}
		return addr;
	}
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr || old_len > vma->vm_end - addr)
		return -EFAULT;
	if (!old_len) {
		/* A second mapping of the same shared pages. */
		if (!(vma->vm_flags & VM_SHARED))
			return -EINVAL;
		if (!(flags & MREMAP_MAYMOVE))
			return -ENOMEM;
		if (!(flags & MREMAP_FIXED)) {
			new_addr = get_unmapped_area(mm, 0, new_len, 0);
			if (IS_ERR_VALUE(new_addr))
				return new_addr;
		} else if (new_addr < mmap_min_addr) {
			return -EPERM;
		}
		if (mm->map_count >= MREMAP_MAX_MAP_COUNT)
			return -ENOMEM; /* as move_vma, which Linux goes through */
		err = mmap_region(
			mm, vma->vm_file, new_addr, new_len,
			vma->vm_flags &
				(VM_ACCESS_FLAGS | VM_SHARED | VM_MAYSHARE),
			vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT));
		return err ? (unsigned long)err : new_addr;
	}
	/* Grow in place when the VMA ends here and the space after is free. */
	if (!(flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) &&
	    addr + old_len == vma->vm_end) {
		next = vma->vm_next;
		if ((!next || next->vm_start >= addr + new_len) &&
		    addr + new_len <= TASK_SIZE && addr + new_len > addr) {
			vma_unlink(mm, vma);
			vma->vm_end = addr + new_len;
			insert_vm_struct(mm, vma);
			return addr;
		}
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	if (!(flags & MREMAP_FIXED)) {
		/* DONTUNMAP takes new_addr as a hint (Linux's mremap_to) */
		new_addr = get_unmapped_area(
			mm, flags & MREMAP_DONTUNMAP ? new_addr & PAGE_MASK : 0,
			new_len, 0);
		if (IS_ERR_VALUE(new_addr))
			return new_addr;
	} else if (new_addr < mmap_min_addr) {
		/* Linux's security_mmap_addr(), in get_unmapped_area: after
		 * the old range's checks, and after the unmapping. */
		return -EPERM;
	}
	return move_vma(mm, vma, addr, old_len, new_len, new_addr,
			flags & MREMAP_DONTUNMAP);
}
