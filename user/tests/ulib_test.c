/*
 * ulib_test - the C library pieces the memory tools stand on: numbers from
 * text, sorting, a /proc file's named fields, directories through readdir,
 * and finding and running a program. The same verdicts on Linux i386.
 */
#include "ulib.h"

#define CHECK(cond)                                                         \
	do {                                                                \
		if (!(cond)) {                                              \
			printf("# %s:%d: %s\n", __func__, __LINE__, #cond); \
			return 0;                                           \
		}                                                           \
	} while (0)

static int test_strtoul(void)
{
	char *end;

	CHECK(strtoul("  42 kB", &end, 10) == 42 && !strcmp(end, " kB"));
	CHECK(strtoul("0x1f", &end, 0) == 31 && !*end);
	CHECK(strtoul("1f-2a", &end, 16) == 31 && *end == '-');
	CHECK(strtoul("017", NULL, 0) == 15);
	CHECK(strtoul("bffdf000", NULL, 16) == 0xbffdf000UL);
	/* No digits: *end is the string itself. */
	CHECK(strtoul("kB", &end, 10) == 0 && !strcmp(end, "kB"));
	/* Too big for 32 bits: the largest value. */
	CHECK(strtoul("4294967296", NULL, 10) == ~0UL);
	CHECK(strtol("-12", NULL, 10) == -12 && atoi("123x") == 123);
	return 1;
}

static int by_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int test_qsort(void)
{
	int v[] = { 5, -1, 3, 3, 100, 0, 2 };
	int n = sizeof(v) / sizeof(v[0]);

	qsort(v, (size_t)n, sizeof(v[0]), by_int);
	for (int i = 1; i < n; i++)
		CHECK(v[i - 1] <= v[i]);
	CHECK(v[0] == -1 && v[n - 1] == 100);
	qsort(v, 0, sizeof(v[0]), by_int); /* nothing to do */
	return 1;
}

static int test_proc_field(void)
{
	static const char status[] =
		"Name:\tps\nPPid:\t7\nPid:\t12\n"
		"VmRSS:\t     120 kB\nState:\tR (running)\n";
	static const char vmstat[] = "pgalloc_dma32 5\npgalloc_dma 9\n";
	unsigned long v;
	char s[16];

	CHECK(proc_field(status, "Pid", &v) == 0 && v == 12);
	CHECK(proc_field(status, "PPid", &v) == 0 && v == 7);
	CHECK(proc_field(status, "VmRSS", &v) == 0 && v == 120);
	CHECK(proc_field(status, "VmSize", &v) == -1);
	/* A name is a whole word: pgalloc_dma is not pgalloc_dma32. */
	CHECK(proc_field(vmstat, "pgalloc_dma", &v) == 0 && v == 9);
	/* Not a number: no value. */
	CHECK(proc_field(status, "Name", &v) == -1);
	CHECK(proc_string(status, "Name", s, sizeof(s)) == 0 &&
	      !strcmp(s, "ps"));
	CHECK(proc_string(status, "State", s, 4) == 0 && !strcmp(s, "R ("));
	CHECK(proc_string(status, "Nope", s, sizeof(s)) == -1 && !s[0]);
	return 1;
}

/* readdir on /bin: ".", "..", this program and /bin/true, each once, with
 * the type and inode that stat gives. */
static int test_readdir(void)
{
	int dots = 0, self = 0, others = 0;
	struct stat64 st;
	struct dirent *d;
	DIR *dir = opendir("/bin");

	CHECK(dir != NULL);
	while ((d = readdir(dir)) != NULL) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, "..")) {
			CHECK(d->d_type == DT_DIR);
			dots++;
		} else if (!strcmp(d->d_name, "ulib_test")) {
			CHECK(d->d_type == DT_REG);
			CHECK(stat64("/bin/ulib_test", &st) == 0);
			CHECK(st.st_ino == d->d_ino && S_ISREG(st.st_mode));
			self++;
		} else {
			others++;
		}
	}
	CHECK(closedir(dir) == 0);
	CHECK(dots == 2 && self == 1 && others >= 1);

	errno = 0;
	CHECK(opendir("/bin/ulib_test") == NULL && errno == ENOTDIR);
	CHECK(opendir("/no/such/dir") == NULL && errno == ENOENT);
	return 1;
}

/* find_program searches $PATH; spawn_wait gives the wait status. */
static int test_spawn(void)
{
	static char path[PATH_MAX];
	char *true_argv[] = { "true", NULL };
	char *status_argv[] = { "status", NULL };

	CHECK(find_program("true", path) == 0 && !strcmp(path, "/bin/true"));
	CHECK(find_program("/bin/true", path) == 0);
	errno = 0;
	CHECK(find_program("no_such_program", path) == -1 && errno == ENOENT);
	CHECK(spawn_wait("/bin/true", true_argv) == 0);
	/* A file that is not a program: execve fails in the child. */
	CHECK(spawn_wait("/proc/self/status", status_argv) == SPAWN_FAILED
								      << 8);
	return 1;
}

static const struct ktap_case cases[] = {
	{ "strtoul", test_strtoul },	   { "qsort", test_qsort },
	{ "proc_field", test_proc_field }, { "readdir", test_readdir },
	{ "spawn", test_spawn },
};

int main(int argc, char **argv, char **envp)
{
	return ktap_run("ulib_test", cases, sizeof(cases) / sizeof(cases[0]));
}
