/*
 * gdb_target - the program that tools/gdb-session.sh debugs (`-- /bin/
 * gdb_target` on the kernel command line: init runs it as its child).
 *
 * It prints what the kernel says of it (/proc/vmstat, /proc/self/maps,
 * /proc/buddyinfo) between "gdb_target: begin PATH" and "gdb_target: end
 * PATH" lines, then makes one known page fault: the first write to an
 * anonymous page, at an address it prints first. GDB checks its helpers
 * against that text (kvmstat, kmaps and kbuddy at the moment the kernel
 * makes each text: an open() itself allocates, its path and the text's
 * buffer) and stops in the fault handler at the write.
 *
 * The mapping also holds cases of kexplain's decision table that the
 * session asks about (see the PAGE_* indexes), and a page of .data that is
 * only read, so that a write to it would be a copy on write of a file page.
 */
#include "ulib.h"

#define PAGE 4096
#define TEXT_MAX 8192
/* The anonymous mapping, page by page. */
#define MAP_PAGES 4
#define PAGE_FAULT 0 /* first written at the fault GDB stops at */
#define PAGE_UNTOUCHED 1 /* never touched: a read would be demand-zero */
#define PAGE_REUSE 2 /* written, then read-only PTE: a write reuses it */
/* /proc/self/pagemap entries (Linux's Documentation/admin-guide/mm/
 * pagemap.rst): 64 bits a page, the frame in bits 0-54, bit 63 present. */
#define PAGEMAP_ENTRY 8
#define PM_PFRAME_MASK ((1ULL << 55) - 1)
#define PM_PRESENT (1ULL << 63)

static char text[TEXT_MAX];

/* A page of .data alone: read (mapped read-only from the page cache), never
 * written, so that a write would copy it. */
static union {
	int word;
	char page[PAGE];
} cow_page __attribute__((aligned(PAGE))) = { .word = 1 };

/* Print a /proc file between marker lines; -1 if it cannot be read. */
static int show(const char *path)
{
	int fd = open(path, O_RDONLY), n, total = 0;

	if (fd < 0) {
		printf("gdb_target: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = read(fd, text + total, TEXT_MAX - total)) > 0)
		total += n;
	printf("gdb_target: begin %s\n", path);
	write(1, text, total);
	printf("gdb_target: end %s\n", path);
	close(fd);
	return 0;
}

/* The frame of addr as /proc/self/pagemap says it, for GDB's kpage; only
 * with the argument "pagemap", while that file is not everywhere yet (and
 * opening a /proc file that does not exist is not safe on every kernel). */
static void show_pagemap(unsigned long addr)
{
	unsigned long long entry = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY);

	if (fd < 0) {
		printf("gdb_target: no pagemap: %s\n", strerror(errno));
		return;
	}
	if (lseek(fd, (off_t)(addr / PAGE * PAGEMAP_ENTRY), SEEK_SET) < 0 ||
	    read(fd, &entry, sizeof(entry)) != sizeof(entry))
		printf("gdb_target: no pagemap entry: %s\n", strerror(errno));
	else if (!(entry & PM_PRESENT))
		printf("gdb_target: pagemap %08lx not present\n", addr);
	else
		printf("gdb_target: pagemap %08lx pfn %llx\n", addr,
		       entry & PM_PFRAME_MASK);
	close(fd);
}

int main(int argc, char **argv)
{
	volatile char *map;

	map = mmap(NULL, MAP_PAGES * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED) {
		printf("gdb_target: mmap: %s\n", strerror(errno));
		return 1;
	}
	/* Present and anonymous, but read-only: mprotect gives a private
	 * writable VMA's PTEs its read-only protection (vm_get_page_prot). */
	map[PAGE_REUSE * PAGE] = 1;
	mprotect((void *)(map + PAGE_REUSE * PAGE), PAGE, PROT_READ);
	mprotect((void *)(map + PAGE_REUSE * PAGE), PAGE,
		 PROT_READ | PROT_WRITE);
	printf("gdb_target: map %08lx untouched %08lx reuse %08lx cow %08lx word %d\n",
	       (unsigned long)map, (unsigned long)(map + PAGE_UNTOUCHED * PAGE),
	       (unsigned long)(map + PAGE_REUSE * PAGE),
	       (unsigned long)&cow_page, *(volatile int *)&cow_page.word);

	if (show("/proc/vmstat") < 0 || show("/proc/self/maps") < 0 ||
	    show("/proc/buddyinfo") < 0)
		return 1;
	printf("gdb_target: first write to %08lx\n",
	       (unsigned long)(map + PAGE_FAULT * PAGE));
	map[PAGE_FAULT * PAGE] = 1; /* gdb-session: the fault */

	if (argc > 1 && strcmp(argv[1], "pagemap") == 0)
		show_pagemap((unsigned long)(map + PAGE_FAULT * PAGE));
	printf("gdb_target: done\n"); /* gdb-session: done */
	return 0;
}
