/* lib/string.h - the C string and memory functions the kernel uses. */
#ifndef LIB_STRING_H
#define LIB_STRING_H

#include "lib/types.h"

/* Copy n bytes; the ranges must not overlap. */
void *memcpy(void *dst, const void *src, size_t n);
/* Copy n bytes; the ranges may overlap. */
void *memmove(void *dst, const void *src, size_t n);
/* Fill n bytes with the byte c. */
void *memset(void *s, int c, size_t n);
/* Compare n bytes: <0, 0 or >0 as in ISO C. */
int memcmp(const void *a, const void *b, size_t n);
/* The first byte c in the first n bytes of s, or NULL. */
void *memchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
/* Length of s, but at most max. */
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
/* The first c in s (c may be '\0'), or NULL. */
char *strchr(const char *s, int c);
/* The last c in s, or NULL. */
char *strrchr(const char *s, int c);
/* Copy at most size-1 bytes and always terminate; returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size);

/*
 * Parse an unsigned number in base 10, 16 (0x prefix) or 8 (0 prefix) when
 * base is 0; *end points past the last digit used.
 */
unsigned long long simple_strtoull(const char *s, const char **end,
				   unsigned int base);
/*
 * Parse a size with an optional K, M or G suffix, as Linux's memparse():
 * "64M" is 67108864.
 */
unsigned long long memparse(const char *s, const char **end);

#endif
