/* tests/test_kallsyms.c - lib/kallsyms.c over a small table of its own. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/host_names.h"
#include "lib/compiler.h"
#include "lib/kallsyms.h"

/* Five symbols of uneven sizes, so the binary search takes every turn. */
const struct kallsym kallsyms[] = {
	{ 0xc0100000, "_start" }, { 0xc0100010, "kmain" },
	{ 0xc0100011, "tiny" },	  { 0xc0100100, "handle_mm_fault" },
	{ 0xc0100400, "panic" },
};
const unsigned int kallsyms_num = ARRAY_SIZE(kallsyms);
const unsigned long kallsyms_text_end = 0xc0100480;

static void expect(unsigned long addr, const char *name, unsigned long size,
		   unsigned long offset)
{
	unsigned long got_size = 0xdead, got_offset = 0xdead;
	const char *got = kallsyms_lookup(addr, &got_size, &got_offset);

	if (!got)
		fail_msg("%#lx: NULL, want %s", addr, name);
	assert_string_equal(got, name);
	assert_int_equal(got_size, size);
	assert_int_equal(got_offset, offset);
}

static void expect_none(unsigned long addr)
{
	unsigned long size, offset;

	assert_null(kallsyms_lookup(addr, &size, &offset));
}

static void test_lookup_first_symbol(void **state)
{
	(void)state;
	expect(0xc0100000, "_start", 0x10, 0);
	expect(0xc0100001, "_start", 0x10, 1);
	expect(0xc010000f, "_start", 0x10, 0xf);
}

static void test_lookup_inside_and_at_boundaries(void **state)
{
	(void)state;
	expect(0xc0100010, "kmain", 1, 0);
	expect(0xc0100011, "tiny", 0xef, 0);
	expect(0xc01000ff, "tiny", 0xef, 0xee);
	expect(0xc0100100, "handle_mm_fault", 0x300, 0);
	expect(0xc0100234, "handle_mm_fault", 0x300, 0x134);
	expect(0xc01003ff, "handle_mm_fault", 0x300, 0x2ff);
}

/* The last symbol ends at kallsyms_text_end, not at another symbol. */
static void test_lookup_last_symbol(void **state)
{
	(void)state;
	expect(0xc0100400, "panic", 0x80, 0);
	expect(0xc010047f, "panic", 0x80, 0x7f);
}

static void test_lookup_outside_text(void **state)
{
	(void)state;
	expect_none(kallsyms_text_end);
	expect_none(kallsyms_text_end + 1);
	expect_none(0xc00fffff);
	expect_none(0);
	expect_none(ULONG_MAX);
}

static void test_lookup_size_and_offset_optional(void **state)
{
	unsigned long size, offset;

	(void)state;
	assert_string_equal(kallsyms_lookup(0xc0100105, NULL, NULL),
			    "handle_mm_fault");
	assert_string_equal(kallsyms_lookup(0xc0100105, &size, NULL),
			    "handle_mm_fault");
	assert_int_equal(size, 0x300);
	assert_string_equal(kallsyms_lookup(0xc0100105, NULL, &offset),
			    "handle_mm_fault");
	assert_int_equal(offset, 5);
}

/* Every address in the text against a linear scan of the table. */
static void test_lookup_every_address(void **state)
{
	(void)state;
	for (unsigned long a = kallsyms[0].addr; a < kallsyms_text_end; a++) {
		unsigned int i = kallsyms_num - 1;
		unsigned long end;

		while (kallsyms[i].addr > a)
			i--;
		end = i + 1 < kallsyms_num ? kallsyms[i + 1].addr :
					     kallsyms_text_end;
		expect(a, kallsyms[i].name, end - kallsyms[i].addr,
		       a - kallsyms[i].addr);
	}
}

static void test_lookup_name(void **state)
{
	(void)state;
	for (unsigned int i = 0; i < kallsyms_num; i++)
		assert_int_equal(kallsyms_lookup_name(kallsyms[i].name),
				 kallsyms[i].addr);
	assert_int_equal(kallsyms_lookup_name("panic"), 0xc0100400);
	assert_int_equal(kallsyms_lookup_name("nosuch"), 0);
	assert_int_equal(kallsyms_lookup_name("kmai"), 0);
	assert_int_equal(kallsyms_lookup_name("kmainx"), 0);
	assert_int_equal(kallsyms_lookup_name(""), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup_first_symbol),
		cmocka_unit_test(test_lookup_inside_and_at_boundaries),
		cmocka_unit_test(test_lookup_last_symbol),
		cmocka_unit_test(test_lookup_outside_text),
		cmocka_unit_test(test_lookup_size_and_offset_optional),
		cmocka_unit_test(test_lookup_every_address),
		cmocka_unit_test(test_lookup_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
