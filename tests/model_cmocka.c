/*
 * tests/model_cmocka.c - model.h for the cmocka unit tests: rnd() is a
 * seeded PRNG (the same sequence on every host) and model_fail() fails the
 * running test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

/* libc's version, taken before host_names.h renames it. */
static int (*const libc_vsnprintf)(char *, size_t, const char *,
				   va_list) = vsnprintf;

#include "tests/host_names.h"
#include "tests/model.h"

/* xorshift64*: the same sequence on every host, from a nonzero seed. */
static u64 rng = 1;

void rnd_seed(u64 seed)
{
	rng = seed;
}

unsigned long rnd(unsigned long n)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (unsigned long)((rng * 0x2545f4914f6cdd1dULL) >> 32) % n;
}

void model_fail(const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	libc_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fail_msg("%s", msg);
	abort(); /* fail_msg() does not return; this says so to the compiler */
}
