/* user/memdemo.c - virtual memory at work, step by step, as the kernel
 * shows it. */
#include "ulib.h"

/*
 * The walk-through of a lecture on virtual memory. Each step does one
 * thing and prints what the kernel says about this process after it:
 *
 *   brk   the heap grows and shrinks with the program break
 *   lazy  mmap gives addresses, not memory: frames come at the first touch
 *   cow   fork shares every frame; the first write to one makes a copy
 *   segv  an access no VMA allows kills the process with SIGSEGV
 *
 * What it reads: /proc/self/status (VmRSS: the frames mapped now; VmData:
 * the size of the private writable VMAs), /proc/self/maps (the VMAs),
 * /proc/self/pagemap (the frame behind a page) and /proc/vmstat (the
 * kernel's fault counters). The program also checks that what it sees is
 * what the step explains, and exits with 1 if not.
 */

#define PAGE_SIZE 4096
#define KB(bytes) ((bytes) / 1024)
#define BRK_PAGES 8
#define LAZY_PAGES 8
#define TEXT_SIZE 16384
/* /proc/PID/pagemap: 8 bytes per page; bit 63 "present", bits 0-54 the
 * frame number (Linux's Documentation/admin-guide/mm/pagemap.rst). */
#define PM_ENTRY_BYTES 8
#define PM_PRESENT (1ULL << 63)
#define PM_PFN_MASK ((1ULL << 55) - 1)
/* The page-fault error code (Intel SDM Vol. 3A, 4.7). */
#define PF_PROT 1
#define PF_WRITE 2
#define PF_USER 4
/* An address no program maps: below mmap_min_addr (64 KiB). */
#define UNMAPPED_ADDR 0x10UL

static char text[TEXT_SIZE];
static int failures;

/* Note something that did not go as the step explains. */
static void expect(int ok, const char *what)
{
	if (!ok) {
		printf("memdemo: unexpected: %s\n", what);
		failures++;
	}
}

/* A figure of /proc/self/status, in kB. */
static unsigned long status_kb(const char *name)
{
	unsigned long v = 0;

	if (read_file("/proc/self/status", text, sizeof(text)) < 0 ||
	    proc_field(text, name, &v) < 0)
		dprintf(2, "memdemo: /proc/self/status: no %s\n", name);
	return v;
}

/* A counter of /proc/vmstat: 0, or -1 if this kernel has none by that
 * name (Linux has no zero_fill, cow_copy or cow_reuse). */
static int vmstat(const char *name, unsigned long *value)
{
	/*
	 * The counters are taken when the file is opened: a fault on the
	 * buffer while read() fills it (after a fork, a COW fault) would land
	 * in the next reading, as if the step had caused it. So the page the
	 * text goes to is written first (this kernel's /proc/vmstat is under
	 * a page; Linux's is longer, but has none of the counters read here).
	 */
	memset(text, 0, PAGE_SIZE);
	if (read_file("/proc/vmstat", text, sizeof(text)) < 0)
		return -1;
	return proc_field(text, name, value);
}

/*
 * Print the line of /proc/self/maps whose VMA holds addr, or, with addr 0,
 * the one that ends in name. 0 if there is such a line, -1 if not.
 */
static int show_vma(unsigned long addr, const char *name)
{
	const char *line = text, *nl;
	unsigned long start, end;
	char out[160], *p;
	size_t n;

	if (read_file("/proc/self/maps", text, sizeof(text)) < 0) {
		printf("        /proc/self/maps: %s\n", strerror(errno));
		return -1;
	}
	for (; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		n = nl ? (size_t)(nl - line) : strlen(line);
		n = n < sizeof(out) - 1 ? n : sizeof(out) - 1;
		memcpy(out, line, n);
		out[n] = '\0';
		start = strtoul(out, &p, 16);
		end = strtoul(p + 1, NULL, 16);
		if (addr ? start <= addr && addr < end :
			   n >= strlen(name) &&
				    !strcmp(out + n - strlen(name), name)) {
			printf("        maps: %s\n", out);
			return 0;
		}
		if (!nl)
			break;
	}
	return -1;
}

/*
 * How many of the pages at [addr, addr + pages * PAGE_SIZE) have a frame,
 * by mincore. Exact on any kernel, where Linux 6.1's VmRSS is not: it
 * counts faults in a per-thread cache that reaches the process's figure
 * only every 64 faults (SPLIT_RSS_COUNTING).
 */
static int resident_pages(void *addr, int pages)
{
	unsigned char vec[64];
	int n = 0;

	if (pages > (int)sizeof(vec) ||
	    mincore(addr, (size_t)pages * PAGE_SIZE, vec) < 0)
		return -1;
	for (int i = 0; i < pages; i++)
		n += vec[i] & 1;
	return n;
}

