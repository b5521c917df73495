/*
 * mm/mmap.c - changing the VMAs of an address space. These functions only
 * agree on ranges (VMAs); frames arrive later, at the first touch
 * (mm/memory.c), except on shrinking, where the frames go at once.
 */
#include "lib/errno.h"
#include "mm/gfp.h"
#include "mm/memory.h"
#include "mm/mman.h"
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
	/* What mprotect may allow later: everything, except writing to a
	 * shared mapping of a file not open for writing. */
	vma->vm_flags = vm_flags | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	if (file && (vm_flags & VM_SHARED) && !(file->f_mode & FMODE_WRITE))
		vma->vm_flags &= ~VM_MAYWRITE;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vma->vm_file = file;
	vma->vm_pgoff = pgoff;
	if (file)
		get_file(file);
	insert_vm_struct(mm, vma);
	vma_merge(mm, vma);
	return 0;
}

/* Where a VMA starts for new mappings: a stack keeps STACK_GUARD_GAP
 * free below itself to grow into (Linux's vm_start_gap). */
static unsigned long vm_start_gap(const struct vm_area_struct *vma)
{
	if (!(vma->vm_flags & VM_GROWSDOWN))
		return vma->vm_start;
	return vma->vm_start > STACK_GUARD_GAP ?
		       vma->vm_start - STACK_GUARD_GAP :
		       0;
}

unsigned long do_brk(struct mm_struct *mm, unsigned long brk)
{
	unsigned long old_end = ALIGN_UP(mm->brk, PAGE_SIZE);
	unsigned long new_end = ALIGN_UP(brk, PAGE_SIZE);
	struct vm_area_struct *next;

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
	/* Grow: the new range must be free, a page short of the next VMA
	 * and of its guard gap if it is a stack (Linux's brk); and, as any
	 * private writable memory, no larger than all of RAM (overcommit's
	 * heuristic mode, as in do_mmap). */
	next = find_vma(mm, old_end);
	if (next && new_end + PAGE_SIZE > vm_start_gap(next))
		return mm->brk;
	if ((new_end - old_end) >> PAGE_SHIFT > totalram_pages())
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
		fput(vma->vm_file);
	vm_area_free(vma);
}

int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	unsigned long end = start + ALIGN_UP(len, PAGE_SIZE);
	struct vm_area_struct *vma, *last;

	/* Linux's checks (do_mas_munmap): a range that is not all in the
	 * user half, or wraps, is -EINVAL for every caller (mremap too). */
	if ((start & ~PAGE_MASK) || start > TASK_SIZE ||
	    len > TASK_SIZE - start || end == start)
		return -EINVAL;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start >= end)
		return 0;
	/*
	 * Cut the VMAs that stick out at either end, then drop the middle.
	 * A hole inside one VMA leaves one VMA more, refused at the limit;
	 * cutting an end leaves as many as before, so it is allowed even at
	 * the limit, which the count passes only on the way (Linux's
	 * do_mas_align_munmap).
	 */
	if (vma->vm_start < start && end < vma->vm_end &&
	    mm->map_count >= MAX_MAP_COUNT)
		return -ENOMEM;
	if (vma->vm_start < start && __split_vma(mm, vma, start, 0))
		return -ENOMEM;
	last = find_vma(mm, end - 1);
	if (last && last->vm_start < end && last->vm_end > end &&
	    __split_vma(mm, last, end, 1))
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
	/* Linux: the gap is kept from the VMA below unless it is a stack too
	 * or inaccessible (PROT_NONE). */
	if (vma->vm_prev && !(vma->vm_prev->vm_flags & VM_GROWSDOWN) &&
	    (vma->vm_prev->vm_flags & VM_ACCESS_FLAGS) &&
	    start - vma->vm_prev->vm_end < STACK_GUARD_GAP)
		return -ENOMEM;
	if (vma->vm_prev && vma->vm_prev->vm_end > start)
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
		struct vm_area_struct *vma;

		if (old->vm_flags & VM_DONTCOPY) /* MADV_DONTFORK */
			continue;
		vma = vm_area_alloc(mm);
		if (!vma)
			goto fail;
		*vma = *old;
		vma->vm_mm = mm;
		if (vma->vm_file)
			get_file(vma->vm_file);
		insert_vm_struct(mm, vma);
		/* MADV_WIPEONFORK: the child starts with fresh zero pages. */
		if (!(vma->vm_flags & VM_WIPEONFORK) &&
		    copy_page_range(mm, oldmm, vma))
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

