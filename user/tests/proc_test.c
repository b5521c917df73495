/*
 * proc_test - directories and the memory files of /proc, as a program sees
 * them: getdents64 over "/", "/bin" and /proc (entries, positions, errors),
 * the modes stat gives, /proc/self/smaps counting pages as they are touched
 * and shared by a fork, /proc/self/pagemap showing frames appear and a
 * copy-on-write split them, and /proc/sys/vm/trace_faults switching the
 * fault trace.
 *
 * The same verdicts on Linux i386 (tools/peer): the checks use only what
 * both have ("/bin", "/proc/self", this program's own pid). The one
 * kernel-specific case, trace_faults, is skipped where the file does not
 * exist. Output is KTAP; the exit status is 0 when nothing failed.
 */
#include "syscall.h"
#include "ulib.h"

#define PAGE 4096
/* Linux i386's numbers (syscall_32.tbl) and flags (fcntl.h, stat.h). */
#define NR_getdents64 220
#define NR_fstatat64 300
#define S_IFDIR 0040000
#define S_IFLNK 0120000
#define DT_DIR 4
#define DT_REG 8
#define DT_LNK 10
/* The end of user space: 3 GiB, both kernels' split. */
#define TASK_SIZE 0xc0000000UL
/* /proc/PID/pagemap's bits (Documentation/admin-guide/mm/pagemap.rst). */
#define PM_PRESENT (1ULL << 63)
#define PM_FILE (1ULL << 61)
#define PM_EXCLUSIVE (1ULL << 56)
#define PM_PFN_MASK ((1ULL << 55) - 1)

#define CHECK(cond)                                                         \
	do {                                                                \
		if (!(cond)) {                                              \
			printf("# %s:%d: %s\n", __func__, __LINE__, #cond); \
			return 0;                                           \
		}                                                           \
	} while (0)
#define FAILS_WITH(call, err) ((errno = 0, (call) == -1) && errno == (err))

/* --- directories ----------------------------------------------------------- */

/* Linux's struct linux_dirent64: 19 bytes, then the name. */
struct dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

struct entry {
	char name[64];
	unsigned char type;
	uint64_t ino;
	int64_t off;
};

#define MAX_ENTRIES 512
static struct entry entries[MAX_ENTRIES];
static char dirbuf[8192];

static long sys_getdents64(int fd, void *buf, unsigned long count)
{
	return syscall3(NR_getdents64, fd, (long)buf, (long)count);
}

/*
 * Append the records of one getdents64 result to out[*n], checking their
 * shape: 8-byte multiples, long enough for the name and its NUL. 0 if one
 * is malformed.
 */
static int parse_dirents(const char *buf, long len, struct entry *out, int *n)
{
	for (long pos = 0; pos < len;) {
		const struct dirent64 *d = (const void *)(buf + pos);
		size_t namelen = strlen(d->d_name);

		if (d->d_reclen % 8 || d->d_reclen < 19 + namelen + 1 ||
		    pos + d->d_reclen > len || namelen >= sizeof(out->name))
			return 0;
		if (*n < MAX_ENTRIES) {
			memcpy(out[*n].name, d->d_name, namelen + 1);
			out[*n].type = d->d_type;
			out[*n].ino = d->d_ino;
			out[*n].off = d->d_off;
			(*n)++;
		}
		pos += d->d_reclen;
	}
	return 1;
}

/* Every entry from fd's position on, bufsize bytes a call: the count, or
 * -1 (an error, or a malformed record). */
static int read_dir(int fd, unsigned long bufsize, struct entry *out)
{
	int n = 0;
	long len;

	while ((len = sys_getdents64(fd, dirbuf, bufsize)) > 0)
		if (!parse_dirents(dirbuf, len, out, &n))
			return -1;
	/* The end says so again when asked again. */
	return len == 0 && sys_getdents64(fd, dirbuf, bufsize) == 0 ? n : -1;
}

static int list_path(const char *path, struct entry *out)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY), n;

	if (fd < 0)
		return -1;
	n = read_dir(fd, sizeof(dirbuf), out);
	close(fd);
	return n;
}

