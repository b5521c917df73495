/*
 * mm/memory.c - the page tables of address spaces, and the page-fault path.
 *
 * VMAs say what a process may touch; PTEs say what is mapped now. The gap
 * between the two is closed lazily, one page at a time, by
 * handle_mm_fault(), on the first access that finds no usable PTE:
 *
 *   no VMA at the address ........................... SIGSEGV
 *   below a VM_GROWSDOWN VMA, within the limit ...... grow it, then go on
 *   the access is not allowed by vm_flags ........... SIGSEGV
 *   PTE not present, anonymous VMA .................. do_anonymous_page:
 *                                                     a zeroed frame
 *   PTE not present, file VMA, read ................. do_read_fault: map
 *                                                     the page-cache frame
 *                                                     read-only
 *   PTE not present, private file VMA, write ........ do_cow_fault: a
 *                                                     private copy
 *   PTE present, read-only, write to a writable VMA . do_wp_page: copy on
 *                                                     write, or reuse the
 *                                                     frame if unshared
 *
 * Reference counts: an anonymous frame has _count 1 and _mapcount 0 while
 * one PTE maps it. A page-cache frame has one _count for the cache and one
 * per PTE, and _mapcount counts the PTEs minus one.
 */
#include "arch/bug.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/filemap.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/slab.h"
#include "mm/vma.h"

static struct kmem_cache *mm_cachep;
struct vm_events vm_events;

unsigned long vm_get_page_prot(unsigned long vm_flags)
{
	unsigned long prot = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;

	if (!(vm_flags & VM_ACCESS_FLAGS))
		return 0; /* PROT_NONE: never present */
	/* Private writable memory starts read-only: the first write decides
	 * whether to copy (do_wp_page). Shared memory is written in place. */
	if ((vm_flags & (VM_WRITE | VM_SHARED)) == (VM_WRITE | VM_SHARED))
		prot |= _PAGE_RW;
	return prot;
}

static bool mm_is_current(const struct mm_struct *mm)
{
	return (read_cr3() & PAGE_MASK) == __pa(mm->pgd);
}

/* After changing a live PTE, the TLB may still hold the old one. */
static void flush_tlb_page(struct mm_struct *mm, unsigned long addr)
{
	if (mm_is_current(mm))
		invlpg(addr);
}

static void set_pte_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
		       pte_t pte)
{
	bool was_present = pte_present(*ptep);

	*ptep = pte;
	if (was_present)
		flush_tlb_page(mm, addr);
}

void flush_tlb_mm(struct mm_struct *mm)
{
	if (mm_is_current(mm))
		__flush_tlb();
}

void switch_mm(struct mm_struct *mm)
{
	write_cr3(__pa(mm->pgd));
}

pte_t *pte_offset(struct mm_struct *mm, unsigned long addr)
{
	pgd_t pgd = mm->pgd[pgd_index(addr)];

	if (!(pgd & _PAGE_PRESENT))
		return NULL;
	return (pte_t *)__va(pgd & PTE_PFN_MASK) + pte_index(addr);
}

pte_t *pte_alloc(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = &mm->pgd[pgd_index(addr)];

	if (!(*pgd & _PAGE_PRESENT)) {
		unsigned long table = get_zeroed_page(GFP_KERNEL);

		if (!table)
			return NULL;
		*pgd = __pa(table) | _PAGE_TABLE;
	}
	return pte_offset(mm, addr);
}

/* A PTE of mm now maps page: count it in the resident sets. */
static void rss_add(struct mm_struct *mm, const struct page *page)
{
	mm->rss++;
	if (PageHighMem(page))
		mm->rss_highmem++;
	if (page->mapping)
		mm->rss_file++;
	mm->stat.hiwater_rss = max(mm->stat.hiwater_rss, mm->rss);
}