unsigned long totalram_pages(void)
{
	unsigned long n = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		n += zones[z].managed_pages;
	return n;
}

/*
 * Where a mapping of len bytes goes: the fixed address, else the hint if
 * that range is free, else the highest free range below MMAP_BASE (Linux's
 * top-down layout, so the heap below and the mmap area above grow toward
 * each other).
 */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr,
				unsigned long len, unsigned long flags)
{
	unsigned long gap_end = MMAP_BASE;
	struct vm_area_struct *vma;

	if (len > TASK_SIZE - mmap_min_addr)
		return -ENOMEM;
	if (flags & MAP_FIXED) {
		/* Linux's get_unmapped_area takes the address it is given
		 * for an error code when it is one: MAP_FIXED at 0xffffffff
		 * is -EPERM (-1), at 0xfffffff4 -ENOMEM. */
		if (IS_ERR_VALUE(addr))
			return addr;
		if (addr > TASK_SIZE - len)
			return -ENOMEM;
		return (addr & ~PAGE_MASK) ? (unsigned long)-EINVAL : addr;
	}
	if (addr) {
		addr = ALIGN_UP(addr, PAGE_SIZE);
		vma = find_vma(mm, addr);
		if (addr <= TASK_SIZE - len && addr >= mmap_min_addr &&
		    (!vma || addr + len <= vm_start_gap(vma)))
			return addr;
	}
	/* Walk down from the top, looking at the gap below each VMA. */
	for (vma = mm->mmap; vma && vma->vm_next; vma = vma->vm_next)
		;
	for (; vma; vma = vma->vm_prev) {
		if (vma->vm_start >= gap_end)
			continue;
		if (vma->vm_end <= gap_end && gap_end - vma->vm_end >= len)
			return gap_end - len;
		gap_end = vm_start_gap(vma);
	}
	return gap_end - mmap_min_addr >= len ? gap_end - len :
						(unsigned long)-ENOMEM;
}

/* Fault in every page now (MAP_POPULATE): writes for private writable
 * memory, so that no COW is left for later. Failures are not reported. */
static void populate(struct mm_struct *mm, unsigned long addr,
		     unsigned long len, unsigned long vm_flags)
{
	unsigned int flags = (vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE ?
				     FAULT_FLAG_WRITE :
				     0;

	for (unsigned long a = addr; a < addr + len; a += PAGE_SIZE)
		if (handle_mm_fault(mm, a, flags))
			break;
}

/*
 * Linux's file_mmap_ok(): can the file have the offsets mapped? A regular
 * file's reach 44 bits on i386 (MAX_LFS_FILESIZE, ULONG_MAX pages), any
 * other file's 32 (a directory's, the terminal's): -EOVERFLOW beyond.
 */
static bool file_mmap_ok(const struct file *file, unsigned long pgoff,
			 unsigned long len)
{
	u64 maxsize = file->f_mapping ? (u64)~0UL << PAGE_SHIFT : ~0UL;

	return pgoff <= (maxsize - len) >> PAGE_SHIFT;
}

/*
 * The flags MAP_SHARED_VALIDATE accepts from a file (Linux's
 * LEGACY_MAP_MASK; our files have no mmap_supported_flags): the types,
 * FIXED, ANONYMOUS, 32BIT, GROWSDOWN, DENYWRITE, EXECUTABLE, LOCKED,
 * NORESERVE, POPULATE, NONBLOCK, STACK, HUGETLB, UNINITIALIZED and the
 * huge page sizes (bits 26-30). Not FIXED_NOREPLACE, nor SYNC.
 */
#define LEGACY_MAP_MASK 0x7c07f973UL

/*
 * A file mapping's type and access, in the order Linux 6.1 answers them
 * (checked on the peer): the type, unknown flags, write access to a
 * shared mapping, a file that cannot be mapped, then growing, which only
 * anonymous memory does.
 */
static int check_file_map_type(const struct file *file, unsigned long flags,
			       unsigned long prot, unsigned long *vm_flags)
{
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
	case MAP_SHARED_VALIDATE:
		if ((flags & MAP_TYPE) == MAP_SHARED_VALIDATE &&
		    (flags & ~LEGACY_MAP_MASK))
			return -EOPNOTSUPP;
		if ((prot & PROT_WRITE) && !(file->f_mode & FMODE_WRITE))
			return -EACCES;
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		break;
	case MAP_PRIVATE:
		break;
	default:
		return -EINVAL;
	}
	if (!(file->f_mode & FMODE_READ))
		return -EACCES;
	if (!file->f_mapping)
		return -ENODEV; /* the terminal, a directory */
	if (*vm_flags & VM_GROWSDOWN)
		return -EINVAL;
	return 0;
}

