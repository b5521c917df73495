/*
 * tests/fuzz/tape.c - model.h for the libFuzzer targets (tape.h):
 * rnd() reads the input, and model_fail() and panic() abort, which libFuzzer
 * reports as a crash and keeps the input that caused it; and what the
 * targets share, the console capture.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "tests/fuzz/tape.h"
#include "tests/host_names.h"
#include "tests/host_console.h"
#include "tests/model.h"
#include "arch/panic.h"

static const uint8_t *tape;
static size_t tape_len, tape_pos;

void tape_start(const uint8_t *data, size_t size)
{
	tape = data;
	tape_len = size;
	tape_pos = 0;
}

bool tape_empty(void)
{
	return tape_pos >= tape_len;
}

unsigned long rnd(unsigned long n)
{
	unsigned int bytes = n <= 0x100 ? 1 : n <= 0x10000 ? 2 : 4;
	unsigned long v = 0;

	for (unsigned int i = 0; i < bytes; i++, tape_pos++)
		if (tape_pos < tape_len)
			v |= (unsigned long)tape[tape_pos] << (8 * i);
	return v % n;
}

/* What the kernel code printed (dump_page(), validate_mm()), then what
 * went wrong, and abort. */
static __noreturn void die(const char *prefix, const char *fmt, va_list ap)
{
	if (console_len)
		fprintf(stderr, "console:\n%s", console_text);
	fprintf(stderr, "%s", prefix);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	abort();
}

void model_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	die("model: ", fmt, ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	die("Kernel panic - not syncing: ", fmt, ap);
}

/* libFuzzer's hook, once before the first input. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	console_capture_start();
	return 0;
}
