/*
 * kernel/proc_pagemap.c - /proc/PID/pagemap: a process's page tables as
 * Linux shows them (Documentation/admin-guide/mm/pagemap.rst), one u64 per
 * virtual page at file offset (vaddr / PAGE_SIZE) * 8:
 *
 *	bit 63     page present (here: the PTE holds a frame, PROT_NONE too)
 *	bit 62     page swapped (never here)
 *	bit 61     a file page, or shared anonymous memory
 *	bit 56     page exclusively mapped (by this one PTE)
 *	bits 0-54  the page frame number
 *
 * Read from the page tables at each read(), not at open: a program can
 * watch a fork share its frames and a write split them. Linux shows PFNs
 * only to CAP_SYS_ADMIN; everyone is root here. The file is bound to the
 * process (its pid), not, as Linux's, to the address space it had at
 * open: after an execve Linux's reads return 0, here they show the new
 * program's pages.
 */
#include "arch/uaccess.h"
#include "kernel/proc_internal.h"
#include "lib/errno.h"
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/mmzone.h"

/* Linux's fs/proc/task_mmu.c. */
#define PM_ENTRY_BYTES sizeof(u64)
#define PM_PFRAME_BITS 55
#define PM_PFRAME_MASK ((1ULL << PM_PFRAME_BITS) - 1)
#define PM_MMAP_EXCLUSIVE (1ULL << 56)
#define PM_FILE (1ULL << 61)
#define PM_PRESENT (1ULL << 63)

/* Entries made at once on the kernel stack, between copies out. */
#define PAGEMAP_BATCH 64

/* The entry of addr in mm (Linux's pte_to_pagemap_entry()). */
static u64 pagemap_entry(struct mm_struct *mm, unsigned long addr)
{
	pte_t *ptep = pte_offset(mm, addr);
	const struct page *page;
	u64 pme;

	if (!ptep || !pte_mapped(*ptep))
		return 0;
	page = pfn_to_page(pte_pfn(*ptep));
	pme = PM_PRESENT | (pte_pfn(*ptep) & PM_PFRAME_MASK);
	if (page->mapping)
		pme |= PM_FILE;
	if (page->_mapcount == 0) /* page_mapcount() == 1 */
		pme |= PM_MMAP_EXCLUSIVE;
	return pme;
}

/*
 * Linux's pagemap_read(): the position and the count must be multiples of
 * the entry size (EINVAL); past the end of user space there is nothing.
 */
static long pagemap_read(struct file *f, char *ubuf, unsigned long count)
{
	const struct proc_file *pf = f->private_data;
	unsigned long vpn = (unsigned long)(f->f_pos / PM_ENTRY_BYTES);
	unsigned long done = 0;

	if (f->f_pos % PM_ENTRY_BYTES || count % PM_ENTRY_BYTES)
		return -EINVAL;
	while (count > done && vpn < (TASK_SIZE >> PAGE_SHIFT)) {
		/* Found again each time: a copy out may fault and sleep. */
		struct task_struct *task = find_task_by_pid(pf->pi.pid);
		u64 pme[PAGEMAP_BATCH];
		unsigned long n = min((count - done) / PM_ENTRY_BYTES,
				      (unsigned long)PAGEMAP_BATCH);

		if (!task || !task->mm) /* the process is gone */
			break;
		n = min(n, (TASK_SIZE >> PAGE_SHIFT) - vpn);
		for (unsigned long i = 0; i < n; i++)
			pme[i] = pagemap_entry(task->mm, (vpn + i)
								 << PAGE_SHIFT);
		if (copy_to_user(ubuf + done, pme, n * PM_ENTRY_BYTES))
			return -EFAULT;
		done += n * PM_ENTRY_BYTES;
		vpn += n;
		f->f_pos = (unsigned long long)vpn * PM_ENTRY_BYTES;
	}
	return (long)done;
}

/*
 * Linux's mem_lseek(): SEEK_SET and SEEK_CUR, anywhere at all. A negative
 * position is kept and returned as it is, which lseek's caller takes for
 * an error number (Linux's force_successful_syscall_return() does nothing
 * on i386); a read there is EINVAL.
 */
static loff_t mem_lseek(struct file *f, loff_t offset, int whence)
{
	if (whence == SEEK_CUR)
		offset += (loff_t)f->f_pos;
	else if (whence != SEEK_SET)
		return -EINVAL;
	f->f_pos = (unsigned long long)offset;
	return offset;
}

const struct file_operations proc_pagemap_fops = {
	.read = pagemap_read,
	.stat = proc_file_stat,
	.llseek = mem_lseek,
};
