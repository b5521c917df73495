/*
 * tests/test_vsprintf.c - lib/vsprintf.c against the host's vsnprintf.
 *
 * Every case is run at every buffer size from 0 (NULL buffer) to two past the
 * whole output, in a heap block of exactly that size so ASan reports a write
 * past it; the text and the return value must be libc's at the same size, or
 * for the kernel's own conversions (%p, %pS) the expected text cut as C99
 * cuts it. Strings and formats are globals, which ASan also fences, so a
 * read past their end is reported too.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* libc's versions, the reference; taken before host_names.h renames them. */
static int (*const libc_vsnprintf)(char *, size_t, const char *,
				   va_list) = vsnprintf;
static int (*const libc_snprintf)(char *, size_t, const char *, ...) = snprintf;
static int (*const libc_memcmp)(const void *, const void *, size_t) = memcmp;

#include "tests/host_names.h"
#include "lib/compiler.h"
#include "lib/kallsyms.h"
#include "lib/printk.h"

/* Kernel text for %pS: three functions and the end of text. */
const struct kallsym kallsyms[] = {
	{ 0x100000, "_start" },
	{ 0x100010, "kmain" },
	{ 0x100100, "panic" },
};
const unsigned int kallsyms_num = ARRAY_SIZE(kallsyms);
const unsigned long kallsyms_text_end = 0x100180;

/*
 * Compare at every size from two past the whole output down to 0, so the
 * first mismatch reported is of the whole text. want is NULL when libc's
 * vsnprintf of fmt is the reference.
 */
static void check(int line, const char *want, const char *fmt, va_list ap)
{
	char ref[256], msg[1024];
	int full;
	va_list aq;

	va_copy(aq, ap);
	full = want ? libc_snprintf(ref, sizeof(ref), "%s", want) :
		      libc_vsnprintf(ref, sizeof(ref), fmt, aq);
	va_end(aq);
	assert_in_range(full, 0, sizeof(ref) - 3);

	for (size_t size = full + 2;; size--) {
		char *got = size ? malloc(size) : NULL;
		int ref_len, got_len;
		size_t n;

		va_copy(aq, ap);
		ref_len = want ? libc_snprintf(ref, size, "%s", want) :
				 libc_vsnprintf(ref, size, fmt, aq);
		va_end(aq);
		va_copy(aq, ap);
		got_len = vsnprintf(got, size, fmt, aq);
		va_end(aq);

		/* The bytes to compare: the text kept and its terminator. */
		n = min(size, (size_t)ref_len + 1);
		if (got_len != ref_len ||
		    (n && libc_memcmp(got, ref, n) != 0)) {
			libc_snprintf(msg, sizeof(msg),
				      "line %d: \"%s\" in %zu bytes: "
				      "got %d \"%.*s\", want %d \"%.*s\"",
				      line, fmt, size, got_len, (int)size,
				      got ? got : "", ref_len, (int)size, ref);
			free(got); /* fail_msg() does not return */
			fail_msg("%s", msg);
		}
		free(got);
		if (size == 0)
			break;
	}
}

/* The kernel's output of fmt must be the host's. */
static void __printf(2, 3) check_libc(int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check(line, NULL, fmt, ap);
	va_end(ap);
}

/* The kernel's output of fmt must be want. */
static void __printf(3, 4)
	check_kern(int line, const char *want, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check(line, want, fmt, ap);
	va_end(ap);
}

