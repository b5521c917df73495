/* user/init.c - the first process: runs the shell and adopts orphans. */
#include "ulib.h"

/*
 * The kernel starts /bin/init as pid 1. It starts the shell as its child
 * and then waits for children, all of them: a process whose parent exits
 * is given to init (re-parented), and init is the one that collects its
 * exit status so that the kernel can free what is left of it (a zombie).
 *
 * When the shell exits, init exits with the shell's status, and the kernel
 * ends the machine with it (DESIGN.md): `exit 3` at the prompt leaves QEMU
 * with status 3. init prints nothing unless something goes wrong.
 */
static char *const sh_argv[] = { "sh", NULL };
static char *const sh_envp[] = { "HOME=/", "PATH=/bin", "TERM=linux", NULL };

int main(int argc, char **argv, char **envp)
{
	int status;
	pid_t sh, pid;

	sh = fork();
	if (sh < 0) {
		dprintf(2, "init: fork: %s\n", strerror(errno));
		return 1;
	}
	if (sh == 0) {
		execve("/bin/sh", sh_argv, sh_envp);
		dprintf(2, "init: cannot run /bin/sh: %s\n", strerror(errno));
		_exit(127);
	}

	for (;;) {
		pid = wait(&status);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			dprintf(2, "init: wait: %s\n", strerror(errno));
			return 1;
		}
		if (pid != sh)
			continue; /* an orphan, now reaped */
		if (WIFSIGNALED(status))
			return 128 +
			       WTERMSIG(status); /* as a shell reports it */
		return WEXITSTATUS(status);
	}
}
