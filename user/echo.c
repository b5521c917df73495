/* user/echo.c - print the arguments, separated by spaces, and a newline. */
#include "ulib.h"

/*
 * The line is built first and written with one write, so that it cannot be
 * cut by another process's output. No options (-n, -e): every argument is
 * printed as it is.
 */
int main(int argc, char **argv, char **envp)
{
	size_t len = 1, pos = 0, n;
	char *line;
	int i;

	for (i = 1; i < argc; i++)
		len += strlen(argv[i]) + 1;
	line = malloc(len);
	if (!line) {
		dprintf(2, "echo: %s\n", strerror(errno));
		return 1;
	}
	for (i = 1; i < argc; i++) {
		if (i > 1)
			line[pos++] = ' ';
		n = strlen(argv[i]);
		memcpy(line + pos, argv[i], n);
		pos += n;
	}
	line[pos++] = '\n';
	n = (size_t)write(1, line, pos);
	free(line);
	return n == pos ? 0 : 1;
}