/*
 * The frame behind the page at addr, from /proc/self/pagemap: 1 and *pfn
 * if a frame is mapped there, 0 if none, -1 if pagemap cannot be read.
 */
static int page_frame(unsigned long addr, unsigned long long *pfn)
{
	unsigned long long entry;
	int fd = open("/proc/self/pagemap", O_RDONLY);
	off_t where = (off_t)(addr / PAGE_SIZE * PM_ENTRY_BYTES);

	if (fd < 0)
		return -1;
	if (lseek(fd, where, SEEK_SET) != where ||
	    read(fd, &entry, sizeof(entry)) != sizeof(entry)) {
		close(fd);
		return -1;
	}
	close(fd);
	*pfn = entry & PM_PFN_MASK;
	return (entry & PM_PRESENT) != 0;
}

/*
 * Say so when VmRSS grew by less than the pages touched: on Linux 6.1 a
 * thread's faults reach the process's VmRSS only every 64 faults (the
 * per-thread cache of SPLIT_RSS_COUNTING), so it lags; mincore does not.
 */
static void note_rss_lag(unsigned long grew_kb, unsigned long touched_kb)
{
	if (grew_kb != touched_kb)
		printf("        VmRSS grew by %lu kB for %lu kB touched: this "
		       "kernel updates it\n"
		       "        lazily (Linux 6.1: every 64 faults). The "
		       "resident count is exact.\n",
		       grew_kb, touched_kb);
}

/* --- brk ------------------------------------------------------------- */

static void show_brk_state(const char *what)
{
	printf("%-22s break %08lx  VmRSS %5lu kB  VmData %5lu kB\n", what,
	       (unsigned long)sbrk(0), status_kb("VmRSS"), status_kb("VmData"));
}

static void demo_brk(void)
{
	unsigned long data, data2, rss;
	char *heap;

	printf("== brk: the heap grows and shrinks with the program break ==\n"
	       "The heap is one VMA, [heap] in maps, from the end of the\n"
	       "program's data to the program break: brk moves its end.\n");
	show_brk_state("start:");
	if (show_vma(0, "[heap]") < 0)
		printf("        no [heap] line in maps: the heap is empty\n");
	data = status_kb("VmData");

	heap = sbrk(BRK_PAGES * PAGE_SIZE);
	if (heap == (void *)-1) {
		printf("memdemo: sbrk: %s\n", strerror(errno));
		failures++;
		return;
	}
	show_brk_state("sbrk(+32 kB):");
	show_vma(0, "[heap]");
	data2 = status_kb("VmData");
	printf("        VmData grew by %lu kB: the VMA. Pages with a frame: "
	       "%d of %d.\n",
	       data2 - data, resident_pages(heap, BRK_PAGES), BRK_PAGES);
	expect(data2 - data == KB(BRK_PAGES * PAGE_SIZE),
	       "VmData did not grow by the size given to sbrk");
	expect(resident_pages(heap, BRK_PAGES) == 0,
	       "the new heap had frames before it was touched");

	rss = status_kb("VmRSS");
	for (int i = 0; i < BRK_PAGES; i++)
		heap[i * PAGE_SIZE] = 1;
	show_brk_state("touch each page:");
	printf("        Each first touch faulted in a zeroed frame: %d of %d "
	       "pages have one.\n",
	       resident_pages(heap, BRK_PAGES), BRK_PAGES);
	note_rss_lag(status_kb("VmRSS") - rss, KB(BRK_PAGES * PAGE_SIZE));
	expect(resident_pages(heap, BRK_PAGES) == BRK_PAGES,
	       "a touched heap page has no frame");

	sbrk(-BRK_PAGES * PAGE_SIZE);
	show_brk_state("sbrk(-32 kB):");
	printf("        The VMA shrank back; its frames went back to the "
	       "kernel.\n\n");
	expect(status_kb("VmData") == data, "VmData did not shrink back");
}

/* --- lazy ------------------------------------------------------------ */

