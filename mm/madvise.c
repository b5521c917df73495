/*
 * mm/madvise.c - advice about a range, with Linux 6.1's answers: which
 * advice values exist, which act (DONTNEED, DONTFORK, WIPEONFORK,
 * POPULATE_*), and which are accepted and ignored here as they change
 * nothing a program can observe (NORMAL, RANDOM, SEQUENTIAL, WILLNEED,
 * FREE, COLD, PAGEOUT, MERGEABLE, HUGEPAGE, DONTDUMP and their opposites).
 */
#include "lib/errno.h"
#include "mm/memory.h"
#include "mm/mman.h"
#include "mm/mmap.h"
#include "mm/vma.h"

/* include/uapi/asm-generic/mman-common.h */
enum {
	MADV_NORMAL = 0,
	MADV_RANDOM = 1,
	MADV_SEQUENTIAL = 2,
	MADV_WILLNEED = 3,
	MADV_DONTNEED = 4,
	MADV_FREE = 8,
	MADV_REMOVE = 9,
	MADV_DONTFORK = 10,
	MADV_DOFORK = 11,
	MADV_MERGEABLE = 12,
	MADV_UNMERGEABLE = 13,
	MADV_HUGEPAGE = 14,
	MADV_NOHUGEPAGE = 15,
	MADV_DONTDUMP = 16,
	MADV_DODUMP = 17,
	MADV_WIPEONFORK = 18,
	MADV_KEEPONFORK = 19,
	MADV_COLD = 20,
	MADV_PAGEOUT = 21,
	MADV_POPULATE_READ = 22,
	MADV_POPULATE_WRITE = 23,
	MADV_COLLAPSE = 25,
};

static bool madvise_behavior_valid(int advice)
{
	switch (advice) {
	case MADV_NORMAL ... MADV_DONTNEED:
	case MADV_FREE ... MADV_POPULATE_WRITE:
	case MADV_COLLAPSE:
		return true;
	default:
		return false;
	}
}

/* Set or clear a flag on [start, end) of vma, splitting it as needed. */
static int madvise_update_flags(struct mm_struct *mm,
				struct vm_area_struct *vma, unsigned long start,
				unsigned long end, unsigned long set,
				unsigned long clear)
{
	unsigned long newflags = (vma->vm_flags | set) & ~clear;

	if (newflags == vma->vm_flags)
		return 0;
	if (start > vma->vm_start && split_vma(mm, vma, start, 1))
		return -EAGAIN; /* Linux's answer when a split fails */
	if (end < vma->vm_end && split_vma(mm, vma, end, 0))
		return -EAGAIN;
	vma->vm_flags = newflags;
	vma_merge(mm, vma);
	return 0;
}

/* Fault every page in as a read or write would; -EFAULT or -ENOMEM. */
static int madvise_populate(struct mm_struct *mm, struct vm_area_struct *vma,
			    unsigned long start, unsigned long end, bool write)
{
	/* Linux 6.1 (check_vma_flags): a mapping that does not allow the
	 * access is "incompatible", -EINVAL; a read needs VM_READ, even
	 * where the CPU would let a write-only page be read. */
	if (!(vma->vm_flags & (write ? VM_WRITE : VM_READ)))
		return -EINVAL;
	for (unsigned long a = start; a < end; a += PAGE_SIZE) {
		vm_fault_t fault =
			handle_mm_fault(mm, a, write ? FAULT_FLAG_WRITE : 0);

		if (fault & VM_FAULT_OOM)
			return -ENOMEM;
		if (fault)
			return -EFAULT;
	}
	return 0;
}

static int madvise_vma(struct mm_struct *mm, struct vm_area_struct *vma,
		       unsigned long start, unsigned long end, int advice)
{
	switch (advice) {
	case MADV_DONTNEED:
		/* Private anonymous pages read back as zeros, file pages as
		 * the file, shared memory as it was: the frames just go. */
		zap_page_range(vma, start, end);
		return 0;
	case MADV_FREE:
		/* Linux may free the pages lazily; keeping them is allowed. */
		return vma->vm_file ? -EINVAL : 0;
	case MADV_REMOVE:
		/* Linux 6.1 (checked on the peer): a file or shared memory is
		 * needed, mapped shared. Punching the hole is not done here. */
		if (!vma->vm_file)
			return -EINVAL;
		if (!(vma->vm_flags & VM_SHARED))
			return -EACCES;
		return -EOPNOTSUPP;
	case MADV_DONTFORK:
		return madvise_update_flags(mm, vma, start, end, VM_DONTCOPY,
					    0);
	case MADV_DOFORK:
		return madvise_update_flags(mm, vma, start, end, 0,
					    VM_DONTCOPY);
	case MADV_WIPEONFORK:
		/* Only private anonymous memory can be wiped. */
		if (vma->vm_file || (vma->vm_flags & VM_SHARED))
			return -EINVAL;
		return madvise_update_flags(mm, vma, start, end, VM_WIPEONFORK,
					    0);
	case MADV_KEEPONFORK:
		return madvise_update_flags(mm, vma, start, end, 0,
					    VM_WIPEONFORK);
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
		return madvise_populate(mm, vma, start, end,
					advice == MADV_POPULATE_WRITE);
	case MADV_COLLAPSE:
		/* No transparent huge pages here (nor on the peer, which
		 * boots with transparent_hugepage=never). */
		return -EINVAL;
	default:
		return 0;
	}
}

long do_madvise(struct mm_struct *mm, unsigned long start, unsigned long len,
		int advice)
{
	unsigned long end, aligned = ALIGN_UP(len, PAGE_SIZE);
	int unmapped_error = 0;

	if (!madvise_behavior_valid(advice))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (len && !aligned)
		return -EINVAL;
	end = start + aligned;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	/* Act on every VMA in the range; a hole is -ENOMEM at the end. */
	while (start < end) {
		struct vm_area_struct *vma = find_vma(mm, start);
		unsigned long tmp;
		int err;

		if (!vma || vma->vm_start >= end)
			return -ENOMEM;
		if (vma->vm_start > start) {
			unmapped_error = -ENOMEM;
			start = vma->vm_start;
		}
		tmp = min(vma->vm_end, end);
		err = madvise_vma(mm, vma, start, tmp, advice);
		if (err)
			return err;
		start = tmp;
	}
	return unmapped_error;
}
