/*
 * tests/host_console.c - printk's console in a host program (host_console.h).
 */
#include "tests/host_names.h"
#include "tests/host_console.h"
#include "lib/kallsyms.h"
#include "lib/printk.h"

char console_text[CONSOLE_TEXT_SIZE];
size_t console_len;

/* lib/vsprintf.c's %pS table, which printk links in: no kernel text here. */
const struct kallsym kallsyms[] = { { 0, "" } };
const unsigned int kallsyms_num = 0;
const unsigned long kallsyms_text_end = 0;

static void capture_write(const char *s, size_t len)
{
	size_t room = sizeof(console_text) - 1 - console_len;
	size_t n = len < room ? len : room;

	for (size_t i = 0; i < n; i++)
		console_text[console_len++] = s[i];
	console_text[console_len] = '\0';
}

static struct console capture_console = { .name = "test",
					  .write = capture_write };

void console_capture_start(void)
{
	register_console(&capture_console);
}

void console_clear(void)
{
	console_len = 0;
	console_text[0] = '\0';
}
