/* lib/printk.c - the kernel's message path: level, timestamp, consoles. */
#include "lib/printk.h"
#include "lib/string.h"

/* Longest message printk formats in one call; the rest is cut. */
#define PRINTK_LINE_MAX 512

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;

static struct console *consoles;
static u64 (*printk_clock)(void);
/* Whether the last message ended its line, so the next one gets a prefix. */
static bool at_line_start = true;

void register_console(struct console *con)
{
	struct console **p = &consoles;

	while (*p)
		p = &(*p)->next;
	con->next = NULL;
	*p = con;
}

void printk_set_clock(u64 (*clock_ns)(void))
{
	printk_clock = clock_ns;
}

void console_write(const char *s, size_t len)
{
	for (struct console *c = consoles; c; c = c->next)
		c->write(s, len);
}

/* Linux's "[    1.234567] " prefix: seconds and microseconds since boot. */
static void print_time(void)
{
	char prefix[32];
	u64 ns = printk_clock ? printk_clock() : 0;
	u32 sec = (u32)(ns / 1000000000ULL);
	u32 usec = (u32)(ns % 1000000000ULL / 1000);
	int n = snprintf(prefix, sizeof(prefix), "[%5u.%06u] ", sec, usec);

	console_write(prefix, (size_t)n);
}

int vprintk(const char *fmt, va_list args)
{
	char line[PRINTK_LINE_MAX];
	int level = LOGLEVEL_DEFAULT;
	bool cont = false;
	size_t len, start = 0;
	int n;

	if (fmt[0] == KERN_SOH[0] && fmt[1]) {
		if (fmt[1] == 'c')
			cont = true;
		else if (fmt[1] >= '0' && fmt[1] <= '7')
			level = fmt[1] - '0';
		fmt += 2;
	}
	n = vsnprintf(line, sizeof(line), fmt, args);
	len = strlen(line);
	if (level >= console_loglevel)
		return n;
	if (!cont && !at_line_start) {
		/* A new message while the previous line is open ends it. */
		console_write("\n", 1);
		at_line_start = true;
	}
	/* Each line of a multi-line message gets its own timestamp. */
	while (start < len) {
		const char *nl = memchr(line + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - line) + 1 : len;

		if (at_line_start)
			print_time();
		console_write(line + start, end - start);
		at_line_start = nl != NULL;
		start = end;
	}
	return n;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}
