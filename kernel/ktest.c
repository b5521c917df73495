/* kernel/ktest.c - select test suites by name, run them, report to the host. */
#include "arch/panic.h"
#include "kernel/ktest.h"
#include "lib/kunit.h"
#include "lib/printk.h"
#include "lib/string.h"

/* The values written to isa-debug-exit (DESIGN.md, boot and test contract). */
#define KTEST_EXIT_PASS 0
#define KTEST_EXIT_FAIL 1
/* Longest suite name pattern. */
#define PATTERN_MAX 64

static struct kunit_suite *selected[256];

/* Does one comma-separated pattern match the suite's name? */
static bool pattern_matches(const char *pat, size_t len, const char *name)
{
	if (len == 3 && strncmp(pat, "all", 3) == 0)
		return true;
	if (len && pat[len - 1] == '*')
		return strncmp(pat, name, len - 1) == 0;
	return strlen(name) == len && strncmp(pat, name, len) == 0;
}

static bool spec_matches(const char *spec, const char *name)
{
	while (*spec) {
		const char *comma = strchr(spec, ',');
		size_t len = comma ? (size_t)(comma - spec) : strlen(spec);

		if (len < PATTERN_MAX && pattern_matches(spec, len, name))
			return true;
		spec += len + (comma ? 1 : 0);
	}
	return false;
}

void ktest_panic_exit(void)
{
	qemu_debug_exit(KTEST_EXIT_FAIL);
}

void run_kunit_tests(const char *spec)
{
	unsigned int n = 0;
	int failed;

	for (struct kunit_suite *const *s = __kunit_suites_start;
	     s < __kunit_suites_end && n < ARRAY_SIZE(selected); s++)
		if (spec_matches(spec, (*s)->name))
			selected[n++] = *s;
	if (n == 0) {
		/* Not a silent pass: a typo in test= must fail the run. */
		pr_err("ktest: no test suite matches 'test=%s'\n", spec);
		qemu_debug_exit(KTEST_EXIT_FAIL);
		machine_halt();
	}
	failed = kunit_run_suites(selected, n);
	pr_info("ktest: %s\n", failed ? "FAILED" : "all tests passed");
	qemu_debug_exit(failed ? KTEST_EXIT_FAIL : KTEST_EXIT_PASS);
	machine_halt();
}
