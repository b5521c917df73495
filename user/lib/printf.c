/* user/lib/printf.c - printf, dprintf, snprintf, vsnprintf and puts. */
#include "ulib.h"

/*
 * Output goes through a buffer: for snprintf it is the caller's, and what
 * does not fit is counted but dropped; for printf (dprintf) it is on the
 * stack and is written to fd 1 (the fd given) each time it fills, and at the
 * end of the call, so that a line of ordinary length leaves in one write
 * and is not interleaved with another process's.
 */
struct out {
	char *buf;
	size_t size; /* room in buf, not counting a string's NUL */
	size_t pos; /* bytes now in buf */
	size_t total; /* bytes produced so far */
	int fd; /* -1 for a string */
	int err; /* a write failed */
};

static void out_flush(struct out *o)
{
	size_t done = 0;
	ssize_t n;

	while (done < o->pos) {
		n = write(o->fd, o->buf + done, o->pos - done);
		if (n <= 0) {
			o->err = 1;
			break;
		}
		done += n;
	}
	o->pos = 0;
}

static void out_char(struct out *o, char c)
{
	if (o->fd >= 0 && o->pos == o->size)
		out_flush(o);
	if (o->pos < o->size)
		o->buf[o->pos++] = c;
	o->total++;
}

static void out_pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		out_char(o, c);
}

struct spec {
	int width;
	int left; /* '-': pad on the right */
	int zero; /* '0': pad numbers with zeros after the sign or 0x */
};

static void out_str(struct out *o, const struct spec *sp, const char *s)
{
	int len = (int)strlen(s);

	if (!sp->left)
		out_pad(o, ' ', sp->width - len);
	while (*s)
		out_char(o, *s++);
	if (sp->left)
		out_pad(o, ' ', sp->width - len);
}

static void out_num(struct out *o, const struct spec *sp, unsigned long long v,
		    unsigned int base, int upper, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, plen = (int)strlen(prefix), pad;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	pad = sp->width - n - plen;
	if (!sp->left && !sp->zero)
		out_pad(o, ' ', pad);
	while (*prefix)
		out_char(o, *prefix++);
	if (!sp->left && sp->zero)
		out_pad(o, '0', pad);
	while (n)
		out_char(o, tmp[--n]);
	if (sp->left)
		out_pad(o, ' ', pad);
}

static void format(struct out *o, const char *fmt, va_list args)
{
	struct spec sp;
	unsigned long long u;
	long long d;
	int lng;
	char c[2];

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			out_char(o, *fmt);
			continue;
		}
		sp.width = 0;
		sp.left = 0;
		sp.zero = 0;
		for (;; fmt++) {
			if (fmt[1] == '-')
				sp.left = 1;
			else if (fmt[1] == '0')
				sp.zero = 1;
			else
				break;
		}
		while (fmt[1] >= '0' && fmt[1] <= '9')
			sp.width = sp.width * 10 + (*++fmt - '0');
		for (lng = 0; fmt[1] == 'l' && lng < 2; fmt++)
			lng++;
		switch (*++fmt) {
		case 'd':
		case 'i':
			if (lng == 2)
				d = va_arg(args, long long);
			else if (lng == 1)
				d = va_arg(args, long);
			else
				d = va_arg(args, int);
			/* -d as unsigned: also right for the most negative d */
			u = d < 0 ? -(unsigned long long)d :
				    (unsigned long long)d;
			out_num(o, &sp, u, 10, 0, d < 0 ? "-" : "");
			break;
		case 'u':
		case 'o':
		case 'x':
		case 'X':
			if (lng == 2)
				u = va_arg(args, unsigned long long);
			else if (lng == 1)
				u = va_arg(args, unsigned long);
			else
				u = va_arg(args, unsigned int);
			out_num(o, &sp, u,
				*fmt == 'u' ? 10 :
				*fmt == 'o' ? 8 :
					      16,
				*fmt == 'X', "");
			break;
		case 'p':
			u = (uintptr_t)va_arg(args, void *);
			if (u)
				out_num(o, &sp, u, 16, 0, "0x");
			else
				out_str(o, &sp, "(nil)");
			break;
		case 's':
			out_str(o, &sp, va_arg(args, const char *) ?: "(null)");
			break;
		case 'c':
			c[0] = (char)va_arg(args, int);
			c[1] = '\0';
			out_str(o, &sp, c);
			break;
		case '%':
			out_char(o, '%');
			break;
		case '\0':
			/* a lone % at the end: nothing to convert */
			return;
		default:
			/* not a conversion we know: show it as written */
			out_char(o, '%');
			out_char(o, *fmt);
			break;
		}
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { .buf = buf, .size = size ? size - 1 : 0, .fd = -1 };

	format(&o, fmt, args);
	if (size)
		buf[o.pos] = '\0';
	return (int)o.total;
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

static int vdprintf(int fd, const char *fmt, va_list args)
{
	char buf[512];
	struct out o = { .buf = buf, .size = sizeof(buf), .fd = fd };

	format(&o, fmt, args);
	out_flush(&o);
	return o.err ? -1 : (int)o.total;
}

int printf(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vdprintf(1, fmt, args);
	va_end(args);
	return n;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vdprintf(fd, fmt, args);
	va_end(args);
	return n;
}

int puts(const char *s)
{
	struct iovec iov[2] = {
		{ .iov_base = (void *)s, .iov_len = strlen(s) },
		{ .iov_base = "\n", .iov_len = 1 },
	};

	return writev(1, iov, 2) < 0 ? EOF : 1;
}
