/*
 * tests/host_console.h - printk's console in a host program: what the
 * kernel code printed, kept for the test to read back.
 *
 * host_console.c also defines the empty kallsyms table that lib/vsprintf.c's
 * %pS needs, for programs that link printk and have no table of their own.
 */
#ifndef TESTS_HOST_CONSOLE_H
#define TESTS_HOST_CONSOLE_H

#include <stddef.h>

#define CONSOLE_TEXT_SIZE 8192

/* Everything printed since the last console_clear(), NUL-terminated
 * (cut at CONSOLE_TEXT_SIZE - 1 bytes). */
extern char console_text[CONSOLE_TEXT_SIZE];
extern size_t console_len;

/* Register the capturing console with printk (once per program). */
void console_capture_start(void);
void console_clear(void);

#endif
