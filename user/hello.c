/* user/hello.c - the first user program: a greeting and its pid. */
#include "ulib.h"

int main(int argc, char **argv, char **envp)
{
	printf("hello, world (pid %d)\n", getpid());
	return 0;
}
