/*
 * mm/mm_types.h - struct page: one per physical frame, in mem_map[] (Linux's
 * include/linux/mm_types.h and page-flags.h, cut to what this kernel uses).
 */
#ifndef MM_MM_TYPES_H
#define MM_MM_TYPES_H

#include "lib/list.h"
#include "lib/rbtree.h"
#include "lib/types.h"

struct kmem_cache;
struct address_space;

/*
 * Page flags: bits from 0 up; the zone number lives in the top ZONES_WIDTH
 * bits of the same word, as in Linux, so that page_zone() needs no lookup.
 */
enum pageflags {
	PG_reserved, /* not managed by the buddy allocator (kernel, holes) */
	PG_buddy, /* free, the head of a block in a free_area list */
	PG_slab, /* owned by the slab allocator */
	PG_large_kmalloc, /* a kmalloc() too big for a slab: whole pages */
	__NR_PAGEFLAGS,
};

#define ZONES_WIDTH 2
#define ZONES_PGSHIFT (sizeof(unsigned long) * 8 - ZONES_WIDTH)

struct page {
	unsigned long flags; /* PG_* bits, and the zone in the top bits */
	union {
		struct { /* free (PG_buddy) or allocated by the buddy allocator */
			struct list_head lru; /* free: in its free_area */
			unsigned long private; /* free: the block's order */
		};
		struct { /* PG_slab */
			struct list_head slab_list; /* partial/full/free */
			struct kmem_cache *slab_cache;
		};
	};
	union {
		struct { /* a page-cache page: which file, which page of it */
			struct address_space *mapping;
			unsigned long index;
		};
		struct { /* PG_slab */
			void *freelist; /* the first free object */
			unsigned short inuse; /* objects handed out */
		};
	};
	/* References: 0 when free; each user (mapping, kmap, ...) holds one. */
	int _count;
	/* Page-table entries mapping this frame, minus one (-1: none). */
	int _mapcount;
};

#define PAGEFLAG(name, bit)                                    \
	static inline bool Page##name(const struct page *page) \
	{                                                      \
		return (page->flags >> (bit)) & 1;             \
	}                                                      \
	static inline void SetPage##name(struct page *page)    \
	{                                                      \
		page->flags |= 1UL << (bit);                   \
	}                                                      \
	static inline void ClearPage##name(struct page *page)  \
	{                                                      \
		page->flags &= ~(1UL << (bit));                \
	}
PAGEFLAG(Reserved, PG_reserved)
PAGEFLAG(Buddy, PG_buddy)
PAGEFLAG(Slab, PG_slab)
PAGEFLAG(LargeKmalloc, PG_large_kmalloc)
#undef PAGEFLAG

/* vm_flags (Linux's include/linux/mm.h). */
#define VM_READ 0x00000001UL
#define VM_WRITE 0x00000002UL
#define VM_EXEC 0x00000004UL
#define VM_SHARED 0x00000008UL
/* What mprotect may later allow: VM_READ etc. shifted by 4. */
#define VM_MAYREAD 0x00000010UL
#define VM_MAYWRITE 0x00000020UL
#define VM_MAYEXEC 0x00000040UL
#define VM_MAYSHARE 0x00000080UL
#define VM_GROWSDOWN 0x00000100UL /* a stack: grows down on fault */
#define VM_DONTCOPY 0x00020000UL /* MADV_DONTFORK: not in a forked child */
#define VM_WIPEONFORK 0x02000000UL /* MADV_WIPEONFORK: zeros in a child */
#define VM_ACCESS_FLAGS (VM_READ | VM_WRITE | VM_EXEC)

/*
 * One contiguous range of a process's address space with one set of
 * permissions and one backing: what was agreed, not what is mapped yet.
 */
struct vm_area_struct {
	unsigned long vm_start; /* first byte */
	unsigned long vm_end; /* first byte after */
	struct vm_area_struct *vm_next, *vm_prev; /* the list, by address */
	struct rb_node vm_rb; /* the tree, by address */
	struct mm_struct *vm_mm;
	unsigned long vm_page_prot; /* PTE bits for this VMA (pgtable.h) */
	unsigned long vm_flags;
	struct file *vm_file; /* NULL for anonymous memory */
	unsigned long vm_pgoff; /* file offset of vm_start, in pages */
};

/* Per-mm fault and sharing counts, printed by mmstat=1 (DESIGN.md). */
struct mm_counters {
	unsigned long zero_fill; /* do_anonymous_page */
	unsigned long file_read; /* a file page mapped (read-in or cached) */
	unsigned long cow_fault; /* a write to a read-only private page */
	unsigned long cow_copy; /* ... that copied the frame */
	unsigned long cow_reuse; /* ... that found the frame unshared */
	unsigned long stack_grow; /* a VM_GROWSDOWN VMA extended */
	unsigned long shared_at_fork;
	unsigned long fork_frames; /* frames the fork that made this mm used */
	unsigned long hiwater_rss; /* peak resident pages */
};

/* A process's address space. */
struct mm_struct {
	struct vm_area_struct *mmap; /* the VMAs, sorted by address */
	struct rb_root mm_rb; /* the same VMAs in a red-black tree */
	struct vm_area_struct *mmap_cache; /* the last find_vma() result */
	unsigned long *pgd; /* the page directory (lowmem) */
	int map_count; /* number of VMAs */
	int mm_users;
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long total_vm; /* pages in all VMAs */
	unsigned long rss; /* pages mapped by present PTEs */
	unsigned long rss_highmem; /* ... of them in ZONE_HIGHMEM */
	unsigned long rss_file; /* ... of them page-cache pages */
	/* Page tables of the user half (Linux's pgtables_bytes, in pages):
	 * memory the process costs that rss does not show. */
	unsigned long nr_ptes;
	struct mm_counters stat;
};

#endif
