/* arch/page.h - page size and the kernel's virtual-to-physical offset. */
#ifndef ARCH_PAGE_H
#define ARCH_PAGE_H

/* SDM vol. 3A, 4.3: 32-bit paging, 4 KiB pages, 1024 entries per table. */
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PGDIR_SHIFT 22
#define PTRS_PER_PGD 1024

/*
 * The 3G/1G split (DESIGN.md; Linux's __PAGE_OFFSET for CONFIG_VMSPLIT_3G):
 * user space below, the direct map of physical memory from here up.
 */
#define PAGE_OFFSET 0xC0000000UL

/* Direct-map translations; valid only for lowmem. */
#define __pa(x) ((unsigned long)(x)-PAGE_OFFSET)
#define __va(x) ((void *)((unsigned long)(x) + PAGE_OFFSET))

/* Fill or copy a page with the shortest loop the CPU has: rep stosl/movsl. */
static inline void clear_page(void *page)
{
	unsigned long d0, d1;

	__asm__ __volatile__("rep stosl"
			     : "=&c"(d0), "=&D"(d1)
			     : "a"(0), "0"(PAGE_SIZE / 4), "1"(page)
			     : "memory");
}

static inline void copy_page(void *to, const void *from)
{
	unsigned long d0, d1, d2;

	__asm__ __volatile__("rep movsl"
			     : "=&c"(d0), "=&D"(d1), "=&S"(d2)
			     : "0"(PAGE_SIZE / 4), "1"(to), "2"(from)
			     : "memory");
}

#endif
