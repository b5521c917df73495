/* user/cat.c - copy each file named, or the standard input, to the output. */
#include "ulib.h"

/* Copy fd to fd 1 until end of file: 0, or -1 with errno. */
static int copy(int fd)
{
	char buf[4096];
	ssize_t n, done, w;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		for (done = 0; done < n; done += w) {
			w = write(1, buf + done, n - done);
			if (w < 0)
				return -1;
		}
	}
	return 0;
}

/*
 * On the console, the standard input ends with Ctrl-D at the start of a
 * line. A file that cannot be opened or read is reported, and the others
 * are still copied; the exit status is then 1.
 */
int main(int argc, char **argv, char **envp)
{
	int i, fd, status = 0;

	if (argc == 1)
		return copy(0) < 0 ? 1 : 0;
	for (i = 1; i < argc; i++) {
		fd = open(argv[i], O_RDONLY);
		if (fd < 0 || copy(fd) < 0) {
			dprintf(2, "cat: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
		if (fd >= 0)
			close(fd);
	}
	return status;
}
