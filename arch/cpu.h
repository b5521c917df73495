/* arch/cpu.h - control registers, TLB, interrupt flag and halting. */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include "lib/types.h"

/* SDM vol. 3A, 2.5: control register bits. */
#define X86_CR0_PE (1UL << 0)
#define X86_CR0_MP (1UL << 1)
#define X86_CR0_EM (1UL << 2)
#define X86_CR0_TS (1UL << 3)
#define X86_CR0_NE (1UL << 5)
#define X86_CR0_WP (1UL << 16)
#define X86_CR0_PG (1UL << 31)
#define X86_CR4_PSE (1UL << 4)
#define X86_CR4_PGE (1UL << 7)
#define X86_CR4_OSFXSR (1UL << 9)
#define X86_CR4_OSXMMEXCPT (1UL << 10)
/* SDM vol. 1, 3.4.3: EFLAGS.IF, interrupts enabled. */
#define X86_EFLAGS_IF (1UL << 9)

#define DEFINE_READ_CR(n)                                             \
	static inline unsigned long read_cr##n(void)                  \
	{                                                             \
		unsigned long v;                                      \
		__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v)); \
		return v;                                             \
	}
DEFINE_READ_CR(0)
DEFINE_READ_CR(2)
DEFINE_READ_CR(3)
DEFINE_READ_CR(4)

static inline void write_cr0(unsigned long v)
{
	__asm__ __volatile__("mov %0, %%cr0" : : "r"(v) : "memory");
}

static inline void write_cr4(unsigned long v)
{
	__asm__ __volatile__("mov %0, %%cr4" : : "r"(v) : "memory");
}

static inline void write_cr3(unsigned long v)
{
	__asm__ __volatile__("mov %0, %%cr3" : : "r"(v) : "memory");
}

/* Drop the TLB entry for one virtual address (SDM vol. 3A, 4.10.4.1). */
static inline void invlpg(unsigned long addr)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(addr) : "memory");
}

/* Flush every non-global TLB entry by reloading CR3. */
static inline void __flush_tlb(void)
{
	write_cr3(read_cr3());
}

static inline void local_irq_disable(void)
{
	__asm__ __volatile__("cli" : : : "memory");
}

static inline void local_irq_enable(void)
{
	__asm__ __volatile__("sti" : : : "memory");
}

static inline unsigned long local_save_flags(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfl; popl %0" : "=r"(flags) : : "memory");
	return flags;
}

/* Disable interrupts and return the previous EFLAGS for local_irq_restore. */
static inline unsigned long local_irq_save(void)
{
	unsigned long flags = local_save_flags();

	local_irq_disable();
	return flags;
}

static inline void local_irq_restore(unsigned long flags)
{
	if (flags & X86_EFLAGS_IF)
		local_irq_enable();
}

/* Enable interrupts and sleep until the next one, with no lost wake-up:
 * sti takes effect only after the following instruction. */
static inline void safe_halt(void)
{
	__asm__ __volatile__("sti; hlt" : : : "memory");
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

#endif
