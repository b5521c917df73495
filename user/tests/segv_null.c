/* user/tests/segv_null.c - a write through NULL must kill with SIGSEGV. */
#include "ulib.h"

/*
 * The expected outcome is death by signal 11, which the runner sees in the
 * wait status (Linux's peer prints "signal=11"); nothing after the store
 * should run.
 */
int main(int argc, char **argv, char **envp)
{
	volatile int *null = NULL;

	printf("segv_null: writing through NULL, expecting SIGSEGV\n");
	/* the NULL store is the test: tell the linters so */
	// cppcheck-suppress nullPointer
	*null = 1; // NOLINT(clang-analyzer-core.NullDereference)
	printf("not ok 1 segv_null: the write through NULL did not fault\n");
	return 1;
}
