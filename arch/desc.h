/* arch/desc.h - descriptor tables: GDT with TSS, and the IDT. */
#ifndef ARCH_DESC_H
#define ARCH_DESC_H

#include "lib/types.h"

/* The 32-bit TSS (SDM vol. 3A, 8.2.1, figure 8-2). */
struct x86_hw_tss {
	u16 back_link, __blh;
	u32 sp0;
	u16 ss0, __ss0h;
	u32 sp1;
	u16 ss1, __ss1h;
	u32 sp2;
	u16 ss2, __ss2h;
	u32 cr3, ip, flags, ax, cx, dx, bx, sp, bp, si, di;
	u16 es, __esh, cs, __csh, ss, __ssh, ds, __dsh, fs, __fsh, gs, __gsh;
	u16 ldt, __ldth;
	u16 trace, io_bitmap_base;
} __attribute__((packed));

/* What set_thread_area() takes (Linux's uapi asm/ldt.h). */
struct user_desc {
	unsigned int entry_number;
	unsigned int base_addr;
	unsigned int limit;
	unsigned int seg_32bit : 1;
	unsigned int contents : 2;
	unsigned int read_exec_only : 1;
	unsigned int limit_in_pages : 1;
	unsigned int seg_not_present : 1;
	unsigned int useable : 1;
};

/* The raw 8-byte descriptor for a user TLS segment (Linux's fill_ldt);
 * 0 for the "empty" description, which clears the slot. */
u64 tls_desc_from_user(const struct user_desc *info);
/* Put a task's TLS descriptors into the GDT's TLS slots (on a switch). */
void load_tls(const u64 tls[3]);

/* Load the kernel's GDT and TSS and reload every segment register. */
void gdt_init(void);
/* The stack the CPU switches to on an interrupt from ring 3. */
void tss_set_sp0(unsigned long sp0);
/* The kernel's TSS, where a task switch (the double fault's) saves the
 * registers of what was running. */
const struct x86_hw_tss *cpu_tss(void);
/* Describe t in GDT entry entry, as an available 32-bit TSS. */
void set_tss_desc(unsigned int entry, struct x86_hw_tss *t);
/* Make vector a task gate to the TSS of tss_selector (SDM vol. 3A, 6.11). */
void set_task_gate(unsigned int vector, unsigned int tss_selector);

/* Fill the IDT with the entry stubs of arch/entry.asm and load it. */
void idt_init(void);
/* Route the double fault to a task with its own stack (once paging is
 * set up: the task loads the CR3 live at this call). */
void doublefault_init(void);

#endif
