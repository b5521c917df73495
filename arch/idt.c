/* arch/idt.c - the interrupt descriptor table. */
#include "arch/desc.h"
#include "arch/segment.h"
#include "arch/traps.h"
#include "lib/compiler.h"

/* Gate descriptor fields (SDM vol. 3A, 6.11, figure 6-2). */
#define GATE_INTERRUPT 0xe /* 32-bit interrupt gate: clears EFLAGS.IF */
#define GATE_TASK 0x5 /* task gate: switch to the TSS it names */
#define GATE_DPL(n) ((n) << 5) /* the lowest ring that may "int n" it */
#define GATE_P (1 << 7)

struct gate_struct {
	u16 offset_low;
	u16 segment;
	u8 reserved;
	u8 type_attr;
	u16 offset_high;
} __packed;

struct desc_ptr {
	u16 size;
	u32 address;
} __packed;

/* The stubs of arch/entry.asm, one per vector. */
extern const unsigned long trap_entry_stubs[NR_VECTORS];

static struct gate_struct idt_table[NR_VECTORS] __aligned(8);

static void set_gate(unsigned int vector, unsigned long addr, int dpl)
{
	struct gate_struct *g = &idt_table[vector];

	g->offset_low = addr & 0xffff;
	g->segment = __KERNEL_CS;
	g->reserved = 0;
	g->type_attr = GATE_P | GATE_DPL(dpl) | GATE_INTERRUPT;
	g->offset_high = addr >> 16;
}

void set_task_gate(unsigned int vector, unsigned int tss_selector)
{
	struct gate_struct *g = &idt_table[vector];

	g->offset_low = 0; /* unused: the TSS says where to start */
	g->segment = (u16)tss_selector;
	g->reserved = 0;
	g->type_attr = GATE_P | GATE_DPL(0) | GATE_TASK;
	g->offset_high = 0;
}

void idt_init(void)
{
	struct desc_ptr idtr = { sizeof(idt_table) - 1, (u32)idt_table };

	/*
	 * Interrupt gates everywhere, as Linux: a handler starts with
	 * interrupts off and decides itself when to enable them. Only int3,
	 * into and the system call may be raised by "int n" from ring 3; any
	 * other "int n" in user mode is a #GP.
	 */
	for (unsigned int v = 0; v < NR_VECTORS; v++)
		set_gate(v, trap_entry_stubs[v], 0);
	set_gate(X86_TRAP_BP, trap_entry_stubs[X86_TRAP_BP], 3);
	set_gate(X86_TRAP_OF, trap_entry_stubs[X86_TRAP_OF], 3);
	set_gate(IA32_SYSCALL_VECTOR, trap_entry_stubs[IA32_SYSCALL_VECTOR], 3);
	__asm__ __volatile__("lidt %0" : : "m"(idtr));
}