/* Is name in the listing, with this d_type and an inode number? */
static int has_entry(const struct entry *e, int n, const char *name, int type)
{
	for (int i = 0; i < n; i++)
		if (strcmp(e[i].name, name) == 0)
			return e[i].type == type && e[i].ino != 0;
	return 0;
}

static int starts_with_dots(const struct entry *e, int n)
{
	return n >= 2 && strcmp(e[0].name, ".") == 0 && e[0].type == DT_DIR &&
	       strcmp(e[1].name, "..") == 0 && e[1].type == DT_DIR;
}

static int test_getdents_lists_proc_self(void)
{
	int fd = open("/proc/self", O_RDONLY | O_DIRECTORY), n;
	long len;

	CHECK(fd >= 0);
	n = read_dir(fd, sizeof(dirbuf), entries);
	CHECK(n > 2 && starts_with_dots(entries, n));
	CHECK(has_entry(entries, n, "maps", DT_REG));
	CHECK(has_entry(entries, n, "smaps", DT_REG));
	CHECK(has_entry(entries, n, "status", DT_REG));
	CHECK(has_entry(entries, n, "pagemap", DT_REG));
	/* Each d_off is where the next entry starts: seek there, go on. */
	CHECK(lseek(fd, (off_t)entries[1].off, SEEK_SET) == entries[1].off);
	len = sys_getdents64(fd, dirbuf, sizeof(dirbuf));
	CHECK(len > 0 && strcmp(((struct dirent64 *)dirbuf)->d_name,
				entries[2].name) == 0);
	/* And from position 0, all over again. */
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(read_dir(fd, sizeof(dirbuf), entries) == n);
	CHECK(close(fd) == 0);
	return 1;
}

static struct entry piecewise[MAX_ENTRIES];

/* A buffer with room for one entry gets one entry; one with room for none
 * is EINVAL; the next call goes on where the last stopped. */
static int test_getdents_continues_where_it_stopped(void)
{
	int fd = open("/proc/self", O_RDONLY | O_DIRECTORY);
	int n = 0, whole = list_path("/proc/self", entries), rest;

	CHECK(fd >= 0 && whole > 2);
	CHECK(sys_getdents64(fd, dirbuf, 24) == 24); /* "." */
	CHECK(parse_dirents(dirbuf, 24, piecewise, &n));
	CHECK(sys_getdents64(fd, dirbuf, 24) == 24); /* ".." */
	CHECK(parse_dirents(dirbuf, 24, piecewise, &n));
	CHECK(sys_getdents64(fd, dirbuf, 8) == -EINVAL);
	rest = read_dir(fd, sizeof(dirbuf), piecewise + n);
	CHECK(rest == whole - 2);
	for (int i = 0; i < whole; i++)
		CHECK(strcmp(piecewise[i].name, entries[i].name) == 0);
	CHECK(close(fd) == 0);
	return 1;
}

static int test_getdents_errors(void)
{
	int file = open("/proc/self/status", O_RDONLY);
	int prog = open("/bin/proc_test", O_RDONLY);
	int dir = open("/proc/self", O_RDONLY);
	char c;

	CHECK(file >= 0 && prog >= 0 && dir >= 0);
	CHECK(sys_getdents64(200, dirbuf, sizeof(dirbuf)) == -EBADF);
	CHECK(sys_getdents64(file, dirbuf, sizeof(dirbuf)) == -ENOTDIR);
	CHECK(sys_getdents64(prog, dirbuf, sizeof(dirbuf)) == -ENOTDIR);
	CHECK(sys_getdents64(dir, (void *)16, sizeof(dirbuf)) == -EFAULT);
	CHECK(sys_getdents64(dir, (void *)TASK_SIZE, sizeof(dirbuf)) ==
	      -EFAULT);
	CHECK(sys_getdents64(dir, dirbuf, 0) == -EINVAL);
	/* Nothing was listed by the failures: "." still comes first. */
	CHECK(sys_getdents64(dir, dirbuf, sizeof(dirbuf)) > 0 &&
	      strcmp(((struct dirent64 *)dirbuf)->d_name, ".") == 0);
	CHECK(FAILS_WITH(read(dir, &c, 1), EISDIR));
	close(file);
	close(prog);
	close(dir);
	return 1;
}

