/*
 * mm/mincore.c - which pages of a range are resident: a PTE holding a frame
 * says yes; without one, a file page says what the page cache holds and an
 * anonymous page says no (Linux's mincore_pte_range).
 */
#include "arch/uaccess.h"
#include "lib/errno.h"
#include "mm/filemap.h"
#include "mm/memory.h"
#include "mm/mman.h"
#include "mm/mmap.h"
#include "mm/vma.h"

static unsigned char mincore_page(struct vm_area_struct *vma,
				  unsigned long addr)
{
	pte_t *ptep = pte_offset(vma->vm_mm, addr);

	if (ptep && pte_mapped(*ptep))
		return 1;
	if (vma->vm_file) {
		struct address_space *mapping = vma->vm_file->f_mapping;
		unsigned long index =
			vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);

		if (mapping->resident)
			return index < mapping->nr_pages;
		return find_page(mapping, index) != NULL;
	}
	return 0;
}

long do_mincore(struct mm_struct *mm, unsigned long start, unsigned long len,
		unsigned char *vec)
{
	unsigned long pages;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	/* A range reaching into the kernel half is not mapped (Linux). */
	if (!access_ok((void *)start, len))
		return -ENOMEM;
	pages = (len >> PAGE_SHIFT) + ((len & ~PAGE_MASK) != 0);
	if (!access_ok(vec, pages))
		return -EFAULT;
	for (unsigned long i = 0; i < pages;) {
		unsigned long addr = start + (i << PAGE_SHIFT);
		struct vm_area_struct *vma = find_vma(mm, addr);

		if (!vma || addr < vma->vm_start)
			return -ENOMEM;
		for (; i < pages && addr < vma->vm_end;
		     i++, addr += PAGE_SIZE) {
			unsigned char v = mincore_page(vma, addr);

			if (copy_to_user(vec + i, &v, 1))
				return -EFAULT;
		}
	}
	return 0;
}
