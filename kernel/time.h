/* kernel/time.h - the timer tick. */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include "lib/types.h"

/* Timer interrupts per second (Linux i386's classic CONFIG_HZ=100). */
#define HZ 100
#define NSEC_PER_SEC 1000000000ULL

/* Timer ticks since time_init(); changed only by the timer interrupt. */
extern volatile unsigned long jiffies;

/* a is at or after b, even across a wrap of jiffies (Linux's macro). */
#define time_after_eq(a, b) ((long)((a) - (b)) >= 0)

/* Start the PIT at HZ and count its interrupts in jiffies. */
void time_init(void);
/* Nanoseconds since boot, at tick resolution. */
u64 ktime_get_ns(void);
/* Nanoseconds since the epoch: the RTC at boot plus time since. */
u64 ktime_get_real_ns(void);

#endif
