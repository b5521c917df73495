/*
 * mm/pgtable.h - two-level i386 page tables (non-PAE) and the layout of the
 * kernel's 1 GiB (Linux's asm/pgtable_32_types.h, pgtable-2level.h).
 *
 *	0xC0000000 PAGE_OFFSET    direct map of lowmem (up to 896 MiB)
 *	high_memory               end of the direct map
 *	+ 8 MiB gap               catches overruns of the direct map
 *	VMALLOC_START..END        vmalloc area (at most VMALLOC_RESERVE)
 *	PKMAP_BASE                kmap() window: one page table, 1024 pages
 *	FIXADDR_START..TOP        fixmap: the kmap_atomic() slots
 *	0xFFFFF000 FIXADDR_TOP    (the last page is left unmapped)
 */
#ifndef MM_PGTABLE_H
#define MM_PGTABLE_H

#include "arch/cpu.h"
#include "arch/page.h"
#include "lib/types.h"
#include "mm/mm_types.h"

typedef unsigned long pte_t;
typedef unsigned long pgd_t;

/* Entry bits (SDM vol. 3A, tables 4-4, 4-5 and 4-6). */
#define _PAGE_PRESENT 0x001UL
#define _PAGE_RW 0x002UL
#define _PAGE_USER 0x004UL
#define _PAGE_PWT 0x008UL
#define _PAGE_PCD 0x010UL
#define _PAGE_ACCESSED 0x020UL
#define _PAGE_DIRTY 0x040UL
#define _PAGE_PSE 0x080UL /* PDE: maps a 4 MiB page */
#define _PAGE_GLOBAL 0x100UL
#define PTE_PFN_MASK PAGE_MASK
/* On a PTE that is not present: a frame kept under PROT_NONE (Linux's
 * _PAGE_PROTNONE reuses the global bit, meaningless without P). */
#define _PAGE_PROTNONE _PAGE_GLOBAL

#define PAGE_KERNEL (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
/* A PDE pointing at a page table; the PTEs decide the real permissions. */
#define _PAGE_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define _KERNPG_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED)

#define PTRS_PER_PTE 1024
#define PGDIR_SIZE (1UL << PGDIR_SHIFT)
#define PGDIR_MASK (~(PGDIR_SIZE - 1))
#define KERNEL_PGD_BOUNDARY (PAGE_OFFSET >> PGDIR_SHIFT) /* first kernel PDE */

/* The fixmap: compile-time virtual addresses counted down from the top. */
#define FIXADDR_TOP 0xfffff000UL
#define KM_MAX_IDX 16 /* kmap_atomic() nesting depth (Linux's) */
enum fixed_addresses {
	FIX_HOLE,
	FIX_KMAP_BEGIN,
	FIX_KMAP_END = FIX_KMAP_BEGIN + KM_MAX_IDX - 1,
	__end_of_fixed_addresses
};
#define FIXADDR_SIZE ((unsigned long)__end_of_fixed_addresses << PAGE_SHIFT)
#define FIXADDR_START (FIXADDR_TOP - FIXADDR_SIZE)
#define __fix_to_virt(x) (FIXADDR_TOP - ((unsigned long)(x) << PAGE_SHIFT))

/* The persistent kmap window: one page table's worth, below the fixmap. */
#define LAST_PKMAP PTRS_PER_PTE
#define PKMAP_BASE ((FIXADDR_START - PGDIR_SIZE) & PGDIR_MASK)
#define PKMAP_NR(virt) (((virt)-PKMAP_BASE) >> PAGE_SHIFT)
#define PKMAP_ADDR(nr) (PKMAP_BASE + ((unsigned long)(nr) << PAGE_SHIFT))

/* vmalloc: a gap above the direct map, and never more than 128 MiB of it
 * (Linux's VMALLOC_OFFSET and __VMALLOC_RESERVE), since its page tables
 * are allocated at boot. */
#define VMALLOC_OFFSET (8UL << 20)
#define VMALLOC_RESERVE (128UL << 20)
#define VMALLOC_END (PKMAP_BASE - 2 * PAGE_SIZE)
extern unsigned long vmalloc_start; /* set by paging_init() */
#define VMALLOC_START vmalloc_start

/* The kernel's own page directory; its kernel half is every process's. */
extern pgd_t swapper_pg_dir[PTRS_PER_PGD];
/* The first virtual address after the direct map. */
extern void *high_memory;

static inline unsigned long pgd_index(unsigned long addr)
{
	return addr >> PGDIR_SHIFT;
}

static inline unsigned long pte_index(unsigned long addr)
{
	return (addr >> PAGE_SHIFT) & (PTRS_PER_PTE - 1);
}

/* The PTE of a kernel address above the direct map (page tables exist). */
static inline pte_t *pte_offset_kernel(unsigned long addr)
{
	pgd_t pgd = swapper_pg_dir[pgd_index(addr)];

	return (pte_t *)__va(pgd & PTE_PFN_MASK) + pte_index(addr);
}

static inline pte_t mk_pte(unsigned long pfn, unsigned long prot)
{
	return (pfn << PAGE_SHIFT) | prot;
}

static inline unsigned long pte_pfn(pte_t pte)
{
	return pte >> PAGE_SHIFT;
}

static inline bool pte_present(pte_t pte)
{
	return pte & _PAGE_PRESENT;
}

/* Does the PTE hold a frame, accessible or not (PROT_NONE)? */
static inline bool pte_mapped(pte_t pte)
{
	return pte & (_PAGE_PRESENT | _PAGE_PROTNONE);
}

/* Build swapper_pg_dir (direct map, page tables for everything above it)
 * and switch to it. Needs memblock for the page tables. */
void paging_init(void);

#endif