static void map_new_page(struct vm_area_struct *vma, unsigned long addr,
			 pte_t *ptep, struct page *page, bool writable)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t pte = mk_pte(page_to_pfn(page), vma->vm_page_prot);

	if (writable)
		pte |= _PAGE_RW | _PAGE_DIRTY;
	page->_mapcount++;
	rss_add(mm, page);
	set_pte_at(mm, addr, ptep, pte);
}

/* Drop one PTE's hold on a frame of mm. */
static void page_remove_rmap(struct mm_struct *mm, struct page *page)
{
	mm->rss--;
	if (PageHighMem(page))
		mm->rss_highmem--;
	if (page->mapping)
		mm->rss_file--;
	page->_mapcount--;
	put_page(page);
}

static vm_fault_t do_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	/* Highmem first: the kernel reaches it only to zero it, by kmap. */
	struct page *page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);

	if (!page)
		return VM_FAULT_OOM;
	/* The frame is ours alone, so a writable VMA may write it at once. */
	map_new_page(vma, vmf->address, vmf->pte, page,
		     vma->vm_flags & VM_WRITE);
	vma->vm_mm->stat.zero_fill++;
	vm_events.zero_fill++;
	vmf->resolution = FAULT_ZERO_FILL;
	return VM_FAULT_OK;
}

static unsigned long linear_page_index(const struct vm_area_struct *vma,
				       unsigned long addr)
{
	return vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
}

/* The page-cache frame of the faulting file page, with a reference; NULL
 * with *ret set when there is none. */
static struct page *fault_cache_page(struct vm_fault *vmf, vm_fault_t *ret)
{
	struct address_space *mapping = vmf->vma->vm_file->f_mapping;
	unsigned long index = linear_page_index(vmf->vma, vmf->address);
	struct page *page;

	if (index >= mapping->nr_pages) {
		vmf->resolution = FAULT_SIGBUS; /* past the end of the file */
		*ret = VM_FAULT_SIGBUS;
		return NULL;
	}
	page = read_cache_page(mapping, index);
	if (page)
		vmf->vma->vm_mm->stat.file_read++;
	else
		*ret = VM_FAULT_OOM;
	return page;
}

static vm_fault_t do_read_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	vm_fault_t ret;
	struct page *page = fault_cache_page(vmf, &ret);

	if (!page)
		return ret;
	/* Shared by everyone who maps the file: read-only, whatever the VMA
	 * allows; a write to a private mapping comes back as do_wp_page. */
	map_new_page(vma, vmf->address, vmf->pte, page,
		     (vma->vm_flags & (VM_WRITE | VM_SHARED)) ==
			     (VM_WRITE | VM_SHARED));
	vmf->resolution = FAULT_FILE_READ;
	return VM_FAULT_OK;
}

/* Copy src into a new private frame mapped writable at the fault address,
 * in place of src's mapping if there is one. */
static vm_fault_t map_private_copy(struct vm_fault *vmf, struct page *src)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *new = alloc_page(GFP_HIGHUSER);

	if (!new)
		return VM_FAULT_OOM;
	copy_highpage(new, src);
	if (pte_present(*vmf->pte))
		page_remove_rmap(vma->vm_mm, src);
	map_new_page(vma, vmf->address, vmf->pte, new, true);
	vma->vm_mm->stat.cow_copy++;
	vm_events.cow_copy++;
	vmf->resolution = FAULT_COW_COPY;
	return VM_FAULT_OK;
}

static vm_fault_t do_cow_fault(struct vm_fault *vmf)
{
	vm_fault_t ret;
	struct page *page = fault_cache_page(vmf, &ret);

	if (!page)
		return ret;
	ret = map_private_copy(vmf, page);
	put_page(page); /* read_cache_page's reference */
	vmf->vma->vm_mm->stat.cow_fault++;
	return ret;
}

