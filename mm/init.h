/* mm/init.h - bringing up the memory manager at boot. */
#ifndef MM_INIT_H
#define MM_INIT_H

#include "arch/multiboot.h"

/*
 * From the e820 table to a working allocator: memblock (RAM, and what the
 * kernel, the multiboot information and the initrd occupy), swapper_pg_dir,
 * mem_map[], the zones, every free frame handed to the buddy allocator,
 * then the slab allocator, vmalloc and kmap. lowmem is the "lowmem=" byte
 * count from the command line, or 0. Prints the zones and the memory
 * summary as Linux's boot log does.
 */
void mm_init(const struct multiboot_info *mbi, unsigned long long lowmem);

/* Free frames right after mm_init(): the baseline leak checks compare to. */
extern unsigned long boot_free_pages;
/* TSC cycles memblock_free_all() took (guest instructions under -icount). */
extern unsigned long long boot_free_cycles;

#endif
