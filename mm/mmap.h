/*
 * mm/mmap.h - changing an address space's VMAs: mapping regions, the heap
 * (brk), stack growth and teardown (Linux's mm/mmap.c).
 */
#ifndef MM_MMAP_H
#define MM_MMAP_H

#include "mm/filemap.h"
#include "mm/mm_types.h"

/* The end of user space: the kernel half starts here (DESIGN.md). */
#define TASK_SIZE PAGE_OFFSET
/* Never mapped, so that NULL and small offsets from it fault (Linux's
 * default vm.mmap_min_addr, 64 KiB). */
#define mmap_min_addr 0x10000UL
/* The top of the user stack and its VMA's first size. */
#define STACK_TOP TASK_SIZE
#define STACK_INIT_SIZE (128UL << 10)

/*
 * Map [addr, addr + len) with vm_flags, backed by file from page pgoff
 * (file NULL: anonymous); the range must be free. Merges with compatible
 * neighbours. Returns 0, -EINVAL or -ENOMEM.
 */
int mmap_region(struct mm_struct *mm, struct file *file, unsigned long addr,
		unsigned long len, unsigned long vm_flags, unsigned long pgoff);
/*
 * Move the heap's end to brk as Linux's brk(2) does; returns the new break,
 * or the old one when brk is out of range or memory is short.
 */
unsigned long do_brk(struct mm_struct *mm, unsigned long brk);
/* Unmap [start, start + len): split the VMAs at both ends, free the
 * frames and the page tables left empty. 0 or -ENOMEM. */
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);
/* Grow a VM_GROWSDOWN VMA down to address; 0, or -ENOMEM past the limit
 * or into the VMA below. */
int expand_stack(struct vm_area_struct *vma, unsigned long address);
/*
 * A copy of oldmm for a forked child: the same VMAs, and PTEs that share
 * every frame (copy on write for private writable memory); NULL if out of
 * memory. The caller flushes oldmm's TLB, whose PTEs lost their RW bit.
 */
struct mm_struct *dup_mm(struct mm_struct *oldmm);
/* Unmap and free every VMA and user page table of mm. */
void exit_mmap(struct mm_struct *mm);

#endif
