/*
 * mm/mmap.c - changing the VMAs of an address space. These functions only
 * agree on ranges (VMAs); frames arrive later, at the first touch
 * (mm/memory.c), except on shrinking, where the frames go at once.
 */
#include "lib/errno.h"
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/vma.h"

/* Linux's stack_guard_gap: a growing stack keeps this far from the VMA
 * below it (256 pages). */
#define STACK_GUARD_GAP (256UL << PAGE_SHIFT)

int mmap_region(struct mm_struct *mm, struct file *file, unsigned long addr,
		unsigned long len, unsigned long vm_flags, unsigned long pgoff)
{
	struct vm_area_struct *vma;

	len = ALIGN_UP(len, PAGE_SIZE);
	if ((addr & ~PAGE_MASK) || !len || addr < mmap_min_addr ||
	    addr + len > TASK_SIZE || addr + len < addr)
		return -EINVAL;
	if (find_vma_intersection(mm, addr, addr + len))
		return -EINVAL;
	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	/* What mprotect may allow later: everything, for private memory. */
	vma->vm_flags = vm_flags | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vma->vm_file = file;
	vma->vm_pgoff = pgoff;
	if (file)
		file->f_count++;
	insert_vm_struct(mm, vma);
	vma_merge(mm, vma);
	return 0;
}

unsigned long do_brk(struct mm_struct *mm, unsigned long brk)
{
	unsigned long old_end = ALIGN_UP(mm->brk, PAGE_SIZE);
	unsigned long new_end = ALIGN_UP(brk, PAGE_SIZE);

	/* Linux: a break below the start of the heap (or absurd) is ignored. */
	if (brk < mm->start_brk || brk > TASK_SIZE)
		return mm->brk;
	if (new_end == old_end) {
		mm->brk = brk;
		return brk;
	}
	if (new_end < old_end) {
		/* Shrink: unlike qemu-user, Linux gives the frames back now. */
		if (do_munmap(mm, new_end, old_end - new_end))
			return mm->brk;
		mm->brk = brk;
		return brk;
	}
	/* Grow: the new range must be free, and keep clear of the stack. */
	if (find_vma_intersection(mm, old_end, new_end + PAGE_SIZE))
		return mm->brk;
	if (mmap_region(mm, NULL, old_end, new_end - old_end,
			VM_READ | VM_WRITE, 0))
		return mm->brk;
	mm->brk = brk;
	return brk;
}

static void remove_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	zap_page_range(vma, vma->vm_start, vma->vm_end);
	vma_unlink(mm, vma);
	if (vma->vm_file)
		vma->vm_file->f_count--;
	vm_area_free(vma);
}

int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	unsigned long end = start + ALIGN_UP(len, PAGE_SIZE);
	struct vm_area_struct *vma = find_vma(mm, start), *last;

	if (!vma || vma->vm_start >= end)
		return 0;
	/* Cut the VMAs that stick out at either end, then drop the middle. */
	if (vma->vm_start < start && split_vma(mm, vma, start, 0))
		return -ENOMEM;
	last = find_vma(mm, end - 1);
	if (last && last->vm_start < end && last->vm_end > end &&
	    split_vma(mm, last, end, 1))
		return -ENOMEM;
	for (vma = find_vma(mm, start); vma && vma->vm_start < end;
	     vma = find_vma(mm, start))
		remove_vma(mm, vma);
	free_pgtables(mm, start, end);
	return 0;
}

int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long start = address & PAGE_MASK;

	if (vma->vm_end - start > STACK_LIMIT)
		return -ENOMEM;
	if (vma->vm_prev && vma->vm_prev->vm_end + STACK_GUARD_GAP > start)
		return -ENOMEM;
	if (start < mmap_min_addr)
		return -ENOMEM;
	/* Unlink and relink: the tree is keyed by vm_start. */
	vma_unlink(mm, vma);
	vma->vm_pgoff -= (vma->vm_start - start) >> PAGE_SHIFT;
	vma->vm_start = start;
	insert_vm_struct(mm, vma);
	mm->stat.stack_grow++;
	return 0;
}

struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();

	if (!mm)
		return NULL;
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_data = oldmm->start_data;
	mm->end_data = oldmm->end_data;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	for (struct vm_area_struct *old = oldmm->mmap; old;
	     old = old->vm_next) {
		struct vm_area_struct *vma = vm_area_alloc(mm);

		if (!vma)
			goto fail;
		*vma = *old;
		vma->vm_mm = mm;
		if (vma->vm_file)
			vma->vm_file->f_count++;
		insert_vm_struct(mm, vma);
		if (copy_page_range(mm, oldmm, vma))
			goto fail;
	}
	return mm;
fail:
	mmput(mm);
	return NULL;
}

void exit_mmap(struct mm_struct *mm)
{
	while (mm->mmap)
		remove_vma(mm, mm->mmap);
	free_pgtables(mm, 0, TASK_SIZE);
}