static vm_fault_t do_wp_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *page = pfn_to_page(pte_pfn(*vmf->pte));

	vma->vm_mm->stat.cow_fault++;
	/* An anonymous frame nobody else maps: no need to copy it. */
	if (!page->mapping && page_count(page) == 1) {
		set_pte_at(vma->vm_mm, vmf->address, vmf->pte,
			   *vmf->pte | _PAGE_RW | _PAGE_DIRTY);
		vma->vm_mm->stat.cow_reuse++;
		vm_events.cow_reuse++;
		vmf->resolution = FAULT_COW_REUSE;
		return VM_FAULT_OK;
	}
	return map_private_copy(vmf, page);
}

/* Is this access allowed by the VMA at all? */
static bool access_error(const struct vm_area_struct *vma, unsigned int flags)
{
	if (flags & FAULT_FLAG_WRITE)
		return !(vma->vm_flags & VM_WRITE);
	/* i386 without PAE cannot forbid execution: readable is executable. */
	return !(vma->vm_flags & VM_ACCESS_FLAGS);
}

/* The PTE exists (vmf->pte): which of the table's cases is this? */
static vm_fault_t handle_pte_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;

	if (!pte_present(*vmf->pte)) {
		if (!vma->vm_file)
			return do_anonymous_page(vmf);
		if ((vmf->flags & FAULT_FLAG_WRITE) &&
		    !(vma->vm_flags & VM_SHARED))
			return do_cow_fault(vmf);
		return do_read_fault(vmf);
	}
	if ((vmf->flags & FAULT_FLAG_WRITE) && !(*vmf->pte & _PAGE_RW))
		return do_wp_page(vmf);
	/* Present and allowed: another path mapped it first, or the TLB held
	 * a stale entry. */
	flush_tlb_page(vma->vm_mm, vmf->address);
	vmf->resolution = FAULT_SPURIOUS;
	return VM_FAULT_OK;
}

vm_fault_t __handle_mm_fault(struct mm_struct *mm, struct vm_fault *vmf)
{
	struct vm_area_struct *vma = find_vma(mm, vmf->address);

	vm_events.pgfault++;
	vmf->vma = NULL;
	vmf->pte = NULL;
	vmf->stack_grew = false;
	vmf->resolution = FAULT_SIGSEGV;
	if (!vma || vmf->address >= TASK_SIZE)
		return VM_FAULT_SIGSEGV;
	if (vma->vm_start > vmf->address) {
		if (!(vma->vm_flags & VM_GROWSDOWN) ||
		    expand_stack(vma, vmf->address))
			return VM_FAULT_SIGSEGV;
		vmf->stack_grew = true;
	}
	vmf->vma = vma;
	if (access_error(vma, vmf->flags))
		return VM_FAULT_SIGSEGV;
	vmf->address &= PAGE_MASK;
	vmf->resolution = FAULT_OOM;
	vmf->pte = pte_alloc(mm, vmf->address);
	if (!vmf->pte)
		return VM_FAULT_OOM;
	return handle_pte_fault(vmf);
}

vm_fault_t handle_mm_fault(struct mm_struct *mm, unsigned long address,
			   unsigned int flags)
{
	struct vm_fault vmf = { .address = address, .flags = flags };

	return __handle_mm_fault(mm, &vmf);
}

int copy_page_range(struct mm_struct *dst, struct mm_struct *src,
		    struct vm_area_struct *vma)
{
	bool cow = (vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE;

	for (unsigned long addr = vma->vm_start; addr < vma->vm_end;
	     addr += PAGE_SIZE) {
		pte_t *src_pte = pte_offset(src, addr), *dst_pte;
		struct page *page;

		if (!src_pte) { /* no page table: nothing mapped in 4 MiB */
			addr = (addr & PGDIR_MASK) + PGDIR_SIZE - PAGE_SIZE;
			continue;
		}
		if (!pte_mapped(*src_pte))
			continue;
		dst_pte = pte_alloc(dst, addr);
		if (!dst_pte)
			return -ENOMEM;
		/* Write-protect the parent's PTE too; the caller flushes its
		 * TLB once at the end instead of once per page. */
		if (cow)
			*src_pte &= ~_PAGE_RW;
		*dst_pte = *src_pte;
		page = pfn_to_page(pte_pfn(*src_pte));
		get_page(page);
		page->_mapcount++;
		rss_add(dst, page);
		dst->stat.shared_at_fork++;
		src->stat.shared_at_fork++;
	}
	return 0;
}

void zap_page_range(struct vm_area_struct *vma, unsigned long start,
		    unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;

	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *ptep = pte_offset(mm, addr);

		if (!ptep) { /* no page table: skip to the next one */
			addr = (addr & PGDIR_MASK) + PGDIR_SIZE - PAGE_SIZE;
			continue;
		}
		if (!pte_mapped(*ptep))
			continue;
		page_remove_rmap(mm, pfn_to_page(pte_pfn(*ptep)));
		*ptep = 0;
		flush_tlb_page(mm, addr);
	}
}

