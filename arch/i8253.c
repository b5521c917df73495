/* arch/i8253.c - the programmable interval timer, channel 0. */
#include "arch/io.h"
#include "arch/irq.h"

/* The PIT's input clock in Hz (Linux's PIT_TICK_RATE, include/linux/timex.h). */
#define PIT_TICK_RATE 1193182
/* Ports and mode word (Intel 8254 datasheet; Linux's asm/i8253.h). */
#define PIT_CH0 0x40
#define PIT_MODE 0x43
#define PIT_CH0_LOHI_RATEGEN 0x34 /* channel 0, lobyte/hibyte, mode 2 */

void setup_pit_timer(unsigned int hz)
{
	/* Rounded, as Linux's PIT_LATCH. */
	unsigned int latch = (PIT_TICK_RATE + hz / 2) / hz;

	outb(PIT_CH0_LOHI_RATEGEN, PIT_MODE);
	outb(latch & 0xff, PIT_CH0);
	outb(latch >> 8, PIT_CH0);
}
