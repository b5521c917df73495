/* user/lib/process.c - fork, exec, wait, kill and the environment. */
#include "syscall.h"
#include "ulib.h"

/*
 * fork is Linux's own fork (2), not glibc's clone (120): one call, no flags
 * to explain. The child starts with a copy of everything, errno included.
 */
pid_t fork(void)
{
	return (pid_t)syscall_ret(syscall0(__NR_fork));
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return (int)syscall_ret(
		syscall3(__NR_execve, (long)path, (long)argv, (long)envp));
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

pid_t getppid(void)
{
	return (pid_t)syscall0(__NR_getppid);
}

int kill(pid_t pid, int sig)
{
	return (int)syscall_ret(syscall2(__NR_kill, pid, sig));
}

int sched_yield(void)
{
	return (int)syscall_ret(syscall0(__NR_sched_yield));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return (pid_t)syscall_ret(
		syscall3(__NR_waitpid, pid, (long)status, options));
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru)
{
	return (pid_t)syscall_ret(
		syscall4(__NR_wait4, pid, (long)status, options, (long)ru));
}

pid_t wait(int *status)
{
	return waitpid(-1, status, 0);
}

/* The environment is a NULL-terminated array of "NAME=value" strings. */
char *getenv(const char *name)
{
	size_t len = strlen(name);
	char **e;

	if (!environ || !len || strchr(name, '='))
		return NULL;
	for (e = environ; *e; e++)
		if (!strncmp(*e, name, len) && (*e)[len] == '=')
			return *e + len + 1;
	return NULL;
}
