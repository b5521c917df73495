/*
 * arch/rtc.c - read the CMOS real-time clock once, for CLOCK_REALTIME.
 * Registers and formats from the MC146818 datasheet (Linux's
 * include/linux/mc146818rtc.h). QEMU's -rtc base=... sets what it holds.
 */
#include "arch/io.h"
#include "arch/rtc.h"

#define RTC_PORT_INDEX 0x70
#define RTC_PORT_DATA 0x71
#define RTC_SECONDS 0x00
#define RTC_MINUTES 0x02
#define RTC_HOURS 0x04
#define RTC_DAY_OF_MONTH 0x07
#define RTC_MONTH 0x08
#define RTC_YEAR 0x09
#define RTC_REG_A 0x0a
#define RTC_UIP 0x80 /* update in progress: the fields are changing */
#define RTC_REG_B 0x0b
#define RTC_DM_BINARY 0x04 /* else BCD */
#define RTC_24H 0x02
#define RTC_PM 0x80 /* in the hours byte, 12-hour mode */
#define SECS_PER_DAY 86400ULL

static u8 cmos_read(u8 reg)
{
	outb(reg, RTC_PORT_INDEX);
	return inb(RTC_PORT_DATA);
}

static unsigned int bcd2bin(u8 v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

/* Days from 1970-01-01 to y-m-d (Howard Hinnant's days_from_civil). */
static long days_from_civil(long y, unsigned int m, unsigned int d)
{
	long era;
	unsigned int yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned int)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

u64 rtc_read_epoch(void)
{
	u8 sec, min, hour, day, mon, year, b;
	bool pm;

	while (cmos_read(RTC_REG_A) & RTC_UIP)
		;
	sec = cmos_read(RTC_SECONDS);
	min = cmos_read(RTC_MINUTES);
	hour = cmos_read(RTC_HOURS);
	day = cmos_read(RTC_DAY_OF_MONTH);
	mon = cmos_read(RTC_MONTH);
	year = cmos_read(RTC_YEAR);
	b = cmos_read(RTC_REG_B);
	pm = !(b & RTC_24H) && (hour & RTC_PM);
	hour &= (u8)~RTC_PM;
	if (!(b & RTC_DM_BINARY)) {
		sec = (u8)bcd2bin(sec);
		min = (u8)bcd2bin(min);
		hour = (u8)bcd2bin(hour);
		day = (u8)bcd2bin(day);
		mon = (u8)bcd2bin(mon);
		year = (u8)bcd2bin(year);
	}
	if (!(b & RTC_24H))
		hour = (u8)(hour % 12 + (pm ? 12 : 0));
	/* Two-digit years: 70-99 are 1970-1999, the rest 2000-2069. */
	return (u64)days_from_civil(year < 70 ? 2000 + year : 1900 + year, mon,
				    day) *
		       SECS_PER_DAY +
	       hour * 3600ULL + min * 60ULL + sec;
}
