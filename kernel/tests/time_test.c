/* kernel/tests/time_test.c - the PIT interrupts and jiffies counts them. */
#include "arch/cpu.h"
#include "kernel/time.h"
#include "lib/kunit.h"

/* Ticks to wait for, and the most interrupts that may take. */
#define TICKS_TO_WAIT 3
#define MAX_HALTS 1000

static void jiffies_advance_with_interrupts_on(struct kunit *test)
{
	unsigned long start = jiffies;
	int halts = 0;

	KUNIT_ASSERT_TRUE(test, local_save_flags() & X86_EFLAGS_IF);
	while (jiffies - start < TICKS_TO_WAIT && halts < MAX_HALTS) {
		safe_halt();
		halts++;
	}
	KUNIT_EXPECT_GE(test, jiffies - start, TICKS_TO_WAIT);
}

static void jiffies_stand_still_with_interrupts_off(struct kunit *test)
{
	unsigned long flags = local_irq_save();
	unsigned long start = jiffies;
	u64 t0 = rdtsc();

	/* A busy wait long enough for several ticks if interrupts were on. */
	while (rdtsc() - t0 < 50000000ULL)
		barrier();
	KUNIT_EXPECT_EQ(test, jiffies, start);
	local_irq_restore(flags);
}

static void ktime_follows_jiffies(struct kunit *test)
{
	unsigned long flags = local_irq_save();

	KUNIT_EXPECT_EQ(test, ktime_get_ns(),
			(u64)jiffies * (NSEC_PER_SEC / HZ));
	local_irq_restore(flags);
}

static struct kunit_case time_test_cases[] = {
	KUNIT_CASE(jiffies_advance_with_interrupts_on),
	KUNIT_CASE(jiffies_stand_still_with_interrupts_off),
	KUNIT_CASE(ktime_follows_jiffies),
	{}
};

static struct kunit_suite time_test_suite = {
	.name = "time",
	.test_cases = time_test_cases,
};
kunit_test_suite(time_test_suite);
