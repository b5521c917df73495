/* user/vmstat.c - the memory manager's event counters, or what a command
 * cost in them. */
#include "ulib.h"

/*
 * /proc/vmstat holds counters the kernel keeps since boot: faults taken,
 * frames allocated and freed. Alone, vmstat prints those that matter for
 * this course; `vmstat CMD ARGS...` reads them, runs the command, reads
 * them again and prints the difference: the faults and frames the command
 * cost (its exec and exit included; vmstat's own start of the child costs
 * nothing, see spawn_wait). Other processes run meanwhile too, but in a
 * quiet system they do nothing.
 *
 * zero_fill, cow_copy and cow_reuse are this kernel's own counters, not
 * Linux's: on Linux they show as "-".
 */

#define VMSTAT_SIZE 8192

struct counter {
	const char *name;
	const char *meaning;
};

static const struct counter counters[] = {
	{ "pgfault", "page faults, all kinds" },
	{ "pgmajfault", "faults that waited for a read from a device" },
	{ "zero_fill", "anonymous pages given a zeroed frame" },
	{ "cow_copy", "writes to a shared page: copied" },
	{ "cow_reuse", "writes to a COW page no one shares: kept" },
	{ "pgalloc_dma", "frames allocated from ZONE_DMA" },
	{ "pgalloc_normal", "frames allocated from ZONE_NORMAL" },
	{ "pgalloc_high", "frames allocated from ZONE_HIGHMEM" },
	{ "pgfree", "frames freed" },
	{ "nr_free_pages", "free frames now" },
};

#define NR_COUNTERS (int)(sizeof(counters) / sizeof(counters[0]))

/* The counters into values[], have[] saying which the kernel has. */
static int read_counters(unsigned long *values, int *have)
{
	static char text[VMSTAT_SIZE];

	/*
	 * The counters are taken when the file is opened: a fault on the
	 * buffer while read() fills it would be counted in the next reading,
	 * as if the command had caused it. So the buffer is written first.
	 */
	memset(text, 0, sizeof(text));
	if (read_file("/proc/vmstat", text, sizeof(text)) < 0) {
		dprintf(2, "vmstat: /proc/vmstat: %s\n", strerror(errno));
		return -1;
	}
	for (int i = 0; i < NR_COUNTERS; i++)
		have[i] = proc_field(text, counters[i].name, &values[i]) == 0;
	return 0;
}

static int show_counters(void)
{
	unsigned long values[NR_COUNTERS];
	int have[NR_COUNTERS];

	if (read_counters(values, have) < 0)
		return 1;
	printf("%-15s %10s  %s\n", "counter", "value", "meaning");
	for (int i = 0; i < NR_COUNTERS; i++) {
		if (have[i])
			printf("%-15s %10lu  %s\n", counters[i].name, values[i],
			       counters[i].meaning);
		else
			printf("%-15s %10s  %s\n", counters[i].name, "-",
			       counters[i].meaning);
	}
	return 0;
}

/* Run the command; its exit status becomes vmstat's, as with time(1). */
static int show_cost(char **argv)
{
	static char path[PATH_MAX];
	unsigned long before[NR_COUNTERS], after[NR_COUNTERS];
	int have[NR_COUNTERS], status;

	/* Found first: the search's own faults are not the command's. */
	if (find_program(argv[0], path) < 0) {
		dprintf(2, "vmstat: %s: %s\n", argv[0], strerror(errno));
		return SPAWN_FAILED;
	}
	if (read_counters(before, have) < 0)
		return 1;
	status = spawn_wait(path, argv);
	if (status < 0) {
		dprintf(2, "vmstat: %s: %s\n", argv[0], strerror(errno));
		return 1;
	}
	if (read_counters(after, have) < 0)
		return 1;

	if (WIFSIGNALED(status))
		printf("vmstat: %s was killed by signal %d; it cost:\n",
		       argv[0], WTERMSIG(status));
	else
		printf("vmstat: %s exited with status %d; it cost:\n", argv[0],
		       WEXITSTATUS(status));
	printf("%-15s %10s  %s\n", "counter", "delta", "meaning");
	for (int i = 0; i < NR_COUNTERS; i++) {
		if (!have[i])
			printf("%-15s %10s  %s\n", counters[i].name, "-",
			       counters[i].meaning);
		else
			/* signed: nr_free_pages may go down as well as up */
			printf("%-15s %10ld  %s\n", counters[i].name,
			       (long)(after[i] - before[i]),
			       counters[i].meaning);
	}
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) :
				     WEXITSTATUS(status);
}

int main(int argc, char **argv, char **envp)
{
	if (argc == 1)
		return show_counters();
	if (argv[1][0] == '-') {
		dprintf(2, "usage: vmstat [CMD [ARGS...]]\n");
		return 2;
	}
	return show_cost(argv + 1);
}
