/* kernel/tests/cmdline_test.c - splitting the command line into options. */
#include "kernel/cmdline.h"
#include "lib/kunit.h"

/* Each case parses its own line, then puts the boot's line back. */
static char saved[COMMAND_LINE_SIZE];

static void save(void)
{
	strlcpy(saved, boot_command_line, sizeof(saved));
}

static void restore(void)
{
	parse_cmdline(saved);
}

static void key_value_and_flags(struct kunit *test)
{
	save();
	parse_cmdline("init=/bin/sh quiet  mem=64M\ttest=a,b");
	KUNIT_EXPECT_STREQ(test, cmdline_get("init"), "/bin/sh");
	KUNIT_EXPECT_STREQ(test, cmdline_get("quiet"), "");
	KUNIT_EXPECT_STREQ(test, cmdline_get("mem"), "64M");
	KUNIT_EXPECT_STREQ(test, cmdline_get("test"), "a,b");
	KUNIT_EXPECT_NULL(test, cmdline_get("absent"));
	KUNIT_EXPECT_NULL(test, cmdline_get("ini"));
	KUNIT_EXPECT_NULL(test, cmdline_boot_image());
	restore();
}

static void qemu_image_name_is_not_an_option(struct kunit *test)
{
	save();
	parse_cmdline("build/kernel.elf init=/bin/init");
	KUNIT_EXPECT_STREQ(test, cmdline_boot_image(), "build/kernel.elf");
	KUNIT_EXPECT_NULL(test, cmdline_get("build/kernel.elf"));
	KUNIT_EXPECT_STREQ(test, cmdline_get("init"), "/bin/init");
	restore();
}

static void last_occurrence_wins(struct kunit *test)
{
	save();
	parse_cmdline("loglevel=3 loglevel=7");
	KUNIT_EXPECT_STREQ(test, cmdline_get("loglevel"), "7");
	restore();
}

static void words_after_dashes_are_inits(struct kunit *test)
{
	save();
	parse_cmdline("mmstat=1 -- init=/bin/x trace=faults");
	KUNIT_EXPECT_STREQ(test, cmdline_get("mmstat"), "1");
	KUNIT_EXPECT_NULL(test, cmdline_get("init"));
	KUNIT_EXPECT_NULL(test, cmdline_get("trace"));
	KUNIT_EXPECT_STREQ(test, cmdline_init_args()[0], "init=/bin/x");
	KUNIT_EXPECT_STREQ(test, cmdline_init_args()[1], "trace=faults");
	KUNIT_EXPECT_NULL(test, cmdline_init_args()[2]);
	restore();
}

static void empty_and_missing_lines(struct kunit *test)
{
	save();
	parse_cmdline("");
	KUNIT_EXPECT_NULL(test, cmdline_get("init"));
	parse_cmdline(NULL);
	KUNIT_EXPECT_STREQ(test, boot_command_line, "");
	restore();
}

static void value_may_contain_equals(struct kunit *test)
{
	save();
	parse_cmdline("a=b=c");
	KUNIT_EXPECT_STREQ(test, cmdline_get("a"), "b=c");
	restore();
}

static struct kunit_case cmdline_test_cases[] = {
	KUNIT_CASE(key_value_and_flags),
	KUNIT_CASE(qemu_image_name_is_not_an_option),
	KUNIT_CASE(last_occurrence_wins),
	KUNIT_CASE(words_after_dashes_are_inits),
	KUNIT_CASE(empty_and_missing_lines),
	KUNIT_CASE(value_may_contain_equals),
	{}
};

static struct kunit_suite cmdline_test_suite = {
	.name = "cmdline",
	.test_cases = cmdline_test_cases,
};
kunit_test_suite(cmdline_test_suite);
