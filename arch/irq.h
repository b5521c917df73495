/* arch/irq.h - hardware interrupt lines of the two 8259 PICs. */
#ifndef ARCH_IRQ_H
#define ARCH_IRQ_H

#include "arch/traps.h"

#define NR_IRQS 16
/* ISA interrupt lines on the PC (IBM PC/AT technical reference). */
#define TIMER_IRQ 0
#define COM1_IRQ 4

typedef void (*irq_handler_t)(unsigned int irq, struct pt_regs *regs);

/*
 * Remap the PICs above the exceptions, route their vectors to the IRQ
 * dispatcher, and mask every line until a handler asks for it.
 */
void init_IRQ(void);
/* Install the one handler of an IRQ line and unmask it; -EBUSY if taken. */
int request_irq(unsigned int irq, irq_handler_t handler);

/* Program the 8253/8254 PIT to interrupt hz times a second on TIMER_IRQ. */
void setup_pit_timer(unsigned int hz);

#endif