#define CHECK(fmt, ...) check_libc(__LINE__, fmt, ##__VA_ARGS__)
#define CHECK_KERN(want, fmt, ...) \
	check_kern(__LINE__, want, fmt, ##__VA_ARGS__)

static void test_literal_text_and_percent(void **state)
{
	(void)state;
	CHECK("hello, world");
	CHECK("100%%");
	CHECK("%%%d%%", 5);
	CHECK("%d%s%c", 1, "two", '3');
	CHECK("a\tb\nc");
}

static const int ints[] = { 0, 1, -1, 7, -42, 12345, INT_MAX, INT_MIN };

static const char *const int_formats[] = {
	"%d",	  "%i",	    "%5d",   "%-5d|", "%05d",	"%+d",	   "% d",
	"%+5d",	  "%-+5d|", "% 05d", "%+ d",  "%.3d",	"%8.3d",   "%-8.3d|",
	"%08.3d", "%.0d",   "%+.0d", "%5.0d", "%+012d", "%-012d|", "%1d",
};

static void test_signed_decimal_flags_width_precision(void **state)
{
	(void)state;
	for (size_t f = 0; f < ARRAY_SIZE(int_formats); f++)
		for (size_t v = 0; v < ARRAY_SIZE(ints); v++)
			check_libc(__LINE__, int_formats[f], ints[v]);
}

static const unsigned int uints[] = { 0,   1,	  7,	      8,
				      255, 01000, 0xdeadbeef, UINT_MAX };

static const char *const uint_formats[] = {
	"%u",	 "%x",	   "%X",    "%o",     "%#x",	 "%#X",	   "%#o",
	"%10u",	 "%-10x|", "%010X", "%#010x", "%#-10X|", "%#010o", "%.5x",
	"%8.5o", "%.0u",   "%.0x",  "%#.0x",  "%5.0o",	 "%08.3u", "%#8.3x",
};

static void test_unsigned_hex_octal(void **state)
{
	(void)state;
	for (size_t f = 0; f < ARRAY_SIZE(uint_formats); f++)
		for (size_t v = 0; v < ARRAY_SIZE(uints); v++)
			check_libc(__LINE__, uint_formats[f], uints[v]);
}

/*
 * C: '#' with %o raises the precision just enough to make the first digit
 * a 0, so "%#.3o" of 8 is "010" and "%#.0o" of 0 is "0".
 */
static void test_alt_octal_with_precision(void **state)
{
	(void)state;
	CHECK("%#.3o", 8u);
	CHECK("%#.5o", 8u);
	CHECK("%#.0o", 0u);
	CHECK("%#8.4o", 0777u);
}

static void test_length_modifiers(void **state)
{
	(void)state;
	CHECK("%ld %ld %ld", 0L, LONG_MAX, LONG_MIN + 1);
	CHECK("%lu %lx %lX %lo", ULONG_MAX, ULONG_MAX, 0xabcdefUL, ULONG_MAX);
	CHECK("%lld %lld %lld", 0LL, LLONG_MAX, LLONG_MIN + 1);
	CHECK("%llu %llx %#llo", ULLONG_MAX, ULLONG_MAX, ULLONG_MAX);
	CHECK("%20lld|%-20llu|%+lli", -1234567890123LL, 42ULL, 7LL);
	/* size_t is 32 bits on the kernel's target, 64 here: stay below 2^32. */
	CHECK("%zu %zx %zd", (size_t)4096, (size_t)0xffff, (ssize_t)-3);
	CHECK("%hd %hu %hx %hhd %hhu %hhx", (short)-5, (unsigned short)65535,
	      (unsigned short)0xbeef, (signed char)-128, (unsigned char)255,
	      (unsigned char)0x7f);
	/* Arguments of mixed sizes are taken in order. */
	CHECK("%d %lld %d %ld %d", 1, 2LL, 3, 4L, 5);
}

/* C: h and hh convert the promoted int back to short or char. */
static void test_h_and_hh_convert_the_argument(void **state)
{
	(void)state;
	CHECK("%hd", 65535);
	CHECK("%hu", 70000);
	CHECK("%hx", 0x12345);
	CHECK("%hhd", 200);
	CHECK("%hhu", 256);
	CHECK("%hhx", 0x1ff);
}

static void test_char(void **state)
{
	(void)state;
	CHECK("%c", 'A');
	CHECK("%3c|%-3c|", 'x', 'y');
	CHECK("[%c]", 0x100 + 'A');
	CHECK("%c%c%c", 'a', 0, 'b'); /* a NUL inside the output */
}

/* volatile, so gcc does not see the NULL and warn of it. */
static const char *volatile null_str;

static void test_string_width_precision(void **state)
{
	static const char abc[3] = "abc"; /* not terminated */

	(void)state;
	CHECK("%s", "abc");
	CHECK("%s|", "");
	CHECK("%5s|%-5s|", "ab", "cd");
	CHECK("%.2s|%.10s|%.0s|", "abcdef", "abc", "abc");
	CHECK("%5.1s|%-5.1s|", "xyz", "xyz");
	CHECK("%2s|", "longer than width");
	/* Reads no byte past the precision. */
	CHECK("%.3s", abc);
	CHECK_KERN("(null)|  (null)", "%s|%8s", null_str, null_str);
}

static const char *zero_star_prec = "%0*.*d|";

static void test_star_width_and_precision(void **state)
{
	(void)state;
	CHECK("%*d|", 5, 42);
	CHECK("%*d|", -5, 42); /* negative width: '-' flag */
	CHECK("%0*d|", 6, -42);
	CHECK("%.*d|", 5, 42);
	CHECK("%.*d|", -1, 42); /* negative precision: as if none */
	/* The same with the 0 flag, which then pads (gcc warns on a literal). */
	check_libc(__LINE__, zero_star_prec, 8, -1, 42);
	CHECK("%*.*d|", 8, 4, -42);
	CHECK("%*s|%.*s|", 4, "ab", 2, "abcdef");
	CHECK("%-*.*s|", 6, 2, "abcdef");
	CHECK("%*s|", -4, "ab");
}

/* %p is the kernel's: eight hex digits, no 0x (glibc prints 0x1234). */
static void test_pointer(void **state)
{
	(void)state;
	CHECK_KERN("00001234", "%p", (void *)0x1234);
	CHECK_KERN("00000000", "%p", NULL);
	CHECK_KERN("c0100000", "%p", (void *)0xc0100000);
	CHECK_KERN("[00000010]", "[%p]", (void *)0x10);
}

static void test_symbol_pS(void **state)
{
	(void)state;
	CHECK_KERN("_start+0x0/0x10", "%pS", (void *)0x100000);
	CHECK_KERN("kmain+0x4/0xf0", "%pS", (void *)0x100014);
	CHECK_KERN("kmain+0xef/0xf0", "%pS", (void *)0x1000ff);
	CHECK_KERN("panic+0x0/0x80", "%pS", (void *)0x100100);
	CHECK_KERN("panic+0x7f/0x80", "%pS", (void *)0x10017f);
	/* Outside the text: the bare address. */
	CHECK_KERN("0x00100180", "%pS", (void *)0x100180);
	CHECK_KERN("0x000fffff", "%pS", (void *)0xfffff);
	CHECK_KERN("0x00000000", "%pS", NULL);
	CHECK_KERN(" [<00100014>] kmain+0x4/0xf0 42\n", " [<%p>] %pS %d\n",
		   (void *)0x100014, (void *)0x100014, 42);
}

static void test_truncation_and_return_value(void **state)
{
	char buf[8] = "XXXXXXX";

	(void)state;
	assert_int_equal(snprintf(buf, 5, "%d", 123456), 6);
	assert_string_equal(buf, "1234");
	assert_int_equal(buf[5], 'X');
	assert_int_equal(snprintf(buf, 1, "%s", "abc"), 3);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], '2');
	/* Size 0: nothing written, not even the terminator. */
	assert_int_equal(snprintf(buf, 0, "%s-%d", "abc", 7), 5);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], '2');
	assert_int_equal(snprintf(NULL, 0, "%s-%d", "abc", 7), 5);
	assert_int_equal(snprintf(buf, sizeof(buf), "%s", "1234567"), 7);
	assert_string_equal(buf, "1234567");
}

