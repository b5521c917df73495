/* lib/printk.h - formatted output to every registered console, with levels. */
#ifndef LIB_PRINTK_H
#define LIB_PRINTK_H

#include "lib/compiler.h"
#include "lib/types.h"

/*
 * Log levels as Linux's include/linux/kern_levels.h spells them: an SOH byte
 * and a digit at the start of the format. A message without one is
 * KERN_DEFAULT (level 4, as Linux's default_message_loglevel).
 */
#define KERN_SOH "\001"
#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"
/* Continue the previous line: no level, no timestamp. */
#define KERN_CONT KERN_SOH "c"

#define LOGLEVEL_DEFAULT 4
/* Linux's CONSOLE_LOGLEVEL_DEFAULT: print everything but KERN_DEBUG. */
#define CONSOLE_LOGLEVEL_DEFAULT 7
/* Linux's CONSOLE_LOGLEVEL_QUIET, chosen by "quiet" on the command line. */
#define CONSOLE_LOGLEVEL_QUIET 4

/* A console driver: printk hands it every message that passes the level. */
struct console {
	const char *name;
	void (*write)(const char *s, size_t len);
	struct console *next;
};

/* Messages with a level below this number reach the consoles. */
extern int console_loglevel;

/* Add a console; every later printk line is written to it too. */
void register_console(struct console *con);
/* Give printk a clock for its "[seconds.micros]" prefix (nanoseconds). */
void printk_set_clock(u64 (*clock_ns)(void));

/* Write bytes to every console as they are: no level, no timestamp (the
 * path of a user program's write to its terminal). */
void console_write(const char *s, size_t len);

/* Format and print a message; returns the number of characters formatted. */
__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list args);

#define pr_emerg(fmt, ...) printk(KERN_EMERG fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(KERN_NOTICE fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...) printk(KERN_DEBUG fmt, ##__VA_ARGS__)
#define pr_cont(fmt, ...) printk(KERN_CONT fmt, ##__VA_ARGS__)

/*
 * printf-style formatting into buf (C99 semantics: always terminated when
 * size > 0; returns the length the whole output would have). Besides the
 * C conversions: %pS prints a kernel text address as symbol+0xoff/0xsize.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);

#endif