static void demo_lazy(void)
{
	unsigned long rss, now, before, zero0 = 0, zero1 = 0;
	int have_zero, resident;
	char *p;

	printf("== lazy: mmap gives addresses; frames come at the first touch "
	       "==\n");
	rss = status_kb("VmRSS");
	p = mmap(NULL, LAZY_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		printf("memdemo: mmap: %s\n", strerror(errno));
		failures++;
		return;
	}
	now = status_kb("VmRSS");
	printf("mmap of %d pages (%d kB) at %08lx: VmRSS %lu kB (+%lu kB)\n",
	       LAZY_PAGES, KB(LAZY_PAGES * PAGE_SIZE), (unsigned long)p, now,
	       now - rss);
	show_vma((unsigned long)p, "");
	printf("        A new VMA, and no frame in it: %d of %d pages "
	       "resident.\n",
	       resident_pages(p, LAZY_PAGES), LAZY_PAGES);
	expect(resident_pages(p, LAZY_PAGES) == 0, "frames came with mmap");

	have_zero = vmstat("zero_fill", &zero0) == 0;
	for (int i = 0; i < LAZY_PAGES; i++) {
		before = status_kb("VmRSS");
		p[i * PAGE_SIZE] = 1;
		now = status_kb("VmRSS");
		resident = resident_pages(p, LAZY_PAGES);
		printf("touch page %d:          VmRSS %lu kB (+%lu kB), %d of %d "
		       "pages resident\n",
		       i + 1, now, now - before, resident, LAZY_PAGES);
		expect(resident == i + 1,
		       "a first touch did not bring exactly one frame");
	}
	note_rss_lag(now - rss, KB(LAZY_PAGES * PAGE_SIZE));
	before = status_kb("VmRSS");
	p[0] = 2;
	now = status_kb("VmRSS");
	printf("touch page 1 again:    VmRSS %lu kB (+%lu kB): its frame is "
	       "there already\n",
	       now, now - before);
	if (have_zero && vmstat("zero_fill", &zero1) == 0)
		printf("        The kernel counted %lu zero-fill faults "
		       "(zero_fill in /proc/vmstat).\n",
		       zero1 - zero0);

	munmap(p, LAZY_PAGES * PAGE_SIZE);
	printf("munmap:                VmRSS %lu kB: the frames are free "
	       "again\n\n",
	       status_kb("VmRSS"));
}

/* --- cow ------------------------------------------------------------- */

/* What the child found, for the parent to check: in a shared page. */
struct cow_report {
	int pagemap; /* page_frame() worked */
	unsigned long long pfn_shared, pfn_copy;
	char seen; /* the byte the child read before writing */
};

static void cow_child(volatile char *page, struct cow_report *r)
{
	unsigned long copy0 = 0, copy1 = 0;
	int have_copy;

	r->seen = *page;
	r->pagemap = page_frame((unsigned long)page, &r->pfn_shared) == 1;
	printf("child:  VmRSS %lu kB: the parent's frames, now shared\n",
	       status_kb("VmRSS"));
	if (r->pagemap)
		printf("child:  the page holds '%c', in frame pfn %llx: the "
		       "parent's frame\n",
		       r->seen, r->pfn_shared);
	have_copy = vmstat("cow_copy", &copy0) == 0;
	*page = 'C';
	have_copy = have_copy && vmstat("cow_copy", &copy1) == 0;
	printf("child:  wrote 'C': a write fault on a read-only COW page\n");
	r->pagemap = r->pagemap &&
		     page_frame((unsigned long)page, &r->pfn_copy) == 1;
	if (r->pagemap)
		printf("child:  the page is now in pfn %llx: a copy of its "
		       "own\n",
		       r->pfn_copy);
	if (have_copy)
		printf("child:  cow_copy went up by %lu\n", copy1 - copy0);
}

static void demo_cow(void)
{
	unsigned long long pfn, pfn_after;
	unsigned long reuse0 = 0, reuse1 = 0;
	struct cow_report *r;
	volatile char *page;
	int have_pfn, have_reuse, status;
	pid_t pid;

	printf("== cow: fork shares every frame; a write makes a copy ==\n");
	page = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	r = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED || r == MAP_FAILED) {
		printf("memdemo: mmap: %s\n", strerror(errno));
		failures++;
		return;
	}
	*page = 'P';
	have_pfn = page_frame((unsigned long)page, &pfn) == 1;
	if (have_pfn)
		printf("parent: page %08lx holds 'P', in frame pfn %llx\n",
		       (unsigned long)page, pfn);
	else
		printf("parent: pagemap not available (%s): no frame numbers\n",
		       strerror(errno));
	printf("parent: VmRSS %lu kB; fork()\n", status_kb("VmRSS"));

	pid = fork();
	if (pid < 0) {
		printf("memdemo: fork: %s\n", strerror(errno));
		failures++;
		return;
	}
	if (pid == 0) {
		cow_child(page, r);
		_exit(0);
	}
	waitpid(pid, &status, 0);

	printf("parent: the child has exited; the page holds '%c'\n", *page);
	expect(r->seen == 'P', "the child did not see the parent's data");
	expect(*page == 'P', "the child's write reached the parent");
	if (have_pfn && r->pagemap &&
	    page_frame((unsigned long)page, &pfn_after) == 1) {
		printf("parent: in pfn %llx: %s\n", pfn_after,
		       pfn_after == pfn ? "unchanged" : "changed!");
		expect(r->pfn_shared == pfn,
		       "after fork, the child's frame was not the parent's");
		expect(r->pfn_copy != pfn,
		       "after its write, the child still had the parent's "
		       "frame");
		expect(pfn_after == pfn,
		       "the parent's frame changed when the child wrote");
	}

	have_reuse = vmstat("cow_reuse", &reuse0) == 0;
	*page = 'p';
	have_reuse = have_reuse && vmstat("cow_reuse", &reuse1) == 0;
	printf("parent: wrote 'p': still read-only since the fork, so a "
	       "fault;\n"
	       "        no one else maps the frame now: kept, not copied\n");
	if (have_pfn && page_frame((unsigned long)page, &pfn_after) == 1) {
		printf("parent: in pfn %llx: %s\n", pfn_after,
		       pfn_after == pfn ? "the same frame" : "a new frame!");
		expect(pfn_after == pfn, "the last user's write copied");
	}
	if (have_reuse)
		printf("parent: cow_reuse went up by %lu\n", reuse1 - reuse0);
	printf("\n");
	munmap((void *)page, PAGE_SIZE);
	munmap(r, PAGE_SIZE);
}

