/*
 * exec_bench - fork + execve of a small program (/bin/true) + wait, in
 * guest instructions (QEMU -icount): what the shell pays to run a command.
 */
#include "bench.h"

#define ROUNDS 20

int main(void)
{
	static char *const argv[] = { "true", NULL };
	static char *const envp[] = { NULL };
	unsigned long long t0 = rdtsc();

	for (int i = 0; i < ROUNDS; i++) {
		int status, pid = fork();

		if (pid == 0) {
			execve("/bin/true", argv, envp);
			_exit(127);
		}
		waitpid(pid, &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			printf("exec_bench: /bin/true failed (status %#x)\n",
			       status);
			return 1;
		}
	}
	printf("bench: exec fork_exec_wait=%llu\n", (rdtsc() - t0) / ROUNDS);
	return 0;
}
