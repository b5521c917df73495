/*
 * tests/host_names.h - give lib/'s functions kern_ names in host test builds.
 *
 * lib/ defines memcpy, strlen, snprintf... under libc's own names. Linked
 * into a host program as they are, they would replace libc's (and ASan's
 * interceptors) for the whole process, cmocka included. So every name lib/
 * shares with libc (strlcpy too: glibc 2.38 and the BSDs have it) is renamed
 * here, in lib/'s sources and in the tests alike: the kernel's memcpy becomes
 * the symbol kern_memcpy and libc's is left alone.
 *
 * Where it goes: the lib/ sources get it with -include (they include no
 * hosted header, so nothing else is renamed). A test includes it by hand
 * after <cmocka.h> and every system header, and before the lib/ headers:
 * libc's declarations keep libc's names, cmocka's macros expand only to
 * cmocka's own _assert_*() functions, and from that line on memcpy means the
 * kernel's. A test that wants libc's version as a reference takes its
 * address before the include (libc_vsnprintf in test_vsprintf.c).
 */
#ifndef TESTS_HOST_NAMES_H
#define TESTS_HOST_NAMES_H

/* lib/string.h (its simple_strtoull and memparse are not libc names) */
#define memcpy kern_memcpy
#define memmove kern_memmove
#define memset kern_memset
#define memcmp kern_memcmp
#define memchr kern_memchr
#define strlen kern_strlen
#define strnlen kern_strnlen
#define strcmp kern_strcmp
#define strncmp kern_strncmp
#define strchr kern_strchr
#define strrchr kern_strrchr
#define strlcpy kern_strlcpy

/* lib/printk.h: the formatters (printk is not a libc name) */
#define vsnprintf kern_vsnprintf
#define snprintf kern_snprintf

/* glibc's <sys/cdefs.h> defines one too; lib/compiler.h's is the one wanted. */
#undef __always_inline

#endif
