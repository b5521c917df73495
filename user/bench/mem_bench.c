/*
 * mem_bench - the memory the kernel leaves to programs: MemTotal (RAM less
 * what the kernel reserved for itself: its image, mem_map, page tables)
 * and MemFree from /proc/meminfo, read by the first program after boot.
 * Runs unchanged on Linux, so the two kernels' overheads compare directly.
 */
#include "bench.h"

/* The number after the spaces at s. */
static long number(const char *s)
{
	long v = 0;

	while (*s == ' ')
		s++;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return v;
}

/* The kB figure of the meminfo line that starts with key, or -1. */
static long meminfo(const char *text, const char *key)
{
	size_t len = strlen(key);

	for (const char *line = text; *line;) {
		if (strncmp(line, key, len) == 0)
			return number(line + len);
		while (*line && *line != '\n')
			line++;
		if (*line)
			line++;
	}
	return -1;
}

int main(void)
{
	static char buf[8192];
	int fd = open("/proc/meminfo", O_RDONLY, 0);
	long n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (n <= 0) {
		printf("mem_bench: cannot read /proc/meminfo\n");
		return 1;
	}
	buf[n] = '\0';
	close(fd);
	printf("bench: memory mem_total_kb=%ld mem_free_kb=%ld\n",
	       meminfo(buf, "MemTotal:"), meminfo(buf, "MemFree:"));
	return 0;
}
