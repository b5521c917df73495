/*
 * kernel/proc_task_mmu.c - a process's memory as /proc shows it, in Linux's
 * formats (its fs/proc/task_mmu.c): maps, one line per VMA; smaps, the same
 * lines each followed by what the page tables hold in that VMA; status,
 * who the process is and the Vm* totals.
 */
#include "kernel/proc_internal.h"
#include "lib/errno.h"
#include "mm/filemap.h"
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/mmzone.h"
#include "mm/vma.h"

/* Linux's show_map_vma() pads the line to this width before the name:
 * 25 + 6 * sizeof(void *) - 1 columns, then one space. */
#define MAPS_NAME_COLUMN (25 + 6 * 4 - 1)
/* The initrd's device, as Linux's rootfs shows it; shared anonymous
 * memory's, as Linux's shmem shows it. */
#define INITRD_DEV_MINOR 2
#define SHMEM_DEV_MINOR 1

/* One line of /proc/PID/maps, exactly as Linux's show_map_vma(). */
static void show_map_vma(struct seq_buf *s, const struct mm_struct *mm,
			 const struct vm_area_struct *vma)
{
	const char *name = NULL;
	unsigned long ino = 0, minor = 0, start = s->len;
	unsigned long long pgoff = 0;
	char perms[5];

	if (vma->vm_file) {
		name = vma->vm_file->f_path;
		ino = vma->vm_file->f_ino;
		/* An initrd file, or shared anonymous memory (00:01). */
		minor = ino ? INITRD_DEV_MINOR : SHMEM_DEV_MINOR;
		pgoff = (unsigned long long)vma->vm_pgoff << PAGE_SHIFT;
	} else if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk) {
		name = "[heap]";
	} else if (vma->vm_start <= mm->start_stack &&
		   vma->vm_end >= mm->start_stack) {
		name = "[stack]";
	}
	vma_perms(vma->vm_flags, perms);
	seq_buf_printf(s, "%08lx-%08lx %s %08llx %02x:%02lx %lu ",
		       vma->vm_start, vma->vm_end, perms, pgoff, 0, minor, ino);
	if (name) {
		while (s->len - start < MAPS_NAME_COLUMN)
			seq_buf_printf(s, " ");
		seq_buf_printf(s, " %s", name);
	}
	seq_buf_printf(s, "\n");
}

/* A task that has exited has no memory left: its files are empty, as
 * Linux's are. */
long show_maps(struct seq_buf *s, struct task_struct *task)
{
	if (!task->mm)
		return 0;
	for (const struct vm_area_struct *vma = task->mm->mmap; vma;
	     vma = vma->vm_next)
		show_map_vma(s, task->mm, vma);
	return 0;
}

/* --- smaps ----------------------------------------------------------------- */

/*
 * Proportional set size: each page counts 1/mapcount to every process
 * that maps it, in fixed point with PSS_SHIFT fraction bits so that the
 * sum of many small shares keeps its precision (Linux's PSS_SHIFT).
 */
#define PSS_SHIFT 12

/* What a VMA's page tables hold, in bytes (Linux's mem_size_stats). */
struct mem_size_stats {
	unsigned long resident;
	unsigned long shared_clean, shared_dirty;
	unsigned long private_clean, private_dirty;
	unsigned long referenced;
	unsigned long anonymous;
	u64 pss, pss_dirty;
};

/*
 * One mapped page (Linux's smaps_account()). A frame mapped by more than
 * one PTE is shared: page_mapcount() is _mapcount + 1 (mm/memory.c's
 * reference counts). Dirty and referenced come from the PTE's bits; a page
 * with no page-cache mapping is anonymous, private copies of file pages
 * included.
 */
