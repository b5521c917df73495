/* mm/init.c - from the boot loader's memory map to the buddy allocator. */
#include "arch/bug.h"
#include "arch/e820.h"
#include "lib/printk.h"
#include "lib/string.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/init.h"
#include "mm/memblock.h"
#include "mm/pgtable.h"
#include "mm/slab.h"
#include "mm/vmalloc.h"

/* 32-bit paging reaches 4 GiB of physical memory; beyond needs PAE. */
#define MAX_PHYS_ADDR (1ULL << 32)
#define PFN_UP(x) ((unsigned long)(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT))
#define PFN_DOWN(x) ((unsigned long)((x) >> PAGE_SHIFT))

/* Linker-script symbols (linker.ld). */
extern char _text[], _etext[], __start_rodata[], __end_rodata[], _sdata[],
	_edata[], __bss_start[], __bss_stop[], _end[];

pgd_t swapper_pg_dir[PTRS_PER_PGD] __aligned(PAGE_SIZE);
void *high_memory;
unsigned long vmalloc_start;
unsigned long boot_free_pages;
unsigned long long boot_free_cycles;

static void reserve_string(u32 phys)
{
	memblock_reserve(phys, strlen(__va(phys)) + 1);
}

/* RAM from the e820 table; taken: the first page (the real-mode IVT and
 * BIOS data), the kernel image, the multiboot information and modules. */
static void setup_memblock(const struct multiboot_info *mbi)
{
	for (unsigned int i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];
		u64 end = min(e->addr + e->size, MAX_PHYS_ADDR);

		if (e->type == E820_TYPE_RAM && e->addr < end)
			memblock_add(e->addr, end - e->addr);
	}
	memblock_reserve(0, PAGE_SIZE);
	memblock_reserve(__pa(_text), (u64)(_end - _text));
	memblock_reserve(__pa(mbi), sizeof(*mbi));
	if (mbi->flags & MULTIBOOT_INFO_MEM_MAP)
		memblock_reserve(mbi->mmap_addr, mbi->mmap_length);
	if (mbi->flags & MULTIBOOT_INFO_CMDLINE)
		reserve_string(mbi->cmdline);
	if (mbi->flags & MULTIBOOT_INFO_BOOT_LOADER_NAME)
		reserve_string(mbi->boot_loader_name);
	if (mbi->flags & MULTIBOOT_INFO_MODS) {
		const struct multiboot_mod_list *mods = __va(mbi->mods_addr);

		memblock_reserve(mbi->mods_addr,
				 (u64)mbi->mods_count * sizeof(*mods));
		for (u32 i = 0; i < mbi->mods_count; i++) {
			memblock_reserve(mods[i].mod_start,
					 mods[i].mod_end - mods[i].mod_start);
			if (mods[i].cmdline)
				reserve_string(mods[i].cmdline);
		}
	}
}

static void find_low_pfn_range(unsigned long long lowmem)
{
	const struct memblock_region *last =
		&memblock.memory.regions[memblock.memory.cnt - 1];

	max_pfn = PFN_DOWN(last->base + last->size);
	max_low_pfn = min(max_pfn, MAXMEM_PFN);
	if (lowmem) {
		unsigned long pfn = PFN_DOWN(lowmem);

		/* The kernel, mem_map and the page tables must fit below it. */
		if (pfn < MAX_DMA_PFN)
			pr_warn("lowmem=%lluK is below 16 MiB; using 16 MiB\n",
				lowmem >> 10);
		max_low_pfn = min(max_low_pfn, max(pfn, MAX_DMA_PFN));
	}
	memblock.current_limit = (u64)max_low_pfn << PAGE_SHIFT;
}

/* A zeroed page for a page table, from memblock (lowmem). */
static pte_t *alloc_low_page(void)
{
	pte_t *table = memblock_alloc(PAGE_SIZE, PAGE_SIZE);

	if (!table)
		panic("paging_init: out of memory for page tables");
	return table;
}

