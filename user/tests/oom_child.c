/*
 * oom_child - out of memory is not the end: a child touches memory until
 * no frame is left; the kernel's OOM killer picks it (the process with the
 * most resident pages), kills it with SIGKILL and says so; the parent goes
 * on. Kernel-specific: on Linux this takes all of a machine's RAM and the
 * peer's /init may be chosen instead.
 */
#include "ulib.h"

#define CHUNK (1 << 20)
#define PAGE 4096
#define MAX_CHUNKS 4096 /* 4 GiB: more than any machine here */

int main(void)
{
	int status, pid;
	void *back;

	printf("KTAP version 1\n1..2\n");
	pid = fork();
	if (pid == 0) {
		for (int i = 0; i < MAX_CHUNKS; i++) {
			volatile char *p = sbrk(CHUNK);

			if (p == (void *)-1)
				_exit(2); /* refused up front: not an OOM */
			for (int off = 0; off < CHUNK; off += PAGE)
				p[off] = 1;
		}
		_exit(3); /* never reached: there is no 4 GiB */
	}
	if (waitpid(pid, &status, 0) != pid) {
		printf("not ok 1 child_killed_by_the_oom_killer\n");
		return 1;
	}
	printf("%s 1 child_killed_by_the_oom_killer # status 0x%x\n",
	       WIFSIGNALED(status) && WTERMSIG(status) == 9 ? "ok" : "not ok",
	       status);
	/* With the child's memory back, memory is there again. */
	back = malloc(4 * CHUNK);
	printf("%s 2 memory_is_back\n", back ? "ok" : "not ok");
	free(back);
	return !(WIFSIGNALED(status) && WTERMSIG(status) == 9);
}
