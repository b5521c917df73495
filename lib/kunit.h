/*
 * lib/kunit.h - in-kernel unit tests in the spirit of Linux's KUnit, with the
 * same names and KTAP output, so a student who writes one here can write one
 * for Linux.
 */
#ifndef LIB_KUNIT_H
#define LIB_KUNIT_H

#include "lib/compiler.h"
#include "lib/string.h"
#include "lib/types.h"

/* The state of the test case being run; passed to every test function. */
struct kunit {
	const char *name;
	bool failed;
	bool skipped;
	const char *skip_reason;
};

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
};

struct kunit_suite {
	const char *name;
	/* Terminated by an entry with run_case == NULL ({}). */
	struct kunit_case *test_cases;
};

/* clang-format off */
#define KUNIT_CASE(fn) { .run_case = fn, .name = #fn }
/* clang-format on */

/*
 * Register a suite: its address goes to the .kunit_suites section, which the
 * linker script gathers between __kunit_suites_start and __kunit_suites_end.
 */
#define kunit_test_suite(suite)                                                \
	static struct kunit_suite *const __kunit_ptr_##suite __used __section( \
		".kunit_suites") = &(suite)

extern struct kunit_suite *const __kunit_suites_start[];
extern struct kunit_suite *const __kunit_suites_end[];

/* Record a failure with a KTAP diagnostic line (file:line and the message). */
__printf(4, 5) void kunit_fail(struct kunit *test, const char *file, int line,
			       const char *fmt, ...);
/* Mark the running case skipped; the caller returns from the case. */
void kunit_mark_skipped(struct kunit *test, const char *reason);
/* Print a "# name: message" diagnostic line in the test's output. */
__printf(2, 3) void kunit_info(struct kunit *test, const char *fmt, ...);

/*
 * Run every case of the n suites in KTAP version 1, one subtest per suite.
 * Returns the number of failed cases.
 */
int kunit_run_suites(struct kunit_suite *const *suites, unsigned int n);

#define KUNIT_BINARY_OP(test, a, op, b, on_fail)                               \
	do {                                                                   \
		long long __a = (long long)(a), __b = (long long)(b);          \
		if (!(__a op __b)) {                                           \
			kunit_fail(                                            \
				test, __FILE__, __LINE__,                      \
				"Expected %s %s %s, but %s == %lld (0x%llx), " \
				"%s == %lld (0x%llx)",                         \
				#a, #op, #b, #a, __a, (unsigned long long)__a, \
				#b, __b, (unsigned long long)__b);             \
			on_fail;                                               \
		}                                                              \
	} while (0)

#define KUNIT_COND(test, cond, on_fail)                              \
	do {                                                         \
		if (!(cond)) {                                       \
			kunit_fail(test, __FILE__, __LINE__,         \
				   "Expected %s to be true", #cond); \
			on_fail;                                     \
		}                                                    \
	} while (0)

#define KUNIT_EXPECT_EQ(t, a, b) KUNIT_BINARY_OP(t, a, ==, b, (void)0)
#define KUNIT_EXPECT_NE(t, a, b) KUNIT_BINARY_OP(t, a, !=, b, (void)0)
#define KUNIT_EXPECT_LT(t, a, b) KUNIT_BINARY_OP(t, a, <, b, (void)0)
#define KUNIT_EXPECT_LE(t, a, b) KUNIT_BINARY_OP(t, a, <=, b, (void)0)
#define KUNIT_EXPECT_GT(t, a, b) KUNIT_BINARY_OP(t, a, >, b, (void)0)
#define KUNIT_EXPECT_GE(t, a, b) KUNIT_BINARY_OP(t, a, >=, b, (void)0)
#define KUNIT_EXPECT_TRUE(t, c) KUNIT_COND(t, c, (void)0)
#define KUNIT_EXPECT_FALSE(t, c) KUNIT_COND(t, !(c), (void)0)
#define KUNIT_EXPECT_NULL(t, p) KUNIT_COND(t, (p) == NULL, (void)0)
#define KUNIT_EXPECT_NOT_NULL(t, p) KUNIT_COND(t, (p) != NULL, (void)0)
#define KUNIT_EXPECT_STREQ(t, a, b) KUNIT_COND(t, strcmp(a, b) == 0, (void)0)

/* The ASSERT forms end the test case at the first failure. */
/* clang-format off */
#define KUNIT_ASSERT_EQ(t, a, b) KUNIT_BINARY_OP(t, a, ==, b, return)
#define KUNIT_ASSERT_NE(t, a, b) KUNIT_BINARY_OP(t, a, !=, b, return)
#define KUNIT_ASSERT_GE(t, a, b) KUNIT_BINARY_OP(t, a, >=, b, return)
#define KUNIT_ASSERT_GT(t, a, b) KUNIT_BINARY_OP(t, a, >, b, return)
#define KUNIT_ASSERT_TRUE(t, c) KUNIT_COND(t, c, return)
#define KUNIT_ASSERT_NOT_NULL(t, p) KUNIT_COND(t, (p) != NULL, return)
/* clang-format on */

#endif
