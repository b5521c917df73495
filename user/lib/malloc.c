/* user/lib/malloc.c - malloc, free, calloc and realloc over brk. */
#include "ulib.h"

/*
 * A first-fit free list with coalescing, as in K&R's malloc. Every block,
 * free or in use, starts with a header that gives its size in headers (16
 * bytes, so that each pointer returned is 16-byte aligned, as glibc's are on
 * i386). Free blocks are kept in one list sorted by address: malloc takes
 * the first that is big enough, carving the part it returns off the block's
 * end so that the list is left as it was; free walks to the block's place
 * and merges it with the free neighbours it touches. The heap grows with
 * sbrk, at least GROW_MIN bytes at a time, and never shrinks: a freed block
 * stays on the list for the next malloc.
 */
struct header {
	struct header *next; /* next free block, at a higher address */
	size_t units; /* this block's size in headers, its header included */
} __attribute__((aligned(16)));

#define UNIT sizeof(struct header)
#define GROW_MIN (64 * 1024)
/* Above this, size + a header would not fit sbrk's signed increment. */
#define SIZE_LIMIT ((size_t)INTPTR_MAX - 2 * UNIT - GROW_MIN)

static struct header *free_list;

/* Add at least units headers of fresh memory to the free list. */
static int grow(size_t units)
{
	size_t bytes = units * UNIT;
	intptr_t pad;
	struct header *b;

	/* Someone else may have left the break unaligned (sbrk(1)). */
	pad = (intptr_t)(-(uintptr_t)sbrk(0) & (UNIT - 1));
	if (bytes < GROW_MIN)
		bytes = GROW_MIN;
	b = sbrk(pad + (intptr_t)bytes);
	if (b == (void *)-1)
		return -1;
	b = (struct header *)((char *)b + pad);
	b->units = bytes / UNIT;
	free(b + 1);
	return 0;
}

void *malloc(size_t size)
{
	struct header **pp, *b;
	size_t units;

	if (size > SIZE_LIMIT) {
		errno = ENOMEM;
		return NULL;
	}
	units = (size + UNIT - 1) / UNIT + 1;
	for (;;) {
		for (pp = &free_list; (b = *pp); pp = &b->next) {
			if (b->units < units)
				continue;
			if (b->units == units) {
				*pp = b->next;
			} else {
				b->units -= units;
				b += b->units;
				b->units = units;
			}
			return b + 1;
		}
		if (grow(units) < 0)
			return NULL;
	}
}

void free(void *ptr)
{
	struct header *b, *prev = NULL, *next;

	if (!ptr)
		return;
	b = (struct header *)ptr - 1;
	for (next = free_list; next && next < b; next = next->next)
		prev = next;
	/* A double free, or a header overwritten: stop here, not later. */
	if (b == next || (next && b + b->units > next) ||
	    (prev && prev + prev->units > b))
		abort();

	if (next && b + b->units == next) {
		b->units += next->units;
		b->next = next->next;
	} else {
		b->next = next;
	}
	if (prev && prev + prev->units == b) {
		prev->units += b->units;
		prev->next = b->next;
	} else if (prev) {
		prev->next = b;
	} else {
		free_list = b;
	}
}

void *calloc(size_t nmemb, size_t size)
{
	void *p;

	if (size && nmemb > SIZE_LIMIT / size) {
		errno = ENOMEM;
		return NULL;
	}
	/*
	 * Not only fresh brk memory: a reused block holds old data. A size of
	 * 0 is fine: malloc(0) returns a pointer of its own, as glibc's does.
	 */
	// NOLINTNEXTLINE(clang-analyzer-optin.portability.UnixAPI)
	p = malloc(nmemb * size);
	if (p)
		memset(p, 0, nmemb * size);
	return p;
}

void *realloc(void *ptr, size_t size)
{
	size_t have;
	void *p;

	if (!ptr)
		return malloc(size);
	if (!size) {
		free(ptr);
		return NULL;
	}
	have = (((struct header *)ptr - 1)->units - 1) * UNIT;
	if (size <= have)
		return ptr;
	p = malloc(size);
	if (p) {
		memcpy(p, ptr, have);
		free(ptr);
	}
	return p;
}
