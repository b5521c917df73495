/*
 * arch/multiboot.h - what a multiboot (v1) loader hands the kernel
 * (Multiboot Specification 0.6.96, section 3.3).
 */
#ifndef ARCH_MULTIBOOT_H
#define ARCH_MULTIBOOT_H

#include "lib/compiler.h"
#include "lib/types.h"

/* EAX at entry when a multiboot loader started us. */
#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002

/* multiboot_info.flags: which fields are valid. */
#define MULTIBOOT_INFO_MEMORY (1 << 0) /* mem_lower, mem_upper */
#define MULTIBOOT_INFO_CMDLINE (1 << 2)
#define MULTIBOOT_INFO_MODS (1 << 3)
#define MULTIBOOT_INFO_MEM_MAP (1 << 6) /* mmap_length, mmap_addr */
#define MULTIBOOT_INFO_BOOT_LOADER_NAME (1 << 9)

struct multiboot_info {
	u32 flags;
	u32 mem_lower; /* KiB below 1 MiB */
	u32 mem_upper; /* KiB from 1 MiB to the first hole */
	u32 boot_device;
	u32 cmdline; /* physical address of a C string */
	u32 mods_count;
	u32 mods_addr; /* physical address of struct multiboot_mod_list[] */
	u32 syms[4];
	u32 mmap_length; /* bytes */
	u32 mmap_addr; /* physical address of the first mmap entry */
	u32 drives_length;
	u32 drives_addr;
	u32 config_table;
	u32 boot_loader_name; /* physical address of a C string */
} __packed;

/* One memory-map entry; "size" does not count itself. */
struct multiboot_mmap_entry {
	u32 size;
	u64 addr;
	u64 len;
	u32 type; /* as e820: 1 RAM, 2 reserved, 3 ACPI, 4 NVS, 5 bad */
} __packed;

struct multiboot_mod_list {
	u32 mod_start; /* physical, first byte */
	u32 mod_end; /* physical, one past the last byte */
	u32 cmdline;
	u32 pad;
} __packed;

#endif
