/* arch/rtc.h - the PC's battery-backed real-time clock (MC146818). */
#ifndef ARCH_RTC_H
#define ARCH_RTC_H

#include "lib/types.h"

/* The RTC's date and time as seconds since 1970-01-01 00:00:00 UTC. */
u64 rtc_read_epoch(void);

#endif
