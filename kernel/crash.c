/*
 * kernel/crash.c - deliberate crashes, as Linux's lkdtm: so that a student
 * can see what an oops looks like, and the tests can check that the report
 * names the right exception, address and function.
 */
#include "arch/bug.h"
#include "kernel/crash.h"
#include "kernel/sched.h"
#include "lib/printk.h"
#include "lib/string.h"

/* An address below mmap_min_addr (DESIGN.md): never mapped. */
#define CRASH_BAD_ADDRESS 0x1000UL

/* noinline: each crash should be reported in a function of its own name. */
static __attribute__((noinline)) void crash_page_fault(void)
{
	*(volatile unsigned long *)CRASH_BAD_ADDRESS = 0;
}

static __attribute__((noinline)) void crash_divide_error(void)
{
	unsigned long quotient, remainder;

	/* An explicit divl: gcc turns a C division by a variable that may be
	 * zero into a comparison when the dividend is 1. */
	__asm__ __volatile__("divl %2"
			     : "=a"(quotient), "=d"(remainder)
			     : "r"(0UL), "a"(1UL), "d"(0UL));
	printk("crash: 1 / 0 = %lu remainder %lu\n", quotient, remainder);
}

static __attribute__((noinline)) void crash_bug(void)
{
	BUG();
}

/* Bytes of stack each call of crash_recurse() takes, at the least. */
#define CRASH_FRAME_BYTES 512
/* Far more calls than any kernel stack (THREAD_SIZE) holds. */
#define CRASH_MAX_DEPTH 100000

static __attribute__((noinline)) int crash_recurse(int depth)
{
	volatile char frame[CRASH_FRAME_BYTES];

	frame[0] = (char)depth;
	if (depth > CRASH_MAX_DEPTH)
		return 0;
	return crash_recurse(depth + 1) + frame[0];
}

/* On a task's own vmalloc'd stack, whose guard page ends the recursion. */
static void crash_stack_overflow(void *unused)
{
	crash_recurse(0);
}

void crash(const char *what)
{
	pr_emerg("crash: deliberately crashing with '%s'\n", what);
	if (strcmp(what, "page_fault") == 0)
		crash_page_fault();
	else if (strcmp(what, "divide_error") == 0)
		crash_divide_error();
	else if (strcmp(what, "bug") == 0)
		crash_bug();
	else if (strcmp(what, "stack_overflow") == 0)
		kernel_thread(crash_stack_overflow, NULL, "crash");
	else
		pr_err("crash: unknown '%s' (page_fault, divide_error, bug, stack_overflow)\n",
		       what);
}
