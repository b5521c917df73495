/* user/false.c - do nothing, unsuccessfully: exit status 1. */
#include "ulib.h"

int main(int argc, char **argv, char **envp)
{
	return 1;
}
