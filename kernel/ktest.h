/* kernel/ktest.h - test mode: run in-kernel test suites chosen on the command line. */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

/*
 * Run the KUnit suites that spec names ("all", or names separated by commas,
 * a trailing '*' matching any suffix) and leave QEMU through isa-debug-exit
 * with 0 if every case passed and 1 otherwise (DESIGN.md). Does not return.
 */
void __attribute__((noreturn)) run_kunit_tests(const char *spec);

/* In test mode a panic is a failed run: leave QEMU with status 1. */
void ktest_panic_exit(void);

#endif