static int test_root_and_bin(void)
{
	int n = list_path("/", entries);

	CHECK(starts_with_dots(entries, n));
	CHECK(has_entry(entries, n, "bin", DT_DIR));
	CHECK(has_entry(entries, n, "proc", DT_DIR));
	/* "." is the working directory, "/" for both. */
	n = list_path(".", entries);
	CHECK(starts_with_dots(entries, n) &&
	      has_entry(entries, n, "bin", DT_DIR));
	n = list_path("/bin", entries);
	CHECK(starts_with_dots(entries, n));
	CHECK(has_entry(entries, n, "proc_test", DT_REG));
	CHECK(!has_entry(entries, n, "bin", DT_DIR));
	CHECK(FAILS_WITH(open("/bin/proc_test", O_RDONLY | O_DIRECTORY),
			 ENOTDIR));
	return 1;
}

static int test_proc_lists_self_and_own_pid(void)
{
	char pid[16], path[32];
	int n = list_path("/proc", entries);

	snprintf(pid, sizeof(pid), "%d", getpid());
	CHECK(starts_with_dots(entries, n));
	CHECK(has_entry(entries, n, pid, DT_DIR));
	CHECK(has_entry(entries, n, "self", DT_LNK));
	CHECK(has_entry(entries, n, "meminfo", DT_REG));
	CHECK(has_entry(entries, n, "sys", DT_DIR));
	snprintf(path, sizeof(path), "/proc/%d", getpid());
	n = list_path(path, entries);
	CHECK(starts_with_dots(entries, n));
	CHECK(has_entry(entries, n, "maps", DT_REG));
	CHECK(FAILS_WITH(open("/proc/999999", O_RDONLY), ENOENT));
	CHECK(FAILS_WITH(open("/proc/self/status", O_RDONLY | O_DIRECTORY),
			 ENOTDIR));
	return 1;
}

static long sys_fstatat64(int dirfd, const char *path, struct stat64 *st,
			  int flags)
{
	return syscall4(NR_fstatat64, dirfd, (long)path, (long)st, flags);
}

static int test_stat_modes(void)
{
	struct stat64 st;
	int dir = open("/proc/self", O_RDONLY | O_DIRECTORY);
	long len;

	CHECK(dir >= 0 && fstat64(dir, &st) == 0);
	CHECK(st.st_mode == (S_IFDIR | 0555));
	/* The inode fstat gives is the one "." lists. */
	len = sys_getdents64(dir, dirbuf, sizeof(dirbuf));
	CHECK(len > 0 && ((struct dirent64 *)dirbuf)->d_ino == st.st_ino);
	CHECK(sys_fstatat64(AT_FDCWD, "/proc", &st, 0) == 0 &&
	      st.st_mode == (S_IFDIR | 0555));
	CHECK(sys_fstatat64(AT_FDCWD, "/proc/self/smaps", &st, 0) == 0 &&
	      st.st_mode == (S_IFREG | 0444));
	CHECK(sys_fstatat64(AT_FDCWD, "/proc/self", &st, AT_SYMLINK_NOFOLLOW) ==
		      0 &&
	      (st.st_mode & S_IFMT) == S_IFLNK);
	/* Relative names: from the directory fd, or from "/". */
	CHECK(sys_fstatat64(dir, "status", &st, 0) == 0 &&
	      st.st_mode == (S_IFREG | 0444));
	CHECK(sys_fstatat64(AT_FDCWD, "proc/meminfo", &st, 0) == 0 &&
	      st.st_mode == (S_IFREG | 0444));
	CHECK(sys_fstatat64(AT_FDCWD, "/proc/self/maps/", &st, 0) == -ENOTDIR);
	CHECK(sys_fstatat64(AT_FDCWD, "/proc/nonexistent", &st, 0) == -ENOENT);
	CHECK(close(dir) == 0);
	return 1;
}

/* --- smaps ----------------------------------------------------------------- */

static char text[65536];