static bool pgtable_empty(const pte_t *table)
{
	for (int i = 0; i < PTRS_PER_PTE; i++)
		if (table[i])
			return false;
	return true;
}

void free_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	bool freed = false;

	for (unsigned long i = pgd_index(start);
	     i < KERNEL_PGD_BOUNDARY && i <= pgd_index(end - 1); i++) {
		pgd_t pgd = mm->pgd[i];

		if (!(pgd & _PAGE_PRESENT) ||
		    !pgtable_empty(__va(pgd & PTE_PFN_MASK)))
			continue;
		mm->pgd[i] = 0;
		free_page((unsigned long)__va(pgd & PTE_PFN_MASK));
		freed = true;
	}
	/* The CPU may cache directory entries too: drop them all. */
	if (freed)
		flush_tlb_mm(mm);
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm;

	if (!mm_cachep) {
		mm_cachep = kmem_cache_create("mm_struct", sizeof(*mm), 0);
		if (!mm_cachep)
			return NULL;
	}
	mm = kmem_cache_alloc(mm_cachep, __GFP_ZERO);
	if (!mm)
		return NULL;
	mm->pgd = (unsigned long *)get_zeroed_page(GFP_KERNEL);
	if (!mm->pgd) {
		kmem_cache_free(mm_cachep, mm);
		return NULL;
	}
	/* The kernel half is the same in every address space. */
	memcpy(mm->pgd + KERNEL_PGD_BOUNDARY,
	       swapper_pg_dir + KERNEL_PGD_BOUNDARY,
	       (PTRS_PER_PGD - KERNEL_PGD_BOUNDARY) * sizeof(pgd_t));
	mm->mm_rb = RB_ROOT;
	mm->mm_users = 1;
	return mm;
}

void mmput(struct mm_struct *mm)
{
	if (--mm->mm_users)
		return;
	BUG_ON(mm_is_current(mm)); /* the caller must switch away first */
	exit_mmap(mm);
	free_page((unsigned long)mm->pgd);
	kmem_cache_free(mm_cachep, mm);
}

size_t access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf,
			size_t len, bool write)
{
	size_t done = 0;

	while (done < len) {
		unsigned long offset = addr & ~PAGE_MASK;
		size_t n = min(len - done, PAGE_SIZE - offset);
		pte_t *ptep;
		char *kaddr;

		/* The user half only: above it the PDEs map 4 MiB pages, not
		 * page tables (Linux's get_user_pages finds no VMA there). */
		if (addr >= TASK_SIZE)
			break;
		ptep = pte_offset(mm, addr);
		/* Fault the page in (or break COW) as the access would. */
		if (!ptep || !pte_present(*ptep) ||
		    (write && !(*ptep & _PAGE_RW))) {
			if (handle_mm_fault(mm, addr,
					    write ? FAULT_FLAG_WRITE : 0))
				break;
			ptep = pte_offset(mm, addr);
		}
		kaddr = kmap_atomic(pfn_to_page(pte_pfn(*ptep)));
		if (write)
			memcpy(kaddr + offset, (char *)buf + done, n);
		else
			memcpy((char *)buf + done, kaddr + offset, n);
		kunmap_atomic(kaddr);
		done += n;
		addr += n;
	}
	return done;
}
