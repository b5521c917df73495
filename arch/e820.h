/*
 * arch/e820.h - the physical memory map, in the form of the BIOS's e820 table
 * that Linux keeps (arch/x86/include/asm/e820/types.h).
 */
#ifndef ARCH_E820_H
#define ARCH_E820_H

#include "arch/multiboot.h"
#include "lib/types.h"

#define E820_MAX_ENTRIES 128

enum e820_type {
	E820_TYPE_RAM = 1,
	E820_TYPE_RESERVED = 2,
	E820_TYPE_ACPI = 3,
	E820_TYPE_NVS = 4,
	E820_TYPE_UNUSABLE = 5,
};

struct e820_entry {
	u64 addr;
	u64 size;
	enum e820_type type;
};

struct e820_table {
	unsigned int nr_entries;
	struct e820_entry entries[E820_MAX_ENTRIES];
};

/* The machine's memory map, as the boot loader gave it. */
extern struct e820_table e820_table;

/*
 * Fill e820_table from the multiboot information: its memory map, or
 * mem_lower/mem_upper when the loader gave no map. Returns the source's
 * name for the boot log.
 */
const char *e820__memory_setup(const struct multiboot_info *mbi);
/* Print the table one region a line, as Linux's boot log does. */
void e820__print_table(const char *who);
/* Bytes of usable RAM (type 1) in the table. */
u64 e820__total_ram(void);

#endif
