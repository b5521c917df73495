/* user/pmap.c - a process's mappings, one a line, as procps' pmap. */
#include "ulib.h"

/*
 * Each line of /proc/PID/maps is one VMA: a range of addresses the process
 * may use, with its permissions and what backs it (a file, or nothing:
 * anonymous memory). pmap shows each one's start and size and a total: the
 * process's virtual size (VmSize in its status).
 *
 * With -x it reads /proc/PID/smaps instead, where the kernel has walked
 * each VMA's page tables and counted what is really there:
 *
 *   RSS    pages present, in kB: touched at least once
 *   Anon   of those, anonymous pages (zero-filled, or COW copies)
 *   Dirty  of those, pages written since they were read in or shared
 *
 * The difference between Kbytes and RSS is demand paging at work.
 */

/* Linux's smaps takes about 1 KiB per VMA; the buffer is bss, so only the
 * pages the text reaches are ever given frames. */
#define TEXT_SIZE (256 * 1024)

static char text[TEXT_SIZE];

/* One VMA, and (with -x) its smaps figures in kB. */
struct mapping {
	unsigned long start, end;
	char perms[5];
	const char *name; /* the rest of the line, "" for none */
	int name_len;
	unsigned long rss, anon, dirty;
};

struct totals {
	unsigned long size, rss, anon, dirty;
};

static void usage(void)
{
	dprintf(2, "usage: pmap [-x] [PID|self]\n");
	exit(2);
}

/*
 * Parse "start-end perms offset dev inode [name]" (fields separated by
 * blanks; the name may hold blanks). 0, or -1 if line is not one.
 */
static int parse_vma_line(const char *line, struct mapping *m)
{
	const char *p = line, *nl;
	char *end;
	int field;

	m->start = strtoul(p, &end, 16);
	if (end == p || *end != '-')
		return -1;
	p = end + 1;
	m->end = strtoul(p, &end, 16);
	if (end == p || *end != ' ')
		return -1;
	p = end + 1;
	memcpy(m->perms, p, 4);
	m->perms[4] = '\0';
	/* Skip perms, offset, dev and inode. */
	for (field = 0; field < 4; field++) {
		while (*p && *p != ' ' && *p != '\n')
			p++;
		while (*p == ' ')
			p++;
	}
	nl = strchr(p, '\n');
	m->name = p;
	m->name_len = nl ? (int)(nl - p) : (int)strlen(p);
	m->rss = m->anon = m->dirty = 0;
	return 0;
}

/* What procps shows as the mapping: a file's base name, or a label. */
static void mapping_name(const struct mapping *m, char *out, size_t size)
{
	char name[256];
	int n = m->name_len < (int)sizeof(name) - 1 ? m->name_len :
						      (int)sizeof(name) - 1;
	const char *slash;

	memcpy(name, m->name, (size_t)n);
	name[n] = '\0';
	slash = strrchr(name, '/');
	if (name[0] == '/' && slash)
		snprintf(out, size, "%s", slash + 1);
	else if (!strcmp(name, "[stack]"))
		snprintf(out, size, "[ stack ]");
	else if (name[0])
		snprintf(out, size, "%s", name); /* [heap], [vdso] */
	else
		snprintf(out, size, "[ anon ]");
}

/* procps' mode: r, w, x, then s for a shared mapping, and a fifth column
 * (R, for MAP_NORESERVE on Linux) that this kernel never fills. */
static void mode_string(const struct mapping *m, char *mode)
{
	mode[0] = m->perms[0];
	mode[1] = m->perms[1];
	mode[2] = m->perms[2];
	mode[3] = m->perms[3] == 's' ? 's' : '-';
	mode[4] = '-';
	mode[5] = '\0';
}

static void show(const struct mapping *m, int extended, struct totals *t)
{
	unsigned long kb = (m->end - m->start) / 1024;
	char name[256], mode[6];

	mapping_name(m, name, sizeof(name));
	mode_string(m, mode);
	if (extended)
		printf("%08lx %8lu %7lu %7lu %7lu %s %s\n", m->start, kb,
		       m->rss, m->anon, m->dirty, mode, name);
	else
		printf("%08lx %7luK %s %s\n", m->start, kb, mode, name);
	t->size += kb;
	t->rss += m->rss;
	t->anon += m->anon;
	t->dirty += m->dirty;
}

/* Add a smaps "Key:   N kB" line to m's figures. */
static void add_smaps_line(const char *line, struct mapping *m)
{
	unsigned long v;

	if (!proc_field(line, "Rss", &v))
		m->rss = v;
	else if (!proc_field(line, "Anonymous", &v))
		m->anon = v;
	else if (!proc_field(line, "Private_Dirty", &v) ||
		 !proc_field(line, "Shared_Dirty", &v))
		m->dirty += v;
}

/*
 * Walk maps (or smaps) line by line: a line that parses as a VMA starts a
 * new mapping, and shows the one before; smaps' other lines add to it.
 */
static void show_all(int extended, struct totals *t)
{
	struct mapping m, next;
	int have = 0;
	char line[512];

	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (parse_vma_line(p, &next) == 0) {
			if (have)
				show(&m, extended, t);
			m = next;
			have = 1;
		} else if (have) {
			/* one line on its own, for proc_field */
			if (len >= sizeof(line))
				len = sizeof(line) - 1;
			memcpy(line, p, len);
			line[len] = '\0';
			add_smaps_line(line, &m);
		}
		p = nl ? nl + 1 : p + len;
	}
	if (have)
		show(&m, extended, t);
}

int main(int argc, char **argv, char **envp)
{
	const char *who = "self";
	char path[64], name[64] = "";
	int i = 1, extended = 0, pid;
	struct totals t = { 0 };
	unsigned long v;
	char *end;

	if (i < argc && !strcmp(argv[i], "-x")) {
		extended = 1;
		i++;
	}
	if (i < argc)
		who = argv[i++];
	if (i < argc)
		usage();
	if (strcmp(who, "self") != 0) {
		pid = (int)strtol(who, &end, 10);
		if (end == who || *end || pid <= 0)
			usage();
	} else {
		pid = getpid();
	}

	/* The header: "PID:   name", the name from the status file. */
	snprintf(path, sizeof(path), "/proc/%s/status", who);
	if (read_file(path, text, sizeof(text)) < 0) {
		dprintf(2, "pmap: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (!proc_field(text, "Pid", &v))
		pid = (int)v;
	proc_string(text, "Name", name, sizeof(name));

	snprintf(path, sizeof(path), "/proc/%s/%s", who,
		 extended ? "smaps" : "maps");
	if (read_file(path, text, sizeof(text)) < 0) {
		dprintf(2, "pmap: %s: %s\n", path, strerror(errno));
		return 1;
	}
	printf("%d:   %s\n", pid, name);
	if (extended)
		printf("%-8s %8s %7s %7s %7s %-5s %s\n", "Address", "Kbytes",
		       "RSS", "Anon", "Dirty", "Mode", "Mapping");
	show_all(extended, &t);
	if (extended)
		printf("-------- -------- ------- ------- -------\n"
		       "total kB %8lu %7lu %7lu %7lu\n",
		       t.size, t.rss, t.anon, t.dirty);
	else
		printf(" total   %7luK\n", t.size);
	return 0;
}
