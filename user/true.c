/* user/true.c - do nothing, successfully: exit status 0. */
#include "ulib.h"

int main(int argc, char **argv, char **envp)
{
	return 0;
}