/*
 * Conversions the kernel does not know are printed as written; a format
 * that ends inside a conversion is not read past its terminator.
 */
static void test_unknown_and_unfinished_conversions(void **state)
{
	static const char *const cases[][2] = {
		{ "abc%", "abc%" }, { "%q", "%q" }, { "x%5", "x%" },
		{ "%l", "%" },	    { "%-", "%" },  { "%.", "%" },
		{ "%#0", "%" },
	};

	(void)state;
	/* The 0 only quiets -Wformat-security; nothing reads it. */
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		check_kern(__LINE__, cases[i][1], cases[i][0], 0);
}

/* -LLONG_MIN does not fit a long long: negating it is undefined. */
static void test_most_negative_long_long(void **state)
{
	(void)state;
	CHECK("%lld", LLONG_MIN);
	CHECK("%ld", LONG_MIN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal_text_and_percent),
		cmocka_unit_test(test_signed_decimal_flags_width_precision),
		cmocka_unit_test(test_unsigned_hex_octal),
		cmocka_unit_test(test_alt_octal_with_precision),
		cmocka_unit_test(test_length_modifiers),
		cmocka_unit_test(test_h_and_hh_convert_the_argument),
		cmocka_unit_test(test_char),
		cmocka_unit_test(test_string_width_precision),
		cmocka_unit_test(test_star_width_and_precision),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_symbol_pS),
		cmocka_unit_test(test_truncation_and_return_value),
		cmocka_unit_test(test_unknown_and_unfinished_conversions),
		/* Last: UBSan ends the process at the first undefined act. */
		cmocka_unit_test(test_most_negative_long_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
