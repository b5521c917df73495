/*
 * arch/segment.h - the GDT layout and segment selectors, Linux i386's own
 * (arch/x86/include/asm/segment.h), so register dumps read as on Linux:
 * kernel CS 0x60, DS 0x68, user CS 0x73, DS 0x7b, TSS 0x80.
 */
#ifndef ARCH_SEGMENT_H
#define ARCH_SEGMENT_H

#define GDT_ENTRY_TLS_MIN 6 /* three slots for set_thread_area */
#define GDT_ENTRY_TLS_ENTRIES 3
#define GDT_ENTRY_KERNEL_CS 12
#define GDT_ENTRY_KERNEL_DS 13
#define GDT_ENTRY_DEFAULT_USER_CS 14
#define GDT_ENTRY_DEFAULT_USER_DS 15
#define GDT_ENTRY_TSS 16
#define GDT_ENTRY_DOUBLEFAULT_TSS 31 /* the double fault's own task */
#define GDT_ENTRIES 32

/* A selector is index * 8 | table indicator (0: GDT) | RPL (SDM vol. 3A, 3.4.2). */
#define __KERNEL_CS (GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS (GDT_ENTRY_KERNEL_DS * 8)
#define __USER_CS (GDT_ENTRY_DEFAULT_USER_CS * 8 + 3)
#define __USER_DS (GDT_ENTRY_DEFAULT_USER_DS * 8 + 3)
#define GDT_ENTRY_TSS_SEL (GDT_ENTRY_TSS * 8)
#define __DOUBLEFAULT_TSS (GDT_ENTRY_DOUBLEFAULT_TSS * 8)

/* The privilege level a selector or CS asks for. */
#define SEGMENT_RPL_MASK 0x3
#define USER_RPL 0x3

#endif
