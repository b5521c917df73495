/* user/ls.c - list a directory's entries, sorted, or name a file. */
#include "ulib.h"

/*
 * A directory is read with getdents64 (through readdir): the kernel hands
 * out records of (inode, type, name), in no particular order, so ls sorts
 * the names itself. Names starting with '.' are hidden, as ls does without
 * -a. With -l each entry is looked up with fstatat64 for its type and
 * permissions, size and inode number: the directory entry alone has only
 * the name, the inode and the type.
 */

#define MAX_ENTRIES 1024

static int long_format;

static void usage(void)
{
	dprintf(2, "usage: ls [-l] [PATH...]\n");
	exit(2);
}

/* "drwxr-xr-x": the type letter, then rwx for owner, group and others. */
static void mode_string(unsigned int mode, char *s)
{
	static const char types[] = "?pc?d?b?-?l?s???"; /* by mode >> 12 */
	static const char rwx[] = "rwx";

	s[0] = types[(mode & S_IFMT) >> 12];
	for (int i = 0; i < 9; i++) {
		s[1 + i] = '-';
		if (mode & (0400U >> i))
			s[1 + i] = rwx[i % 3];
	}
	s[10] = '\0';
}

/* One line for the file at path, shown as name. 0, or -1 if stat failed. */
static int show(const char *path, const char *name)
{
	struct stat64 st;
	char mode[11];

	if (!long_format) {
		printf("%s\n", name);
		return 0;
	}
	if (stat64(path, &st) < 0) {
		dprintf(2, "ls: %s: %s\n", path, strerror(errno));
		return -1;
	}
	mode_string(st.st_mode, mode);
	printf("%8llu %s %10lld %s\n", (unsigned long long)st.st_ino, mode,
	       (long long)st.st_size, name);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted entries of the directory at path: 0, or -1 on an error. */
static int list_dir(const char *path)
{
	char *names[MAX_ENTRIES], full[PATH_MAX];
	int n = 0, status = 0;
	struct dirent *d;
	DIR *dir = opendir(path);

	if (!dir) {
		dprintf(2, "ls: %s: %s\n", path, strerror(errno));
		return -1;
	}
	errno = 0;
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		if (n == MAX_ENTRIES) {
			dprintf(2,
				"ls: %s: more than %d entries: the rest "
				"are not shown\n",
				path, MAX_ENTRIES);
			status = -1;
			break;
		}
		names[n] = malloc(strlen(d->d_name) + 1);
		if (!names[n]) {
			dprintf(2, "ls: %s\n", strerror(ENOMEM));
			status = -1;
			break;
		}
		strcpy(names[n++], d->d_name);
	}
	if (!d && errno) {
		dprintf(2, "ls: %s: %s\n", path, strerror(errno));
		status = -1;
	}
	closedir(dir);

	qsort(names, (size_t)n, sizeof(names[0]), by_name);
	for (int i = 0; i < n; i++) {
		snprintf(full, sizeof(full), "%s%s%s", path,
			 path[strlen(path) - 1] == '/' ? "" : "/", names[i]);
		if (show(full, names[i]) < 0)
			status = -1;
		free(names[i]);
	}
	return status;
}

/* A directory is listed, anything else named. */
static int list(const char *path, int header)
{
	struct stat64 st;

	if (stat64(path, &st) < 0) {
		dprintf(2, "ls: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return show(path, path);
	if (header)
		printf("%s:\n", path);
	return list_dir(path);
}

int main(int argc, char **argv, char **envp)
{
	int i = 1, status = 0;

	if (i < argc && !strcmp(argv[i], "-l")) {
		long_format = 1;
		i++;
	}
	if (i < argc && argv[i][0] == '-')
		usage();
	if (i == argc)
		return list(".", 0) < 0 ? 1 : 0;
	for (int first = i; i < argc; i++) {
		if (i > first && argc - first > 1)
			printf("\n");
		if (list(argv[i], argc - first > 1) < 0)
			status = 1;
	}
	return status;
}
