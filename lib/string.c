/* lib/string.c - freestanding string and memory functions. */
#include "lib/string.h"

/*
 * memcpy and memset move four bytes per instruction with the string
 * instructions (rep movsl / rep stosl, then the 0-3 bytes left one by one:
 * SDM vol. 2B, "REP/REPE/REPZ/REPNE/REPNZ", "MOVS", "STOS"), as Linux's
 * arch/x86/include/asm/string_32.h. Under QEMU -icount each repetition
 * counts as one instruction; a byte loop costs four or five per byte, and
 * zeroing mem_map at boot alone took 8 million. The host build (the unit
 * tests under tests/) keeps the plain loops.
 */
void *memcpy(void *dst, const void *src, size_t n)
{
#ifdef __i386__
	unsigned long d0, d1, d2;

	__asm__ __volatile__("rep movsl\n\t"
			     "movl %4, %%ecx\n\t"
			     "andl $3, %%ecx\n\t"
			     "rep movsb"
			     : "=&c"(d0), "=&D"(d1), "=&S"(d2)
			     : "0"(n / 4), "g"(n), "1"(dst), "2"(src)
			     : "memory");
#else
	char *d = dst;
	const char *s = src;

	while (n--)
		*d++ = *s++;
#endif
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	char *d = dst;
	const char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	/* Overlap with dst above src: copy from the end so src is read first. */
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *s, int c, size_t n)
{
#ifdef __i386__
	unsigned long d0, d1;
	/* The byte in each of the four bytes of a word. */
	unsigned long word = (unsigned char)c * 0x01010101UL;

	__asm__ __volatile__("rep stosl\n\t"
			     "movl %4, %%ecx\n\t"
			     "andl $3, %%ecx\n\t"
			     "rep stosb"
			     : "=&c"(d0), "=&D"(d1)
			     : "0"(n / 4), "a"(word), "g"(n), "1"(s)
			     : "memory");
#else
	unsigned char *p = s;

	while (n--)
		*p++ = (unsigned char)c;
#endif
	return s;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

unsigned long long simple_strtoull(const char *s, const char **end,
				   unsigned int base)
{
	unsigned long long v = 0;
	int d;

	if (base == 0) {
		base = 10;
		if (s[0] == '0') {
			base = 8;
			if ((s[1] == 'x' || s[1] == 'X') &&
			    digit_value(s[2]) < 16) {
				base = 16;
				s += 2;
			}
		}
	} else if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
		   digit_value(s[2]) < 16) {
		s += 2;
	}
	while ((d = digit_value(*s)) < (int)base) {
		v = v * base + d;
		s++;
	}
	if (end)
		*end = s;
	return v;
}

unsigned long long memparse(const char *s, const char **end)
{
	const char *p;
	unsigned long long v = simple_strtoull(s, &p, 0);

	switch (*p) {
	case 'G':
	case 'g':
		v <<= 10;
		/* fall through */
	case 'M':
	case 'm':
		v <<= 10;
		/* fall through */
	case 'K':
	case 'k':
		v <<= 10;
		p++;
		break;
	default:
		break;
	}
	if (end)
		*end = p;
	return v;
}
