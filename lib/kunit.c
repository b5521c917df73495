/* lib/kunit.c - run test suites and report them in KTAP version 1. */
#include "lib/kunit.h"
#include "lib/printk.h"

/* KTAP nests a suite's cases under it, indented by four spaces. */
#define KTAP_INDENT "    "

void kunit_fail(struct kunit *test, const char *file, int line, const char *fmt,
		...)
{
	char msg[256];
	va_list args;

	va_start(args, fmt);
	vsnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	test->failed = true;
	printk(KTAP_INDENT "# %s: EXPECTATION FAILED at %s:%d\n", test->name,
	       file, line);
	printk(KTAP_INDENT "# %s\n", msg);
}

void kunit_mark_skipped(struct kunit *test, const char *reason)
{
	test->skipped = true;
	test->skip_reason = reason;
}

void kunit_info(struct kunit *test, const char *fmt, ...)
{
	char msg[256];
	va_list args;

	va_start(args, fmt);
	vsnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	printk(KTAP_INDENT "# %s: %s\n", test->name, msg);
}

static unsigned int count_cases(const struct kunit_suite *suite)
{
	unsigned int n = 0;

	while (suite->test_cases[n].run_case)
		n++;
	return n;
}

/* Run one suite as a KTAP subtest; returns its number of failed cases. */
static int kunit_run_suite(const struct kunit_suite *suite, unsigned int nr)
{
	unsigned int n = count_cases(suite), pass = 0, fail = 0, skip = 0;

	printk(KTAP_INDENT "KTAP version 1\n");
	printk(KTAP_INDENT "# Subtest: %s\n", suite->name);
	printk(KTAP_INDENT "1..%u\n", n);
	for (unsigned int i = 0; i < n; i++) {
		const struct kunit_case *c = &suite->test_cases[i];
		struct kunit test = { .name = c->name };

		c->run_case(&test);
		if (test.failed) {
			fail++;
			printk(KTAP_INDENT "not ok %u %s\n", i + 1, c->name);
		} else if (test.skipped) {
			skip++;
			printk(KTAP_INDENT "ok %u %s # SKIP %s\n", i + 1,
			       c->name, test.skip_reason);
		} else {
			pass++;
			printk(KTAP_INDENT "ok %u %s\n", i + 1, c->name);
		}
	}
	printk("# %s: pass:%u fail:%u skip:%u total:%u\n", suite->name, pass,
	       fail, skip, n);
	printk("%s %u %s\n", fail ? "not ok" : "ok", nr, suite->name);
	return (int)fail;
}

int kunit_run_suites(struct kunit_suite *const *suites, unsigned int n)
{
	int failed = 0;

	printk("KTAP version 1\n");
	printk("1..%u\n", n);
	for (unsigned int i = 0; i < n; i++)
		failed += kunit_run_suite(suites[i], i + 1);
	return failed;
}
