/* arch/e820.c - the memory map from the boot loader, kept as an e820 table. */
#include "arch/e820.h"
#include "arch/page.h"
#include "lib/printk.h"

/* mem_lower counts KiB from 0, mem_upper KiB from 1 MiB (Multiboot 3.3). */
#define MULTIBOOT_UPPER_BASE 0x100000ULL

struct e820_table e820_table;

static void e820__range_add(u64 addr, u64 size, enum e820_type type)
{
	struct e820_entry *e;

	if (e820_table.nr_entries >= E820_MAX_ENTRIES) {
		pr_err("e820: too many entries; ignoring [mem 0x%016llx-0x%016llx]\n",
		       addr, addr + size - 1);
		return;
	}
	e = &e820_table.entries[e820_table.nr_entries++];
	e->addr = addr;
	e->size = size;
	e->type = type;
}

const char *e820__memory_setup(const struct multiboot_info *mbi)
{
	e820_table.nr_entries = 0;
	if (mbi->flags & MULTIBOOT_INFO_MEM_MAP) {
		unsigned long p = (unsigned long)__va(mbi->mmap_addr);
		unsigned long end = p + mbi->mmap_length;

		while (p < end) {
			const struct multiboot_mmap_entry *m = (const void *)p;

			if (m->len)
				e820__range_add(m->addr, m->len, m->type);
			p += m->size + sizeof(m->size);
		}
		return "multiboot";
	}
	if (mbi->flags & MULTIBOOT_INFO_MEMORY) {
		e820__range_add(0, mbi->mem_lower * 1024ULL, E820_TYPE_RAM);
		e820__range_add(MULTIBOOT_UPPER_BASE, mbi->mem_upper * 1024ULL,
				E820_TYPE_RAM);
		return "multiboot-mem";
	}
	return "none";
}

static const char *e820_type_name(enum e820_type type)
{
	switch (type) {
	case E820_TYPE_RAM:
		return "usable";
	case E820_TYPE_RESERVED:
		return "reserved";
	case E820_TYPE_ACPI:
		return "ACPI data";
	case E820_TYPE_NVS:
		return "ACPI NVS";
	case E820_TYPE_UNUSABLE:
		return "unusable";
	}
	return "unknown";
}

void e820__print_table(const char *who)
{
	for (unsigned int i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];

		pr_info("%s: [mem 0x%016llx-0x%016llx] %s\n", who, e->addr,
			e->addr + e->size - 1, e820_type_name(e->type));
	}
}

u64 e820__total_ram(void)
{
	u64 total = 0;

	for (unsigned int i = 0; i < e820_table.nr_entries; i++)
		if (e820_table.entries[i].type == E820_TYPE_RAM)
			total += e820_table.entries[i].size;
	return total;
}