/* --- segv ------------------------------------------------------------ */

/* Run fn in a child; say how it ended, and explain the error code. */
static void segv_child(void (*fn)(void), unsigned int error_code)
{
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		printf("memdemo: fork: %s\n", strerror(errno));
		failures++;
		return;
	}
	if (pid == 0) {
		fn();
		_exit(0); /* not reached: fn faults */
	}
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status))
		printf("parent: child %d was killed by signal %d%s\n", pid,
		       WTERMSIG(status),
		       WTERMSIG(status) == SIGSEGV ? " (SIGSEGV)" : "");
	else
		printf("parent: child %d exited with status %d\n", pid,
		       WEXITSTATUS(status));
	expect(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	       "the child was not killed by SIGSEGV");
	printf("        The kernel's console line \"memdemo[%d]: segfault at "
	       "...\"\n"
	       "        ends in \"error %u\": %s mode, %s, %s.\n",
	       pid, error_code, error_code & PF_USER ? "user" : "kernel",
	       error_code & PF_WRITE ? "a write" : "a read",
	       error_code & PF_PROT ? "the page is present: a protection "
				      "violation" :
				      "no page is present");
}

static void read_unmapped(void)
{
	/* The pointer is volatile too: gcc would reject a known address. */
	volatile char *volatile unmapped = (volatile char *)UNMAPPED_ADDR;

	printf("child:  reads address %08lx, which no VMA holds\n",
	       UNMAPPED_ADDR);
	(void)*unmapped;
}

static volatile char *read_only_page;

static void write_read_only(void)
{
	printf("child:  reads the PROT_READ page at %08lx (it is mapped "
	       "now),\n"
	       "        then writes to it\n",
	       (unsigned long)read_only_page);
	(void)*read_only_page;
	*read_only_page = 1;
}

static void demo_segv(void)
{
	printf("== segv: an access no VMA allows ==\n");
	segv_child(read_unmapped, PF_USER);

	read_only_page = mmap(NULL, PAGE_SIZE, PROT_READ,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (read_only_page == MAP_FAILED) {
		printf("memdemo: mmap: %s\n", strerror(errno));
		failures++;
		return;
	}
	segv_child(write_read_only, PF_USER | PF_WRITE | PF_PROT);
	munmap((void *)read_only_page, PAGE_SIZE);
	printf("\n");
}

static const struct {
	const char *name;
	void (*run)(void);
} steps[] = {
	{ "brk", demo_brk },
	{ "lazy", demo_lazy },
	{ "cow", demo_cow },
	{ "segv", demo_segv },
};

#define NR_STEPS (int)(sizeof(steps) / sizeof(steps[0]))

int main(int argc, char **argv, char **envp)
{
	const char *which = argc > 1 ? argv[1] : "all";
	int ran = 0;

	/* Give the buffer its frames now, once: a step's figures should
	 * show what the step did, not memdemo's first use of its buffer. */
	memset(text, 0, sizeof(text));
	if (argc > 2)
		which = "";
	for (int i = 0; i < NR_STEPS; i++) {
		if (!strcmp(which, "all") || !strcmp(which, steps[i].name)) {
			steps[i].run();
			ran++;
		}
	}
	if (!ran) {
		dprintf(2, "usage: memdemo [brk|lazy|cow|segv|all]\n");
		return 2;
	}
	if (failures)
		printf("memdemo: %d unexpected result%s\n", failures,
		       failures > 1 ? "s" : "");
	return failures ? 1 : 0;
}