static void smaps_account(struct mem_size_stats *mss, pte_t pte)
{
	const struct page *page = pfn_to_page(pte_pfn(pte));
	int mapcount = page->_mapcount + 1;
	u64 pss = (u64)PAGE_SIZE << PSS_SHIFT;
	bool dirty = pte & _PAGE_DIRTY;

	mss->resident += PAGE_SIZE;
	if (!page->mapping)
		mss->anonymous += PAGE_SIZE;
	if (pte & _PAGE_ACCESSED)
		mss->referenced += PAGE_SIZE;
	if (mapcount >= 2)
		pss /= (unsigned int)mapcount;
	mss->pss += pss;
	if (dirty)
		mss->pss_dirty += pss;
	if (mapcount >= 2) {
		if (dirty)
			mss->shared_dirty += PAGE_SIZE;
		else
			mss->shared_clean += PAGE_SIZE;
	} else {
		if (dirty)
			mss->private_dirty += PAGE_SIZE;
		else
			mss->private_clean += PAGE_SIZE;
	}
}

static void smap_gather_stats(struct vm_area_struct *vma,
			      struct mem_size_stats *mss)
{
	for (unsigned long addr = vma->vm_start; addr < vma->vm_end;
	     addr += PAGE_SIZE) {
		pte_t *ptep = pte_offset(vma->vm_mm, addr);

		if (!ptep) { /* no page table: nothing mapped in 4 MiB */
			addr = (addr & PGDIR_MASK) + PGDIR_SIZE - PAGE_SIZE;
			continue;
		}
		/* A PROT_NONE page still holds its frame (Linux counts it). */
		if (pte_mapped(*ptep))
			smaps_account(mss, *ptep);
	}
}

/* Linux's SEQ_PUT_DEC: a label, then kB right-aligned in 8 columns. */
static void put_kb(struct seq_buf *s, const char *label, u64 bytes)
{
	seq_buf_printf(s, "%s%8llu kB\n", label, bytes >> 10);
}

/* Linux's show_smap_vma_flags(): two letters per vm_flags bit, in bit
 * order, for the flags this kernel has. */
static void show_smap_vma_flags(struct seq_buf *s,
				const struct vm_area_struct *vma)
{
	static const struct {
		unsigned long flag;
		char mnemonic[3];
	} mnemonics[] = {
		{ VM_READ, "rd" },	 { VM_WRITE, "wr" },
		{ VM_EXEC, "ex" },	 { VM_SHARED, "sh" },
		{ VM_MAYREAD, "mr" },	 { VM_MAYWRITE, "mw" },
		{ VM_MAYEXEC, "me" },	 { VM_MAYSHARE, "ms" },
		{ VM_GROWSDOWN, "gd" },	 { VM_DONTCOPY, "dc" },
		{ VM_WIPEONFORK, "wf" },
	};

	seq_buf_printf(s, "VmFlags: ");
	for (unsigned int i = 0; i < ARRAY_SIZE(mnemonics); i++)
		if (vma->vm_flags & mnemonics[i].flag)
			seq_buf_printf(s, "%s ", mnemonics[i].mnemonic);
	seq_buf_printf(s, "\n");
}

/*
 * Linux 6.1's show_smap() and __show_smap(), line for line. What this
 * kernel does not have (swap, huge pages, mlock, KSM, MADV_FREE's lazy
 * freeing, which keeps the pages here) is 0, as Linux prints it without.
 */
static void show_smap(struct seq_buf *s, struct vm_area_struct *vma)
{
	struct mem_size_stats mss = { 0 };

	smap_gather_stats(vma, &mss);
	show_map_vma(s, vma->vm_mm, vma);
	put_kb(s, "Size:           ", vma->vm_end - vma->vm_start);
	put_kb(s, "KernelPageSize: ", PAGE_SIZE);
	put_kb(s, "MMUPageSize:    ", PAGE_SIZE);
	put_kb(s, "Rss:            ", mss.resident);
	put_kb(s, "Pss:            ", mss.pss >> PSS_SHIFT);
	put_kb(s, "Pss_Dirty:      ", mss.pss_dirty >> PSS_SHIFT);
	put_kb(s, "Shared_Clean:   ", mss.shared_clean);
	put_kb(s, "Shared_Dirty:   ", mss.shared_dirty);
	put_kb(s, "Private_Clean:  ", mss.private_clean);
	put_kb(s, "Private_Dirty:  ", mss.private_dirty);
	put_kb(s, "Referenced:     ", mss.referenced);
	put_kb(s, "Anonymous:      ", mss.anonymous);
	put_kb(s, "LazyFree:       ", 0);
	put_kb(s, "AnonHugePages:  ", 0);
	put_kb(s, "ShmemPmdMapped: ", 0);
	put_kb(s, "FilePmdMapped:  ", 0);
	put_kb(s, "Shared_Hugetlb: ", 0);
	/* One column narrower: the label is one longer (Linux's width 7). */
	seq_buf_printf(s, "Private_Hugetlb: %7u kB\n", 0);
	put_kb(s, "Swap:           ", 0);
	put_kb(s, "SwapPss:        ", 0);
	put_kb(s, "Locked:         ", 0);
	seq_buf_printf(s, "THPeligible:    %d\n", 0);
	show_smap_vma_flags(s, vma);
}

