/* user/forkdemo.c - copy-on-write, step by step: what fork shares and copies. */
#include "ulib.h"

/*
 * fork does not copy the parent's memory. It copies the page tables, marks
 * every writable private page read-only in both processes, and counts one
 * more user of each page. Reading a shared page costs nothing. The first
 * write to one, by either process, is a page fault: the kernel sees a write
 * to a copy-on-write page, copies that one page for the writer (or, if no
 * one else uses it any more, simply makes it writable again: a "reuse"),
 * and the write goes on.
 *
 * This program cannot see those faults itself: it only sees that its data
 * stays right. Boot with mmstat=1 on the kernel command line to see the
 * kernel's count at each process's exit (zero-fill, COW faults, copies,
 * reuses, pages shared at fork).
 */

#define PAGE_SIZE 4096
#define PAGES 256 /* 1 MiB */
#define CHILD_WRITES 4

static unsigned char *buf;

/* Count the pages of buf whose every byte is c. */
static int pages_holding(unsigned char c)
{
	int p, i, n = 0;

	for (p = 0; p < PAGES; p++) {
		for (i = 0; i < PAGE_SIZE && buf[p * PAGE_SIZE + i] == c; i++)
			;
		n += i == PAGE_SIZE;
	}
	return n;
}

static int child(void)
{
	int p, ok;

	printf("child:  reading all %d pages.\n"
	       "        They are the parent's pages, shared read-only: "
	       "nothing is copied.\n",
	       PAGES);
	ok = pages_holding('P');
	printf("child:  %d of %d pages hold the parent's 'P'.\n", ok, PAGES);

	printf("child:  writing 'C' into %d pages.\n"
	       "        Each first write faults, and the kernel copies that "
	       "page for the child.\n",
	       CHILD_WRITES);
	for (p = 0; p < CHILD_WRITES; p++)
		memset(buf + p * 64 * PAGE_SIZE, 'C', PAGE_SIZE);
	printf("child:  %d pages now hold 'C', %d still hold 'P'. Exiting.\n",
	       pages_holding('C'), pages_holding('P'));
	return ok == PAGES && pages_holding('C') == CHILD_WRITES ? 0 : 1;
}

int main(int argc, char **argv, char **envp)
{
	int status, ok;
	pid_t pid;

	buf = malloc(PAGES * PAGE_SIZE);
	if (!buf) {
		dprintf(2, "forkdemo: malloc: %s\n", strerror(errno));
		return 1;
	}
	printf("parent: filling %d pages (%d KiB) with 'P'.\n"
	       "        Each first touch faults in a zeroed page.\n",
	       PAGES, PAGES * PAGE_SIZE / 1024);
	memset(buf, 'P', PAGES * PAGE_SIZE);

	printf("parent: forking.\n"
	       "        The child gets a copy of the page tables, not of the "
	       "pages.\n");
	pid = fork();
	if (pid < 0) {
		dprintf(2, "forkdemo: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0)
		_exit(child());

	printf("parent: waiting for child %d.\n", pid);
	if (waitpid(pid, &status, 0) != pid) {
		dprintf(2, "forkdemo: waitpid: %s\n", strerror(errno));
		return 1;
	}
	printf("parent: the child exited with status %d.\n",
	       WIFEXITED(status) ? WEXITSTATUS(status) :
				   128 + WTERMSIG(status));

	ok = pages_holding('P');
	printf("parent: %d of %d pages still hold 'P':\n"
	       "        the child's writes went to its own copies.\n",
	       ok, PAGES);

	printf("parent: writing 'p' into every page.\n"
	       "        They are still read-only since the fork, so each "
	       "first write faults;\n"
	       "        no one else uses them now, so the kernel reuses "
	       "them instead of copying.\n");
	memset(buf, 'p', PAGES * PAGE_SIZE);
	printf("parent: %d pages hold 'p'. Done.\n", pages_holding('p'));

	return ok == PAGES && status == 0 ? 0 : 1;
}
