/* user/tracefaults.c - switch the kernel's page-fault trace on or off, or
 * trace one command. */
#include "ulib.h"

/*
 * While the trace is on, the kernel prints one console line per page fault
 * of a user address, with how it was resolved:
 *
 *   fault: hello[5] addr 0804a004 ip 08048a31 error 6 (user write, not
 *   present) vma 0804a000-0804b000 rw-p -> zero-fill pfn 3ff01
 *
 * `tracefaults CMD ARGS...` turns it on, runs the command, and turns it off
 * again: the lines in between are the command's faults (from its exec to
 * its exit; the child is made with vfork, which takes no faults of its own).
 *
 * The switch is /proc/sys/vm/trace_faults, this kernel's own (Linux has
 * tracepoints instead: exceptions:page_fault_user).
 */

#define TRACE_FILE "/proc/sys/vm/trace_faults"

static void usage(void)
{
	dprintf(2, "usage: tracefaults on|off\n"
		   "       tracefaults CMD [ARGS...]\n");
	exit(2);
}

/* Write "1" or "0" to the switch: 0, or -1 (said why). */
static int set_trace(int on)
{
	int fd = open(TRACE_FILE, O_WRONLY);

	if (fd < 0 || write(fd, on ? "1\n" : "0\n", 2) != 2) {
		dprintf(2, "tracefaults: %s: %s%s\n", TRACE_FILE,
			strerror(errno),
			errno == ENOENT ? " (a vmkern file: Linux has no "
					  "page-fault trace switch)" :
					  "");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv, char **envp)
{
	static char path[PATH_MAX];
	int status;

	if (argc < 2 || argv[1][0] == '-')
		usage();
	if (!strcmp(argv[1], "on") || !strcmp(argv[1], "off")) {
		if (argc != 2)
			usage();
		return set_trace(!strcmp(argv[1], "on")) < 0 ? 1 : 0;
	}

	/* Found first: the search's own faults are not the command's. */
	if (find_program(argv[1], path) < 0) {
		dprintf(2, "tracefaults: %s: %s\n", argv[1], strerror(errno));
		return SPAWN_FAILED;
	}
	if (set_trace(1) < 0)
		return 1;
	status = spawn_wait(path, argv + 1);
	if (set_trace(0) < 0)
		return 1;
	if (status < 0) {
		dprintf(2, "tracefaults: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) :
				     WEXITSTATUS(status);
}
