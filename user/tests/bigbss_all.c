/* user/tests/bigbss_all.c - every page of a 256 MiB bss, written and read. */
#include "ulib.h"

/*
 * A separate program from bigbss, which touches one page: Linux's peer
 * passes no arguments to choose between them. Needs well over 256 MiB of RAM
 * (the peer: --mem 512M).
 */
#define BSS_SIZE (256UL << 20)
#define PAGE_SIZE 4096UL

static unsigned char bss[BSS_SIZE] __attribute__((aligned(4096)));

/* A value per page that no other page has, and that is never 0. */
static unsigned long page_value(unsigned long page)
{
	return page * 2654435761UL | 1;
}

int main(int argc, char **argv, char **envp)
{
	unsigned long page, n = BSS_SIZE / PAGE_SIZE, bad = 0;
	volatile unsigned long *w;

	for (page = 0; page < n; page++) {
		w = (volatile unsigned long *)(bss + page * PAGE_SIZE);
		if (*w != 0)
			bad++;
		*w = page_value(page);
	}
	for (page = 0; page < n; page++) {
		w = (volatile unsigned long *)(bss + page * PAGE_SIZE);
		if (*w != page_value(page))
			bad++;
	}
	printf("bigbss_all: %lu pages of %lu MiB touched, %lu wrong\n", n,
	       BSS_SIZE >> 20, bad);
	return bad ? 1 : 0;
}
