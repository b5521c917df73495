/*
 * mm/memory.h - page tables of address spaces and the page-fault path
 * (Linux's mm/memory.c): from a faulting address to a present PTE.
 */
#ifndef MM_MEMORY_H
#define MM_MEMORY_H

#include "mm/mm_types.h"
#include "mm/pgtable.h"

/* handle_mm_fault() flags: what the access was (from the error code). */
#define FAULT_FLAG_WRITE 0x01
#define FAULT_FLAG_USER 0x02
#define FAULT_FLAG_INSTRUCTION 0x04

/* handle_mm_fault() results. */
typedef unsigned int vm_fault_t;
#define VM_FAULT_OK 0
#define VM_FAULT_SIGSEGV 0x01 /* no VMA allows this access */
#define VM_FAULT_OOM 0x02 /* no frame for it */
#define VM_FAULT_SIGBUS 0x04 /* a file page past the end of the file */

/* Which path resolved a fault (the cases of mm/memory.c's table), for the
 * fault trace (kernel/fault_trace.h) and GDB's kfaults. */
enum fault_resolution {
	FAULT_ZERO_FILL, /* do_anonymous_page: a new zeroed frame */
	FAULT_FILE_READ, /* do_read_fault: the page-cache frame mapped */
	FAULT_COW_COPY, /* do_wp_page/do_cow_fault: a private copy */
	FAULT_COW_REUSE, /* do_wp_page: the only user keeps its frame */
	FAULT_SPURIOUS, /* already mapped as allowed: a stale TLB entry */
	FAULT_SIGSEGV, /* no VMA allows the access */
	FAULT_SIGBUS, /* a file page past the end of the file */
	FAULT_OOM, /* no frame: the OOM killer runs, the access retries */
	FAULT_FIXUP, /* not mm's: a kernel user-copy returns -EFAULT */
	NR_FAULT_RESOLUTIONS
};

/* One fault being handled (Linux's struct vm_fault, cut down): what was
 * asked, and what the handler found and did. */
struct vm_fault {
	unsigned long address; /* the faulting address; page aligned later */
	unsigned int flags; /* FAULT_FLAG_* */
	struct vm_area_struct *vma; /* the VMA that covers address, or NULL */
	pte_t *pte; /* its PTE, once the page table exists */
	enum fault_resolution resolution;
	bool stack_grew; /* the stack VMA was extended down to address */
};

/* Fault events since boot, all processes (Linux's vm_event counters). */
struct vm_events {
	unsigned long pgfault; /* every call of handle_mm_fault */
	unsigned long pgmajfault; /* a file page read in from its backing */
	unsigned long zero_fill, cow_copy, cow_reuse;
};
extern struct vm_events vm_events;

/* The user stack's limit (Linux's default RLIMIT_STACK, 8 MiB). */
#define STACK_LIMIT (8UL << 20)

/* The PTE bits for a VMA's flags: the one place that translates them. */
unsigned long vm_get_page_prot(unsigned long vm_flags);

/* A new mm: no VMAs, a page directory sharing the kernel half. NULL if
 * out of memory. */
struct mm_struct *mm_alloc(void);
/* Unmap everything, free every frame, page table and VMA, and the mm. */
void mmput(struct mm_struct *mm);
/* Drop every stale TLB entry of mm, if it is the address space in CR3
 * (after changing many of its PTEs, one flush instead of one per page). */
void flush_tlb_mm(struct mm_struct *mm);
/* Load mm's page directory into CR3. */
void switch_mm(struct mm_struct *mm);

/*
 * Resolve a fault at address in mm: find the VMA, check the access against
 * its flags, and make the PTE present (demand zero, file read-in, copy on
 * write, stack growth). Knows nothing of tasks: the caller decides what a
 * VM_FAULT_SIGSEGV means.
 */
vm_fault_t handle_mm_fault(struct mm_struct *mm, unsigned long address,
			   unsigned int flags);
/* The same, saying in vmf what was found and done (vmf->address and
 * vmf->flags given; the rest filled in). */
vm_fault_t __handle_mm_fault(struct mm_struct *mm, struct vm_fault *vmf);

/* The PTE of addr in mm, or NULL if its page table does not exist. */
pte_t *pte_offset(struct mm_struct *mm, unsigned long addr);
/* The PTE of addr, its page table allocated if needed; NULL if OOM. */
pte_t *pte_alloc(struct mm_struct *mm, unsigned long addr);
/*
 * Copy the PTEs of vma from src to dst (fork): both map the same frames,
 * and private writable pages become read-only in both, so that the first
 * write on either side copies (do_wp_page). 0 or -ENOMEM.
 */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src,
		    struct vm_area_struct *vma);
/* Unmap [start, end) of vma: drop each present page's mapping. */
void zap_page_range(struct vm_area_struct *vma, unsigned long start,
		    unsigned long end);
/* Free the page tables that map nothing in [start, end) any more. */
void free_pgtables(struct mm_struct *mm, unsigned long start,
		   unsigned long end);

/*
 * Copy len bytes between buf and mm's addr, faulting pages in as a user
 * access would (write: to mm). Works whether or not mm is the current
 * address space. Returns the bytes copied; less means a fault failed or
 * the copy reached the kernel half, which it never touches.
 */
size_t access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf,
			size_t len, bool write);

#endif
