/* arch/irq.c - the 8259A interrupt controllers and IRQ dispatch. */
#include "arch/io.h"
#include "arch/irq.h"
#include "lib/errno.h"

/* 8259A ports and commands (Intel 8259A datasheet; Linux's asm/i8259.h). */
#define PIC_MASTER_CMD 0x20
#define PIC_MASTER_IMR 0x21
#define PIC_SLAVE_CMD 0xa0
#define PIC_SLAVE_IMR 0xa1
#define PIC_CASCADE_IR 2 /* the slave hangs on the master's line 2 */
#define ICW1_INIT 0x11 /* edge triggered, cascade, ICW4 follows */
#define ICW4_8086 0x01
#define OCW3_READ_ISR 0x0b
#define PIC_EOI 0x20 /* non-specific end of interrupt */

static irq_handler_t irq_handlers[NR_IRQS];
/* Mask of both PICs, bit n = IRQ n masked; all but the cascade line. */
static u16 irq_mask = 0xffff & ~(1 << PIC_CASCADE_IR);

static void write_mask(void)
{
	outb(irq_mask & 0xff, PIC_MASTER_IMR);
	outb(irq_mask >> 8, PIC_SLAVE_IMR);
}

static u16 read_isr(void)
{
	outb(OCW3_READ_ISR, PIC_MASTER_CMD);
	outb(OCW3_READ_ISR, PIC_SLAVE_CMD);
	return inb(PIC_MASTER_CMD) | (inb(PIC_SLAVE_CMD) << 8);
}

static void send_eoi(unsigned int irq)
{
	if (irq >= 8)
		outb(PIC_EOI, PIC_SLAVE_CMD);
	outb(PIC_EOI, PIC_MASTER_CMD);
}

static void do_IRQ(struct pt_regs *regs)
{
	unsigned int irq = regs->trapno - FIRST_EXTERNAL_VECTOR;

	/*
	 * IRQ 7 and 15 are also what a PIC reports when the line dropped
	 * before the CPU acknowledged it; a spurious one has no ISR bit and
	 * must get no EOI from its own PIC (8259A datasheet).
	 */
	if ((irq == 7 || irq == 15) && !(read_isr() & (1 << irq))) {
		if (irq == 15)
			outb(PIC_EOI, PIC_MASTER_CMD);
		return;
	}
	if (irq_handlers[irq])
		irq_handlers[irq](irq, regs);
	send_eoi(irq);
}

void init_IRQ(void)
{
	/* ICW1-4: vectors 0x20-0x27 and 0x28-0x2f instead of the BIOS's
	 * 0x08-0x0f, which collide with CPU exceptions. */
	outb(ICW1_INIT, PIC_MASTER_CMD);
	outb(ICW1_INIT, PIC_SLAVE_CMD);
	outb(FIRST_EXTERNAL_VECTOR, PIC_MASTER_IMR);
	outb(FIRST_EXTERNAL_VECTOR + 8, PIC_SLAVE_IMR);
	outb(1 << PIC_CASCADE_IR, PIC_MASTER_IMR);
	outb(PIC_CASCADE_IR, PIC_SLAVE_IMR);
	outb(ICW4_8086, PIC_MASTER_IMR);
	outb(ICW4_8086, PIC_SLAVE_IMR);
	write_mask();
	for (unsigned int i = 0; i < NR_IRQS; i++)
		set_trap_handler(FIRST_EXTERNAL_VECTOR + i, do_IRQ);
}

int request_irq(unsigned int irq, irq_handler_t handler)
{
	if (irq >= NR_IRQS || !handler)
		return -EINVAL;
	if (irq_handlers[irq])
		return -EBUSY;
	irq_handlers[irq] = handler;
	irq_mask &= ~(1 << irq);
	write_mask();
	return 0;
}
