/*
 * mm/mman.h - the memory system calls' work, in the order and with the
 * answers of Linux's (mm/mmap.c, mprotect.c, madvise.c, mincore.c,
 * mremap.c). Constants from include/uapi/asm-generic/mman-common.h.
 */
#ifndef MM_MMAN_H
#define MM_MMAN_H

#include "mm/filemap.h"
#include "mm/mm_types.h"

#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define PROT_SEM 0x8
#define PROT_GROWSDOWN 0x01000000
#define PROT_GROWSUP 0x02000000

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE 0x0f
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_GROWSDOWN 0x0100
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000
#define MAP_FIXED_NOREPLACE 0x100000

#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2
#define MREMAP_DONTUNMAP 4

/* Where top-down mmap starts: 128 MiB below the top of user space
 * (DESIGN.md; Linux's MIN_GAP), leaving room for the stack to grow. */
#define MMAP_BASE (TASK_SIZE - (128UL << 20))

/* The VM_* access flags of PROT_* bits (Linux's calc_vm_prot_bits). */
static inline unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) |
	       (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

/* Results that are addresses or -errno, as Linux's IS_ERR_VALUE. */
#define IS_ERR_VALUE(x) ((unsigned long)(x) >= (unsigned long)-4095)

/* Where len bytes can go (MAP_FIXED: addr itself), or -errno. */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr,
				unsigned long len, unsigned long flags);
/* mmap: the new mapping's address, or -errno (file NULL: anonymous). */
unsigned long do_mmap(struct mm_struct *mm, struct file *file,
		      unsigned long addr, unsigned long len, unsigned long prot,
		      unsigned long flags, unsigned long pgoff);
/* munmap's argument checks, then do_munmap: 0 or -errno. */
long vm_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);
long do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long len,
		 unsigned long prot);
long do_madvise(struct mm_struct *mm, unsigned long start, unsigned long len,
		int advice);
/* mincore: one byte per page into the user vector vec. */
long do_mincore(struct mm_struct *mm, unsigned long start, unsigned long len,
		unsigned char *vec);
/* mremap: the (possibly new) address of the mapping, or -errno. */
unsigned long do_mremap(struct mm_struct *mm, unsigned long addr,
			unsigned long old_len, unsigned long new_len,
			unsigned long flags, unsigned long new_addr);
/* Pages of RAM the overcommit heuristic compares a mapping with. */
unsigned long totalram_pages(void);

/* An anonymous shared object of size bytes (MAP_SHARED|MAP_ANONYMOUS):
 * zero-filled pages that every process mapping it shares; NULL if OOM. */
struct file *shmem_file_setup(unsigned long size);

#endif
