/* kernel/bench.h - benchmark mode: measure a kernel path and report it. */
#ifndef KERNEL_BENCH_H
#define KERNEL_BENCH_H

/*
 * Run the benchmarks that "bench=NAMES" asks for, print one line of
 * "bench: NAME key=value ..." figures each, and leave QEMU (status 0 when
 * every name was known). Under -icount shift=0,sleep=off the TSC counts
 * guest instructions, so the figures are instruction counts that repeat
 * exactly. Does not return.
 */
void __attribute__((noreturn)) run_benchmarks(const char *names);

/* The TSC at boot/boot.asm's first instruction. */
extern unsigned long long boot_tsc;
/* Print the boot's cost: called as init is about to enter user mode. */
void bench_boot_done(void);

#endif
