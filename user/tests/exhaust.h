/* user/tests/exhaust.h - what the exhaustion programs (exhaust_*.c) share. */
#ifndef USER_TESTS_EXHAUST_H
#define USER_TESTS_EXHAUST_H

#include "mm_test.h"

/*
 * The exhaustion programs run a machine out of one resource at a time
 * (frames by touching, tasks by forking, frames by page tables, VMAs by
 * mapping), at -m 16M and -m 32M. They are kernel-specific: Debian's
 * Linux i386 does not boot below 48 MiB (TOOLCHAIN-NOTES.md), so the peer
 * cannot run them where they mean something. Each program checks that the
 * machine is whole afterwards: MemAvailable back to its value at the
 * start, and a big allocation of its own working; the test runner adds
 * its leaked=0 and vmcheck checks at the end.
 */

#define MEMINFO_SIZE 1024
/* Children poll shared flags this often (nanosleep, in ns). */
#define POLL_NS 20000000L

/*
 * The value of a /proc/meminfo line ("MemAvailable"), in kB; -1 if there
 * is none. MemAvailable is the free frames plus what the kernel takes back
 * at once (empty slab pages, the page cache of the initrd's files): the
 * figure the kernel's own leak check counts.
 */
static inline long meminfo_kb(const char *key)
{
	static char buf[MEMINFO_SIZE];
	unsigned long kb;

	if (read_file("/proc/meminfo", buf, sizeof(buf)) <= 0 ||
	    proc_field(buf, key, &kb))
		return -1;
	return (long)kb;
}

static inline long mem_available_kb(void)
{
	return meminfo_kb("MemAvailable");
}

/* Every frame is back: MemAvailable is what it was at the start. */
#define CHECK_MEMORY_BACK(start) CHECK_EQ(mem_available_kb(), (start))

/*
 * The memory is usable again, not only counted: half of what is
 * available, mapped and written page by page, then given back.
 */
static inline int can_use_half_of_memory(void)
{
	unsigned long len = (unsigned long)mem_available_kb() / 2 * 1024;
	char *p = mmap(NULL, len, PROT_RW, PRIV_ANON, -1, 0);

	if (p == MAP_FAILED)
		return 0;
	for (unsigned long off = 0; off < len; off += PAGE_SIZE)
		p[off] = 1;
	return munmap(p, len) == 0;
}

/* A page shared with every child forked after it (flags, counters). */
static inline volatile int *shared_page(void)
{
	return (volatile int *)map_anon(1, PROT_RW, SHARED_ANON);
}

static inline void nap(void)
{
	struct timespec ts = { 0, POLL_NS };

	nanosleep(&ts, NULL);
}

/* Sleep until *flag is nonzero. */
static inline void wait_for_flag(const volatile int *flag)
{
	while (!*flag)
		nap();
}

#endif
