/*
 * tests/test_string.c - lib/string.c against libc and ISO C.
 *
 * Buffers a function must not read or write past are globals of their exact
 * size, unterminated where it matters: ASan fences globals, so it reports a
 * single byte too far.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* libc's versions, the reference; taken before host_names.h renames them. */
static void *(*const libc_memmove)(void *, const void *, size_t) = memmove;
static int (*const libc_memcmp)(const void *, const void *, size_t) = memcmp;
static int (*const libc_strcmp)(const char *, const char *) = strcmp;
static int (*const libc_strncmp)(const char *, const char *, size_t) = strncmp;
static char *(*const libc_strchr)(const char *, int) = strchr;

#include "tests/host_names.h"
#include "lib/compiler.h"
#include "lib/string.h"

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

static void fill_pattern(unsigned char *p, size_t n, unsigned char seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 7);
}

static void test_memcpy_copies_exactly_n_bytes(void **state)
{
	unsigned char src[80], dst[80], want[80];

	(void)state;
	fill_pattern(src, sizeof(src), 1);
	for (size_t off = 0; off < 8; off++) {
		for (size_t n = 0; n <= 64; n++) {
			fill_pattern(dst, sizeof(dst), 200);
			fill_pattern(want, sizeof(want), 200);
			for (size_t i = 0; i < n; i++)
				want[off + i] = src[i + 3];
			assert_ptr_equal(memcpy(dst + off, src + 3, n),
					 dst + off);
			assert_memory_equal(dst, want, sizeof(dst));
		}
	}
}

/* Every shift of dst against src, both directions, against libc's memmove. */
static void test_memmove_overlap_both_directions(void **state)
{
	unsigned char got[64], want[64];

	(void)state;
	for (int shift = -9; shift <= 9; shift++) {
		for (size_t n = 0; n <= 32; n++) {
			size_t src = 16, dst = 16 + shift;

			fill_pattern(got, sizeof(got), 5);
			fill_pattern(want, sizeof(want), 5);
			libc_memmove(want + dst, want + src, n);
			assert_ptr_equal(memmove(got + dst, got + src, n),
					 got + dst);
			assert_memory_equal(got, want, sizeof(got));
		}
	}
}

static void test_memset_uses_low_byte_of_c(void **state)
{
	unsigned char buf[16];
	static const unsigned char want[16] = { 0xaa, 0xff, 0xff, 0xff,
						0xff, 0xaa, 0xaa, 0xaa,
						0xaa, 0xaa, 0xaa, 0xaa,
						0xaa, 0xaa, 0xaa, 0xaa };

	(void)state;
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = 0xaa;
	assert_ptr_equal(memset(buf + 1, 0x1ff, 4), buf + 1);
	assert_ptr_equal(memset(buf + 6, 0, 0), buf + 6);
	assert_memory_equal(buf, want, sizeof(buf));
	assert_ptr_equal(memset(buf, -1, sizeof(buf)), buf);
	for (size_t i = 0; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0xff);
}

/* Strings with bytes above 0x7f: the comparisons are of unsigned char. */
static const char *const words[] = {
	"",  "a",    "ab",   "abc",  "abd", "abc\x80", "abc\xff",
	"b", "\x7f", "\x80", "\xff", "ABC", "a\x01",
};

static void test_memcmp_sign_matches_libc(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
		for (size_t j = 0; j < ARRAY_SIZE(words); j++) {
			size_t n = min(strlen(words[i]), strlen(words[j])) + 1;

			assert_int_equal(
				sign(memcmp(words[i], words[j], n)),
				sign(libc_memcmp(words[i], words[j], n)));
		}
	}
	assert_int_equal(memcmp("abc", "xyz", 0), 0);
}

static void test_memchr_searches_n_bytes_only(void **state)
{
	static const char s[] = "hello\0world", hi[] = "\x80\xff";
	static const char p[5] = "hello"; /* not terminated */

	(void)state;
	assert_ptr_equal(memchr(s, 'l', sizeof(s)), s + 2);
	assert_ptr_equal(memchr(s, 'o', sizeof(s)), s + 4);
	assert_ptr_equal(memchr(s, '\0', sizeof(s)), s + 5);
	assert_ptr_equal(memchr(s, 'w', sizeof(s)), s + 6);
	assert_null(memchr(s, 'w', 6));
	assert_null(memchr(s, 'h', 0));
	/* c is converted to unsigned char. */
	assert_ptr_equal(memchr(s, 0x100 + 'e', sizeof(s)), s + 1);
	assert_ptr_equal(memchr(hi, -1, 2), hi + 1);
	assert_ptr_equal(memchr(hi, 0x80, 2), hi);
	/* Not one byte past n. */
	assert_null(memchr(p, 'x', 5));
	assert_ptr_equal(memchr(p, 'o', 5), p + 4);
}

