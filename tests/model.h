/*
 * tests/model.h - what the reference models (model_buddy.c, model_vma.c)
 * need from the program that runs them: a way to fail and a source of
 * choices.
 *
 * The models drive the kernel code with operations whose every parameter
 * comes from rnd(), and hold the result against a plain model of what it
 * must be. Two programs provide rnd() and model_fail():
 *
 *	the cmocka unit tests (model_cmocka.c): rnd() is a seeded PRNG, and
 *	a failure is cmocka's fail_msg();
 *	the libFuzzer targets (fuzz/tape.c): rnd() reads the fuzzer's
 *	input bytes, so the input is the sequence of operations, and a
 *	failure aborts, which libFuzzer reports as a crash with the input.
 */
#ifndef TESTS_MODEL_H
#define TESTS_MODEL_H

#include "lib/compiler.h"
#include "lib/types.h"

/* A choice in [0, n), n > 0. */
unsigned long rnd(unsigned long n);
/* The unit tests only: restart rnd()'s sequence from a nonzero seed. */
void rnd_seed(u64 seed);

/* Report a broken expectation and do not return. */
__noreturn __printf(1, 2) void model_fail(const char *fmt, ...);

/* model_fail() unless cond: an expectation, with what broke it. */
#define check(cond, ...)                         \
	do {                                     \
		if (!(cond))                     \
			model_fail(__VA_ARGS__); \
	} while (0)

#endif
