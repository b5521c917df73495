/* lib/seq_buf.c - append formatted text to a bounded buffer. */
#include "lib/printk.h"
#include "lib/seq_buf.h"

void seq_buf_init(struct seq_buf *s, char *buf, size_t size)
{
	s->buffer = buf;
	s->size = size;
	s->len = 0;
	s->overflow = false;
	if (size)
		buf[0] = '\0';
}

void seq_buf_printf(struct seq_buf *s, const char *fmt, ...)
{
	va_list args;
	size_t room = s->size - s->len;
	int n;

	if (s->size == 0) {
		s->overflow = true;
		return;
	}
	va_start(args, fmt);
	n = vsnprintf(s->buffer + s->len, room, fmt, args);
	va_end(args);
	if ((size_t)n >= room) {
		s->len = s->size - 1;
		s->overflow = true;
	} else {
		s->len += (size_t)n;
	}
}
