/* user/lib/stdlib.c - numbers from text, and sorting. */
#include "ulib.h"

/* The value of digit c in base 36 (0-9, then a-z or A-Z), or 36 if none. */
static unsigned int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned int)(c - '0');
	if (c >= 'a' && c <= 'z')
		return (unsigned int)(c - 'a' + 10);
	if (c >= 'A' && c <= 'Z')
		return (unsigned int)(c - 'A' + 10);
	return 36;
}

/*
 * As C's strtoul: leading blanks, an optional sign, a 0x prefix for base
 * 16 (or base 0), then digits; *end is where they stopped (s itself if
 * there were none). Too big a number gives ULONG_MAX; no errno is set.
 */
unsigned long strtoul(const char *s, char **end, int base)
{
	const char *p = s, *digits;
	unsigned long v = 0, limit;
	unsigned int d;
	int neg = 0, overflow = 0;

	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' &&
	    (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	limit = ~0UL / (unsigned int)base;
	for (digits = p; (d = digit_value(*p)) < (unsigned int)base; p++) {
		if (v > limit || v * base > ~0UL - d)
			overflow = 1;
		v = v * base + d;
	}
	if (end)
		*end = (char *)(p == digits ? s : p);
	if (overflow)
		return ~0UL;
	return neg ? -v : v;
}

long strtol(const char *s, char **end, int base)
{
	return (long)strtoul(s, end, base);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

/* Swap two elements of size bytes, one byte at a time. */
static void swap_bytes(char *a, char *b, size_t size)
{
	char t;

	while (size--) {
		t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/*
 * An insertion sort: each element sinks to its place among those before
 * it. Quadratic, but the lists sorted here (a directory, the processes)
 * are tens of entries, and it fits in a few lines; C does not ask qsort to
 * be a quicksort.
 */
void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *))
{
	char *a = base;

	for (size_t i = 1; i < n; i++)
		for (size_t j = i;
		     j > 0 && cmp(a + (j - 1) * size, a + j * size) > 0; j--)
			swap_bytes(a + (j - 1) * size, a + j * size, size);
}
