/*
 * maps_test - /proc/self/maps says what this program knows of its own
 * mappings, in Linux's exact format: its text, its data, its heap and its
 * stack, and an anonymous mapping that it creates, splits and removes.
 * Linux adds [vvar] and [vdso] lines, which this kernel does not have:
 * the checks look for lines, never count them.
 */
#include "ulib.h"

#define PAGE 4096
#define NAME_COLUMN 49 /* Linux pads the fields to 48 columns, then a space */
#define MAPS_MAX 16384

static char maps[MAPS_MAX];
static int data_word = 1; /* in .data */

struct map_line {
	unsigned long start, end;
	char perms[5];
	const char *name; /* "" when the line has none */
	int well_formed;
};

/* Read the whole file again: the text is made when it is opened. */
static int read_maps(void)
{
	int fd = open("/proc/self/maps", O_RDONLY), n, total = 0;

	if (fd < 0)
		return 0;
	while ((n = read(fd, maps + total, MAPS_MAX - 1 - total)) > 0)
		total += n;
	maps[total] = '\0';
	close(fd);
	return total > 0;
}

static unsigned long hex(const char *p, int digits)
{
	unsigned long v = 0;

	for (int i = 0; i < digits; i++) {
		char c = p[i];

		v = v * 16 + (unsigned long)(c <= '9' ? c - '0' : c - 'a' + 10);
	}
	return v;
}

/* Parse "%08lx-%08lx perm %08x MM:mm inode" and the name at column 49. */
static void parse(const char *line, int len, struct map_line *m)
{
	m->start = hex(line, 8);
	m->end = hex(line + 9, 8);
	memcpy(m->perms, line + 18, 4);
	m->perms[4] = '\0';
	m->well_formed = len >= 36 && line[8] == '-' && line[17] == ' ' &&
			 line[22] == ' ' && line[31] == ' ' && line[34] == ':';
	m->name = len > NAME_COLUMN ? line + NAME_COLUMN : "";
	if (len > NAME_COLUMN && line[NAME_COLUMN - 1] != ' ')
		m->well_formed = 0;
}

/* The line whose range holds addr; 0 if none. */
static int find_line(unsigned long addr, struct map_line *m, char *name,
		     int name_size)
{
	for (char *p = maps; *p;) {
		char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);

		parse(p, len, m);
		if (m->start <= addr && addr < m->end) {
			int n = len > NAME_COLUMN ? len - NAME_COLUMN : 0;

			n = n < name_size - 1 ? n : name_size - 1;
			memcpy(name, len > NAME_COLUMN ? p + NAME_COLUMN : "",
			       n);
			name[n] = '\0';
			return 1;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	return 0;
}

static int all_lines_well_formed(void)
{
	struct map_line m;

	for (char *p = maps; *p;) {
		char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);

		parse(p, len, &m);
		if (!m.well_formed || m.start >= m.end)
			return 0;
		if (!nl)
			break;
		p = nl + 1;
	}
	return 1;
}

static int line_is(unsigned long addr, const char *perms, const char *name)
{
	struct map_line m;
	char got[64];

	return find_line(addr, &m, got, sizeof(got)) &&
	       strcmp(m.perms, perms) == 0 && strcmp(got, name) == 0;
}

static int test_format(void)
{
	return read_maps() && all_lines_well_formed();
}

static int test_text_data_heap_stack(void)
{
	int local = 0;
	char *heap = malloc(100000);

	int ok =
		heap && read_maps() &&
		line_is((unsigned long)test_format, "r-xp", "/bin/maps_test") &&
		line_is((unsigned long)&data_word, "rw-p", "/bin/maps_test") &&
		line_is((unsigned long)heap, "rw-p", "[heap]") &&
		line_is((unsigned long)&local, "rw-p", "[stack]");

	free(heap);
	return ok;
}

static int test_mmap_split_unmap(void)
{
	char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct map_line m;
	char name[64];
	int ok;

	if (p == MAP_FAILED || !read_maps())
		return 0;
	ok = find_line((unsigned long)p, &m, name, sizeof(name)) &&
	     m.start <= (unsigned long)p &&
	     m.end >= (unsigned long)p + 3 * PAGE &&
	     strcmp(m.perms, "rw-p") == 0;
	mprotect(p + PAGE, PAGE, PROT_READ);
	ok = ok && read_maps() &&
	     line_is((unsigned long)p + PAGE, "r--p", "") &&
	     find_line((unsigned long)p + PAGE, &m, name, sizeof(name)) &&
	     m.start == (unsigned long)p + PAGE &&
	     m.end == (unsigned long)p + 2 * PAGE;
	munmap(p, 3 * PAGE);
	return ok && read_maps() &&
	       !find_line((unsigned long)p + PAGE, &m, name, sizeof(name));
}

