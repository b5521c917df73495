/*
 * glibc_hello - a standard C program, linked statically against Debian's
 * i386 glibc (not this project's libc): printf, malloc and fork must work
 * unchanged. glibc's start-up needs set_thread_area (TLS in %gs), brk,
 * mprotect, and the FPU/SSE state saved per task (it picks SSE2 string
 * functions).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static __thread int tls_counter = 41; /* read through %gs */

int main(void)
{
	char *small = malloc(32), *big = malloc(1 << 20);
	int status, ok_fork;
	pid_t pid;

	printf("KTAP version 1\n1..4\n");
	tls_counter++;
	printf("%s 1 printf_and_tls %d\n", tls_counter == 42 ? "ok" : "not ok",
	       tls_counter);
	if (!small || !big) {
		printf("not ok 2 malloc_small_and_big\n");
		free(small);
		free(big);
		return 1;
	}
	strcpy(small, "malloc");
	memset(big, 'x', 1 << 20);
	printf("%s 2 malloc_small_and_big\n",
	       strcmp(small, "malloc") == 0 && big[(1 << 20) - 1] == 'x' ?
		       "ok" :
		       "not ok");
	free(big);
	free(small);
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		exit(tls_counter == 42 ? 7 : 1); /* TLS survives fork */
	ok_fork = waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		  WEXITSTATUS(status) == 7;
	printf("%s 3 fork_and_waitpid\n", ok_fork ? "ok" : "not ok");
	printf("%s 4 string_functions %zu\n",
	       strlen("twelve chars") == 12 && strrchr("a/b/c", '/')[1] == 'c' ?
		       "ok" :
		       "not ok",
	       strlen("twelve chars"));
	return 0;
}