void paging_init(void)
{
	unsigned long pfn = 0, vstart;

	/* The direct map: 4 MiB pages, and a page table for a partial tail. */
	while (pfn < max_low_pfn) {
		unsigned long vaddr = (unsigned long)__va(pfn << PAGE_SHIFT);
		pgd_t *pgd = &swapper_pg_dir[pgd_index(vaddr)];

		if (max_low_pfn - pfn >= PTRS_PER_PTE) {
			*pgd = (pfn << PAGE_SHIFT) | PAGE_KERNEL | _PAGE_PSE;
			pfn += PTRS_PER_PTE;
			continue;
		}
		pte_t *pte = alloc_low_page();

		for (unsigned int i = 0; pfn < max_low_pfn; i++, pfn++)
			pte[i] = mk_pte(pfn, PAGE_KERNEL);
		*pgd = __pa(pte) | _KERNPG_TABLE;
	}
	high_memory = __va(max_low_pfn << PAGE_SHIFT);

	vstart = ALIGN_UP((unsigned long)high_memory + VMALLOC_OFFSET,
			  VMALLOC_OFFSET);
	vmalloc_start =
		max(vstart, (VMALLOC_END - VMALLOC_RESERVE) & PGDIR_MASK);
	/*
	 * Page tables for vmalloc, pkmap and fixmap, made now so that the
	 * kernel half of every page directory can be a copy of these PDEs
	 * that never goes stale.
	 */
	for (unsigned long i = pgd_index(vmalloc_start); i < PTRS_PER_PGD; i++)
		swapper_pg_dir[i] = __pa(alloc_low_page()) | _KERNPG_TABLE;
	write_cr3(__pa(swapper_pg_dir));
}

static void print_zones(void)
{
	pr_info("Zone ranges:\n");
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &zones[z];

		if (!zone->spanned_pages) {
			pr_info("  %-8s empty\n", zone->name);
			continue;
		}
		pr_info("  %-8s [mem 0x%016llx-0x%016llx]\n", zone->name,
			(u64)zone->zone_start_pfn << PAGE_SHIFT,
			((u64)zone_end_pfn(zone) << PAGE_SHIFT) - 1);
	}
	pr_info("%luMB HIGHMEM available.\n",
		zones[ZONE_HIGHMEM].present_pages >> (20 - PAGE_SHIFT));
	pr_info("%luMB LOWMEM available.\n",
		(zones[ZONE_DMA].present_pages +
		 zones[ZONE_NORMAL].present_pages) >>
			(20 - PAGE_SHIFT));
}

#define KB(bytes) ((unsigned long)((bytes) >> 10))

static void print_memory_summary(void)
{
	unsigned long ram = memblock_ram_pages(0, max_pfn);
	unsigned long avail = nr_free_pages();

	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rwdata, "
		"%luK rodata, %luK bss, %luK reserved, %luK highmem)\n",
		avail << (PAGE_SHIFT - 10), ram << (PAGE_SHIFT - 10),
		KB(_etext - _text), KB(_edata - _sdata),
		KB(__end_rodata - __start_rodata), KB(__bss_stop - __bss_start),
		(ram - avail) << (PAGE_SHIFT - 10),
		zones[ZONE_HIGHMEM].free_pages << (PAGE_SHIFT - 10));
	/* Linux i386's "virtual kernel memory layout". */
	pr_info("virtual kernel memory layout:\n");
	pr_info("    fixmap  : 0x%08lx - 0x%08lx   (%4lu kB)\n", FIXADDR_START,
		FIXADDR_TOP, KB(FIXADDR_TOP - FIXADDR_START));
	pr_info("    pkmap   : 0x%08lx - 0x%08lx   (%4lu kB)\n", PKMAP_BASE,
		PKMAP_ADDR(LAST_PKMAP),
		KB(PKMAP_ADDR(LAST_PKMAP) - PKMAP_BASE));
	pr_info("    vmalloc : 0x%08lx - 0x%08lx   (%4lu MB)\n", VMALLOC_START,
		VMALLOC_END, (VMALLOC_END - VMALLOC_START) >> 20);
	pr_info("    lowmem  : 0x%08lx - 0x%08lx   (%4lu MB)\n", PAGE_OFFSET,
		(unsigned long)high_memory,
		((unsigned long)high_memory - PAGE_OFFSET) >> 20);
	pr_info("      .data : 0x%08lx - 0x%08lx   (%4lu kB)\n",
		(unsigned long)_sdata, (unsigned long)_edata,
		KB(_edata - _sdata));
	pr_info("      .text : 0x%08lx - 0x%08lx   (%4lu kB)\n",
		(unsigned long)_text, (unsigned long)_etext,
		KB(_etext - _text));
}

void mm_init(const struct multiboot_info *mbi, unsigned long long lowmem)
{
	setup_memblock(mbi);
	find_low_pfn_range(lowmem);
	paging_init();

	mem_map = memblock_alloc(max_pfn * sizeof(struct page), PAGE_SIZE);
	if (!mem_map)
		panic("mm_init: no room for mem_map (%lu frames)", max_pfn);
	free_area_init(min(MAX_DMA_PFN, max_low_pfn), max_low_pfn, max_pfn);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		zones[z].present_pages = memblock_ram_pages(
			zones[z].zone_start_pfn, zone_end_pfn(&zones[z]));
	print_zones();
	boot_free_cycles = rdtsc();
	memblock_free_all();
	boot_free_cycles = rdtsc() - boot_free_cycles;

	kmem_cache_init();
	kmap_init();
	print_memory_summary();
	boot_free_pages = nr_free_pages();
}
