/*
 * lib/tests/kallsyms_test.c - the symbol table generated from the linked
 * kernel resolves real kernel addresses, as the oops report needs.
 */
#include "lib/kallsyms.h"
#include "lib/kunit.h"
#include "lib/printk.h"

static void function_address_resolves_to_its_name(struct kunit *test)
{
	unsigned long size, offset;
	const char *name =
		kallsyms_lookup((unsigned long)memcpy, &size, &offset);

	KUNIT_ASSERT_NOT_NULL(test, name);
	KUNIT_EXPECT_STREQ(test, name, "memcpy");
	KUNIT_EXPECT_EQ(test, offset, 0);
	KUNIT_EXPECT_GT(test, size, 0);
	name = kallsyms_lookup((unsigned long)memcpy + size - 1, NULL, &offset);
	KUNIT_EXPECT_STREQ(test, name, "memcpy");
	KUNIT_EXPECT_EQ(test, offset, size - 1);
}

static void name_resolves_to_address(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, kallsyms_lookup_name("strlen"),
			(unsigned long)strlen);
	KUNIT_EXPECT_EQ(test, kallsyms_lookup_name("no_such_function"), 0);
}

static void data_address_is_not_text(struct kunit *test)
{
	static int some_data;

	KUNIT_EXPECT_NULL(test, kallsyms_lookup((unsigned long)&some_data, NULL,
						NULL));
	KUNIT_EXPECT_NULL(test, kallsyms_lookup(0, NULL, NULL));
}

static void table_is_sorted(struct kunit *test)
{
	KUNIT_ASSERT_GT(test, kallsyms_num, 10);
	for (unsigned int i = 1; i < kallsyms_num; i++)
		if (kallsyms[i - 1].addr > kallsyms[i].addr)
			KUNIT_EXPECT_LE(test, kallsyms[i - 1].addr,
					kallsyms[i].addr);
}

static void percent_pS_prints_symbol_offset_size(struct kunit *test)
{
	char buf[64], want[64];
	unsigned long size;

	kallsyms_lookup((unsigned long)strlen, &size, NULL);
	snprintf(buf, sizeof(buf), "%pS", (void *)((char *)strlen + 3));
	snprintf(want, sizeof(want), "strlen+0x3/0x%lx", size);
	KUNIT_EXPECT_STREQ(test, buf, want);
}

static struct kunit_case kallsyms_test_cases[] = {
	KUNIT_CASE(function_address_resolves_to_its_name),
	KUNIT_CASE(name_resolves_to_address),
	KUNIT_CASE(data_address_is_not_text),
	KUNIT_CASE(table_is_sorted),
	KUNIT_CASE(percent_pS_prints_symbol_offset_size),
	{}
};

static struct kunit_suite kallsyms_test_suite = {
	.name = "kallsyms",
	.test_cases = kallsyms_test_cases,
};
kunit_test_suite(kallsyms_test_suite);
