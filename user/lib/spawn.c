/* user/lib/spawn.c - run a program in a child and wait for it. */
#include "ulib.h"

/* Where spawn_wait looks when there is no $PATH (glibc's default). */
#define DEFAULT_PATH "/bin:/usr/bin"
/* Longest path looked at: Linux's PATH_MAX. */
#define PATH_MAX 4096

/*
 * Find name as a shell does: a name with a '/' is a path; any other is
 * looked for in each directory of $PATH, the first regular file found is
 * it. 0 and the path in path[PATH_MAX], or -1 and ENOENT.
 */
static int find_program(const char *name, char *path)
{
	const char *dirs = getenv("PATH"), *p, *colon;
	struct stat64 st;
	size_t len;

	if (strchr(name, '/')) {
		if (strlen(name) >= PATH_MAX) {
			errno = ENAMETOOLONG;
			return -1;
		}
		strcpy(path, name);
		return stat64(path, &st);
	}
	if (!dirs)
		dirs = DEFAULT_PATH;
	for (p = dirs; *p; p = *colon ? colon + 1 : colon) {
		colon = strchr(p, ':');
		if (!colon)
			colon = p + strlen(p);
		len = (size_t)(colon - p);
		if (len == 0 || len + 1 + strlen(name) + 1 > PATH_MAX)
			continue;
		memcpy(path, p, len);
		path[len] = '/';
		strcpy(path + len + 1, name);
		if (stat64(path, &st) == 0 && S_ISREG(st.st_mode))
			return 0;
	}
	errno = ENOENT;
	return -1;
}

/*
 * With vfork the child borrows the parent's memory until execve, so the
 * parent's pages are neither copied nor write-protected: a program that
 * measures another (vmstat, tracefaults) does not measure its own fork.
 * The child may then only call execve or _exit, so the program is found
 * first, by the parent.
 */
int spawn_wait(char *const argv[])
{
	static char path[PATH_MAX];
	int status = 0;
	pid_t pid;

	if (find_program(argv[0], path) < 0) {
		dprintf(2, "%s: %s\n", argv[0], strerror(errno));
		return SPAWN_NOT_FOUND << 8; /* a wait status: exit code 127 */
	}
	pid = vfork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execve(path, argv, environ);
		_exit(SPAWN_NOT_FOUND);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}
