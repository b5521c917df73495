/*
 * lib/seq_buf.h - formatted text into a buffer, a piece at a time, as Linux's
 * seq_buf: what /proc files and boot-log tables are printed into.
 */
#ifndef LIB_SEQ_BUF_H
#define LIB_SEQ_BUF_H

#include "lib/compiler.h"
#include "lib/types.h"

struct seq_buf {
	char *buffer;
	size_t size;
	size_t len; /* characters stored, always < size; the text is terminated */
	bool overflow; /* something did not fit */
};

/* Start writing into buf[0..size). */
void seq_buf_init(struct seq_buf *s, char *buf, size_t size);
/* Append formatted text; what does not fit is cut and overflow is set. */
__printf(2, 3) void seq_buf_printf(struct seq_buf *s, const char *fmt, ...);

#endif
