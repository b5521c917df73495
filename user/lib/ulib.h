/* user/lib/ulib.h - the small libc of the project's user programs. */
#ifndef USER_ULIB_H
#define USER_ULIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Only the system-call ABI is known here: every call below is Linux i386's,
 * so a program built on this library runs unchanged on real Linux.
 */

typedef __PTRDIFF_TYPE__ ssize_t;
typedef int pid_t;

struct iovec {
	void *iov_base;
	size_t iov_len;
};

#define EOF (-1)

/* errno values (Linux's asm-generic/errno-base.h) that this library sets. */
#define ENOMEM 12

#define SIGABRT 6

/* The last failed call's error number; never reset by a success. */
extern int errno;
/* The environment, as execve passed it (set before main). */
extern char **environ;

/* System calls: -1 and errno on failure. */
ssize_t read(int fd, void *buf, size_t count);
ssize_t write(int fd, const void *buf, size_t count);
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);
pid_t getpid(void);
/* Set the program break to addr: 0, or -1 with errno ENOMEM. */
int brk(void *addr);
/* Move the break by increment: the old break, or (void *)-1 with ENOMEM. */
void *sbrk(intptr_t increment);

/* End the process (every thread) with status & 0xff. */
__attribute__((noreturn)) void _exit(int status);
/* As _exit: this library has no buffered output or atexit to run first. */
__attribute__((noreturn)) void exit(int status);
/* Die of SIGABRT, as a C library's abort does. */
__attribute__((noreturn)) void abort(void);

/* Memory and strings, as in C. */
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strcpy(char *dst, const char *src);

/*
 * Formatted output: conversions d i u x X p s c %, flags '-' and '0', a
 * field width, length modifiers l and ll. snprintf and vsnprintf return the
 * length the whole output would have had, as C99 says.
 */
__attribute__((format(printf, 1, 2))) int printf(const char *fmt, ...);
__attribute__((format(printf, 3, 4))) int snprintf(char *buf, size_t size,
						   const char *fmt, ...);
__attribute__((format(printf, 3, 0))) int
vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
/* s and a newline on stdout, in one write. */
int puts(const char *s);

/* The heap, over brk: NULL with errno ENOMEM when the break cannot move. */
void *malloc(size_t size);
void free(void *ptr);
void *calloc(size_t nmemb, size_t size);
void *realloc(void *ptr, size_t size);

#endif
