/*
 * fork_big - copy-on-write at scale: a process with 64 MiB touched forks
 * twice. The first child only reads the 64 MiB, the second writes one page
 * of it, then the parent rewrites that page once the child is gone. The
 * program checks the data; the kernel's mmstat=1 lines show the rest (the
 * test runner reads them): the forks cost page tables, not 16,384 frames;
 * the reader copies nothing of the 64 MiB; the writer copies one page; the
 * parent's rewrite reuses its frame. On Linux only the data checks apply.
 */
#include "ulib.h"

#define BIG (64 << 20)
#define PAGE 4096

static char big[BIG];

/* Wait for pid and return 1 if it exited with status 0. */
static int reaped_ok(int pid)
{
	int status;

	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0;
}

int main(void)
{
	int pid, ok1, ok2;

	printf("KTAP version 1\n1..3\n");
	for (int i = 0; i < BIG; i += PAGE)
		big[i] = (char)(i / PAGE);
	pid = fork();
	if (pid == 0) { /* the reader: every page holds its number */
		int bad = 0;

		for (int i = 0; i < BIG; i += PAGE)
			bad += big[i] != (char)(i / PAGE);
		_exit(bad != 0);
	}
	ok1 = pid > 0 && reaped_ok(pid);
	printf("%s 1 reader_child_sees_the_parents_64_mib\n",
	       ok1 ? "ok" : "not ok");
	pid = fork();
	if (pid == 0) { /* the writer: one page, its own copy */
		big[PAGE] = 'C';
		_exit(big[PAGE] != 'C');
	}
	ok2 = pid > 0 && reaped_ok(pid) && big[PAGE] == (char)1;
	printf("%s 2 writer_childs_page_is_its_own\n", ok2 ? "ok" : "not ok");
	big[PAGE] = 'P'; /* the last sharer: the frame is reused, not copied */
	printf("%s 3 parent_rewrites_after_the_child\n",
	       big[PAGE] == 'P' ? "ok" : "not ok");
	return !(ok1 && ok2 && big[PAGE] == 'P');
}