static void test_strlen_and_strnlen(void **state)
{
	static const char p[4] = "abcd"; /* not terminated */

	(void)state;
	assert_int_equal(strlen(""), 0);
	assert_int_equal(strlen("a"), 1);
	assert_int_equal(strlen("hello, world"), 12);
	assert_int_equal(strlen("ab\0cd"), 2);
	assert_int_equal(strnlen("hello", 0), 0);
	assert_int_equal(strnlen("hello", 3), 3);
	assert_int_equal(strnlen("hello", 5), 5);
	assert_int_equal(strnlen("hello", 6), 5);
	assert_int_equal(strnlen("hello", SIZE_MAX), 5);
	/* Reads no byte at or past max. */
	assert_int_equal(strnlen(p, 4), 4);
	assert_int_equal(strnlen(p, 2), 2);
}

static void test_strcmp_sign_matches_libc(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		for (size_t j = 0; j < ARRAY_SIZE(words); j++)
			assert_int_equal(sign(strcmp(words[i], words[j])),
					 sign(libc_strcmp(words[i], words[j])));
}

static void test_strncmp_sign_matches_libc(void **state)
{
	static const char a[4] = "abcX", b[4] = "abcY"; /* not terminated */

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		for (size_t j = 0; j < ARRAY_SIZE(words); j++)
			for (size_t n = 0; n <= 6; n++)
				assert_int_equal(
					sign(strncmp(words[i], words[j], n)),
					sign(libc_strncmp(words[i], words[j],
							  n)));
	/* Stops after n bytes, even without a terminator. */
	assert_int_equal(strncmp(a, b, 3), 0);
	assert_true(strncmp(a, b, 4) < 0);
	/* Stops at the terminator, whatever n says. */
	assert_int_equal(strncmp("ab", "ab", SIZE_MAX), 0);
}

static void test_strchr_finds_first_and_terminator(void **state)
{
	static const char s[] = "a,b,c";

	(void)state;
	assert_ptr_equal(strchr(s, ','), s + 1);
	assert_ptr_equal(strchr(s, 'a'), s);
	assert_ptr_equal(strchr(s, 'c'), s + 4);
	assert_ptr_equal(strchr(s, '\0'), s + 5);
	assert_null(strchr(s, 'x'));
	assert_null(strchr("", 'x'));
	assert_ptr_equal(strchr(s + 5, '\0'), s + 5);
	/* c is converted to char, as libc does. */
	assert_ptr_equal(strchr(s, 0x100 + 'b'), libc_strchr(s, 0x100 + 'b'));
	assert_ptr_equal(strchr("x\xe9y", 0xe9), libc_strchr("x\xe9y", 0xe9));
}

static void test_strlcpy_truncates_and_terminates(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(strlcpy(buf, "abc", sizeof(buf)), 3);
	assert_memory_equal(buf, "abc\0ZZZZ", 8);

	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(strlcpy(buf, "1234567", sizeof(buf)), 7);
	assert_memory_equal(buf, "1234567\0", 8);

	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(strlcpy(buf, "123456789abc", sizeof(buf)), 12);
	assert_memory_equal(buf, "1234567\0", 8);

	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(strlcpy(buf, "abc", 1), 3);
	assert_memory_equal(buf, "\0ZZZZZZZ", 8);

	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(strlcpy(buf, "abc", 0), 3);
	assert_memory_equal(buf, "ZZZZZZZZ", 8);
	assert_int_equal(strlcpy(NULL, "abc", 0), 3);

	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(strlcpy(buf, "", sizeof(buf)), 0);
	assert_memory_equal(buf, "\0ZZZZZZZ", 8);
}

static void test_strlcpy_writes_within_size(void **state)
{
	static char dst[4];

	(void)state;
	assert_int_equal(strlcpy(dst, "a long source string", 4), 20);
	assert_string_equal(dst, "a l");
}

struct strtoull_case {
	const char *s;
	unsigned int base;
};

/*
 * Unsigned numbers without sign or leading blanks, where simple_strtoull's
 * value and end must be strtoull's.
 */
