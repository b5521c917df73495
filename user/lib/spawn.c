/* user/lib/spawn.c - find a program as a shell does, run it and wait. */
#include "ulib.h"

/* Where find_program looks when there is no $PATH (glibc's default). */
#define DEFAULT_PATH "/bin:/usr/bin"

int find_program(const char *name, char *path)
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
 * The child may then only call execve or _exit.
 */
int spawn_wait(const char *path, char *const argv[])
{
	int status = 0;
	pid_t pid = vfork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execve(path, argv, environ);
		_exit(SPAWN_FAILED);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}
