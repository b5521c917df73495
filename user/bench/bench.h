/*
 * bench.h - what the benchmark programs share: rdtsc, which under QEMU's
 * -icount shift=0,sleep=off counts guest instructions (one per TSC tick),
 * and a shared page through which a child hands its figures back.
 */
#ifndef USER_BENCH_H
#define USER_BENCH_H

#include "ulib.h"

#define MIB (1 << 20)
#define PAGE 4096

static inline unsigned long long rdtsc(void)
{
	unsigned int lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((unsigned long long)hi << 32) | lo;
}

/* A page shared with children across fork (MAP_SHARED survives it). */
static inline unsigned long long *shared_figures(void)
{
	void *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

#endif
