/*
 * arch/tests/serial_test.c - COM1 input arrives by interrupt: in the UART's
 * loopback mode what we send comes back through IRQ 4 into serial_getc().
 */
#include "arch/console.h"
#include "arch/cpu.h"
#include "lib/kunit.h"

/* How many interrupts (timer ticks included) to wait for the bytes. */
#define SERIAL_WAIT_INTERRUPTS 50

static void received_bytes_come_through_the_interrupt(struct kunit *test)
{
	static const char msg[] = "KTAP loopback\n";
	char got[sizeof(msg)] = { 0 };
	unsigned int n = 0;

	while (serial_getc() >= 0) /* drop whatever was typed before */
		;
	serial_set_loopback(true);
	for (unsigned int i = 0; i < sizeof(msg) - 1; i++)
		serial_putc(msg[i]);
	for (int w = 0; w < SERIAL_WAIT_INTERRUPTS && n < sizeof(msg) - 1;
	     w++) {
		int c;

		/* hlt returns after the next interrupt: IRQ 4 or a tick. */
		safe_halt();
		while (n < sizeof(msg) - 1 && (c = serial_getc()) >= 0)
			got[n++] = (char)c;
	}
	serial_set_loopback(false);
	KUNIT_EXPECT_EQ(test, n, sizeof(msg) - 1);
	KUNIT_EXPECT_STREQ(test, got, msg);
}

static void getc_without_input_returns_minus_one(struct kunit *test)
{
	while (serial_getc() >= 0)
		;
	KUNIT_EXPECT_EQ(test, serial_getc(), -1);
}

static struct kunit_case serial_test_cases[] = {
	KUNIT_CASE(received_bytes_come_through_the_interrupt),
	KUNIT_CASE(getc_without_input_returns_minus_one),
	{}
};

static struct kunit_suite serial_test_suite = {
	.name = "serial",
	.test_cases = serial_test_cases,
};
kunit_test_suite(serial_test_suite);
