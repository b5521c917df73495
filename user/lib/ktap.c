/* user/lib/ktap.c - run a program's test cases and report them in KTAP. */
#include "ulib.h"

int ktap_run(const char *suite, const struct ktap_case *cases, int n)
{
	int failed = 0;

	printf("KTAP version 1\n1..%d\n", n);
	for (int i = 0; i < n; i++) {
		if (cases[i].run()) {
			printf("ok %d %s\n", i + 1, cases[i].name);
		} else {
			printf("not ok %d %s\n", i + 1, cases[i].name);
			failed++;
		}
	}
	printf("# %s: %d passed, %d failed\n", suite, n - failed, failed);
	return failed ? 1 : 0;
}
