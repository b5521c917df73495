/* lib/vsprintf.c - printf-style formatting for printk and snprintf. */
#include "lib/kallsyms.h"
#include "lib/printk.h"
#include "lib/string.h"

#include <limits.h>

/* Format flags, parsed from the conversion specification. */
#define F_LEFT 0x01 /* '-' */
#define F_PLUS 0x02 /* '+' */
#define F_SPACE 0x04 /* ' ' */
#define F_ALT 0x08 /* '#' */
#define F_ZERO 0x10 /* '0' */
#define F_UPPER 0x20 /* %X */
#define F_SIGNED 0x40

struct out {
	char *buf;
	size_t size;
	size_t len; /* characters produced so far, stored or not */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static void put_str(struct out *o, const char *s, int width, int prec,
		    int flags)
{
	int len;

	if (!s)
		s = "(null)";
	len = (int)strnlen(s, prec < 0 ? (size_t)-1 : (size_t)prec);
	if (!(flags & F_LEFT))
		put_pad(o, ' ', width - len);
	for (int i = 0; i < len; i++)
		put(o, s[i]);
	if (flags & F_LEFT)
		put_pad(o, ' ', width - len);
}

static void put_num(struct out *o, unsigned long long v, unsigned int base,
		    int width, int prec, int flags)
{
	const char *digits = (flags & F_UPPER) ? "0123456789ABCDEF" :
						 "0123456789abcdef";
	char tmp[24]; /* 2^64 in octal is 22 digits */
	char sign = 0;
	const char *prefix = "";
	int n = 0, zeros, plen, pad;

	if (flags & F_SIGNED) {
		if ((long long)v < 0) {
			sign = '-';
			v = -v; /* unsigned: well defined for LLONG_MIN too */
		} else if (flags & F_PLUS) {
			sign = '+';
		} else if (flags & F_SPACE) {
			sign = ' ';
		}
	}
	if ((flags & F_ALT) && v != 0 && base == 16)
		prefix = (flags & F_UPPER) ? "0X" : "0x";
	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (prec == 0 && n == 1 && tmp[0] == '0')
		n = 0; /* C: zero with precision 0 prints no digits */

	plen = (int)strlen(prefix) + (sign ? 1 : 0);
	zeros = prec > n ? prec - n : 0;
	/* C: '#' with %o raises the precision just enough to start with 0. */
	if ((flags & F_ALT) && base == 8 && zeros == 0 &&
	    (n == 0 || tmp[n - 1] != '0'))
		zeros = 1;
	if ((flags & F_ZERO) && !(flags & F_LEFT) && prec < 0 &&
	    width - plen - n > zeros)
		zeros = width - plen - n;
	pad = width - plen - zeros - n;
	if (!(flags & F_LEFT))
		put_pad(o, ' ', pad);
	if (sign)
		put(o, sign);
	for (const char *p = prefix; *p; p++)
		put(o, *p);
	put_pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (flags & F_LEFT)
		put_pad(o, ' ', pad);
}

/* %pS: "name+0xoff/0xsize", or the bare hex address outside kernel text. */
static void put_symbol(struct out *o, unsigned long addr)
{
	unsigned long size, offset;
	const char *name = kallsyms_lookup(addr, &size, &offset);

	if (!name) {
		put_str(o, "0x", 0, -1, 0);
		put_num(o, addr, 16, 8, -1, F_ZERO);
		return;
	}
	put_str(o, name, 0, -1, 0);
	put_str(o, "+0x", 0, -1, 0);
	put_num(o, offset, 16, 0, -1, 0);
	put_str(o, "/0x", 0, -1, 0);
	put_num(o, size, 16, 0, -1, 0);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		int flags = 0, width = -1, prec = -1, lng = 0;
		unsigned long long v;
		unsigned int base = 10;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (;; fmt++) {
			if (fmt[1] == '-')
				flags |= F_LEFT;
			else if (fmt[1] == '+')
				flags |= F_PLUS;
			else if (fmt[1] == ' ')
				flags |= F_SPACE;
			else if (fmt[1] == '#')
				flags |= F_ALT;
			else if (fmt[1] == '0')
				flags |= F_ZERO;
			else
				break;
		}
		fmt++;
		if (*fmt == '*') {
			width = va_arg(args, int);
			if (width < 0) {
				flags |= F_LEFT;
				/* -INT_MIN overflows; no real width is that big */
				width = width == INT_MIN ? INT_MAX : -width;
			}
			fmt++;
		} else {
			for (width = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
				width = width * 10 + (*fmt - '0');
		}
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				prec = va_arg(args, int);
				fmt++;
			} else {
				for (prec = 0; *fmt >= '0' && *fmt <= '9';
				     fmt++)
					prec = prec * 10 + (*fmt - '0');
			}
		}
		/* Length modifiers: l and ll widen; h and hh narrow the
		 * promoted int back to short or char, as C says; z is int-sized
		 * on i386. */
		while (*fmt == 'l' || *fmt == 'h' || *fmt == 'z') {
			if (*fmt == 'l')
				lng++;
			else if (*fmt == 'h')
				lng--;
			fmt++;
		}

		switch (*fmt) {
		case 'c':
			put_pad(&o, ' ', (flags & F_LEFT) ? 0 : width - 1);
			put(&o, (char)va_arg(args, int));
			put_pad(&o, ' ', (flags & F_LEFT) ? width - 1 : 0);
			continue;
		case 's':
			put_str(&o, va_arg(args, const char *), width, prec,
				flags);
			continue;
		case 'p':
			if (fmt[1] == 'S') {
				fmt++;
				put_symbol(&o,
					   (unsigned long)va_arg(args, void *));
				continue;
			}
			put_num(&o, (unsigned long)va_arg(args, void *), 16, 8,
				-1, F_ZERO);
			continue;
		case '%':
			put(&o, '%');
			continue;
		case 'd':
		case 'i':
			flags |= F_SIGNED;
			v = lng >= 2 ? (unsigned long long)va_arg(args,
								  long long) :
			    lng == 1 ? (unsigned long long)va_arg(args, long) :
				       (unsigned long long)va_arg(args, int);
			if (lng == -1)
				v = (unsigned long long)(short)v;
			else if (lng <= -2)
				v = (unsigned long long)(signed char)v;
			put_num(&o, v, 10, width, prec, flags);
			continue;
		case 'X':
			flags |= F_UPPER;
			/* fall through */
		case 'x':
			base = 16;
			break;
		case 'o':
			base = 8;
			break;
		case 'u':
			break;
		default:
			/* Unknown conversion: print it as written. */
			put(&o, '%');
			if (*fmt)
				put(&o, *fmt);
			else
				fmt--;
			continue;
		}
		v = lng >= 2 ? va_arg(args, unsigned long long) :
		    lng == 1 ? va_arg(args, unsigned long) :
			       va_arg(args, unsigned int);
		if (lng == -1)
			v = (unsigned short)v;
		else if (lng <= -2)
			v = (unsigned char)v;
		put_num(&o, v, base, width, prec, flags);
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}
