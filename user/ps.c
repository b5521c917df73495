/* user/ps.c - one line per process, from /proc/PID/status. */
#include "ulib.h"

/*
 * /proc has a directory for each process, named by its pid: the kernel
 * makes the listing on the fly from its task list. Each one's status file
 * gives the name, the state, the parent and the memory figures:
 *
 *   RSS  (VmRSS)  the frames the process has mapped now, in kB
 *   VSZ  (VmSize) the size of all its VMAs, in kB: what it may touch
 *
 * VSZ is usually far larger than RSS: a VMA is only a promise, and a frame
 * arrives at the first touch of each page (demand paging).
 */

#define MAX_PIDS 1024
#define STATUS_SIZE 4096

static int by_number(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* One line for pid; nothing if it exited since /proc was listed. */
static void show(int pid)
{
	static char status[STATUS_SIZE];
	char path[32], name[32], state[32];
	unsigned long ppid = 0, rss = 0, vsz = 0;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (read_file(path, status, sizeof(status)) < 0)
		return;
	proc_string(status, "Name", name, sizeof(name));
	proc_string(status, "State", state, sizeof(state));
	proc_field(status, "PPid", &ppid);
	/*
	 * A zombie, or a kernel thread on Linux, has no memory: no Vm lines.
	 * Named as Linux's ps names them.
	 */
	if (proc_field(status, "VmSize", &vsz) < 0) {
		printf("%5d %5lu %-5c %6s %6s %s%s%s\n", pid, ppid, state[0],
		       "-", "-", state[0] == 'Z' ? "" : "[", name,
		       state[0] == 'Z' ? " <defunct>" : "]");
		return;
	}
	proc_field(status, "VmRSS", &rss);
	printf("%5d %5lu %-5c %6lu %6lu %s\n", pid, ppid, state[0], rss, vsz,
	       name);
}

int main(int argc, char **argv, char **envp)
{
	int pids[MAX_PIDS], n = 0;
	struct dirent *d;
	char *end;
	DIR *proc;

	if (argc > 1) {
		dprintf(2, "usage: ps\n");
		return 2;
	}
	proc = opendir("/proc");
	if (!proc) {
		dprintf(2, "ps: /proc: %s\n", strerror(errno));
		return 1;
	}
	/* The entries that are numbers are the processes. */
	while ((d = readdir(proc)) != NULL && n < MAX_PIDS) {
		long pid = strtol(d->d_name, &end, 10);

		if (end != d->d_name && !*end && pid > 0)
			pids[n++] = (int)pid;
	}
	closedir(proc);
	qsort(pids, (size_t)n, sizeof(pids[0]), by_number);

	printf("%5s %5s %-5s %6s %6s %s\n", "PID", "PPID", "STATE", "RSS",
	       "VSZ", "COMMAND");
	for (int i = 0; i < n; i++)
		show(pids[i]);
	return 0;
}