static int read_text(const char *path)
{
	int fd = open(path, O_RDONLY), n, total = 0;

	if (fd < 0)
		return 0;
	while ((n = read(fd, text + total, sizeof(text) - 1 - total)) > 0)
		total += n;
	text[total] = '\0';
	close(fd);
	return total > 0;
}

static unsigned long hex(const char *p)
{
	unsigned long v = 0;

	for (; (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'); p++)
		v = v * 16 +
		    (unsigned long)(*p <= '9' ? *p - '0' : *p - 'a' + 10);
	return v;
}

/* A maps line starts with its range in hex; smaps' other lines with a
 * capital letter. */
static int is_vma_line(const char *line)
{
	return (*line >= '0' && *line <= '9') || (*line >= 'a' && *line <= 'f');
}

static const char *next_line(const char *p)
{
	const char *nl = strchr(p, '\n');

	return nl ? nl + 1 : p + strlen(p);
}

/* The block of the smaps text in text[] about the VMA holding addr. */
static const char *smaps_block(unsigned long addr)
{
	for (const char *p = text; *p; p = next_line(p)) {
		if (is_vma_line(p) && hex(p) <= addr &&
		    addr < hex(strchr(p, '-') + 1))
			return p;
	}
	return NULL;
}

/* The number of a "Key:   N kB" line of the block; -1 if none. */
static long smaps_value(const char *block, const char *key)
{
	size_t klen = strlen(key);

	for (const char *p = next_line(block); *p && !is_vma_line(p);
	     p = next_line(p)) {
		long v = 0;

		if (strncmp(p, key, klen) != 0 || p[klen] != ':')
			continue;
		for (p += klen + 1; *p == ' '; p++)
			;
		while (*p >= '0' && *p <= '9')
			v = v * 10 + (*p++ - '0');
		return v;
	}
	return -1;
}

/* Does the block's VmFlags line have this two-letter flag? */
static int has_vmflag(const char *block, const char *flag)
{
	for (const char *p = next_line(block); *p && !is_vma_line(p);
	     p = next_line(p)) {
		if (strncmp(p, "VmFlags:", 8) != 0)
			continue;
		for (p += 8; *p && *p != '\n'; p++)
			if (p[0] == ' ' && p[1] == flag[0] && p[2] == flag[1] &&
			    (p[3] == ' ' || p[3] == '\n'))
				return 1;
	}
	return 0;
}

struct smaps_counts {
	long size, rss, pss, shared_dirty, private_dirty, anonymous;
};

static int smaps_of(unsigned long addr, struct smaps_counts *c)
{
	const char *b;

	if (!read_text("/proc/self/smaps") || !(b = smaps_block(addr)))
		return 0;
	c->size = smaps_value(b, "Size");
	c->rss = smaps_value(b, "Rss");
	c->pss = smaps_value(b, "Pss");
	c->shared_dirty = smaps_value(b, "Shared_Dirty");
	c->private_dirty = smaps_value(b, "Private_Dirty");
	c->anonymous = smaps_value(b, "Anonymous");
	return 1;
}

/*
 * pages of private anonymous memory that no other VMA can merge with (a
 * PROT_NONE page on each side), so that its smaps Size is exactly its own.
 */
static char *guarded_anon(int pages)
{
	char *p = mmap(NULL, (pages + 2) * PAGE, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED ||
	    mprotect(p + PAGE, pages * PAGE, PROT_READ | PROT_WRITE) != 0)
		return NULL;
	return p + PAGE;
}

static void unmap_guarded(char *p, int pages)
{
	munmap(p - PAGE, (pages + 2) * PAGE);
}

#define SMAPS_PAGES 8

static int test_smaps_counts_touched_pages(void)
{
	char *p = guarded_anon(SMAPS_PAGES);
	struct smaps_counts c;

	CHECK(p && smaps_of((unsigned long)p, &c));
	CHECK(c.size == SMAPS_PAGES * 4 && c.rss == 0 && c.anonymous == 0);
	for (int i = 0; i < 3; i++)
		p[i * PAGE] = 1;
	CHECK(smaps_of((unsigned long)p, &c));
	CHECK(c.size == SMAPS_PAGES * 4 && c.rss == 12 && c.anonymous == 12);
	CHECK(c.private_dirty == 12 && c.shared_dirty == 0 && c.pss == 12);
	for (int i = 3; i < SMAPS_PAGES; i++)
		p[i * PAGE] = 1;
	CHECK(smaps_of((unsigned long)p, &c));
	CHECK(c.rss == SMAPS_PAGES * 4 && c.anonymous == SMAPS_PAGES * 4);
	CHECK(has_vmflag(smaps_block((unsigned long)p), "rd") &&
	      has_vmflag(smaps_block((unsigned long)p), "wr") &&
	      has_vmflag(smaps_block((unsigned long)p), "mr") &&
	      !has_vmflag(smaps_block((unsigned long)p), "ex") &&
	      !has_vmflag(smaps_block((unsigned long)p), "sh"));
	unmap_guarded(p, SMAPS_PAGES);
	return 1;
}

static char maps_text[32768];

/* smaps is maps with lines in between: its VMA lines, put together, are
 * the maps file. */
static int test_smaps_vma_lines_are_maps_lines(void)
{
	size_t len = 0;

	CHECK(read_text("/proc/self/maps"));
	memcpy(maps_text, text, strlen(text) + 1);
	CHECK(read_text("/proc/self/smaps"));
	for (const char *p = text; *p; p = next_line(p)) {
		size_t n = (size_t)(next_line(p) - p);

		if (!is_vma_line(p))
			continue;
		CHECK(strncmp(maps_text + len, p, n) == 0);
		len += n;
	}
	CHECK(len == strlen(maps_text) && len > 0);
	return 1;
}

/* The child's side of the fork: its pages are the parent's until it writes
 * one. Exit status 0 if all held. */
static int smaps_child(char *p)
{
	struct smaps_counts c;

	CHECK(smaps_of((unsigned long)p, &c));
	CHECK(c.rss == 8 && c.shared_dirty == 8 && c.private_dirty == 0);
	CHECK(c.pss == 4); /* half of each of two pages */
	p[0] = 2; /* a copy of its own */
	CHECK(smaps_of((unsigned long)p, &c));
	CHECK(c.rss == 8 && c.shared_dirty == 4 && c.private_dirty == 4);
	CHECK(c.pss == 6);
	return 1;
}

static int test_smaps_shared_after_fork(void)
{
	char *p = guarded_anon(2);
	struct smaps_counts c;
	int status;
	pid_t pid;

	CHECK(p);
	p[0] = p[PAGE] = 1;
	pid = fork();
	if (pid == 0)
		_exit(smaps_child(p) ? 0 : 1);
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* The child is gone: both pages are the parent's alone again. */
	CHECK(smaps_of((unsigned long)p, &c));
	CHECK(c.rss == 8 && c.private_dirty == 8 && c.shared_dirty == 0);
	CHECK(c.pss == 8 && p[0] == 1);
	unmap_guarded(p, 2);
	return 1;
}

/* --- pagemap --------------------------------------------------------------- */

static uint64_t pagemap_entry(int fd, const void *addr)
{
	uint64_t pme = ~0ULL;
	off_t off = (off_t)((unsigned long)addr / PAGE * 8);

	if (lseek(fd, off, SEEK_SET) != off || read(fd, &pme, 8) != 8)
		return ~0ULL;
	return pme;
}

static int test_pagemap_present_after_touch(void)
{
	int fd = open("/proc/self/pagemap", O_RDONLY);
	char *p = guarded_anon(4);
	uint64_t pme, four[4];

	CHECK(fd >= 0 && p);
	CHECK(pagemap_entry(fd, p) == 0); /* nothing there yet */
	p[0] = 1;
	pme = pagemap_entry(fd, p);
	CHECK((pme & PM_PRESENT) && (pme & PM_PFN_MASK) != 0);
	CHECK((pme & PM_EXCLUSIVE) && !(pme & PM_FILE));
	/* Four entries in one read: only the first page is there. */
	CHECK(lseek(fd, (off_t)((unsigned long)p / PAGE * 8), SEEK_SET) >= 0);
	CHECK(read(fd, four, sizeof(four)) == sizeof(four));
	CHECK(four[0] == pme && four[1] == 0 && four[2] == 0 && four[3] == 0);
	/* This code is a page of the program's file. */
	pme = pagemap_entry(fd, (const void *)test_pagemap_present_after_touch);
	CHECK((pme & PM_PRESENT) && (pme & PM_FILE) && (pme & PM_PFN_MASK));
	close(fd);
	unmap_guarded(p, 4);
	return 1;
}

static uint64_t parent_pfn;

/* In the child: the parent's frame until the child writes, then its own;
 * the parent's file still shows the parent's. */
static int pagemap_child(char *p, int parent_fd)
{
	int fd = open("/proc/self/pagemap", O_RDONLY);
	uint64_t pme;

	CHECK(fd >= 0);
	pme = pagemap_entry(fd, p);
	CHECK((pme & PM_PRESENT) && (pme & PM_PFN_MASK) == parent_pfn);
	CHECK(!(pme & PM_EXCLUSIVE)); /* both map it */
	p[0] = 2;
	pme = pagemap_entry(fd, p);
	CHECK((pme & PM_PRESENT) && (pme & PM_PFN_MASK) != parent_pfn);
	CHECK(pme & PM_EXCLUSIVE);
	pme = pagemap_entry(parent_fd, p);
	CHECK((pme & PM_PFN_MASK) == parent_pfn && (pme & PM_EXCLUSIVE));
	return 1;
}

static int test_pagemap_cow_after_fork(void)
{
	int fd = open("/proc/self/pagemap", O_RDONLY), status;
	char *p = guarded_anon(1);
	uint64_t pme;
	pid_t pid;

	CHECK(fd >= 0 && p);
	p[0] = 1;
	parent_pfn = pagemap_entry(fd, p) & PM_PFN_MASK;
	CHECK(parent_pfn != 0);
	pid = fork();
	if (pid == 0)
		_exit(pagemap_child(p, fd) ? 0 : 1);
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	pme = pagemap_entry(fd, p);
	CHECK((pme & PM_PFN_MASK) == parent_pfn && (pme & PM_EXCLUSIVE));
	CHECK(p[0] == 1);
	close(fd);
	unmap_guarded(p, 1);
	return 1;
}

static int test_pagemap_rejects_misaligned_reads(void)
{
	int fd = open("/proc/self/pagemap", O_RDONLY);
	off_t end = (off_t)(TASK_SIZE / PAGE * 8);
	uint64_t pme[2];

	CHECK(fd >= 0);
	CHECK(lseek(fd, 3, SEEK_SET) == 3 &&
	      FAILS_WITH(read(fd, pme, 8), EINVAL));
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(FAILS_WITH(read(fd, pme, 4), EINVAL));
	CHECK(FAILS_WITH(read(fd, pme, 12), EINVAL));
	/* The last page of user space, then nothing. */
	CHECK(lseek(fd, end - 8, SEEK_SET) == end - 8);
	CHECK(read(fd, pme, 16) == 8);
	CHECK(read(fd, pme, 8) == 0);
	CHECK(lseek(fd, end + 800, SEEK_SET) == end + 800);
	CHECK(read(fd, pme, 8) == 0);
	close(fd);
	return 1;
}

/* --- /proc/sys/vm/trace_faults --------------------------------------------- */

#define SKIP 2
static const char *skip_reason;

static int read_at_0(int fd, char *buf, int size)
{
	int n;

	if (lseek(fd, 0, SEEK_SET) != 0 || (n = read(fd, buf, size - 1)) < 0)
		return -1;
	buf[n] = '\0';
	return n;
}

static int write_at_0(int fd, const char *s)
{
	return lseek(fd, 0, SEEK_SET) == 0 ? (int)write(fd, s, strlen(s)) : -1;
}

/* Fault in a new page, and say where (a KTAP diagnostic line); the
 * caller unmaps it. */
static char *touch_new_page(const char *trace)
{
	char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	p[0] = 1;
	printf("# touched %08lx with the trace %s\n", (unsigned long)p, trace);
	return p;
}

/* KERNEL-SPECIFIC: Linux has no fault trace, so no such file. */
static int test_trace_faults_switch(void)
{
	int fd = open("/proc/sys/vm/trace_faults", O_RDWR), ro;
	char was[8], now[8], *on, *off;

	if (fd < 0 && errno == ENOENT) {
		skip_reason = "no /proc/sys/vm/trace_faults (Linux)";
		return SKIP;
	}
	CHECK(fd >= 0 && read_at_0(fd, was, sizeof(was)) == 2);
	CHECK(strcmp(was, "0\n") == 0 || strcmp(was, "1\n") == 0);
	CHECK(write_at_0(fd, "1") == 1);
	CHECK(read_at_0(fd, now, sizeof(now)) == 2 && strcmp(now, "1\n") == 0);
	/* tools/run-tests.py looks for this fault's trace line, and for
	 * none of the one after the trace is off. */
	CHECK((on = touch_new_page("on")) != NULL);
	CHECK(write_at_0(fd, "0\n") == 2);
	CHECK(read_at_0(fd, now, sizeof(now)) == 2 && strcmp(now, "0\n") == 0);
	CHECK((off = touch_new_page("off")) != NULL);
	munmap(on, PAGE);
	munmap(off, PAGE);
	CHECK(FAILS_WITH(write_at_0(fd, "2"), EINVAL));
	CHECK(FAILS_WITH(write_at_0(fd, "1x"), EINVAL));
	CHECK(FAILS_WITH(write_at_0(fd, "10\n"), EINVAL));
	CHECK(read_at_0(fd, now, sizeof(now)) == 2 && strcmp(now, "0\n") == 0);
	CHECK(write_at_0(fd, was) == 2);
	/* Opened for reading, it cannot be written. */
	ro = open("/proc/sys/vm/trace_faults", O_RDONLY);
	CHECK(ro >= 0 && FAILS_WITH(write(ro, "1", 1), EBADF));
	/* The rest of /proc stays read-only. */
	CHECK(FAILS_WITH(open("/proc/meminfo", O_WRONLY), EACCES));
	CHECK(FAILS_WITH(open("/proc/self/smaps", O_RDWR), EACCES));
	CHECK(FAILS_WITH(open("/proc/self", O_WRONLY), EISDIR));
	close(ro);
	close(fd);
	return 1;
}

/* --- the run --------------------------------------------------------------- */

static const struct ktap_case tests[] = {
	{ "getdents_lists_proc_self", test_getdents_lists_proc_self },
	{ "getdents_continues_where_it_stopped",
	  test_getdents_continues_where_it_stopped },
	{ "getdents_errors", test_getdents_errors },
	{ "root_and_bin", test_root_and_bin },
	{ "proc_lists_self_and_own_pid", test_proc_lists_self_and_own_pid },
	{ "stat_modes", test_stat_modes },
	{ "smaps_counts_touched_pages", test_smaps_counts_touched_pages },
	{ "smaps_vma_lines_are_maps_lines",
	  test_smaps_vma_lines_are_maps_lines },
	{ "smaps_shared_after_fork", test_smaps_shared_after_fork },
	{ "pagemap_present_after_touch", test_pagemap_present_after_touch },
	{ "pagemap_cow_after_fork", test_pagemap_cow_after_fork },
	{ "pagemap_rejects_misaligned_reads",
	  test_pagemap_rejects_misaligned_reads },
	{ "trace_faults_switch", test_trace_faults_switch },
};

/* ktap_run() with one more verdict: a case may be skipped (# SKIP). */
int main(void)
{
	int n = sizeof(tests) / sizeof(tests[0]), failed = 0, skipped = 0;

	printf("KTAP version 1\n1..%d\n", n);
	for (int i = 0; i < n; i++) {
		int r = tests[i].run();

		if (r == SKIP) {
			printf("ok %d %s # SKIP %s\n", i + 1, tests[i].name,
			       skip_reason);
			skipped++;
		} else {
			printf("%s %d %s\n", r ? "ok" : "not ok", i + 1,
			       tests[i].name);
			failed += !r;
		}
	}
	printf("# proc_test: %d passed, %d failed, %d skipped\n",
	       n - failed - skipped, failed, skipped);
	return failed ? 1 : 0;
}