static const struct strtoull_case strtoull_cases[] = {
	{ "0", 0 },
	{ "7", 0 },
	{ "42", 0 },
	{ "42abc", 0 },
	{ "0755", 0 },
	{ "0758", 0 },
	{ "08", 0 },
	{ "0x1f", 0 },
	{ "0X1F", 0 },
	{ "0xfFz", 0 },
	{ "0x", 0 },
	{ "0xg", 0 },
	{ "", 0 },
	{ "x", 0 },
	{ "123", 10 },
	{ "0123", 10 },
	{ "12a", 10 },
	{ "0x10", 10 },
	{ "4294967296", 10 },
	{ "18446744073709551615", 10 },
	{ "777", 8 },
	{ "7778", 8 },
	{ "8", 8 },
	{ "0x7", 8 },
	{ "ff", 16 },
	{ "FF", 16 },
	{ "0xff", 16 },
	{ "0XfF", 16 },
	{ "0x", 16 },
	{ "0xg", 16 },
	{ "deadbeefcafe", 16 },
	{ "fg", 16 },
	{ "ffffffffffffffff", 16 },
	{ "z", 36 },
	{ "10", 2 },
	{ "102", 2 },
};

static void test_simple_strtoull_matches_strtoull(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(strtoull_cases); i++) {
		const struct strtoull_case *c = &strtoull_cases[i];
		char *libc_end;
		const char *end;
		unsigned long long want = strtoull(c->s, &libc_end, c->base);
		unsigned long long got = simple_strtoull(c->s, &end, c->base);

		if (got != want || end != libc_end)
			fail_msg("simple_strtoull(\"%s\", %u): %llu end +%td, "
				 "strtoull: %llu end +%td",
				 c->s, c->base, got, end - c->s, want,
				 libc_end - c->s);
	}
}

static void test_simple_strtoull_bases(void **state)
{
	const char *end;

	(void)state;
	assert_int_equal(simple_strtoull("0x1f", &end, 0), 31);
	assert_int_equal(*end, '\0');
	assert_int_equal(simple_strtoull("0755", &end, 0), 0755);
	assert_int_equal(simple_strtoull("755", &end, 0), 755);
	assert_int_equal(simple_strtoull("755", &end, 8), 0755);
	assert_int_equal(simple_strtoull("1f", &end, 16), 0x1f);
	assert_int_equal(simple_strtoull("0x1f", &end, 16), 0x1f);
	assert_int_equal(simple_strtoull("12 34", &end, 10), 12);
	assert_string_equal(end, " 34");
	assert_int_equal(simple_strtoull("0x", &end, 0), 0);
	assert_string_equal(end, "x");
	assert_int_equal(simple_strtoull("0xffffffffffffffff", NULL, 0),
			 ULLONG_MAX);
}

static void test_memparse_suffixes(void **state)
{
	const char *end;

	(void)state;
	assert_int_equal(memparse("4096", &end), 4096);
	assert_string_equal(end, "");
	assert_int_equal(memparse("4k", &end), 4096);
	assert_string_equal(end, "");
	assert_int_equal(memparse("4K", &end), 4096);
	assert_int_equal(memparse("64M", &end), 64ULL << 20);
	assert_string_equal(end, "");
	assert_int_equal(memparse("64m,rest", &end), 64ULL << 20);
	assert_string_equal(end, ",rest");
	assert_int_equal(memparse("3G", &end), 3ULL << 30);
	assert_int_equal(memparse("2g", &end), 2ULL << 30);
	assert_int_equal(memparse("0x10K", &end), 16ULL << 10);
	assert_int_equal(memparse("010K", &end), 8ULL << 10);
	assert_int_equal(memparse("4KB", &end), 4096);
	assert_string_equal(end, "B");
	assert_int_equal(memparse("5X", &end), 5);
	assert_string_equal(end, "X");
	assert_int_equal(memparse("M", &end), 0);
	assert_int_equal(memparse("16M", NULL), 16ULL << 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memcpy_copies_exactly_n_bytes),
		cmocka_unit_test(test_memmove_overlap_both_directions),
		cmocka_unit_test(test_memset_uses_low_byte_of_c),
		cmocka_unit_test(test_memcmp_sign_matches_libc),
		cmocka_unit_test(test_memchr_searches_n_bytes_only),
		cmocka_unit_test(test_strlen_and_strnlen),
		cmocka_unit_test(test_strcmp_sign_matches_libc),
		cmocka_unit_test(test_strncmp_sign_matches_libc),
		cmocka_unit_test(test_strchr_finds_first_and_terminator),
		cmocka_unit_test(test_strlcpy_truncates_and_terminates),
		cmocka_unit_test(test_strlcpy_writes_within_size),
		cmocka_unit_test(test_simple_strtoull_matches_strtoull),
		cmocka_unit_test(test_simple_strtoull_bases),
		cmocka_unit_test(test_memparse_suffixes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