static int test_shared_anonymous(void)
{
	char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct map_line m;
	char name[64];
	int ok;

	if (p == MAP_FAILED || !read_maps())
		return 0;
	ok = find_line((unsigned long)p, &m, name, sizeof(name)) &&
	     strcmp(m.perms, "rw-s") == 0 &&
	     strcmp(name, "/dev/zero (deleted)") == 0;
	munmap(p, PAGE);
	return ok;
}

/* A "Key:   N kB" line of /proc/self/status, in kB; -1 if missing. */
static long status_kb(const char *key)
{
	static char buf[4096];
	int fd = open("/proc/self/status", O_RDONLY), n;
	size_t klen = strlen(key);

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	for (char *p = buf; p && *p;
	     p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		long v = 0;

		if (strncmp(p, key, klen) != 0 || p[klen] != ':')
			continue;
		for (p += klen + 1; *p == ' ' || *p == '\t'; p++)
			;
		while (*p >= '0' && *p <= '9')
			v = v * 10 + (*p++ - '0');
		return v;
	}
	return -1;
}

/* Linux 6.1 counts RSS per task and folds it into the process's every 64
 * faults or so: allow that much lag. */
#define STATUS_PAGES 512
#define RSS_SLACK_KB (64 * 4)

static int test_status_follows_mappings_and_touches(void)
{
	long size0 = status_kb("VmSize"), rss0 = status_kb("VmRSS"), size1,
	     rss1;
	char *p = mmap(NULL, STATUS_PAGES * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int ok;

	if (p == MAP_FAILED || size0 < 0 || rss0 < 0)
		return 0;
	size1 = status_kb("VmSize");
	for (int i = 0; i < STATUS_PAGES; i++)
		p[i * PAGE] = 1;
	rss1 = status_kb("VmRSS");
	ok = size1 - size0 == STATUS_PAGES * 4 &&
	     rss1 - rss0 >= STATUS_PAGES * 4 - RSS_SLACK_KB &&
	     rss1 - rss0 <= STATUS_PAGES * 4 + RSS_SLACK_KB;
	munmap(p, STATUS_PAGES * PAGE);
	return ok && status_kb("VmSize") == size0;
}

/* The value of a "name value" line of /proc/vmstat; -1 if missing. */
static long vmstat(const char *name)
{
	static char buf[8192];
	int fd = open("/proc/vmstat", O_RDONLY), n, total = 0;
	size_t len = strlen(name);

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf + total, sizeof(buf) - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	for (char *p = buf; *p;) {
		char *nl = strchr(p, '\n');

		if (strncmp(p, name, len) == 0 && p[len] == ' ') {
			long v = 0;

			for (p += len + 1; *p >= '0' && *p <= '9'; p++)
				v = v * 10 + (*p - '0');
			return v;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	return -1;
}

#define VMSTAT_PAGES 100

static int test_vmstat_counts_faults(void)
{
	long before = vmstat("pgfault"), after;
	char *p = mmap(NULL, VMSTAT_PAGES * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED || before < 0)
		return 0;
	for (int i = 0; i < VMSTAT_PAGES; i++)
		p[i * PAGE] = 1; /* one first touch, one fault, each */
	after = vmstat("pgfault");
	munmap(p, VMSTAT_PAGES * PAGE);
	return after - before >= VMSTAT_PAGES;
}

static const struct ktap_case tests[] = {
	{ "maps_format", test_format },
	{ "text_data_heap_stack", test_text_data_heap_stack },
	{ "mmap_split_unmap", test_mmap_split_unmap },
	{ "shared_anonymous", test_shared_anonymous },
	{ "status_follows_mappings_and_touches",
	  test_status_follows_mappings_and_touches },
	{ "vmstat_counts_faults", test_vmstat_counts_faults },
};

int main(void)
{
	return ktap_run("maps_test", tests, sizeof(tests) / sizeof(tests[0]));
}
