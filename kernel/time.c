/* kernel/time.c - count timer interrupts. */
#include "arch/irq.h"
#include "arch/rtc.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "lib/printk.h"

volatile unsigned long jiffies;

static void timer_interrupt(unsigned int irq, struct pt_regs *regs)
{
	jiffies++;
	scheduler_tick();
}

static u64 boot_epoch_seconds;

u64 ktime_get_ns(void)
{
	return (u64)jiffies * (NSEC_PER_SEC / HZ);
}

u64 ktime_get_real_ns(void)
{
	return boot_epoch_seconds * NSEC_PER_SEC + ktime_get_ns();
}

void time_init(void)
{
	boot_epoch_seconds = rtc_read_epoch();
	setup_pit_timer(HZ);
	request_irq(TIMER_IRQ, timer_interrupt);
	printk_set_clock(ktime_get_ns);
	pr_info("clocksource: PIT at %u Hz\n", HZ);
}
