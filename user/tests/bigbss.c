/* user/tests/bigbss.c - a 256 MiB bss costs one page when one page is used. */
#include "ulib.h"

/*
 * The loader must only record the bss, not allocate it: one page is touched,
 * so about one page is what this should cost. bigbss_all touches all of it.
 *
 * Linux charges the whole bss to its overcommit limit (heuristic mode: no
 * more than RAM + swap) when exec maps it, and an exec that fails that late
 * dies of SIGSEGV: on the peer this needs --mem 288M or more (at 256M, with
 * 238 MiB of MemTotal and no swap, it gets signal 11 before main).
 */
#define BSS_SIZE (256UL << 20)

static unsigned char bss[BSS_SIZE] __attribute__((aligned(4096)));

int main(int argc, char **argv, char **envp)
{
	volatile unsigned char *p = bss + BSS_SIZE / 2;

	if (*p != 0) {
		printf("bigbss: not zero before the first write\n");
		return 1;
	}
	*p = 0x5a;
	if (*p != 0x5a) {
		printf("bigbss: the write did not stay\n");
		return 1;
	}
	printf("bigbss: one page of %lu MiB touched\n", BSS_SIZE >> 20);
	return 0;
}