unsigned long do_mmap(struct mm_struct *mm, struct file *file,
		      unsigned long addr, unsigned long len, unsigned long prot,
		      unsigned long flags, unsigned long pgoff)
{
	unsigned long vm_flags;
	int err;

	if (!len)
		return -EINVAL;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	/* A hint below mmap_min_addr is moved up to it (round_hint_to_min). */
	if (!(flags & MAP_FIXED)) {
		addr &= PAGE_MASK;
		if (addr && addr < mmap_min_addr)
			addr = ALIGN_UP(mmap_min_addr, PAGE_SIZE);
	}
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (mm->map_count > MAX_MAP_COUNT)
		return -ENOMEM;
	addr = get_unmapped_area(mm, addr, len, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if ((flags & MAP_FIXED_NOREPLACE) &&
	    find_vma_intersection(mm, addr, addr + len))
		return -EEXIST;
	/* Linux's security_mmap_addr(): the low 64 KiB stay unmapped. */
	if (addr < mmap_min_addr)
		return -EPERM;
	vm_flags = calc_vm_prot_bits(prot) |
		   (flags & MAP_GROWSDOWN ? VM_GROWSDOWN : 0);
	if (file && !file_mmap_ok(file, pgoff, len))
		return -EOVERFLOW;
	if (file) {
		err = check_file_map_type(file, flags, prot, &vm_flags);
		if (err)
			return err;
	} else {
		switch (flags & MAP_TYPE) {
		case MAP_SHARED:
			if (vm_flags & VM_GROWSDOWN)
				return -EINVAL;
			vm_flags |= VM_SHARED | VM_MAYSHARE;
			break;
		case MAP_PRIVATE:
			break;
		default: /* MAP_SHARED_VALIDATE too: for files only */
			return -EINVAL;
		}
	}
	/* Overcommit, Linux's heuristic mode: only a single mapping larger
	 * than all of RAM (there is no swap) is refused outright. */
	if (!(flags & MAP_NORESERVE) && (vm_flags & VM_WRITE) &&
	    (len >> PAGE_SHIFT) > totalram_pages())
		return -ENOMEM;
	if (flags & MAP_FIXED) { /* replaces whatever was there */
		err = do_munmap(mm, addr, len);
		if (err)
			return err;
	}
	if (!file && (vm_flags & VM_SHARED)) {
		file = shmem_file_setup(len);
		if (!file)
			return -ENOMEM;
		pgoff = 0;
		err = mmap_region(mm, file, addr, len, vm_flags, pgoff);
		fput(file); /* the VMA holds its own reference */
	} else {
		err = mmap_region(mm, file, addr, len, vm_flags, pgoff);
	}
	if (err)
		return err;
	if (flags & MAP_POPULATE)
		populate(mm, addr, len, vm_flags);
	return addr;
}

long vm_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	if ((start & ~PAGE_MASK) || start > TASK_SIZE ||
	    len > TASK_SIZE - start)
		return -EINVAL;
	return do_munmap(mm, start, len);
}
