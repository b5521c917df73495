/* arch/uaccess.c - checked user copies, and the exception-table search. */
#include "arch/uaccess.h"
#include "lib/errno.h"

/* The routines of arch/copy_user.asm. */
unsigned long __copy_user(void *to, const void *from, unsigned long n);
unsigned long __clear_user(void *to, unsigned long n);
long __strncpy_from_user(char *dst, const char *src, long count);
int __put_user_4(unsigned long val, void *to);

/* Gathered by linker.ld from every object's __ex_table section. */
extern const struct exception_table_entry __start___ex_table[],
	__stop___ex_table[];

unsigned long copy_from_user(void *to, const void *from, unsigned long n)
{
	if (!access_ok(from, n))
		return n;
	return __copy_user(to, from, n);
}

unsigned long copy_to_user(void *to, const void *from, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return __copy_user(to, from, n);
}

unsigned long clear_user(void *to, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return __clear_user(to, n);
}

long strncpy_from_user(char *dst, const char *src, long count)
{
	unsigned long max;
	long n;

	if (count <= 0)
		return 0;
	if ((unsigned long)src >= USER_ADDR_LIMIT)
		return -EFAULT;
	/* Never read past the end of user space... */
	max = USER_ADDR_LIMIT - (unsigned long)src;
	n = __strncpy_from_user(dst, src, (long)min((unsigned long)count, max));
	if (n < 0)
		return -EFAULT;
	/* ...and a string that runs into it, with no NUL before and the
	 * caller wanting more, is -EFAULT (Linux's do_strncpy_from_user):
	 * not a string of max bytes with no terminator. */
	if ((unsigned long)n == max && (unsigned long)count > max)
		return -EFAULT;
	return n;
}

int put_user_32(unsigned long val, void *to)
{
	if (!access_ok(to, sizeof(u32)))
		return -EFAULT;
	return __put_user_4(val, to);
}

long strnlen_user(const char *s, long count)
{
	char buf[64];
	long len = 0;

	/* Through a small buffer: only the length is wanted. */
	while (len < count) {
		long chunk = min(count - len, (long)sizeof(buf));
		long got = strncpy_from_user(
			buf,
			(const char *)((unsigned long)s + (unsigned long)len),
			chunk);

		if (got < 0)
			return 0;
		if (got < chunk)
			return len + got + 1;
		len += chunk;
	}
	return count + 1;
}

bool fixup_exception(struct pt_regs *regs)
{
	for (const struct exception_table_entry *e = __start___ex_table;
	     e < __stop___ex_table; e++) {
		if (e->insn == regs->ip) {
			regs->ip = e->fixup;
			return true;
		}
	}
	return false;
}
