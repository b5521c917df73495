/* user/init.c - the first process: runs the shell and adopts orphans. */
#include "ulib.h"

/*
 * The kernel starts /bin/init as pid 1. It starts the shell as its child
 * and then waits for children, all of them: a process whose parent exits
 * is given to init (re-parented), and init is the one that collects its
 * exit status so that the kernel can free what is left of it (a zombie).
 *
 * Arguments (the words after "--" on the kernel command line, as Linux
 * passes them) are a program to run first: `-- /bin/forkdemo` runs
 * forkdemo as init's child, waits for it, then starts the shell. This is
 * how `make debug PROG=` gets a program that is not pid 1.
 *
 * When the shell exits, init exits with the shell's status, and the kernel
 * ends the machine with it (DESIGN.md): `exit 3` at the prompt leaves QEMU
 * with status 3. init prints nothing unless something goes wrong.
 */
static char *const sh_argv[] = { "sh", NULL };
static char *const envp_init[] = { "HOME=/", "PATH=/bin", "TERM=linux", NULL };

/* Start path as a child; its pid, or -1 (said on stderr). */
static pid_t spawn(const char *path, char *const argv[])
{
	pid_t pid = fork();

	if (pid < 0) {
		dprintf(2, "init: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		execve(path, argv, envp_init);
		dprintf(2, "init: cannot run %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	return pid;
}

/* Wait for child, reaping any orphan that ends first; its wait status, or
 * -1 if wait fails (said on stderr). */
static int wait_for(pid_t child)
{
	int status;
	pid_t pid;

	for (;;) {
		pid = wait(&status);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			dprintf(2, "init: wait: %s\n", strerror(errno));
			return -1;
		}
		if (pid == child)
			return status;
	}
}

/* Run the program named by init's arguments to its end; a failure is
 * reported, and the shell starts all the same. */
static void run_args(char *const argv[])
{
	pid_t pid = spawn(argv[0], argv);
	int status;

	if (pid < 0)
		return;
	status = wait_for(pid);
	if (status < 0)
		return;
	if (WIFSIGNALED(status))
		dprintf(2, "init: %s killed by signal %d\n", argv[0],
			WTERMSIG(status));
	else if (WEXITSTATUS(status) != 0)
		dprintf(2, "init: %s exited with status %d\n", argv[0],
			WEXITSTATUS(status));
}

int main(int argc, char **argv, char **envp)
{
	int status;
	pid_t sh;

	if (argc > 1)
		run_args(argv + 1);
	sh = spawn("/bin/sh", sh_argv);
	if (sh < 0)
		return 1;
	status = wait_for(sh);
	if (status < 0)
		return 1;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status); /* as a shell reports it */
	return WEXITSTATUS(status);
}