long show_smaps(struct seq_buf *s, struct task_struct *task)
{
	if (!task->mm)
		return 0;
	for (struct vm_area_struct *vma = task->mm->mmap; vma;
	     vma = vma->vm_next)
		show_smap(s, vma);
	return 0;
}

/* --- status ---------------------------------------------------------------- */

/* Pages of mm's VMAs that match the flags test (Linux's VmData: private
 * writable, not stack; VmStk: the stack). */
static unsigned long vm_pages(const struct mm_struct *mm, bool stack)
{
	unsigned long pages = 0;

	for (const struct vm_area_struct *v = mm->mmap; v; v = v->vm_next) {
		bool is_stack = v->vm_flags & VM_GROWSDOWN;
		bool is_data = (v->vm_flags & (VM_WRITE | VM_SHARED)) ==
				       VM_WRITE &&
			       !is_stack;

		if (stack ? is_stack : is_data)
			pages += (v->vm_end - v->vm_start) >> PAGE_SHIFT;
	}
	return pages;
}

static const char *const task_state_names[] = {
	[TASK_RUNNING] = "R (running)",
	[TASK_INTERRUPTIBLE] = "S (sleeping)",
	[EXIT_ZOMBIE] = "Z (zombie)",
	[EXIT_DEAD] = "X (dead)", /* Linux's; never seen here: freed at once */
};

/* The start of Linux's /proc/PID/status: who, and the Vm* lines. */
long show_status(struct seq_buf *s, struct task_struct *task)
{
	const struct mm_struct *mm = task->mm;

	seq_buf_printf(s, "Name:\t%s\n", task->comm);
	seq_buf_printf(s, "State:\t%s\n", task_state_names[task->state]);
	seq_buf_printf(s, "Pid:\t%d\n", task->pid);
	seq_buf_printf(s, "PPid:\t%d\n", task->parent ? task->parent->pid : 0);
	if (!mm)
		return 0; /* a zombie has no memory left to show */
	seq_buf_printf(s, "VmSize:\t%8lu kB\n", mm->total_vm * KB_PER_PAGE);
	seq_buf_printf(s, "VmHWM:\t%8lu kB\n",
		       mm->stat.hiwater_rss * KB_PER_PAGE);
	seq_buf_printf(s, "VmRSS:\t%8lu kB\n", mm->rss * KB_PER_PAGE);
	seq_buf_printf(s, "RssAnon:\t%8lu kB\n",
		       (mm->rss - mm->rss_file) * KB_PER_PAGE);
	seq_buf_printf(s, "RssFile:\t%8lu kB\n", mm->rss_file * KB_PER_PAGE);
	seq_buf_printf(s, "VmData:\t%8lu kB\n",
		       vm_pages(mm, false) * KB_PER_PAGE);
	seq_buf_printf(s, "VmStk:\t%8lu kB\n",
		       vm_pages(mm, true) * KB_PER_PAGE);
	seq_buf_printf(s, "VmExe:\t%8lu kB\n",
		       (ALIGN_UP(mm->end_code, PAGE_SIZE) -
			(mm->start_code & PAGE_MASK)) /
			       1024);
	return 0;
}
