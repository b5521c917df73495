/*
 * fork_stress - thousands of forks, execs and exits in a row. Each round
 * forks a child that execs /bin/true (or just exits); the parent checks
 * every status. The kernel's mmstat=1 machine line then shows whether a
 * single frame was lost on the way (the test runner checks leaked=0).
 */
#include "ulib.h"

#define ROUNDS 1000

static int run_round(int use_exec)
{
	char *argv[] = { "true", NULL };
	int status, pid = fork();

	if (pid < 0)
		return 0;
	if (pid == 0) {
		if (use_exec)
			execve("/bin/true", argv, environ);
		_exit(use_exec ? 127 : 0);
	}
	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0;
}

int main(void)
{
	int ok_fork = 0, ok_exec = 0;

	printf("KTAP version 1\n1..2\n");
	for (int i = 0; i < ROUNDS; i++)
		ok_fork += run_round(0);
	printf("%s 1 fork_exit_wait_%d_times\n",
	       ok_fork == ROUNDS ? "ok" : "not ok", ROUNDS);
	for (int i = 0; i < ROUNDS; i++)
		ok_exec += run_round(1);
	printf("%s 2 fork_exec_exit_wait_%d_times\n",
	       ok_exec == ROUNDS ? "ok" : "not ok", ROUNDS);
	return !(ok_fork == ROUNDS && ok_exec == ROUNDS);
}
